/**
 * The comment-preserving edit: only the changed value's bytes change, whatever
 * the file's line ends, byte-order mark, comments and quoting.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EditError, setScalar, setScalars } from '../../src/source/edit.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): [number, string, string][] {
  const [a, b] = [before.split('\n'), after.split('\n')];
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i + 1, line, b[i]!] as [number, string, string]]));
}

describe('setScalar', () => {
  it('changes one number and nothing else in the seed', async () => {
    const seed = await readFile(SEED, 'utf8');
    const out = setScalar(seed, ['indicators', 'items', 0, 'fact'], 81.5);
    expect(changedLines(seed, out)).toEqual([[expect.any(Number), '      fact: 80.4', '      fact: 81.5']]);
  });

  it('keeps a trailing comment, CRLF line ends and the byte-order mark', () => {
    const text = '\uFEFFa:\r\n  plan: 72   # план\r\n  fact: 80.4 # факт\r\n\r\n# конец\r\n';
    const out = setScalar(text, ['a', 'fact'], 1234.5);
    expect(out).toBe('\uFEFFa:\r\n  plan: 72   # план\r\n  fact: 1234.5 # факт\r\n\r\n# конец\r\n');
  });

  it('fills an empty value and `null`, and writes null over a number', () => {
    expect(setScalar('x:\n  fact:\n  y: 1\n', ['x', 'fact'], 5)).toBe('x:\n  fact: 5\n  y: 1\n');
    expect(setScalar('x:\n  fact:   # ждём\n', ['x', 'fact'], 5)).toBe('x:\n  fact: 5   # ждём\n');
    expect(setScalar('fact: null # ждём\n', ['fact'], 0.5)).toBe('fact: 0.5 # ждём\n');
    expect(setScalar('fact: ~\n', ['fact'], 7)).toBe('fact: 7\n');
    expect(setScalar('fact: 7\n', ['fact'], null)).toBe('fact: null\n');
    // Pending stays pending: an empty value or an absent key already means null.
    expect(setScalar('fact:\n', ['fact'], null)).toBe('fact:\n');
    expect(setScalar('plan: 1\n', ['fact'], null)).toBe('plan: 1\n');
  });

  it('adds an absent key on its own line after the named sibling, in the mapping’s indentation', () => {
    const text = 'items:\r\n  - number: 45 # №\r\n    plan: 72\r\n    better: lower\r\n  - number: 46\r\n';
    expect(setScalar(text, ['items', 0, 'fact'], 80.4, { after: 'plan' })).toBe(
      'items:\r\n  - number: 45 # №\r\n    plan: 72\r\n    fact: 80.4\r\n    better: lower\r\n  - number: 46\r\n',
    );
    // No such sibling: after the last key; a file without a final line break gets one before the new line.
    expect(setScalar('a:\n  b: 1', ['a', 'c'], 2, { after: 'zzz' })).toBe('a:\n  b: 1\n  c: 2');
    // A flow mapping gets «, key: value».
    expect(setScalar('a: {plan: 1}\n', ['a', 'fact'], 2)).toBe('a: {plan: 1, fact: 2}\n');
  });

  it('keeps the quoting style of a string, quoting only when a plain scalar would change meaning', () => {
    expect(setScalar('unit: "чел."\n', ['unit'], 'ед.')).toBe('unit: "ед."\n');
    expect(setScalar("unit: 'чел.'\n", ['unit'], "д'Артаньян")).toBe("unit: 'д''Артаньян'\n");
    expect(setScalar('unit: чел.\n', ['unit'], 'ед.')).toBe('unit: ед.\n');
    expect(setScalar('unit: чел.\n', ['unit'], '% от числа: всех')).toBe('unit: "% от числа: всех"\n');
    expect(setScalar('unit: чел.\n', ['unit'], '123')).toBe('unit: "123"\n');
    expect(setScalar('name: >-\n  старое\n  имя\nunit: x\n', ['name'], 'новое имя')).toBe(
      'name: >-\n  новое имя\nunit: x\n',
    );
  });

  it('writes numbers without exponents', () => {
    expect(setScalar('v: 1\n', ['v'], 0.000001)).toBe('v: 0.000001\n');
    expect(setScalar('v: 1\n', ['v'], 1e-7)).toBe('v: 0.0000001\n');
    expect(setScalar('v: 1\n', ['v'], -2.5e21)).toBe('v: -2500000000000000000000\n');
  });

  it('leaves the text as it is when the value is already there', () => {
    const text = 'fact: 80.40 # так и было\n';
    expect(setScalar(text, ['fact'], 80.4)).toBe(text);
  });

  it('makes several edits in one pass, each in its own place', async () => {
    const seed = await readFile(SEED, 'utf8');
    const out = setScalars(seed, [
      { path: ['indicators', 'items', 5, 'fact'], value: null },
      { path: ['indicators', 'items', 0, 'plan'], value: 70 },
      { path: ['indicators', 'items', 1, 'unit'], value: 'человек' },
    ]);
    expect(changedLines(seed, out).map(([, , after]) => after)).toEqual([
      '      plan: 70',
      '      unit: человек',
      '      fact: null',
    ]);
    const data = parseDocument(out).toJS();
    expect(data.indicators.items[5].fact).toBeNull();
    expect(data.goal).toBe(parseDocument(seed).toJS().goal);
  });

  it('refuses a path to nothing, to a list or mapping, and two edits of one value', () => {
    const text = 'a:\n  b: 1\nlist:\n  - 1\n';
    expect(() => setScalar(text, ['x', 'y'], 1)).toThrow(EditError);
    expect(() => setScalar(text, ['list', 5], 1)).toThrow(EditError);
    expect(() => setScalar(text, ['a'], 1)).toThrow(/набор полей/);
    expect(() =>
      setScalars(text, [
        { path: ['a', 'b'], value: 2 },
        { path: ['a', 'b'], value: 3 },
      ]),
    ).toThrow(/два изменения/);
    expect(() => setScalar('a: [1\n', ['a'], 1)).toThrow(/не разбирается/);
  });
});

describe('setScalars with the loader’s parse', () => {
  it('checks the result with the caller’s parse of it, and refuses what that parse refuses', () => {
    const seen: string[] = [];
    const reparse = (t: string) => {
      seen.push(t);
      return parseDocument(t);
    };
    expect(setScalars('\uFEFFfact: 1\r\n', [{ path: ['fact'], value: 2 }], { reparse })).toBe('\uFEFFfact: 2\r\n');
    expect(seen).toEqual(['fact: 2\r\n']);
    expect(() => setScalars('fact: 1\n', [{ path: ['fact'], value: 2 }], { reparse: () => undefined })).toThrow(
      EditError,
    );
    // A parse that reads something else than the edit meant: refused.
    const wrong = () => parseDocument('fact: 3\n');
    expect(() => setScalars('fact: 1\n', [{ path: ['fact'], value: 2 }], { reparse: wrong })).toThrow(/смысла/);
  });

  it('uses a parse of the same text, and parses again when the text differs', () => {
    const text = '\uFEFFa:\r\n  fact: 1\r\n';
    const body = text.slice(1);
    const same = { text: body, doc: parseDocument(body) };
    expect(setScalars(text, [{ path: ['a', 'fact'], value: 2 }], { parsed: same })).toBe('\uFEFFa:\r\n  fact: 2\r\n');
    // A parse of other text (its ranges would point elsewhere) is not used.
    const other = 'a:\n  b: 0\n  fact: 1\n';
    const stale = { text: other, doc: parseDocument(other) };
    expect(setScalars(text, [{ path: ['a', 'fact'], value: 3 }], { parsed: stale })).toBe('\uFEFFa:\r\n  fact: 3\r\n');
  });
});
