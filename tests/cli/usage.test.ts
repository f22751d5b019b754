/** Wrong usage exits 2 with a Russian message; parsing is checked without running anything. */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../src/cli.js';
import { runItogi, useTempDir } from '../helpers/cli.js';
import { COMMAND_OPTIONS, OPTIONS, parseCli } from '../../src/cli/options.js';
import { TEMPLATE_NAME_PATTERN } from '../../src/content/schema.js';
import { availableTemplates } from '../../src/template/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const run = runItogi;

describe('wrong usage: exit 2, nothing run, nothing written', () => {
  const dir = useTempDir('itogi-usage-');

  it.each([
    [
      ['frobnicate'],
      'itogi: неизвестная команда «frobnicate»; доступны: build, check, preview, watch, new, export, import, publish, schema',
    ],
    [['check', '--foo'], 'itogi: неизвестный параметр --foo'],
    [['publish', 'a', 'b'], 'itogi: publish: укажите один путь (файл или папку), а не 2'],
    [['publish', '--pdf'], 'itogi: параметр --pdf не относится к команде publish: он есть у команды build'],
    [['publish', '--out', ''], 'itogi: параметр --out: укажите папку'],
    [
      ['export', '--out', 'book.ods'],
      'itogi: --out: «book.ods» — укажите файл .xlsx или .csv, например --out показатели.xlsx',
    ],
    [['export', '--dry-run'], 'itogi: параметр --dry-run не относится к команде export: он есть у команды import'],
    [['import'], 'itogi: укажите таблицу .xlsx или .csv, например: itogi import показатели.xlsx'],
    [
      ['import', 'content'],
      'itogi: «content» — первым укажите таблицу .xlsx или .csv, например: itogi import показатели.xlsx',
    ],
    [
      ['import', 'a.xlsx', '--out', 'x'],
      'itogi: параметр --out не относится к команде import: он есть у команд build, watch, export и publish',
    ],
    [['check', '--dry-run'], 'itogi: параметр --dry-run не относится к команде check: он есть у команды import'],
    [['build', '-x'], 'itogi: неизвестный параметр -x'],
    [['build', '--out'], 'itogi: параметру --out нужно значение'],
    [['build', '--out', ''], 'itogi: параметр --out: укажите папку'],
    [['check', '--help=yes'], 'itogi: параметр --help не принимает значения (указано «yes»)'],
    [
      ['check', '--out', 'x'],
      'itogi: параметр --out не относится к команде check: он есть у команд build, watch, export и publish',
    ],
    [['schema', 'content'], 'itogi: команда schema не принимает путей'],
    [
      ['build', '--template', '../../etc'],
      'itogi: --template: «../../etc» — укажите имя папки шаблона, например surgut',
    ],
    [
      ['check', '--template', '/etc/passwd'],
      'itogi: --template: «/etc/passwd» — укажите имя папки шаблона, например surgut',
    ],
    [['build', '--jobs', '0'], 'itogi: --jobs: «0» — укажите число от 1 до 999, например 2'],
    [['build', '-j', 'два'], 'itogi: --jobs: «два» — укажите число от 1 до 999, например 2'],
    [['build', '--jobs'], 'itogi: параметру --jobs нужно значение'],
    [['check', '--jobs', '2'], 'itogi: параметр --jobs не относится к команде check: он есть у команды build'],
    [['check', '--pdf'], 'itogi: параметр --pdf не относится к команде check: он есть у команды build'],
    [['build', '--pdf=yes'], 'itogi: параметр --pdf не принимает значения (указано «yes»)'],
    [
      ['build', '--jobs', '-1'],
      'itogi: параметр --jobs: значение «-1» начинается с «-» и неверно — укажите число от 1 и больше, например 2',
    ],
    [
      ['build', '-j', '-2'],
      'itogi: параметр --jobs: значение «-2» начинается с «-» и неверно — укажите число от 1 и больше, например 2',
    ],
    [['new', 'a'.repeat(101)], `itogi: идентификатор «${'a'.repeat(40)}…» слишком длинный: не больше 100 символов`],
  ])('%j', async (argv, message) => {
    const { code, out, err } = await run(argv, dir());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([message, 'Справка: itogi --help']);
    expect(await readdir(dir())).toEqual([]);
  });
});

describe('--template naming no template is wrong usage too', () => {
  const dir = useTempDir('itogi-usage-');

  it.each([
    [['check', '--template', 'nope']],
    [['build', 'content', 'more', '--template', 'nope']],
    [['build', '-t', 'nope', '--out', 'decks']],
  ])('%j: exit 2 before any file is read, the available templates listed once', async (argv) => {
    const { code, out, err } = await run(argv, dir());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    // No templates/ here: the built-in ones are what there is.
    expect(err).toEqual([
      `itogi: --template: шаблон «nope» не найден; доступные шаблоны: ${availableTemplates(dir()).join(', ')}`,
      'Справка: itogi --help',
    ]);
    expect(availableTemplates(dir())).toContain('surgut');
    expect(await readdir(dir())).toEqual([]);
  });

  it("the --template name rule is the schema's template: rule", () => {
    for (const name of ['surgut', 'a_b-2', '-x', 'Surgut', 'x.y', '../x', '']) {
      expect(parseCli(['check', '--template', name]).kind === 'run', name).toBe(TEMPLATE_NAME_PATTERN.test(name));
    }
  });
});

describe('help, version, schema', () => {
  const dir = useTempDir('itogi-usage-');

  it('--help: exit 0, Russian, lists the commands and exit codes', async () => {
    const { code, out } = await run(['--help'], dir());
    expect(code).toBe(0);
    const text = out.join('\n');
    for (const word of ['itogi build', 'itogi check', 'itogi schema', '--out', '--template', 'Код выхода'])
      expect(text).toContain(word);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, out } = await run(['--version'], dir());
    expect(code).toBe(0);
    expect(out).toEqual([pkg.version]);
  });

  it('schema writes schema/content.schema.json under the current folder', async () => {
    const { code, out } = await run(['schema'], dir());
    expect(code).toBe(0);
    expect(out).toEqual([`записано ${join('schema', 'content.schema.json')}`]);
    expect(await readFile(join(dir(), 'schema', 'content.schema.json'), 'utf8')).toBe(schemaText());
  });
});

describe('parseCli', () => {
  it('defaults: content/ in, output/ out', () => {
    expect(parseCli(['check'])).toEqual({ kind: 'run', command: 'check', paths: ['content'], out: 'output' });
    expect(parseCli(['build'])).toEqual({ kind: 'run', command: 'build', paths: ['content'], out: 'output' });
  });

  it('paths, --out and --template in any order, short forms too', () => {
    expect(parseCli(['build', 'a.yaml', '-o', 'decks', 'content/2024', '-t', 'surgut'])).toEqual({
      kind: 'run',
      command: 'build',
      paths: ['a.yaml', 'content/2024'],
      out: 'decks',
      template: 'surgut',
    });
  });

  it('--jobs N and --pdf for build', () => {
    expect(parseCli(['build', '--jobs', '2', '--pdf'])).toEqual({
      kind: 'run',
      command: 'build',
      paths: ['content'],
      out: 'output',
      jobs: 2,
      pdf: true,
    });
    expect(parseCli(['build', '-j', '1', '--pdf', 'x.yaml'])).toMatchObject({ paths: ['x.yaml'], jobs: 1, pdf: true });
  });

  it('-- ends the options: a file may start with a dash', () => {
    expect(parseCli(['check', '--', '-odd.yaml'])).toMatchObject({ kind: 'run', paths: ['-odd.yaml'] });
  });

  it('help and version win over everything else', () => {
    expect(parseCli(['build', '--help', '--jobs', '2'])).toEqual({ kind: 'help', command: 'build' });
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    expect(parseCli(['-v'])).toEqual({ kind: 'version' });
  });

  it('usage errors are Russian and name no English parser text', () => {
    for (const argv of [['--nope'], ['build', '--out'], ['x'], ['--out', 'x', 'build']]) {
      const r = parseCli(argv);
      expect(r.kind).toBe('usage-error');
      if (r.kind !== 'usage-error') continue;
      expect(r.message).toMatch(/[а-яё]/i);
      expect(r.message).not.toMatch(/\b(unknown|option|argument|missing|value|expected)\b|<|>/i);
    }
  });
});

describe('an option a command does not take is wrong usage, not ignored', () => {
  it.each([
    [['new', 'abc', '--pdf'], 'параметр --pdf не относится к команде new: он есть у команды build'],
    [['new', 'abc', '--jobs', '3'], 'параметр --jobs не относится к команде new: он есть у команды build'],
    [
      ['new', 'abc', '--no-summary'],
      'параметр --no-summary не относится к команде new: он есть у команд build и check',
    ],
    [
      ['preview', '--no-summary'],
      'параметр --no-summary не относится к команде preview: он есть у команд build и check',
    ],
    [['watch', '--no-summary'], 'параметр --no-summary не относится к команде watch: он есть у команд build и check'],
    [
      ['schema', '--template', 'surgut'],
      'параметр --template не относится к команде schema: он есть у команд build, check, preview, watch и publish',
    ],
    [['--out', 'x', 'build'], 'параметр --out пишется после команды, например: itogi build --out'],
  ])('%j → %s', (argv, message) => {
    expect(parseCli(argv)).toEqual({ kind: 'usage-error', message });
  });

  it('every option is taken by some command', () => {
    const taken = new Set(Object.values(COMMAND_OPTIONS).flat());
    expect(Object.keys(OPTIONS).filter((o) => o !== 'help' && o !== 'version' && !taken.has(o as never))).toEqual([]);
  });
});
