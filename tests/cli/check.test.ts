/**
 * `itogi check`: prints the computed table of every valid file, one located
 * Russian line per problem, and exits 0 (all good) or 1 (a file failed).
 */
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runItogi, useTempDir, WORKSPACE } from '../helpers/cli.js';
import { availableTemplates } from '../../src/template/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const BROKEN = 'tests/content/fixtures/broken';
/** The broken fixtures as named from the sample workspace (run there as a user's folder). */
const BROKEN_THERE = relative(WORKSPACE, join(ROOT, BROKEN));

const SEED_EXECUTIONS = ['111,7 %', '101,16 %', '133,33 %', '123,4 %', '111,8 %', '110,8 %'];
const SEED_RESULT = 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.';

async function run(argv: string[], cwd = ROOT) {
  const { code, out, err } = await runItogi(argv, cwd);
  // The table uses no-break spaces inside numbers (5 176, 111,7 %).
  const stdout = out.join('\n').replace(/\u00a0/g, ' ');
  return { code, stdout, err };
}

/** The indicator rows of a printed table: [number, plan, fact, execution, status]. */
function tableRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => /^\s+\d+\s{2}/.test(l))
    .map((l) => l.trim().split(/\s{2,}/));
}

/** The printed report of one file: from its «file: name» line to the blank line after it. */
function fileReport(stdout: string, file: string): string {
  const from = stdout.indexOf(`${file}: `);
  if (from < 0) return '';
  const end = stdout.indexOf('\n\n', from);
  return stdout.slice(from, end < 0 ? undefined : end);
}

const SEED_FILE = 'content/2023/institutional-environment.yaml';
const SAMPLE_FILES = [
  'content/2023/economy.yaml',
  'content/2023/human-capital.yaml',
  'content/2023/urban-environment.yaml',
];
/** content/ holds the seed and sample directions: every one is checked. */
const contentFiles = async () =>
  (await readdir(join(WORKSPACE, 'content', '2023')))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `content/2023/${f}`);

describe('itogi check on the seed', () => {
  it('check content: exit 0, the six rows with the seed percentages, the result line', async () => {
    const { code, stdout: all, err } = await run(['check', 'content'], WORKSPACE);
    expect(code).toBe(0);
    const files = await contentFiles();
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(fileReport(all, f), f).not.toBe('');
    const stdout = fileReport(all, SEED_FILE);
    expect(stdout).toContain(
      'content/2023/institutional-environment.yaml: Институциональная среда (гражданское общество и власть), 2023 год',
    );
    const rows = tableRows(stdout);
    expect(rows.map((r) => r[0])).toEqual(['45', '46', '47', '48', '49', '50']);
    expect(rows.map((r) => r[3])).toEqual(SEED_EXECUTIONS);
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['72', '80,4'],
      ['5 176', '5 236'],
      ['6', '8'],
      ['140', '172,7'],
      ['67', '74,9'],
      ['90', '99,75'],
    ]);
    expect(rows.every((r) => r[4] === 'достигнуто')).toBe(true);
    expect(stdout).toContain(SEED_RESULT);
    // The shipped sample directions say they are samples; the seed does not.
    expect(err).toEqual([
      ...SAMPLE_FILES.map((f) => expect.stringMatching(new RegExp(`^${f}:\\d+:\\d+: предупреждение: sample: образец`))),
      `Проверено: ${files.length} из ${files.length}`,
    ]);
  });

  it('check with no path checks content/', async () => {
    const { code, stdout } = await run(['check'], WORKSPACE);
    expect(code).toBe(0);
    expect(tableRows(fileReport(stdout, SEED_FILE)).map((r) => r[3])).toEqual(SEED_EXECUTIONS);
  });

  it('a zero plan warns (located, предупреждение) and still exits 0', async () => {
    const { code, stdout, err } = await run(['check', 'tests/content/fixtures/warnings/zero-plan.yaml']);
    expect(code).toBe(0);
    expect(err[0]).toMatch(
      /^tests\/content\/fixtures\/warnings\/zero-plan\.yaml:57:13: предупреждение: показатель № 47 \(indicators\.items\[2\]\)\.plan: плановое значение равно 0/,
    );
    expect(tableRows(stdout)[2]![3]).toBe('—');
    expect(stdout).not.toMatch(/NaN|Infinity/);
  });
});

describe('itogi check on broken files', () => {
  it('one broken file: exit 1, the located line, nothing on stdout', async () => {
    const { code, stdout, err } = await run(['check', `${BROKEN}/plan-word.yaml`]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(err).toEqual([
      `${BROKEN}/plan-word.yaml:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4`,
      'Проверено: 0 из 1; с ошибками: 1',
    ]);
  });

  it('all errors of a file at once, sorted by line', async () => {
    const { code, err } = await run(['check', `${BROKEN}/several-errors.yaml`]);
    expect(code).toBe(1);
    expect(err.slice(0, -1).map((l) => /:(\d+):\d+: ошибка: /.exec(l)?.[1])).toEqual(['4', '45', '63', '73']);
  });

  it('a folder of broken files: every file is checked and reported, in name order', async () => {
    const names = (await readdir(join(ROOT, BROKEN))).filter((f) => f.endsWith('.yaml')).sort();
    const { code, stdout, err } = await run(['check', BROKEN]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const reported = [
      ...new Set(err.slice(0, -1).map((l) => /^tests\/content\/fixtures\/broken\/([^:]+):/.exec(l)?.[1])),
    ];
    expect(reported).toEqual(names);
    expect(err.at(-1)).toBe(`Проверено: 0 из ${names.length}; с ошибками: ${names.length}`);
    for (const line of err.slice(0, -1)) {
      expect(line).toMatch(/^tests\/content\/fixtures\/broken\/[a-z0-9-]+\.yaml:\d+:\d+: ошибка: \S/);
      expect(line).not.toMatch(/\bat \S+ \(|Error:/);
    }
  });

  it('several paths: the good one is checked, the broken one reported', async () => {
    const { code, stdout, err } = await run(['check', 'content', `${BROKEN_THERE}/year-1999.yaml`], WORKSPACE);
    expect(code).toBe(1);
    expect(tableRows(fileReport(stdout, SEED_FILE)).map((r) => r[3])).toEqual(SEED_EXECUTIONS);
    const n = (await contentFiles()).length;
    // year-1999.yaml is not a 2023 file: the 2023 totals are complete.
    expect(err).toEqual([
      ...SAMPLE_FILES.map((f) => expect.stringMatching(new RegExp(`^${f}:.*: образец`))),
      // outside the current folder: named by its full path
      `${join(ROOT, BROKEN)}/year-1999.yaml:4:9: ошибка: report.year: значение должно быть не меньше 2000, получено «1999»; проверьте число: нет ли лишних цифр, знака или опечатки`,
      `Проверено: ${n} из ${n + 1}; с ошибками: 1`,
    ]);
  });

  it('a path that does not exist: exit 1, one Russian line', async () => {
    const { code, err } = await run(['check', 'content/1999'], WORKSPACE);
    expect(code).toBe(1);
    expect(err[0]).toBe('content/1999: ошибка: нет такого файла или папки; укажите YAML-файл или папку с ними');
  });

  it('--template naming no template: wrong usage, said once (not once per file), exit 2, the list of available ones', async () => {
    const { code, stdout, err } = await run(['check', 'content', BROKEN_THERE, '--template', 'nonexistent'], WORKSPACE);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(err).toEqual([
      `itogi: --template: шаблон «nonexistent» не найден; доступные шаблоны: ${availableTemplates(ROOT).join(', ')}`,
      'Справка: itogi --help',
    ]);
    expect(err[0]).toContain('surgut');
  });
});

describe('itogi check on a folder outside the repository', () => {
  const dir = useTempDir('itogi-check-');

  it('one good and one broken file, searched recursively: exit 1, both reported, the good table printed', async () => {
    await mkdir(join(dir(), 'content', '2023'), { recursive: true });
    await mkdir(join(dir(), 'content', 'drafts', 'old'), { recursive: true });
    await copyFile(SEED, join(dir(), 'content', '2023', 'good.yaml'));
    await copyFile(join(ROOT, BROKEN, 'unknown-key.yaml'), join(dir(), 'content', 'drafts', 'old', 'broken.yaml'));
    // The built-in templates are found although this folder has no templates/.
    const { code, stdout, err } = await run(['check', 'content'], dir());
    expect(code).toBe(1);
    expect(stdout).toContain('content/2023/good.yaml: Институциональная среда');
    expect(tableRows(stdout).map((r) => r[3])).toEqual(SEED_EXECUTIONS);
    expect(stdout).toContain(SEED_RESULT);
    // The broken file is a 2023 direction (report.year): the city totals of 2023 are said to lack it.
    expect(err).toEqual([
      'content/drafts/old/broken.yaml:45:7: ошибка: показатель № 45 (indicators.items[0]).fakt: неизвестное поле «fakt»; возможно, имелось в виду «fact»',
      'output/2023/summary.pptx: ошибка: итоги по городу за 2023 год неполные: не вошли направления из файлов с ошибками — institutional-environment (content/drafts/old/broken.yaml); исправьте эти файлы; собрать сводную без них (с пометкой «НЕПОЛНАЯ СВОДНАЯ» на каждом слайде) можно с --incomplete-summary',
      'Проверено: 1 из 2; с ошибками: 1',
    ]);
  });

  it('the broken file first in order does not stop the good one after it', async () => {
    await mkdir(join(dir(), 'c'), { recursive: true });
    await copyFile(join(ROOT, BROKEN, 'tab-indent.yaml'), join(dir(), 'c', 'a.yaml'));
    await copyFile(join(ROOT, BROKEN, 'empty.yaml'), join(dir(), 'c', 'b.yml'));
    await copyFile(SEED, join(dir(), 'c', 'z.yaml'));
    const { code, stdout, err } = await run(['check', 'c'], dir());
    expect(code).toBe(1);
    // Neither broken file tells its year: each holds back the totals of every year checked.
    expect(err.map((l) => l.split(': ')[0])).toEqual([
      'c/a.yaml:4:1',
      'c/b.yml:1:1',
      'output/2023/summary.pptx',
      'Проверено',
    ]);
    expect(err[2]).toContain('не вошли направления из файлов с ошибками — c/a.yaml, c/b.yml');
    expect(stdout).toContain('c/z.yaml: Институциональная среда');
  });

  it('a broken template named by --template is reported once, not once per file; exit 1', async () => {
    const builtIn = await readFile(join(ROOT, 'templates', 'surgut', 'template.yaml'), 'utf8');
    await mkdir(join(dir(), 'templates', 'broken'), { recursive: true });
    await writeFile(
      join(dir(), 'templates', 'broken', 'template.yaml'),
      builtIn.replace('  title_pt: 40', '  title_pt: сорок'),
    );
    await mkdir(join(dir(), 'c'));
    await copyFile(SEED, join(dir(), 'c', 'a.yaml'));
    await copyFile(SEED, join(dir(), 'c', 'b.yaml'));
    const { code, stdout, err } = await run(['check', 'c', '--template', 'broken'], dir());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^templates\/broken\/template\.yaml:\d+:\d+: ошибка: fonts\.title_pt: ожидается число, получено «сорок»/,
    );
  });

  it('a character the deck cannot hold in a local template is located in template.yaml', async () => {
    const builtIn = await readFile(join(ROOT, 'templates', 'surgut', 'template.yaml'), 'utf8');
    await mkdir(join(dir(), 'templates', 'surgut'), { recursive: true });
    await writeFile(
      join(dir(), 'templates', 'surgut', 'template.yaml'),
      builtIn.replace('СПАСИБО ЗА ВНИМАНИЕ!', 'СПАСИБО\u000bЗА ВНИМАНИЕ!'),
    );
    await mkdir(join(dir(), 'c'));
    await copyFile(SEED, join(dir(), 'c', 'a.yaml'));
    const line = builtIn.split('\n').findIndex((l) => l.includes('СПАСИБО')) + 1;
    const col = builtIn.split('\n')[line - 1]!.indexOf('СПАСИБО') + 'СПАСИБО'.length + 1;
    const { code, err } = await run(['check', 'c'], dir());
    expect(code).toBe(1);
    expect(err[0]).toBe(
      `templates/surgut/template.yaml:${line}:${col}: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word); замените его пробелом или удалите`,
    );
  });

  it('a folder without YAML files is an error, not silence', async () => {
    await mkdir(join(dir(), 'empty'));
    const { code, err } = await run(['check', 'empty'], dir());
    expect(code).toBe(1);
    expect(err[0]).toBe(
      'empty: ошибка: в папке нет YAML-файлов; положите файлы направлений в content/<год>/<направление>.yaml',
    );
  });

  it('no content/ in the current folder and no path: says so and what to do, exit 2, no file counted', async () => {
    for (const command of ['check', 'build', 'watch', 'preview']) {
      const { code, stdout, err } = await run([command], dir());
      expect(code, command).toBe(2);
      expect(stdout).toBe('');
      expect(err, command).toEqual([
        'itogi: в этой папке нет папки content/ с файлами направлений; перейдите в папку, где она есть, укажите файлы или папку (например: itogi check ПУТЬ), или создайте первый файл: itogi new ИДЕНТИФИКАТОР',
        'Справка: itogi --help',
      ]);
    }
    expect(await readdir(dir())).toEqual([]);
  });

  it('run inside content/<year>/ with no path: says where content/ is', async () => {
    const year = join(dir(), 'content', '2023');
    await mkdir(year, { recursive: true });
    const { code, err } = await run(['check'], year);
    expect(code).toBe(2);
    expect(err[0]).toBe(
      'itogi: здесь нет папки content/: вы внутри неё (..); укажите файлы (например: itogi build ИМЯ.yaml) или перейдите в папку над content/ (cd ../..)',
    );
  });
});

describe('files in a content folder that look like directions but are not read', () => {
  const dir = useTempDir('itogi-check-stray-');

  it('Notepad’s «.yaml.txt», a backup «~» and a symlink are each named; a symlink named directly is refused', async () => {
    const year = join(dir(), 'content', '2023');
    await mkdir(year, { recursive: true });
    await copyFile(SEED, join(year, 'economy.yaml'));
    await copyFile(SEED, join(year, 'economy.yaml.txt'));
    await writeFile(join(year, 'old.yml~'), '');
    await symlink('/etc/passwd', join(year, 'passwd.yaml'));
    const { code, err } = await run(['check', 'content'], dir());
    expect(code).toBe(0);
    expect(err.slice(0, 3)).toEqual([
      'content/2023/economy.yaml.txt: предупреждение: похоже на файл направления, но не читается: читаются только файлы .yaml и .yml; если это файл направления, переименуйте его в <направление>.yaml; если нет — уберите его из папки',
      'content/2023/old.yml~: предупреждение: похоже на файл направления, но не читается: читаются только файлы .yaml и .yml; если это файл направления, переименуйте его в <направление>.yaml; если нет — уберите его из папки',
      'content/2023/passwd.yaml: предупреждение: символьная ссылка не читается: в сборку не попадает; если это файл направления, положите на место ссылки сам файл',
    ]);
    const direct = await run(['check', 'content/2023/passwd.yaml'], dir());
    expect(direct.code).toBe(1);
    expect(direct.err[0]).toMatch(/^content\/2023\/passwd\.yaml: ошибка: это символьная ссылка, а не файл/);
    expect(direct.stdout).not.toContain('root');
  });
});
