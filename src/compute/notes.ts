/**
 * Speaker notes read aloud: the key figures of an indicator as Russian
 * sentences («Показатель 45 — удовлетворенность горожан…, % от числа опрошенных:
 * план 72 %, факт 80,4 %, исполнение 111,7 %.»),
 * and the result line as a sentence. Pure: the layout decides which slide
 * gets which notes.
 */
import type { ComputedDirection, ComputedIndicator } from './direction.js';
import type { Status } from './execution.js';

/** What the zero divisor of an indicator was: the plan (`higher`) or the fact (`lower`). */
export function zeroDivisorOf(i: ComputedIndicator): 'plan' | 'fact' | undefined {
  if (i.execution.kind !== 'zero-divisor') return undefined;
  return (i.indicator.better ?? 'higher') === 'lower' ? 'fact' : 'plan';
}

const REACHED: Record<Exclude<Status, 'pending'>, string> = {
  achieved: 'плановое значение достигнуто',
  missed: 'плановое значение не достигнуто',
};

/** A unit this short is said after each figure («48,5 млрд руб.»); a longer one once, after the name. */
const FIGURE_UNIT_MAX = 12;

/**
 * How the unit is said: after each figure (`figure`: « %», « ед.») and, when
 * there is more to it, once after the name (`named`: «% от числа опрошенных»).
 */
function spokenUnit(unit: string): { figure: string; named: string } {
  const u = unit.trim();
  if (u === '') return { figure: '', named: '' };
  if (u.startsWith('%')) return { figure: '\u00a0%', named: u === '%' ? '' : u };
  if (u.length <= FIGURE_UNIT_MAX) return { figure: `\u00a0${u}`, named: '' };
  return { figure: '', named: u };
}

/** The name inside a sentence: a capital first letter lowered unless it starts an abbreviation («ТОС»). */
function inSentence(name: string): string {
  const [first, second] = [...name];
  if (
    first === undefined ||
    (second !== undefined && second === second.toLocaleUpperCase('ru-RU') && /\p{L}/u.test(second))
  )
    return name;
  return first.toLocaleLowerCase('ru-RU') + name.slice(first.length);
}

/**
 * One indicator with its name and unit, e.g.
 * - «Показатель 45 — удовлетворенность горожан созданными условиями для участия в развитии города, % от числа опрошенных: план 72 %, факт 80,4 %, исполнение 111,7 %.»
 * - «Показатель 103 — уровень безработицы (обратный: чем меньше, тем лучше): план 58 %, факт 61,3 %, исполнение 94,6 %; плановое значение не достигнуто.»
 * - «Показатель 114 — число посещений, тыс. ед.: план 350, данные ожидаются.»
 * - «Показатель 7 — …: план 0 ед., факт 3 ед.; процент исполнения не вычисляется, так как план равен нулю; плановое значение достигнуто: факт не меньше плана.»
 */
export function indicatorNote(i: ComputedIndicator): string {
  const lower = (i.indicator.better ?? 'higher') === 'lower';
  const unit = spokenUnit(i.indicator.unit);
  const name = `${inSentence(i.indicator.name)}${unit.named ? `, ${unit.named}` : ''}`;
  const head = `Показатель ${i.indicator.number} — ${name}${lower ? ' (обратный: чем меньше, тем лучше)' : ''}:`;
  if (i.status === 'pending') return `${head} план ${i.planText}${unit.figure}, данные ожидаются.`;
  const figures = `план ${i.planText}${unit.figure}, факт ${i.factText}${unit.figure}`;
  const zero = zeroDivisorOf(i);
  if (zero !== undefined) {
    const comparison = lower
      ? i.status === 'achieved'
        ? 'факт не больше плана'
        : 'факт больше плана'
      : i.status === 'achieved'
        ? 'факт не меньше плана'
        : 'факт меньше плана';
    return `${head} ${figures}; процент исполнения не вычисляется, так как ${zero === 'plan' ? 'план' : 'факт'} равен нулю; ${REACHED[i.status]}: ${comparison}.`;
  }
  const missed = i.status === 'missed' ? `; ${REACHED.missed}` : '';
  return `${head} ${figures}, исполнение ${i.executionText}${missed}.`;
}

/**
 * The result line as it is said: the generated line (all capitals on the
 * slide) in sentence case — it holds no proper names; a hand-written
 * `summary:` exactly as written.
 */
export function spokenResultLine(c: Pick<ComputedDirection, 'resultLine' | 'generatedResultLine' | 'content'>): string {
  if (c.content.summary !== undefined) return c.resultLine;
  return spokenLine(c.generatedResultLine);
}

/** A generated line (all capitals, no proper names) in sentence case. */
export function spokenLine(upper: string): string {
  const lower = upper.toLocaleLowerCase('ru-RU');
  return lower.charAt(0).toLocaleUpperCase('ru-RU') + lower.slice(1);
}

/**
 * One slide's share of a chart split over several slides: «Показатели № 101–108:
 * достигнуто — 5, не достигнуто — 2, данные ожидаются — 1.» (only counts above 0).
 */
export function chartPageNote(indicators: readonly ComputedIndicator[]): string {
  if (indicators.length === 0) return '';
  const first = indicators[0]!.indicator.number;
  const last = indicators[indicators.length - 1]!.indicator.number;
  const range = indicators.length === 1 ? `Показатель № ${first}` : `Показатели № ${first}–${last}`;
  const count = (s: Status) => indicators.filter((i) => i.status === s).length;
  const parts = (
    [
      ['достигнуто', count('achieved')],
      ['не достигнуто', count('missed')],
      ['данные ожидаются', count('pending')],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${word} — ${n}`);
  return `${range}: ${parts.join(', ')}.`;
}
