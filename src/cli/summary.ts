/**
 * What `itogi check` prints for a year's city summary (the batch runner
 * builds the summary deck itself, as one more job).
 */
import type { CityTotals } from '../compute/city.js';
import { table } from './report.js';

/** What `check` prints for a year: the city line, each direction's counts, the totals, the city result line. */
export function renderCityReport(city: CityTotals): string {
  const header = ['№', 'Направление', 'Достигнуто', 'Не достигнуто', 'Ожидаются', 'Всего'];
  const rows = city.directions.map((d, i) => [
    String(i + 1),
    d.name,
    String(d.achieved),
    String(d.missed),
    String(d.pending),
    String(d.total),
  ]);
  const { achieved, pending, total } = city.tally;
  const totals = ['', 'Итого по городу', String(achieved), String(city.missed), String(pending), String(total)];
  return [
    `Итоги по городу, ${city.year} год — направлений: ${city.directions.length}, показателей: ${total}, достигнуто: ${achieved}, не достигнуто: ${city.missed}, данные ожидаются: ${pending}`,
    ...table([header, ...rows, totals], ['r', 'l', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`),
    `  ${city.resultLine}`,
    '',
  ].join('\n');
}
