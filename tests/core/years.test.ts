/**
 * Which years a run may write a city summary for: a year that lacks a
 * direction (its file failed) is incomplete, whichever way the failed file's
 * year is known; a file whose year cannot be told holds back every year.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, type CheckedFile } from '../../src/api.js';
import { planYears, yearOf } from '../../src/core/years.js';
import { ROOT } from '../helpers/cli.js';

const SEED = join('tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const ECONOMY = join('tests', 'fixtures', 'workspace', 'content', '2023', 'economy.yaml');
const BROKEN = join('tests', 'content', 'fixtures', 'broken');

const check = (file: string) => checkFile(file, { cwd: ROOT });
/** A file that failed with nothing readable in it, named as if it lay in `path`. */
const unreadable = (path: string): CheckedFile => ({ file: path, diagnostics: [] as never[] }) as CheckedFile;

describe('yearOf', () => {
  it('is the validated year, else the year as written, else a year folder in the path', async () => {
    expect(yearOf(await check(SEED))).toBe(2023);
    // Fails validation (a word for a plan), but its report.year is readable.
    expect(yearOf(await check(join(BROKEN, 'plan-word.yaml')))).toBe(2023);
    expect(yearOf(unreadable(join('content', '2024', 'x.yaml')))).toBe(2024);
    expect(yearOf(unreadable(join('drafts', 'x.yaml')))).toBeUndefined();
  });
});

describe('planYears', () => {
  it('every file passed: one complete year with its summary', async () => {
    const plans = planYears([await check(SEED), await check(ECONOMY)]);
    expect(plans.map((p) => [p.year, p.state, p.missing, p.summary?.files.length])).toEqual([
      [2023, 'complete', [], 2],
    ]);
  });

  it('a failed 2023 file: 2023 is incomplete and names it; its summary is still computed for --incomplete-summary', async () => {
    const broken = await check(join(BROKEN, 'plan-word.yaml'));
    const plans = planYears([await check(SEED), await check(ECONOMY), broken]);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      year: 2023,
      state: 'incomplete',
      missing: [{ file: join(BROKEN, 'plan-word.yaml'), id: 'institutional-environment' }],
    });
    expect(plans[0]!.summary?.files).toHaveLength(2);
  });

  it('a failed file of unknown year holds back every year of the run', async () => {
    const plans = planYears([await check(SEED), await check(ECONOMY), unreadable('stray.yaml')]);
    expect(plans.map((p) => [p.year, p.state, p.missing.map((m) => m.file)])).toEqual([
      [2023, 'incomplete', ['stray.yaml']],
    ]);
  });

  it('one valid direction and one failed: no summary, but the year is said to be incomplete', async () => {
    const plans = planYears([await check(SEED), unreadable(join('content', '2023', 'x.yaml'))]);
    expect(plans.map((p) => [p.year, p.state, p.summary])).toEqual([[2023, 'incomplete', undefined]]);
  });

  it('one valid direction alone: no year to speak of', async () => {
    expect(planYears([await check(SEED)])).toEqual([]);
  });
});
