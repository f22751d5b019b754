import { describe, expect, it } from 'vitest';
import { Directions } from '../../src/preview/directions.js';
import type { Rebuilt } from '../../src/preview/rebuild.js';

/** A rebuild whose file did not validate: only the raw YAML data is known (the address still comes from it). */
const raw = (file: string, data: unknown): Rebuilt =>
  ({ file, diagnostics: [], checked: { file, diagnostics: [], source: { data } } }) as unknown as Rebuilt;

describe('Directions: the address of each file', () => {
  it.each([
    {
      name: 'year/id from the raw data',
      data: { report: { year: 2023 }, direction: { id: 'health' } },
      key: '2023/health',
    },
    { name: 'an id that is not a slug', data: { report: { year: 2023 }, direction: { id: '../x' } }, key: 'f/1' },
    {
      name: 'a year that is not a whole number',
      data: { report: { year: '2023' }, direction: { id: 'a' } },
      key: 'f/1',
    },
    { name: 'nothing readable', data: undefined, key: 'f/1' },
  ])('$name → $key', ({ data, key }) => {
    expect(new Directions().of('/c/a.yaml', raw('a.yaml', data)).key).toBe(key);
  });

  it('keeps a file at its first address, and gives a second file with the same id its own', () => {
    const ds = new Directions();
    const data = { report: { year: 2023 }, direction: { id: 'health' } };
    const first = ds.of('/c/a.yaml', raw('a.yaml', data));
    expect(ds.of('/c/a.yaml', raw('a.yaml', { report: { year: 2024 }, direction: { id: 'other' } }))).toBe(first);
    expect(ds.of('/c/b.yaml', raw('b.yaml', data)).key).toBe('2023/health-2');
    expect(ds.byKey.get('2023/health')).toBe(first);
    expect(ds.first()).toBe(first);
  });

  it('lists the files that still exist, by name, with their error counts', () => {
    const ds = new Directions();
    const b = ds.of('/c/b.yaml', raw('b.yaml', undefined));
    const a = ds.of('/c/a.yaml', raw('a.yaml', undefined));
    const gone = ds.of('/c/c.yaml', raw('c.yaml', undefined));
    gone.gone = true;
    a.diagnostics = [
      { severity: 'error', code: 'X', file: 'a.yaml', line: 1, col: 1, message: 'm' },
      { severity: 'warning', code: 'Y', file: 'a.yaml', line: 1, col: 1, message: 'm' },
    ] as never;
    expect(ds.entries()).toEqual([
      { key: a.key, file: 'a.yaml', errors: 1 },
      { key: b.key, file: 'b.yaml', errors: 0 },
    ]);
  });
});
