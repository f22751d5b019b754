/**
 * src/source/nesting.ts: nesting is bounded before the YAML parser sees the
 * text (the parser recurses once per level: 2 500 `- ` on one line overflowed
 * its stack). Whatever the shape, the answer is one located line, never a throw.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { findTooDeep, MAX_NESTING } from '../../src/source/nesting.js';
import { parseSource } from '../../src/source/parse.js';

const check = (text: string) => parseSource('deep.yaml', text).diagnostics.map((d) => formatDiagnostic(d));
const FLOW = 'слишком глубокая вложенность скобок [ ] или { }: больше 64 уровней';
const BLOCK = 'слишком глубокая вложенность списков и полей: больше 64 уровней';
const HINT = 'в файле направления не бывает больше трёх-четырёх уровней; проверьте отступы и скобки';

/** `a0:` / ` a1:` / `  a2:` … each key one column deeper: `levels` nested mappings. */
const staircase = (levels: number) => Array.from({ length: levels }, (_, k) => `${' '.repeat(k)}a${k}:`).join('\n');

describe('deeper than the bound: one located error where it is crossed', () => {
  it.each([
    ['100 000 [ on one line', '['.repeat(100_000), `deep.yaml:1:65: ошибка: ${FLOW}; ${HINT}`],
    ['100 000 { on one line', '{'.repeat(100_000), `deep.yaml:1:65: ошибка: ${FLOW}; ${HINT}`],
    ['[{[{ alternating', '[{'.repeat(50_000), `deep.yaml:1:65: ошибка: ${FLOW}; ${HINT}`],
    // `- ` is two columns: the 65th dash starts at column 129.
    ['100 000 «- » on one line', `${'- '.repeat(100_000)}x`, `deep.yaml:1:129: ошибка: ${BLOCK}; ${HINT}`],
    ['100 000 «? » on one line', `${'? '.repeat(100_000)}x`, `deep.yaml:1:129: ошибка: ${BLOCK}; ${HINT}`],
    // report and year are two levels: the 63rd dash is the 65th level.
    [
      '2 500 «- » as a field value (the fuzz case)',
      `report:\n  year: ${'- '.repeat(2_500)}1`,
      `deep.yaml:2:133: ошибка: ${BLOCK}; ${HINT}`,
    ],
    ['a staircase of 2 000 indented keys', staircase(2_000), `deep.yaml:65:65: ошибка: ${BLOCK}; ${HINT}`],
    ['a field, then brackets: both count', `deep: ${'['.repeat(1_000)}`, `deep.yaml:1:70: ошибка: ${FLOW}; ${HINT}`],
  ])('%s', (_, text, line) => {
    expect(check(text)).toEqual([line]);
  });
});

describe('within the bound: parsed as usual', () => {
  it.each([
    ['64 brackets', `${'['.repeat(64)}${']'.repeat(64)}`],
    ['64 levels of «- »', `${'- '.repeat(63)}x`],
    ['a staircase of 64 keys', `${staircase(63)} x`],
    ['brackets and dashes inside quotes are text', `a: "${'['.repeat(500)}"\nb: '${'- '.repeat(500)}'`],
    ['brackets inside a plain value are text', `a: x${'['.repeat(500)}`],
    // Lines of a block scalar are text, however they are indented.
    [
      'a block scalar indented like a staircase',
      `a: |\n${Array.from({ length: 200 }, (_, k) => `${' '.repeat(k + 2)}x`).join('\n')}`,
    ],
  ])('%s', (_, text) => {
    expect(findTooDeep(text)).toBeUndefined();
    expect(parseSource('ok.yaml', text).diagnostics.filter((d) => d.code === 'NestingTooDeep')).toEqual([]);
  });

  it('the bound is 64', () => {
    expect(MAX_NESTING).toBe(64);
    expect(findTooDeep(`${'- '.repeat(64)}x`)).toEqual({ offset: 128, what: 'block' });
    expect(findTooDeep('['.repeat(65))).toEqual({ offset: 64, what: 'flow' });
  });
});

describe('any mix of nesting: never a throw, always located lines', () => {
  const PIECES = ['[', '{', '- ', '? ', '\n', '  ', 'a: ', ']', '}', ', ', 'x', '"', "'", '|\n', ' # c'];
  const OPENERS = ['[', '{', '- ', '? '];
  /** A small deterministic generator (same cases every run). */
  function* cases(count: number): Generator<string> {
    let state = 20231215;
    const next = () => {
      state = (state * 48271) % 2147483647;
      return state;
    };
    const mix = (length: number) => {
      // Each stretch leans on a few pieces, so runs of one kind happen; quotes and # (which
      // turn the rest into one value) only as favourites.
      const favourites = [next() % PIECES.length, next() % PIECES.length, next() % PIECES.length];
      let text = '';
      for (let i = 0; i < length; i++) text += PIECES[next() % 4 === 0 ? next() % 11 : favourites[next() % 3]!];
      return text;
    };
    for (let c = 0; c < count; c++) {
      // Every other case buries a run past the bound between two random stretches.
      const run = c % 2 === 0 ? OPENERS[next() % OPENERS.length]!.repeat(70 + (next() % 5000)) : '';
      yield mix(next() % 300) + run + mix(next() % 3000);
    }
  }

  it('150 generated files of brackets, dashes, keys, quotes and indentation', () => {
    let deep = 0;
    for (const text of cases(150)) {
      const { diagnostics } = parseSource('mix.yaml', text);
      for (const d of diagnostics) {
        expect(d.line).toBeGreaterThan(0);
        expect(formatDiagnostic(d)).not.toMatch(/\n/);
      }
      if (diagnostics.some((d) => d.code === 'NestingTooDeep')) deep++;
    }
    // The runs do reach the bound (otherwise this test would prove little).
    expect(deep).toBeGreaterThan(20);
  });
});
