/** The charts' alternative text: counts in words agreeing with «показатель», every missed bar named. */
import { describe, expect, it } from 'vitest';
import { executionChartAlt, summaryChartAlt } from '../../src/layout/chartAlt.js';
import type { ExecutionBar } from '../../src/layout/model.js';

const bar = (label: string, status: ExecutionBar['status'], value: number | null, display: string): ExecutionBar => ({
  label,
  status,
  value,
  display,
});
const met = (n: number) => Array.from({ length: n }, (_, i) => bar(`№ ${i + 1}`, 'achieved', 104, '104,0 %'));

describe('executionChartAlt', () => {
  it('reads the issue’s example: five met, one at 98,0 %', () => {
    expect(executionChartAlt([...met(5), bar('№ 45', 'missed', 98, '98,0 %')])).toBe(
      'Исполнение шести показателей: пять выполнены на 100 % и более, один (№ 45) — на 98,0 %.',
    );
  });

  it('agrees the participle and the noun with the numeral', () => {
    expect(executionChartAlt([...met(21), bar('№ 30', 'missed', 50, '50,0 %')])).toBe(
      'Исполнение двадцати двух показателей: двадцать один выполнен на 100 % и более, один (№ 30) — на 50,0 %.',
    );
    expect(executionChartAlt(met(21))).toBe('Исполнение двадцати одного показателя: все выполнены на 100 % и более.');
    expect(executionChartAlt(met(11).concat(bar('№ 12', 'pending', null, 'н/д')))).toBe(
      'Исполнение двенадцати показателей: одиннадцать выполнены на 100 % и более, по одному (№ 12) данные ожидаются.',
    );
  });

  it('names every missed indicator and one without a percentage', () => {
    expect(
      executionChartAlt([
        ...met(2),
        bar('№ 3', 'missed', 71.2, '71,2 %'),
        bar('№ 4', 'missed', null, '—'),
        bar('№ 5', 'pending', null, 'н/д'),
        bar('№ 6', 'pending', null, 'н/д'),
      ]),
    ).toBe(
      'Исполнение шести показателей: два выполнены на 100 % и более; два не выполнены: № 3 — 71,2 %, № 4 — без процента исполнения; по двум (№ 5, № 6) данные ожидаются.',
    );
  });

  it('speaks of a single indicator as one', () => {
    expect(executionChartAlt([bar('№ 1', 'achieved', 111.7, '111,7 %')])).toBe(
      'Исполнение одного показателя: выполнен: № 1 — 111,7 %.',
    );
    expect(executionChartAlt([bar('№ 1', 'missed', 90, '90,0 %')])).toBe(
      'Исполнение одного показателя: не выполнен на 90,0 %.',
    );
    expect(executionChartAlt([bar('№ 1', 'pending', null, 'н/д')])).toBe(
      'Исполнение одного показателя: данные ожидаются.',
    );
  });
});

describe('summaryChartAlt', () => {
  it('gives each direction’s share, the count agreeing', () => {
    expect(summaryChartAlt([bar('Экономика', 'achieved', 100, '100 %'), bar('Город', 'missed', 75, '75 %')])).toBe(
      'Доля показателей, плановые значения которых достигнуты, по двум направлениям: «Экономика» — 100 %; «Город» — 75 %.',
    );
    expect(summaryChartAlt([bar('Экономика', 'pending', null, 'н/д')])).toBe(
      'Доля показателей, плановые значения которых достигнуты, по одному направлению: «Экономика» — данные ожидаются.',
    );
  });
});
