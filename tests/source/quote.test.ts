/** src/source/quote.ts: quotes inside one-line messages, shortened by whole characters. */
import { describe, expect, it } from 'vitest';
import { oneLine, quotedSuggestion, quoteWritten, shorten } from '../../src/source/quote.js';

const FAMILY = '👨‍👩‍👧‍👦'; // 7 code points, 11 UTF-16 units, one character on screen
const ACCENT = 'е\u0301'; // е with a combining acute: one character, two code points

describe('shorten: by graphemes, never half a character', () => {
  it.each([
    ['short text stays', 'план', 10, 'план'],
    ['exactly the limit stays', 'абвгд', 5, 'абвгд'],
    ['one over is cut with …', 'абвгде', 5, 'абвг…'],
    ['emoji family is kept whole', FAMILY.repeat(10), 4, `${FAMILY.repeat(3)}…`],
    ['a letter with its accent is kept whole', ACCENT.repeat(10), 3, `${ACCENT.repeat(2)}…`],
    ['a flag (two regional indicators) is kept whole', '🇷🇺'.repeat(5), 3, '🇷🇺🇷🇺…'],
  ])('%s', (_, text, max, out) => {
    expect(shorten(text, max)).toBe(out);
    expect(shorten(text, max)).not.toContain('\uFFFD');
  });
});

describe('oneLine and quoteWritten: a block scalar or multi-line value on one line', () => {
  it.each([
    ['| block', '|\n  шесть\n  единиц', '| ↵ шесть ↵ единиц'],
    ['CRLF', 'a\r\n  b', 'a ↵ b'],
    ['line separator', 'a\u2028b', 'a ↵ b'],
    ['no break', 'просто текст', 'просто текст'],
  ])('%s', (_, text, out) => {
    expect(oneLine(text)).toBe(out);
  });

  it('a long written value is at most 58 characters and one line', () => {
    const shown = quoteWritten(`>-\n  ${FAMILY.repeat(100)}`);
    expect(shown).not.toMatch(/[\n\r]/);
    expect([...new Intl.Segmenter('ru', { granularity: 'grapheme' }).segment(shown)]).toHaveLength(58);
    expect(shown.endsWith(`${FAMILY}…`)).toBe(true);
  });
});

describe('quotedSuggestion', () => {
  it.each([
    ['short: double quotes', 'Ключевое событие:', '"Ключевое событие:"'],
    ['with a double quote: single quotes', 'Гуменюк: "М.А."', `'Гуменюк: "М.А."'`],
    ['with both: single quotes doubled', `it's "x"`, `'it''s "x"'`],
  ])('%s', (_, value, out) => {
    expect(quotedSuggestion(value)).toBe(out);
  });

  it('long text keeps its start and end, cut between whole characters', () => {
    const out = quotedSuggestion(`${FAMILY.repeat(60)}: ${ACCENT.repeat(60)}`);
    expect(out).toBe(`"${FAMILY.repeat(45)} … ${ACCENT.repeat(25)}"`);
  });
});
