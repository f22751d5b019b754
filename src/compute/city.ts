/**
 * The city's year: every direction's counts and the totals over all
 * indicators of the year, with the result line made by the same function
 * and Russian grammar as a direction's. Pure: no I/O, no template.
 */
import Big from 'big.js';
import type { ComputedDirection, ComputedIndicator } from './direction.js';
import type { Status } from './execution.js';
import { formatDecimalString, formatNumber, NBSP, NO_DATA } from './format.js';
import { countInWords, resultLine, type Tally } from './resultLine.js';

/** One direction's line of the city summary. */
export interface DirectionTotals {
  id: string;
  name: string;
  responsible: { position: string; name: string };
  achieved: number;
  missed: number;
  pending: number;
  total: number;
  /** Share of the direction's indicators whose plan was reached, in percent to one decimal ('83.3'); null when every fact is pending. */
  share: string | null;
  /** '83,3 %' (U+00A0 before %), or 'н/д' when every fact is pending. */
  shareText: string;
  /**
   * How the direction stands: 'missed' when an indicator missed its plan,
   * 'pending' when every fact is pending, else 'achieved' (no plan missed;
   * some facts may still be pending).
   */
  status: Status;
  /** The indicators whose plan was missed, in the direction's order: the summary lists them. */
  missedIndicators: ComputedIndicator[];
}

export interface CityTotals {
  year: number;
  directions: DirectionTotals[];
  /** All indicators of the year. */
  tally: Tally;
  missed: number;
  /** The generated line over all indicators (a direction's hand-written summary: does not replace it). */
  resultLine: string;
  /** The latest report.date of the year's directions (YYYY-MM-DD): the summary's date. */
  date: string;
}

/**
 * The missed and pending indicators of the year in figures and words:
 * «Плановые значения не достигнуты по 3 (трём) показателям из 27; данные
 * ожидаются по 2 (двум) показателям.»
 */
export function cityCountsLine(city: Pick<CityTotals, 'missed' | 'tally'>): string {
  const { total, pending } = city.tally;
  const missed =
    city.missed > 0
      ? `Плановые значения не достигнуты по ${countInWords(city.missed, 'dative')} из ${formatNumber(total)}`
      : 'Недостигнутых плановых значений нет';
  return pending > 0 ? `${missed}; данные ожидаются по ${countInWords(pending, 'dative')}.` : `${missed}.`;
}

/** Shares are rounded half up to one decimal, as a direction's default precision: 5 of 6 → 83,3 %. */
const SHARE_PRECISION = 1;

export function directionTotals(d: ComputedDirection): DirectionTotals {
  const { achieved, pending, total } = d.tally;
  const missed = total - achieved - pending;
  const share =
    pending === total
      ? null
      : new Big(achieved).times(100).div(total).round(SHARE_PRECISION, Big.roundHalfUp).toFixed(SHARE_PRECISION);
  const { id, name, responsible } = d.content.direction;
  return {
    id,
    name,
    responsible: { position: responsible.position, name: responsible.name },
    achieved,
    missed,
    pending,
    total,
    share,
    shareText: share === null ? NO_DATA : `${formatDecimalString(share)}${NBSP}%`,
    status: missed > 0 ? 'missed' : pending === total ? 'pending' : 'achieved',
    missedIndicators: d.indicators.filter((i) => i.status === 'missed'),
  };
}

/**
 * The Strategy's order: by `direction.order`, directions without it after
 * the numbered ones, ties and the rest by id (code-unit order: the same on
 * every machine).
 */
function strategyOrder(a: ComputedDirection, b: ComputedDirection): number {
  const oa = a.content.direction.order ?? Number.POSITIVE_INFINITY;
  const ob = b.content.direction.order ?? Number.POSITIVE_INFINITY;
  if (oa !== ob) return oa < ob ? -1 : 1;
  const [ia, ib] = [a.content.direction.id, b.content.direction.id];
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Directions of one year, in the Strategy's order (strategyOrder): the table's and the chart's order. */
export function computeCity(unordered: readonly ComputedDirection[]): CityTotals {
  const directions = [...unordered].sort(strategyOrder);
  if (directions.length === 0) throw new RangeError('a city summary needs at least one direction');
  const year = directions[0]!.content.report.year;
  const other = directions.find((d) => d.content.report.year !== year);
  if (other)
    throw new RangeError(
      `directions of different years: ${year} and ${other.content.report.year} (${other.content.direction.id})`,
    );
  const rows = directions.map(directionTotals);
  const sum = (key: 'achieved' | 'missed' | 'pending' | 'total') => rows.reduce((s, r) => s + r[key], 0);
  const tally: Tally = { year, total: sum('total'), achieved: sum('achieved'), pending: sum('pending') };
  // ISO dates compare as strings.
  // biome-ignore lint/complexity/useMathMinMax: the dates are strings, Math.max would give NaN
  const date = directions.map((d) => d.content.report.date).reduce((a, b) => (b > a ? b : a));
  return { year, directions: rows, tally, missed: sum('missed'), resultLine: resultLine(tally), date };
}
