/**
 * Column widths of the indicator table: the figure columns widen so their
 * header («План 2023 год», «Исполнение %») and values stay on one line, the
 * name column gives up the room but keeps its minimum share.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { textWidthPt } from '../../src/layout/measure.js';
import type { TableBox } from '../../src/layout/model.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { oneLineColumns } from '../../src/layout/table.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const FILES = [
  'tests/fixtures/workspace/content/2023/economy.yaml',
  'tests/fixtures/workspace/content/2023/human-capital.yaml',
  'tests/fixtures/workspace/content/2023/institutional-environment.yaml',
  'tests/fixtures/workspace/content/2023/urban-environment.yaml',
  'tests/fixtures/directions/sixteen-indicators.yaml',
  'tests/fixtures/reverse-and-zero/direction.yaml',
];

describe.each(FILES)('the indicator table of %s', (file) => {
  it('has every header and every figure on one line, the name column the widest', async () => {
    const checked = await checkFile(file, { cwd: REPO });
    const deck = layoutDeck(checked.computed!, checked.template!.template);
    const tables = deck.slides.flatMap((s) => s.boxes.filter((b): b is TableBox => b.type === 'table'));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      for (const row of table.rows)
        for (const cell of row.slice(1)) expect(cell.lines.length, cell.text).toBeLessThanOrEqual(1);
      expect(table.rows[0]!.map((c) => c.lines.length)).toEqual([1, 1, 1, 1]);
      expect(table.columns[0]!).toBeGreaterThan(0.45 * table.w - 1e-6);
      expect(table.columns.reduce((s, w) => s + w, 0)).toBeCloseTo(table.w, 6);
    }
  });
});

describe('oneLineColumns', () => {
  const texts = [
    [{ text: 'Показатели' }, { text: 'План 2023\u00a0год', bold: true }, { text: 'Исполнение\u00a0%', bold: true }],
    [{ text: 'длинное название' }, { text: '72' }, { text: '111,7\u00a0%', bold: true }],
  ];
  it('widens a column to its widest text and takes the room from the first', () => {
    const cols = oneLineColumns([0.8, 0.1, 0.1], { columns: [1, 2], donor: 0, minShare: 0.45 }, 600, texts, 16);
    const need = textWidthPt('План 2023\u00a0год', { sizePt: 16, bold: true });
    expect(cols[1]!).toBeGreaterThan(need);
    expect(cols[0]! + cols[1]! + cols[2]!).toBeCloseTo(600, 6);
    expect(cols[0]!).toBeLessThan(480);
  });
  it('keeps a share that is wide enough already, and columns not asked for', () => {
    expect(oneLineColumns([0.4, 0.3, 0.3], { columns: [1, 2], donor: 0, minShare: 0.45 }, 600, texts, 16)).toEqual([
      240, 180, 180,
    ]);
    expect(oneLineColumns([0.8, 0.1, 0.1], { columns: [], donor: 0, minShare: 0.45 }, 600, texts, 16)).toEqual([
      480, 60, 60,
    ]);
  });
  it('takes the room from the donor column, leaving the others as they are', () => {
    const cols = oneLineColumns([0.3, 0.5, 0.2], { columns: [2], donor: 1, minShare: 0.2 }, 300, texts, 16);
    expect(cols[0]!).toBeCloseTo(90, 6);
    expect(cols[2]!).toBeGreaterThan(textWidthPt('Исполнение\u00a0%', { sizePt: 16, bold: true }));
    expect(cols[1]!).toBeCloseTo(300 - 90 - cols[2]!, 6);
  });
  it('never leaves the first column less than 45 % of the width', () => {
    const cols = oneLineColumns([0.5, 0.25, 0.25], { columns: [1, 2], donor: 0, minShare: 0.45 }, 300, texts, 40);
    expect(cols[0]!).toBeCloseTo(135, 6);
    expect(cols[1]! + cols[2]!).toBeCloseTo(165, 6);
  });
});
