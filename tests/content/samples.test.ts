/**
 * content/2023 holds the seed and sample directions made for the project:
 * every file passes `check`, the samples say in a comment that they are not
 * official figures, and together they show the cases the decks must handle.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile, type CheckedFile } from '../../src/api.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023');
const SEED = 'institutional-environment.yaml';

let names: string[];
let checked: CheckedFile[];

beforeAll(async () => {
  names = (await readdir(DIR)).filter((f) => f.endsWith('.yaml')).sort();
  checked = await Promise.all(names.map((n) => checkFile(join(DIR, n), { cwd: ROOT })));
});

describe('content/2023', () => {
  it('holds the seed and at least three sample directions, each passing check; only a sample warns, that it is one', () => {
    expect(names).toContain(SEED);
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const c of checked)
      expect(
        c.diagnostics.map((d) => d.code),
        c.file,
      ).toEqual(c.file.endsWith(SEED) ? [] : ['SampleData']);
  });

  it('every sample says so in its data (sample: true), so its slides and the summary are marked «ОБРАЗЕЦ»; the seed does not', () => {
    for (const c of checked) expect(c.computed!.content.sample === true, c.file).toBe(!c.file.endsWith(SEED));
  });

  it('marks every sample, in a comment at the top, as made for the project and not official', async () => {
    for (const name of names.filter((n) => n !== SEED)) {
      const head = (await readFile(join(DIR, name), 'utf8')).split('\n').slice(0, 5).join('\n');
      expect(head, name).toMatch(/^# ОБРАЗЕЦ\. Пример данных, составленный для проекта itogi/m);
      expect(head, name).toContain('не\n# являются официальными данными');
    }
  });

  it('samples have 4–8 indicators and together show reverse, pending, missed, noted and 2-decimal indicators', () => {
    const samples = checked.filter((c) => !c.file.endsWith(SEED)).map((c) => c.computed!);
    for (const s of samples) {
      expect(s.indicators.length).toBeGreaterThanOrEqual(4);
      expect(s.indicators.length).toBeLessThanOrEqual(8);
    }
    const all = samples.flatMap((s) => s.indicators);
    expect(all.some((i) => i.indicator.better === 'lower')).toBe(true);
    expect(all.some((i) => i.indicator.fact === null && i.status === 'pending')).toBe(true);
    expect(all.some((i) => i.status === 'missed')).toBe(true);
    expect(all.some((i) => i.indicator.note !== undefined)).toBe(true);
    expect(all.some((i) => i.indicator.precision === 2)).toBe(true);
    // A reverse indicator missed and one achieved: both ways of plan / fact are on a slide.
    expect(new Set(all.filter((i) => i.indicator.better === 'lower').map((i) => i.status))).toEqual(
      new Set(['achieved', 'missed']),
    );
    expect(new Set(samples.map((s) => s.content.direction.id)).size).toBe(samples.length);
  });
});
