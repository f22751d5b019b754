/** The part of a figure after its units digit, which decimal alignment lines up (src/layout/decimals.ts). */
import { describe, expect, it } from 'vitest';
import { decimalInsets, decimalTail } from '../../src/layout/decimals.js';
import { textWidthPt } from '../../src/layout/measure.js';

describe('decimalTail', () => {
  it.each([
    ['80,4', ',4'],
    ['0,45', ',45'],
    ['72', ''],
    ['1\u00a0234,56', ',56'],
    ['111,7\u00a0%', ',7\u00a0%'],
    ['100\u00a0%', '\u00a0%'],
    ['101,16\u00a0%*', ',16\u00a0%*'],
    ['—*', ''],
    ['н/д', ''],
    ['', ''],
  ])('%j → %j', (text, tail) => {
    expect(decimalTail(text)).toBe(tail);
  });
});

describe('decimalInsets', () => {
  it('insets each figure by what its tail lacks against the widest, none for an empty cell', () => {
    const font = { sizePt: 16, bold: false };
    const insets = decimalInsets([{ text: '95' }, { text: '0,45' }, { text: '48,5' }, { text: '' }], 16);
    expect(insets[1]).toBe(0);
    expect(insets[0]).toBeCloseTo(textWidthPt(',45', font), 6);
    expect(insets[2]).toBeCloseTo(textWidthPt(',45', font) - textWidthPt(',5', font), 6);
    expect(insets[3]).toBe(0);
  });
});
