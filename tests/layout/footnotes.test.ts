/** Marks and footnotes of the indicator table: only what the rows need, numbered in a fixed order. */
import { describe, expect, it } from 'vitest';
import { computeIndicator, type ComputedIndicator } from '../../src/compute/direction.js';
import type { Indicator } from '../../src/content/schema.js';
import { rowFootnoteKinds, tableFootnotes } from '../../src/layout/footnotes.js';

const ind = (
  number: number,
  plan: number,
  fact: number | null,
  better: 'higher' | 'lower' = 'higher',
): ComputedIndicator =>
  computeIndicator(
    { number, name: `Показатель ${number}`, unit: 'ед.', plan, fact, better, precision: 1 } satisfies Indicator,
    0,
  );

const ORDINARY = ind(1, 10, 12);
const LOWER = ind(2, 10, 8, 'lower');
const ZERO_PLAN = ind(3, 0, 5);
const ZERO_FACT = ind(4, 3, 0, 'lower');
const PENDING = ind(5, 3, null);
const TEXTS = { lower: 'обратный', zeroPlan: 'план 0', zeroFact: 'факт 0' };

describe('rowFootnoteKinds', () => {
  it.each([
    [ORDINARY, []],
    [PENDING, []],
    [LOWER, ['lower']],
    [ZERO_PLAN, ['zero-plan']],
    [ZERO_FACT, ['lower', 'zero-fact']],
    [ind(6, 0, 4, 'lower'), ['lower']], // 0 / 4: a percentage, not a zero divisor
  ] as const)('%#', (row, kinds) => {
    expect(rowFootnoteKinds(row)).toEqual(kinds);
  });
});

describe('tableFootnotes', () => {
  // [case, rows, fact footnote, lines under the table, fact header mark, marks per row: [name, execution]]
  it.each([
    [
      'the seed: fact footnote only',
      [ORDINARY],
      'предварительные данные',
      ['* предварительные данные'],
      '*',
      [['', '']],
    ],
    [
      'nothing to explain',
      [ORDINARY, PENDING],
      undefined,
      [],
      '',
      [
        ['', ''],
        ['', ''],
      ],
    ],
    [
      'lower only',
      [ORDINARY, LOWER],
      undefined,
      ['* обратный'],
      '',
      [
        ['', ''],
        ['*', ''],
      ],
    ],
    ['fact and lower', [LOWER], 'оценка', ['* оценка', '** обратный'], '*', [['**', '']]],
    ['plan 0 only', [ZERO_PLAN], undefined, ['* план 0'], '', [['', '*']]],
    [
      'every kind',
      [ORDINARY, LOWER, ZERO_PLAN, ZERO_FACT],
      'оценка',
      ['* оценка', '** обратный', '*** план 0', '**** факт 0'],
      '*',
      [
        ['', ''],
        ['**', ''],
        ['', '***'],
        ['**', '****'],
      ],
    ],
    ['fact 0 without fact footnote', [ZERO_FACT], undefined, ['* обратный', '** факт 0'], '', [['*', '**']]],
  ] as const)('%s', (_name, rows, fact, lines, factMark, marks) => {
    const t = tableFootnotes({ indicators: [...rows] }, { ...TEXTS, fact });
    expect(t.footnotes.map((f) => f.line)).toEqual(lines);
    expect(t.factMark).toBe(factMark);
    expect(rows.map((r) => [t.nameMark(r), t.executionMark(r)])).toEqual(marks);
  });

  it('a slide lists the fact footnote and those its own rows carry', () => {
    const t = tableFootnotes({ indicators: [ORDINARY, LOWER, ZERO_PLAN] }, { ...TEXTS, fact: 'оценка' });
    expect(t.forRows([ORDINARY]).map((f) => f.line)).toEqual(['* оценка']);
    expect(t.forRows([ZERO_PLAN]).map((f) => f.line)).toEqual(['* оценка', '*** план 0']);
    expect(t.forRows([LOWER, ZERO_PLAN]).map((f) => f.kind)).toEqual(['fact', 'lower', 'zero-plan']);
    const noFact = tableFootnotes({ indicators: [ORDINARY, LOWER] }, TEXTS);
    expect(noFact.forRows([ORDINARY])).toEqual([]);
  });
});
