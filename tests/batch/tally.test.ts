/** The closing line and the progress text: plain functions of the counts. */
import { describe, expect, it } from 'vitest';
import { closingLine, emptyTally, formatDuration, progressText, type Tally } from '../../src/batch/tally.js';

const tally = (t: Partial<Tally>): Tally => ({ ...emptyTally(), ...t });

describe('formatDuration', () => {
  it.each([
    [0, '0,0 с'],
    [420, '0,4 с'],
    [449, '0,4 с'],
    [450, '0,5 с'],
    [-5, '0,0 с'],
    [4_200, '4,2 с'],
    [12_000, '12,0 с'],
    [59_940, '59,9 с'],
    [59_960, '1 мин 0 с'],
    [125_400, '2 мин 5 с'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('closingLine', () => {
  it.each([
    [
      tally({ built: 3, unchanged: 17, failed: 1, warnings: 2 }),
      4_200,
      false,
      'Собрано: 3, без изменений: 17, с ошибками: 1, предупреждений: 2 — 4,2 с',
    ],
    [tally({}), 100, false, 'Собрано: 0, без изменений: 0, с ошибками: 0, предупреждений: 0 — 0,1 с'],
    [
      tally({ built: 2, pdfWritten: 2 }),
      9_000,
      true,
      'Собрано: 2, без изменений: 0, с ошибками: 0, предупреждений: 0, PDF записано: 2 — 9,0 с',
    ],
    [
      tally({ built: 1, unchanged: 1, pdfWritten: 1, pdfFailed: 1 }),
      9_000,
      true,
      'Собрано: 1, без изменений: 1, с ошибками: 0, предупреждений: 0, PDF записано: 1, PDF с ошибками: 1 — 9,0 с',
    ],
  ])('%o', (t, ms, pdf, line) => expect(closingLine(t, ms, pdf)).toBe(line));
});

describe('progressText', () => {
  it('a bar of done/total and the counts', () => {
    expect(progressText(tally({ built: 1, unchanged: 2, failed: 1 }), 8, 200)).toBe(
      `Сборка ${'█'.repeat(10)}${'░'.repeat(10)} 4/8 · собрано 1, без изменений 2, с ошибками 1`,
    );
  });

  it('failures are mentioned only once there are some', () => {
    expect(progressText(tally({ built: 2 }), 2, 200)).toBe(`Сборка ${'█'.repeat(20)} 2/2 · собрано 2, без изменений 0`);
  });

  it('cut to one character less than the terminal, so it never wraps', () => {
    const text = progressText(tally({ built: 1 }), 3, 30);
    expect([...text]).toHaveLength(29);
    expect(text.startsWith('Сборка ')).toBe(true);
  });
});
