/**
 * Footnotes of the indicator table: what a reader needs to read a row right.
 *
 * - `fact`: the content's `indicators.fact_footnote` («предварительные
 *   данные»), marked on the fact column's header;
 * - `lower`: a lower-is-better indicator, marked after its name (its
 *   percentage is plan / fact);
 * - `zero-plan` / `zero-fact`: no percentage because the divisor is 0 (plan
 *   0, or fact 0 of a lower-is-better indicator), marked after the «—» of the
 *   execution cell; the status comes from comparing fact with plan.
 *
 * Marks are asterisks numbered in the order above, among the kinds present
 * only: the seed, with just a fact footnote, keeps its single «*». Pure.
 */
import type { ComputedDirection, ComputedIndicator } from '../compute/direction.js';
import { zeroDivisorOf } from '../compute/notes.js';

export type FootnoteKind = 'fact' | 'lower' | 'zero-plan' | 'zero-fact';

const FOOTNOTE_ORDER: readonly FootnoteKind[] = ['fact', 'lower', 'zero-plan', 'zero-fact'];

export interface Footnote {
  /** `counts`: the city summary's line of missed and pending indicators under its table. */
  kind: FootnoteKind | 'counts';
  mark: string;
  /** As printed under the table: '<mark> <text>'. */
  line: string;
}

/** Footnote texts from the template (`lower`, `zero-*`) and the content (`fact`). */
export interface FootnoteTexts {
  fact?: string | undefined;
  lower: string;
  zeroPlan: string;
  zeroFact: string;
}

export interface TableFootnotes {
  /** Every footnote the table needs, in mark order. */
  footnotes: Footnote[];
  /** Mark after the fact column's header ('' without a fact footnote). */
  factMark: string;
  /** Mark after the indicator's name ('' unless lower-is-better). */
  nameMark(i: ComputedIndicator): string;
  /** Mark after the execution cell ('' unless its divisor is 0). */
  executionMark(i: ComputedIndicator): string;
  /** The footnotes a slide showing these rows needs: `fact` always, the others when a row carries their mark. */
  forRows(rows: readonly ComputedIndicator[]): Footnote[];
}

/** The row-level footnote kinds of one indicator. */
export function rowFootnoteKinds(i: ComputedIndicator): FootnoteKind[] {
  const kinds: FootnoteKind[] = [];
  if ((i.indicator.better ?? 'higher') === 'lower') kinds.push('lower');
  const zero = zeroDivisorOf(i);
  if (zero !== undefined) kinds.push(zero === 'plan' ? 'zero-plan' : 'zero-fact');
  return kinds;
}

export function tableFootnotes(computed: Pick<ComputedDirection, 'indicators'>, texts: FootnoteTexts): TableFootnotes {
  const present = new Set<FootnoteKind>(computed.indicators.flatMap(rowFootnoteKinds));
  if (texts.fact !== undefined) present.add('fact');
  const text: Record<FootnoteKind, string | undefined> = {
    fact: texts.fact,
    lower: texts.lower,
    'zero-plan': texts.zeroPlan,
    'zero-fact': texts.zeroFact,
  };
  const footnotes: Footnote[] = FOOTNOTE_ORDER.filter((k) => present.has(k)).map((kind, n) => {
    const mark = '*'.repeat(n + 1);
    return { kind, mark, line: `${mark} ${text[kind]!}` };
  });
  const markOf = (kind: FootnoteKind) => footnotes.find((f) => f.kind === kind)?.mark ?? '';
  return {
    footnotes,
    factMark: markOf('fact'),
    nameMark: (i) => (rowFootnoteKinds(i).includes('lower') ? markOf('lower') : ''),
    executionMark: (i) => {
      const zero = rowFootnoteKinds(i).find((k) => k === 'zero-plan' || k === 'zero-fact');
      return zero === undefined ? '' : markOf(zero);
    },
    forRows: (rows) => {
      const needed = new Set<Footnote['kind']>(['fact', ...rows.flatMap(rowFootnoteKinds)]);
      return footnotes.filter((f) => needed.has(f.kind));
    },
  };
}
