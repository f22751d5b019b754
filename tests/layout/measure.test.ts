import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  POWERPOINT_SINGLE_LINE_EM,
  fitFontSize,
  lineHeightPt,
  textHeightPt,
  textWidthPt,
  wrapText,
  type FontSpec,
} from '../../src/layout/measure.js';
import { DECK_FONT_FACE, fontPath, loadFont } from '../../src/fonts.js';

const seedText = readFileSync(new URL('../fixtures/seed/000_f821bce43a08f8aa.txt', import.meta.url), 'utf8');
/** Every non-empty line of the seed, without markdown bold markers. */
const seedLines = seedText
  .split('\n')
  .map((l) => l.replace(/\*\*/g, '').trim())
  .filter((l) => l !== '');
/** Table cells too: the long indicator names. */
const seedStrings = [
  ...seedLines,
  ...seedLines.flatMap((l) => (l.startsWith('|') ? l.split('|').map((c) => c.trim()) : [])).filter((c) => c.length > 0),
];

/** Independent width: per-code-point glyph advances from the font file. */
function independentWidthPt(text: string, font: FontSpec): number {
  const f = loadFont(font.bold ? 'bold' : 'regular');
  let units = 0;
  for (const ch of text) units += f.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
  return (units / f.unitsPerEm) * font.sizePt;
}

const BREAKING_SPACES = /[ \u2000-\u2006\u2008-\u200B\u205F\u3000]/gu;
const strip = (s: string) => s.replace(BREAKING_SPACES, '').replace(/\n/g, '');

describe('fonts', () => {
  it('names Arial for the deck and resolves Arimo files', () => {
    expect(DECK_FONT_FACE).toBe('Arial');
    expect(fontPath('regular')).toMatch(/Arimo_400Regular\.ttf$/);
    expect(fontPath('bold')).toMatch(/Arimo_700Bold\.ttf$/);
    expect(loadFont('regular').familyName).toBe('Arimo');
    expect(loadFont('bold')).toBe(loadFont('bold')); // cached
  });

  it('has Arial metrics (hhea 1854/-434/67 per 2048) and Cyrillic glyphs', () => {
    for (const w of ['regular', 'bold'] as const) {
      const f = loadFont(w);
      expect(f.unitsPerEm).toBe(2048);
      expect([f.hhea.ascent, f.hhea.descent, f.hhea.lineGap]).toEqual([1854, -434, 67]);
      for (const ch of 'ИТОГИ ёЁ№«»–') expect(f.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true);
    }
  });
});

describe('textWidthPt', () => {
  it('is proportional to the size', () => {
    for (const text of ['ИТОГИ', 'Целевые показатели за 2023 год:', '111,7 %']) {
      const w10 = textWidthPt(text, { sizePt: 10 });
      expect(textWidthPt(text, { sizePt: 20 })).toBeCloseTo(2 * w10, 9);
      expect(textWidthPt(text, { sizePt: 7.5 })).toBeCloseTo(0.75 * w10, 9);
    }
  });

  it("matches the sum of glyph advances: 'ИТОГИ' at 10 pt", () => {
    const expected = independentWidthPt('ИТОГИ', { sizePt: 10 });
    // И 1472 + Т 1251 + О 1593 + Г 1109 + И 1472 = 6897 units of 2048
    expect(expected).toBeCloseTo((6897 / 2048) * 10, 9);
    expect(textWidthPt('ИТОГИ', { sizePt: 10 })).toBeCloseTo(expected, 9);
    expect(textWidthPt('ИТОГИ', { sizePt: 10, bold: true })).toBeCloseTo(
      independentWidthPt('ИТОГИ', { sizePt: 10, bold: true }),
      9,
    );
  });

  it('has Arial advance widths for digits, space and A', () => {
    // Arial: digits 1139, space 569, 'A' 1366 (of 2048), regular and bold.
    expect(textWidthPt('0123456789', { sizePt: 2048 / 10 })).toBeCloseTo(1139, 6);
    expect(textWidthPt(' ', { sizePt: 2048 })).toBeCloseTo(569, 6);
    expect(textWidthPt('\u00a0', { sizePt: 2048 })).toBeCloseTo(569, 6);
    expect(textWidthPt('A', { sizePt: 2048, bold: true })).toBeCloseTo(1479, 6);
  });

  it('does not kern', () => {
    // Arimo has a kern pair for 'AV' (fontkit would apply it by default).
    expect(textWidthPt('AV', { sizePt: 2048 })).toBeCloseTo(1366 * 2, 6);
    expect(textWidthPt('AVATAR To', { sizePt: 12 })).toBeCloseTo(independentWidthPt('AVATAR To', { sizePt: 12 }), 9);
  });

  it('agrees with per-glyph advances over the whole seed', () => {
    for (const s of seedStrings) {
      expect(textWidthPt(s, { sizePt: 14 })).toBeCloseTo(independentWidthPt(s, { sizePt: 14 }), 6);
    }
  });

  it('measures the widest line of a multi-line text', () => {
    expect(textWidthPt('ab\nИТОГИ', { sizePt: 10 })).toBeCloseTo(textWidthPt('ИТОГИ', { sizePt: 10 }), 9);
  });
});

describe('wrapText', () => {
  it('never exceeds the width and keeps every character (seed strings, many widths)', () => {
    let checked = 0;
    for (const s of seedStrings) {
      for (const font of [{ sizePt: 12 }, { sizePt: 18, bold: true }, { sizePt: 28 }] as FontSpec[]) {
        for (const widthPt of [60, 123.4, 250, 480, 900]) {
          const lines = wrapText(s, widthPt, font);
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines) {
            const w = textWidthPt(line, font);
            // Only a single character wider than the line may overflow.
            if (w > widthPt + 1e-9) expect(Array.from(line)).toHaveLength(1);
            expect(line).not.toMatch(/ $/);
          }
          expect(strip(lines.join(''))).toBe(strip(s));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('is greedy: the next word would not have fitted on the line', () => {
    const font = { sizePt: 12 };
    for (const s of seedLines) {
      const lines = wrapText(s, 200, font);
      for (let i = 0; i + 1 < lines.length; i++) {
        const nextWord = lines[i + 1]!.split(' ')[0]!;
        const joiner = /[^ ][-–]$/.test(lines[i]!) ? '' : ' ';
        const firstPiece = nextWord.match(/^[^-–]*[-–]?/)![0];
        expect(textWidthPt(lines[i] + joiner + firstPiece, font)).toBeGreaterThan(200);
      }
    }
  });

  it('does not break at a no-break space (ru-RU number grouping)', () => {
    const n = new Intl.NumberFormat('ru-RU').format(5176);
    expect(n).toBe('5\u00a0176');
    const font = { sizePt: 12 };
    const text = `${n} ${n} ${n} ${n}`;
    const width = textWidthPt(n, font) + 1; // room for one number per line
    expect(wrapText(text, width, font)).toEqual([n, n, n, n]);
  });

  it('breaks a word longer than the line between characters', () => {
    const font = { sizePt: 12 };
    const word = 'Сверхдлинноесловобезпробеловкотороененумещаетсяводнустроку';
    const lines = wrapText(`до ${word} после`, 80, font);
    expect(lines[0]).toBe('до');
    expect(lines[lines.length - 1]).toMatch(/после$/);
    expect(strip(lines.join(''))).toBe(strip(`до${word}после`));
    for (const line of lines) expect(textWidthPt(line, font)).toBeLessThanOrEqual(80);
    expect(lines.length).toBeGreaterThan(4);
  });

  it('puts at least one character on each line even when it is wider than the line', () => {
    expect(wrapText('ЖЖЖ', 1, { sizePt: 12 })).toEqual(['Ж', 'Ж', 'Ж']);
  });

  it('breaks a very long word only between grapheme clusters, the same as segmenting it whole', () => {
    // Marks, emoji sequences with joiners, flags and a Hangul syllable: clusters of several code units.
    // (A window-by-window segmentation must not cut one at a window's edge.)
    const word = 'ж\u0301ЖЖ👨\u200d👩\u200d👧🇷🇺e\u0301\u0308ёж\u1100\u1161a'.repeat(250);
    const font = { sizePt: 12 };
    const lines = wrapText(word, 90, font);
    const clusters = Array.from(new Intl.Segmenter('ru', { granularity: 'grapheme' }).segment(word), (s) => s.segment);
    // Greedy over whole clusters: rebuild the expected lines from the clusters alone.
    const expected: string[] = [];
    let line = '';
    for (const c of clusters) {
      if (line !== '' && textWidthPt(line + c, font) > 90) {
        expected.push(line);
        line = '';
      }
      line += c;
    }
    expected.push(line);
    expect(lines).toEqual(expected);
  });

  it('lays out a word of 100 000 characters (one pass, not one per line), every line full', () => {
    const font = { sizePt: 14 };
    const word = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ'.repeat(2778).slice(0, 100_000);
    const lines = wrapText(`Начало ${word} конец`, 300, font);
    expect(lines.join('').replace(/ /g, '')).toBe(`Начало${word}конец`);
    for (const [i, l] of lines.slice(1, -2).entries()) {
      expect(textWidthPt(l, font)).toBeLessThanOrEqual(300);
      expect(textWidthPt(l + lines[i + 2]![0], font)).toBeGreaterThan(300); // the next character would not fit
    }
    expect(fitFontSize(word, { widthPt: 300, heightPt: 100_000 }, { maxPt: 16, minPt: 10 })?.sizePt).toBe(16);
  });

  it("starts a new line at '\\n' (also \\r\\n) and keeps empty lines", () => {
    const font = { sizePt: 12 };
    expect(wrapText('ИТОГИ\n2023 ГОДА', 500, font)).toEqual(['ИТОГИ', '2023 ГОДА']);
    expect(wrapText('a\r\n\r\nb', 500, font)).toEqual(['a', '', 'b']);
    expect(wrapText('\n', 500, font)).toEqual(['', '']);
    expect(wrapText('', 500, font)).toEqual([]);
    expect(wrapText(' ', 500, font)).toEqual(['']);
  });

  it('breaks after a hyphen before a letter, not before a digit; after an en dash', () => {
    const font = { sizePt: 12 };
    const w = (s: string) => textWidthPt(s, font) + 0.5;
    expect(wrapText('нормативно-правовому', w('нормативно-'), font)).toEqual(['нормативно-', 'правовому']);
    // 'в 2019-' would fit on the first line if the hyphen allowed a break there.
    expect(wrapText('в 2019-2023 гг.', w('2019-2023'), font)).toEqual(['в', '2019-2023', 'гг.']);
    expect(wrapText('2019–2023', w('2019–'), font)).toEqual(['2019–', '2023']);
    // A dash between spaces stays with the word before it when it fits.
    expect(wrapText('ГОРОДА – ГУМЕНЮК', w('ГУМЕНЮК'), font)).toEqual(['ГОРОДА –', 'ГУМЕНЮК']);
    // No break after '/'.
    expect(wrapText('в корректировка/реализация', w('в корректировка/'), font)[0]).toBe('в');
  });

  it.each([
    ...[0x20, 0x2000, 0x2003, 0x2006, 0x2008, 0x200b, 0x205f, 0x3000].map((code) => [code, true] as const),
    // No-break space, figure space, narrow no-break space, word joiner: no break there.
    ...[0xa0, 0x2007, 0x202f, 0x2060].map((code) => [code, false] as const),
  ])('code point %i: a break opportunity is %s', (code, breaks) => {
    const font = { sizePt: 12 };
    const text = `ИТОГИ${String.fromCodePoint(code)}ГОДА`;
    // Room for one word: a breaking space splits there and hangs (dropped at the line end); any
    // other character is part of one long word, cut between characters and kept.
    const lines = wrapText(text, textWidthPt('ИТОГИ', font) + 0.5, font);
    if (breaks) expect(lines).toEqual(['ИТОГИ', 'ГОДА']);
    else expect(lines.join('')).toBe(text);
  });

  it('lets spaces at a break hang: a line that fits without its trailing space stays', () => {
    const font = { sizePt: 12 };
    const width = textWidthPt('ИТОГИ', font);
    expect(wrapText('ИТОГИ ГОДА', width, font)).toEqual(['ИТОГИ', 'ГОДА']);
    expect(wrapText('ИТОГИ    ГОДА', width, font)).toEqual(['ИТОГИ', 'ГОДА']);
  });

  it('is deterministic', () => {
    const s = seedLines.join(' ');
    expect(wrapText(s, 300, { sizePt: 16 })).toEqual(wrapText(s, 300, { sizePt: 16 }));
  });
});

describe('line and text height', () => {
  it('uses 1.2 × size per line (PowerPoint single spacing), times spacing', () => {
    expect(POWERPOINT_SINGLE_LINE_EM).toBe(1.2);
    expect(lineHeightPt({ sizePt: 10 })).toBeCloseTo(12, 9);
    expect(lineHeightPt({ sizePt: 24, bold: true })).toBeCloseTo(28.8, 9);
    expect(lineHeightPt({ sizePt: 20 }, 0.9)).toBeCloseTo(21.6, 9);
    // Never below the font's own hhea line (1.15 em), which LibreOffice uses.
    const f = loadFont('regular');
    const hhea = (f.hhea.ascent - f.hhea.descent + f.hhea.lineGap) / f.unitsPerEm;
    expect(lineHeightPt({ sizePt: 1 })).toBeGreaterThanOrEqual(hhea);
  });

  it('textHeightPt = lines × line height', () => {
    const s = seedLines.find((l) => l.startsWith('| 48.'))!;
    const font = { sizePt: 14 };
    const n = wrapText(s, 300, font).length;
    expect(n).toBeGreaterThan(2);
    expect(textHeightPt(s, 300, font, 1.1)).toBeCloseTo(n * lineHeightPt(font, 1.1), 9);
    expect(textHeightPt('', 300, font)).toBe(0);
  });
});

describe('fitFontSize', () => {
  const long = seedLines.find((l) => l.startsWith('- корректировка'))!;

  it('returns the largest 0.5 pt step that fits, with its lines', () => {
    const box = { widthPt: 400, heightPt: 120 };
    const r = fitFontSize(long, box, { maxPt: 32, minPt: 8 })!;
    expect(r).not.toBeNull();
    expect(r.sizePt * 2).toBe(Math.round(r.sizePt * 2));
    expect(r.lines).toEqual(wrapText(long, box.widthPt, { sizePt: r.sizePt }));
    expect(r.lines.length * lineHeightPt({ sizePt: r.sizePt })).toBeLessThanOrEqual(box.heightPt);
    for (const line of r.lines) expect(textWidthPt(line, { sizePt: r.sizePt })).toBeLessThanOrEqual(box.widthPt);
    // Half a point larger does not fit.
    const bigger = r.sizePt + 0.5;
    expect(wrapText(long, box.widthPt, { sizePt: bigger }).length * lineHeightPt({ sizePt: bigger })).toBeGreaterThan(
      box.heightPt,
    );
  });

  it('returns maxPt when the text fits at maxPt', () => {
    expect(fitFontSize('ИТОГИ', { widthPt: 500, heightPt: 100 }, { maxPt: 40, minPt: 10, bold: true })).toEqual({
      sizePt: 40,
      lines: ['ИТОГИ'],
    });
  });

  it('grows (never shrinks) as the box grows', () => {
    let prev = 0;
    for (let h = 40; h <= 400; h += 20) {
      const r = fitFontSize(long, { widthPt: 420, heightPt: h }, { maxPt: 60, minPt: 6, spacing: 1.1 });
      expect(r).not.toBeNull();
      expect(r!.sizePt).toBeGreaterThanOrEqual(prev);
      prev = r!.sizePt;
    }
    prev = 0;
    for (let w = 100; w <= 1000; w += 50) {
      const r = fitFontSize(long, { widthPt: w, heightPt: 150 }, { maxPt: 60, minPt: 4 });
      expect(r).not.toBeNull();
      expect(r!.sizePt).toBeGreaterThanOrEqual(prev);
      prev = r!.sizePt;
    }
  });

  it('shrinks as the text grows', () => {
    let prev = Infinity;
    for (let n = 1; n <= 6; n++) {
      const text = seedLines.slice(0, n * 4).join(' ');
      const r = fitFontSize(text, { widthPt: 600, heightPt: 300 }, { maxPt: 40, minPt: 4 })!;
      expect(r.sizePt).toBeLessThanOrEqual(prev);
      prev = r.sizePt;
    }
  });

  it('returns null when not even minPt fits', () => {
    expect(fitFontSize(long, { widthPt: 200, heightPt: 30 }, { maxPt: 24, minPt: 12 })).toBeNull();
    // A line-height taller than the box never fits.
    expect(fitFontSize('ИТОГИ', { widthPt: 500, heightPt: 11 }, { maxPt: 20, minPt: 10 })).toBeNull();
  });

  it('tries minPt itself when the step grid misses it', () => {
    // 12 fits (14.4 pt line), 12.75 does not (15.3 pt line) in a 15 pt high box.
    expect(fitFontSize('ИТОГИ', { widthPt: 500, heightPt: 15 }, { maxPt: 13.75, minPt: 12, stepPt: 1 })).toEqual({
      sizePt: 12,
      lines: ['ИТОГИ'],
    });
  });

  it('rejects nonsense options', () => {
    expect(() => fitFontSize('x', { widthPt: 10, heightPt: 10 }, { maxPt: 8, minPt: 10 })).toThrow(RangeError);
    expect(() => fitFontSize('x', { widthPt: 10, heightPt: 10 }, { maxPt: 10, minPt: 8, stepPt: 0 })).toThrow(
      RangeError,
    );
  });
});
