/**
 * The alternative text of an execution chart, read from its bars: what a
 * screen reader says instead of the picture, and what the tagged PDF and the
 * published page give as the figure's Alt, after the template's label
 * («Исполнение шести показателей: пять выполнены на 100 % и более, один
 * (№ 45) — на 98,0 %.»).
 *
 * Counts are words agreeing with «показатель» (numeralize-ru, as the result
 * line): «двадцати одного показателя», «двадцать один выполнен», «два
 * выполнены».
 */
import { Case, Gender, numeralize } from 'numeralize-ru';
import { plural } from '../compute/plural.js';
import type { ExecutionBar } from './model.js';

/** «показатель» after a cardinal n in the genitive: «одного показателя», «шести показателей». */
function indicatorsGenitive(n: number): string {
  return `${numeralize(n, Gender.Masculine, Case.Genitive)} ${plural(n, 'показателя', 'показателей', 'показателей')}`;
}

/** The participle after a cardinal standing for «показатель»: «один выполнен», «пять выполнены». */
const agreed = (n: number, singular: string, plurals: string) => plural(n, singular, plurals, plurals);

const nominative = (n: number) => numeralize(n, Gender.Masculine, Case.Nominative);

/** «№ 45 — 98,0 %»: a bar's label and value, or that it has no percentage. */
function barValue(b: ExecutionBar): string {
  return b.value === null ? `${b.label} — без процента исполнения` : `${b.label} — ${b.display}`;
}

/**
 * One chart of a direction's indicators: how many, how many met the plan,
 * which did not and by how much, how many still wait for data.
 */
export function executionChartAlt(bars: readonly ExecutionBar[]): string {
  const n = bars.length;
  if (n === 0) return 'Показателей нет.';
  const achieved = bars.filter((b) => b.status === 'achieved');
  const missed = bars.filter((b) => b.status === 'missed');
  const pending = bars.filter((b) => b.status === 'pending');
  const parts: string[] = [];
  if (achieved.length === n)
    parts.push(n === 1 ? `выполнен: ${barValue(achieved[0]!)}` : 'все выполнены на 100 % и более');
  else if (achieved.length > 0)
    parts.push(`${nominative(achieved.length)} ${agreed(achieved.length, 'выполнен', 'выполнены')} на 100 % и более`);
  if (missed.length === 1) {
    const b = missed[0]!;
    const prefix = n === 1 ? 'не выполнен' : `один (${b.label}) —`;
    parts.push(b.value === null ? `${prefix} не выполнен, процент не вычисляется` : `${prefix} на ${b.display}`);
  } else if (missed.length > 1) {
    parts.push(`${nominative(missed.length)} не выполнены: ${missed.map(barValue).join(', ')}`);
  }
  if (pending.length > 0)
    parts.push(
      pending.length === n
        ? 'данные по всем ожидаются'
        : `по ${numeralize(pending.length, Gender.Masculine, Case.Dative)} (${pending.map((b) => b.label).join(', ')}) данные ожидаются`,
    );
  if (n === 1 && pending.length === 1) parts.splice(0, parts.length, 'данные ожидаются');
  // Commas between the parts, semicolons once a part lists indicators after a colon.
  const separator = parts.some((p) => p.includes(':')) ? '; ' : ', ';
  return `Исполнение ${indicatorsGenitive(n)}: ${parts.join(separator)}.`;
}

/** The summary chart: each direction's share of indicators that met the plan. */
export function summaryChartAlt(bars: readonly ExecutionBar[]): string {
  const n = bars.length;
  const noun = plural(n, 'направлению', 'направлениям', 'направлениям');
  const each = bars.map((b) => (b.value === null ? `«${b.label}» — данные ожидаются` : `«${b.label}» — ${b.display}`));
  const count = numeralize(n, Gender.Neuter, Case.Dative);
  return `Доля показателей, плановые значения которых достигнуты, по ${count} ${noun}: ${each.join('; ')}.`;
}
