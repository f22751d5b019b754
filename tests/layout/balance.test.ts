/**
 * Balanced lines in titles and the result banner: the same number of lines,
 * of even length, in a box as narrow as they need (no «ПОКАЗАТЕЛЯМ.» alone on
 * a last line).
 */
import { describe, expect, it } from 'vitest';
import { fitted } from '../../src/layout/frame.js';
import { textWidthPt, wrapText } from '../../src/layout/measure.js';

const LINE = 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.';
const opts = { maxPt: 20, minPt: 20, bold: true };

describe('fitted with balance', () => {
  it('keeps the line count and evens the lines out in a narrower box', () => {
    // A box a little narrower than the line: only its last word wraps.
    const whole = fitted(LINE, 10_000, 3, opts);
    const box = textWidthPt(whole.text, { sizePt: 20, bold: true }) / 0.96 - 10;
    const plain = fitted(LINE, box, 3, opts);
    const even = fitted(LINE, box, 3, { ...opts, balance: true });
    expect(plain.lines).toHaveLength(2);
    const widths = (lines: string[]) => lines.map((l) => textWidthPt(l, { sizePt: 20, bold: true }));
    // Unbalanced: a short last line.
    expect(widths(plain.lines)[1]! / widths(plain.lines)[0]!).toBeLessThan(0.35);
    expect(even.lines).toHaveLength(2);
    expect(widths(even.lines)[1]! / widths(even.lines)[0]!).toBeGreaterThan(0.6);
    expect(even.widthPt).toBeLessThan(box * 0.75);
    expect(plain.widthPt).toBe(box);
    // The client wrapping in the narrower box (with the layout's slack) finds the same lines.
    expect(wrapText(even.text, even.widthPt * 0.96, { sizePt: 20, bold: true })).toEqual(even.lines);
    expect(even.lines.join(' ').replaceAll('\u00a0', ' ')).toBe(LINE);
  });

  it('leaves a one-line text and its box as they are', () => {
    const one = fitted('СПАСИБО ЗА ВНИМАНИЕ!', 700, 2, { ...opts, balance: true });
    expect(one.lines).toHaveLength(1);
    expect(one.widthPt).toBe(700);
  });
});
