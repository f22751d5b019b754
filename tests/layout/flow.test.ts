import { describe, expect, it } from 'vitest';
import { paginate, textOfLines } from '../../src/layout/flow.js';
import { wrapText } from '../../src/layout/measure.js';
import { plainSpaces } from '../../src/layout/typeset.js';

describe('textOfLines: the text a run of wrapped lines covers, as written', () => {
  it.each([
    // A break after a hyphen must not become "муниципально- частного".
    [
      'развитие муниципально-частного партнерства',
      ['развитие муниципально-', 'частного партнерства'],
      1,
      2,
      'частного партнерства',
    ],
    [
      'развитие муниципально-частного партнерства',
      ['развитие муниципально-', 'частного партнерства'],
      0,
      1,
      'развитие муниципально-',
    ],
    // A long word broken between letters stays one word.
    ['ааааабббббввввв', ['ааааа', 'ббббб', 'ввввв'], 0, 2, 'ааааабббббввввв'.slice(0, 10)],
    // Spaces at a break are dropped, spaces inside a line kept.
    ['один  два   три', ['один  два', 'три'], 0, 2, 'один  два   три'],
    ['один два три', ['один', 'два', 'три'], 1, 3, 'два три'],
  ])('%s [%i..%i)', (text, lines, from, to, expected) => {
    expect(textOfLines(text, lines, from, to)).toBe(expected);
  });

  it('gives the whole text back for all its lines, whatever the wrap', () => {
    const text =
      'стимулирование позитивной активности горожан в реализации территориального общественного самоуправления';
    for (const width of [80, 150, 300]) {
      const lines = wrapText(text, width, { sizePt: 14 });
      expect(textOfLines(text, lines, 0, lines.length)).toBe(text);
      // Any split into two parts joins back into the text, with a space only where the break was one.
      for (let k = 1; k < lines.length; k++) {
        const head = textOfLines(text, lines, 0, k);
        const tail = textOfLines(text, lines, k, lines.length);
        expect([`${head}${tail}`, `${head} ${tail}`]).toContain(text);
      }
    }
  });
});

describe('paginate', () => {
  const settings = { widthPt: 400, heightPt: 200, lineSpacing: 1 };

  it('puts paragraphs whole onto pages and never exceeds the page height', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      text: `пункт номер ${i + 1} со словами для переноса строки в узком поле`,
      bullet: true,
      spaceBeforeEm: 0.5,
    }));
    const pages = paginate(items, 16, settings);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().map((p) => plainSpaces(p.text))).toEqual(items.map((i) => i.text));
  });

  it('splits a paragraph taller than a page between lines, keeping its text as written', () => {
    const text = Array.from({ length: 60 }, (_, i) => `слово-${i} длинное`).join(' ');
    const pages = paginate([{ text }], 16, settings);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => p.map((q) => plainSpaces(q.text)).join(' ')).join(' ')).toBe(text);
  });

  it('does not end a page with a heading kept with the next item', () => {
    const filler = { text: 'строка '.repeat(40).trim() };
    const items = [
      filler,
      { text: 'Заголовок группы', bold: true, keepWithNext: true, spaceBeforeEm: 0.8 },
      { text: 'первый пункт группы', bullet: true },
    ];
    const pages = paginate(items, 16, { ...settings, heightPt: 150 });
    const last = pages.map((p) => plainSpaces(p.at(-1)!.text));
    expect(last).not.toContain('Заголовок группы');
  });
});
