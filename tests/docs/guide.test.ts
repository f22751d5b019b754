/**
 * docs/guide.md shows real output: every error line and the check table in
 * it are what `itogi check` prints today for the seed spoiled one mistake at
 * a time. A changed message fails here until the guide is updated.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runItogi, useTempDir } from '../helpers/cli.js';
import { editWorkbook } from '../helpers/sheet.js';

const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const GUIDE = join(ROOT, 'docs', 'guide.md');

/** One mistake each, as the guide's table describes it: [file name, edit of the seed text]. */
const MISTAKES: [string, (seed: string) => string][] = [
  ['plan-word', (s) => s.replace('plan: 72', 'plan: семьдесят два')],
  ['comma', (s) => s.replace('fact: 80.4', 'fact: 80,4')],
  ['spaces', (s) => s.replace('plan: 5176', 'plan: 5 176')],
  ['fakt', (s) => s.replace('fact: 80.4', 'fakt: 80.4')],
  ['date', (s) => s.replace('date: 2023-12-15 ', 'date: 15.12.2023 ')],
  ['label', (s) => s.replace('label: "Ключевое событие:"', 'label: Ключевое событие:')],
  ['summary', (s) => s.replace(/^# summary: .*$/m, 'summary: ИТОГ: ВСЕ ПОКАЗАТЕЛИ ДОСТИГНУТЫ.')],
  ['quote', (s) => s.replaceAll('unit: "% от числа опрошенных"', 'unit: % от числа опрошенных')],
  ['indent', (s) => s.replace('    name: Гуменюк', '   name: Гуменюк')],
  ['better', (s) => s.replace('plan: 72', 'plan: 72\n      better: меньше')],
  ['precision', (s) => s.replace('precision: 2', 'precision: 5')],
  ['missing', (s) => s.replace(/^\s+unit: ед\.\n/m, '')],
  ['dup', (s) => s.replace('number: 46', 'number: 45')],
  ['id', (s) => s.replace('id: institutional-environment', 'id: Институциональная среда')],
  ['zero', (s) => s.replace(/plan: 6$/m, 'plan: 0')],
  // Issue 8: what new users typed.
  ['no-data', (s) => s.replace('fact: 80.4', 'fact: н/д')],
  ['dash', (s) => s.replace('fact: 80.4', 'fact: -')],
  ['stray-quote', (s) => s.replace('name: Удовлетворенность', "name: 'Удовлетворенность")],
  ['tab', (s) => s.replace('    - number: 46', '\t- number: 46')],
];

/** The guide's check example: a pending fact, a missed plan, a reverse indicator, precision 0. */
const mixed = (s: string) =>
  s
    .replace('fact: 80.4', 'fact: null')
    .replace('plan: 6\n      fact: 8', 'plan: 6\n      fact: 5')
    .replace('plan: 67\n      fact: 74.9', 'plan: 67\n      fact: 60\n      better: lower')
    .replace('plan: 90\n      fact: 99.75', 'plan: 90\n      fact: 99.75\n      precision: 0');

describe('docs/guide.md: the examples are real output', () => {
  const dir = useTempDir('itogi-guide-');

  it.each(MISTAKES)('%s: the first line check prints is in the guide', async (name, spoil) => {
    const seed = await readFile(SEED, 'utf8');
    const spoiled = spoil(seed);
    expect(spoiled).not.toBe(seed);
    await mkdir(join(dir(), 'content', '2023'), { recursive: true });
    await writeFile(join(dir(), 'content', '2023', `${name}.yaml`), spoiled);
    const { err } = await runItogi(['check', `content/2023/${name}.yaml`], dir());
    expect(err[0]).toMatch(new RegExp(`^content/2023/${name}\\.yaml:\\d+:\\d+: (ошибка|предупреждение): `));
    expect(await readFile(GUIDE, 'utf8')).toContain(`\`${err[0]}\``);
  });

  it('the check table and result line of the mixed example', async () => {
    await mkdir(join(dir(), 'content', '2023'), { recursive: true });
    await writeFile(join(dir(), 'content', '2023', 'x.yaml'), mixed(await readFile(SEED, 'utf8')));
    const { code, out } = await runItogi(['check', 'content/2023/x.yaml'], dir());
    expect(code).toBe(0);
    const printed = out
      .join('\n')
      .replace(/\u00a0/g, ' ')
      .trim();
    expect(await readFile(GUIDE, 'utf8')).toContain(printed);
  });

  it('the table example: the --dry-run table and a bad cell, as import prints them', async () => {
    await mkdir(join(dir(), 'content', '2023'), { recursive: true });
    await writeFile(join(dir(), 'content', '2023', 'institutional-environment.yaml'), await readFile(SEED, 'utf8'));
    expect((await runItogi(['export', '--out', 'показатели.xlsx'], dir())).code).toBe(0);
    const book = join(dir(), 'показатели.xlsx');
    await editWorkbook(book, book, [
      { sheet: 0, cell: 'E2', value: '81,5' },
      { sheet: 0, cell: 'E4', value: 'н/д' },
    ]);
    await editWorkbook(book, join(dir(), 'ошибка.xlsx'), [{ sheet: 0, cell: 'D5', value: '12,3.4' }]);
    const guide = await readFile(GUIDE, 'utf8');
    const dry = await runItogi(['import', 'показатели.xlsx', '--dry-run'], dir());
    expect(dry.code).toBe(0);
    expect(guide).toContain(
      `$ npx itogi import показатели.xlsx --dry-run\n${dry.out.join('\n').replace(/\u00a0/g, ' ')}\n`,
    );
    const bad = await runItogi(['import', 'ошибка.xlsx'], dir());
    expect(bad.code).toBe(1);
    expect(guide).toContain(`\n${bad.err.join('\n')}\n`);
  });

  it('the duplicate direction.id message', async () => {
    await mkdir(join(dir(), 'content', '2023'), { recursive: true });
    const seed = await readFile(SEED, 'utf8');
    await writeFile(join(dir(), 'content', '2023', 'institutional-environment.yaml'), seed);
    await writeFile(join(dir(), 'content', '2023', 'digital-city.yaml'), seed);
    const { err } = await runItogi(['check'], dir());
    // Both files are refused, each naming the other; the guide shows the first.
    expect(err).toHaveLength(3);
    expect(await readFile(GUIDE, 'utf8')).toContain(`\n${err[0]}\n`);
  });
});
