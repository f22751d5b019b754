/**
 * `itogi build` over several files in this process (--jobs 1): what changed is
 * written, what did not is left alone and said so, one unwritable deck fails
 * alone, and the closing line counts it all.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingLine, runItogi, useTempDir } from '../helpers/cli.js';
import { openPptx, slideTexts } from '../helpers/pptx.js';
import { PLAN_WORD, writeDirections, ZERO_PLAN } from './directions.js';

const deckLine = (name: string, id: string, unchanged = false) =>
  expect.stringMatching(
    new RegExp(
      `^${name}\\.yaml → out/2023/${id}\\.pptx \\(${unchanged ? 'без изменений; ' : ''}слайдов: \\d+, \\d+ КБ\\)$`,
    ),
  );

describe('itogi build, run twice', () => {
  const tmp = useTempDir('itogi-batch-');

  it('the second build of unchanged content rewrites nothing and says so', async () => {
    await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta' },
    ]);
    const first = await runItogi(['build', 'a.yaml', 'b.yaml', '--out', 'out', '--jobs', '1'], tmp());
    expect(first.code).toBe(0);
    // Files named one by one: no city summary (it would stand for these two alone).
    expect(first.out).toEqual([deckLine('a', 'alpha'), deckLine('b', 'beta')]);
    expect(first.err).toEqual([closingLine({ built: 2, unchanged: 0, failed: 0, warnings: 0 })]);

    const decks = ['alpha', 'beta'].map((id) => join(tmp(), 'out', '2023', `${id}.pptx`));
    const before = await Promise.all(decks.map((d) => stat(d)));
    const again = await runItogi(['build', 'a.yaml', 'b.yaml', '--out', 'out', '--jobs', '1'], tmp());
    expect(again.code).toBe(0);
    expect(again.out).toEqual([deckLine('a', 'alpha', true), deckLine('b', 'beta', true)]);
    expect(again.err).toEqual([closingLine({ built: 0, unchanged: 2, failed: 0, warnings: 0 })]);
    const after = await Promise.all(decks.map((d) => stat(d)));
    for (const [i, s] of after.entries()) {
      expect(s.ino, decks[i]).toBe(before[i]!.ino);
      expect(s.mtimeMs, decks[i]).toBe(before[i]!.mtimeMs);
    }
  });

  it('a changed file is rewritten with the new content, the other deck is left alone', async () => {
    const [a] = await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta' },
    ]);
    await runItogi(['build', '.', '--out', 'out', '--jobs', '1', '--no-summary'], tmp());
    const alpha = join(tmp(), 'out', '2023', 'alpha.pptx');
    const beta = join(tmp(), 'out', '2023', 'beta.pptx');
    const [alphaBefore, betaBefore] = await Promise.all([stat(alpha), stat(beta)]);

    const text = await readFile(a!, 'utf8');
    await writeFile(a!, text.replace(/^(\s*)plan: 72$/m, '$1plan: 73'));
    const { code, out, err } = await runItogi(['build', '.', '--out', 'out', '--jobs', '1', '--no-summary'], tmp());
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: /);
    expect(out[1]).toMatch(/^b\.yaml → out\/2023\/beta\.pptx \(без изменений; слайдов: /);
    expect(err).toEqual([closingLine({ built: 1, unchanged: 1, failed: 0, warnings: 0 })]);

    const [alphaAfter, betaAfter] = await Promise.all([stat(alpha), stat(beta)]);
    expect(alphaAfter.ino).not.toBe(alphaBefore.ino);
    expect(betaAfter.ino).toBe(betaBefore.ino);
    expect(betaAfter.mtimeMs).toBe(betaBefore.mtimeMs);
    // 73 is in the table now (80,4 / 73 = 110,1 %, as `check` says).
    const texts = (await openPptx(await readFile(alpha))).slides.flatMap(slideTexts);
    expect(texts).toContain('73');
    expect(texts).toContain('110,1\u00a0%');
  });
});

describe('itogi build with one deck that cannot be written', () => {
  const tmp = useTempDir('itogi-batch-locked-');

  it('a folder in the deck’s place fails that deck only, with a Russian message naming it; the others are built', async () => {
    await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta' },
      { name: 'c', id: 'gamma' },
    ]);
    await mkdir(join(tmp(), 'out', '2023', 'beta.pptx'), { recursive: true });
    const { code, out, err } = await runItogi(['build', '.', '--out', 'out', '--jobs', '1', '--no-summary'], tmp());
    expect(code).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: /),
      expect.stringMatching(/^c\.yaml → out\/2023\/gamma\.pptx \(слайдов: /),
    ]);
    expect(err).toEqual([
      'out/2023/beta.pptx: ошибка: не удалось записать файл: на месте файла находится папка (EISDIR); уберите или переименуйте папку, которая стоит на месте файла',
      closingLine({ built: 2, unchanged: 0, failed: 1, warnings: 0 }),
    ]);
    for (const id of ['alpha', 'gamma'])
      expect((await stat(join(tmp(), 'out', '2023', `${id}.pptx`))).isFile()).toBe(true);
  });
});

describe('the closing line', () => {
  const tmp = useTempDir('itogi-batch-count-');

  it('counts built, unchanged, failed and warnings; messages follow the files', async () => {
    await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta', from: ZERO_PLAN },
      { name: 'c', id: 'gamma', from: PLAN_WORD },
      { name: 'd', id: 'delta' },
    ]);
    await runItogi(['build', 'd.yaml', '--out', 'out', '--jobs', '1'], tmp());
    const { code, out, err } = await runItogi(['build', '.', '--out', 'out', '--jobs', '1', '--no-summary'], tmp());
    expect(code).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: /),
      expect.stringMatching(/^b\.yaml → out\/2023\/beta\.pptx \(слайдов: /),
      expect.stringMatching(/^d\.yaml → out\/2023\/delta\.pptx \(без изменений; слайдов: /),
    ]);
    expect(err).toEqual([
      expect.stringMatching(
        /^b\.yaml:\d+:\d+: предупреждение: показатель № \d+ \(indicators\.items\[\d\]\)\.plan: плановое значение равно 0/,
      ),
      expect.stringMatching(
        /^c\.yaml:57:13: ошибка: показатель № 47 \(indicators\.items\[2\]\)\.plan: ожидается число, получено «семьдесят»/,
      ),
      closingLine({ built: 2, unchanged: 1, failed: 1, warnings: 1 }),
    ]);
  });
});
