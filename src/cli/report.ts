/** What `itogi check` prints for a valid file: the computed table and the result line. */
import type { ComputedDirection } from '../compute/direction.js';
import type { Status } from '../compute/execution.js';

const STATUS_WORDS: Record<Status, string> = {
  achieved: 'достигнуто',
  missed: 'не достигнуто',
  pending: 'данные ожидаются',
};

export function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function renderCheckReport(file: string, computed: ComputedDirection): string {
  const c = computed.content;
  const header = ['№', 'План', 'Факт', 'Исполнение', 'Статус'];
  const rows = computed.indicators.map((i) => [
    String(i.indicator.number),
    i.planText,
    i.factText,
    i.executionText,
    STATUS_WORDS[i.status],
  ]);
  return [
    `${file}: ${c.direction.name}, ${c.report.year} год — показателей: ${computed.tally.total}, достигнуто: ${computed.tally.achieved}`,
    ...table([header, ...rows], ['r', 'r', 'r', 'r', 'l']).map((l) => `  ${l}`),
    `  ${computed.resultLine}`,
    '',
  ].join('\n');
}
