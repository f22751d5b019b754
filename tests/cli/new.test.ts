/**
 * `itogi new`: writes content/<year>/<id>.yaml that passes `itogi check`,
 * refuses to overwrite, and writes nothing when the --from file is broken.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { parseCli } from '../../src/cli/options.js';
import { runCli, schemaText } from '../../src/cli.js';
import { ROOT, useTempDir } from '../helpers/cli.js';

const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const BROKEN = join(ROOT, 'tests', 'content', 'fixtures', 'broken', 'several-errors.yaml');

/** The CLI in `cwd` with the clock stopped at `now`. */
async function itogi(argv: string[], cwd: string, now = new Date('2025-03-01T12:00:00Z')) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, now: () => now });
  return { code, out, err };
}

describe('itogi new', () => {
  const dir = useTempDir('itogi-new-');

  it("from scratch: this year's file, every field commented, passes check with nothing to say", async () => {
    const { code, out, err } = await itogi(['new', 'digital-city'], dir());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      'записано content/2025/digital-city.yaml',
      'Год отчёта: 2025 — текущий по часам компьютера; другой год: itogi new digital-city --year ГОД',
      'записано schema/content.schema.json — по ней редактор подсказывает поля нового файла',
      'Замените тексты-заготовки своими и проверьте: itogi check content/2025/digital-city.yaml',
    ]);
    const checked = await checkFile('content/2025/digital-city.yaml', { cwd: dir() });
    // Valid, but every text a person must write is named until it is written.
    expect(checked.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['PlaceholderText', 'direction.name'],
      ['PlaceholderText', 'direction.responsible.name'],
      ['PlaceholderText', 'goal'],
      ['PlaceholderText', 'tasks[0]'],
      ['PlaceholderText', 'tasks[1]'],
      ['PlaceholderText', 'events[0].title'],
      ['PlaceholderText', 'events[0].items[0]'],
      ['PlaceholderText', 'events[0].items[1]'],
      ['PlaceholderText', 'indicators.items[0].name'],
    ]);
    expect(checked.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(checked.computed!.content.report.year).toBe(2025);
    expect(checked.computed!.content.direction.id).toBe('digital-city');
    const text = await readFile(join(dir(), 'content', '2025', 'digital-city.yaml'), 'utf8');
    // The editor's schema line names a file that exists from the new file's folder, and is the current schema.
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
    expect(await readFile(join(dir(), 'content', '2025', ref!), 'utf8')).toBe(schemaText());
    expect(text).toContain('fact: null # фактическое значение; null — данных ещё нет');
    expect(text).toContain('better: higher # higher — чем больше, тем лучше; lower — обратный показатель');
  });

  it('--year chooses the year of a file from scratch (nothing to say about it); an existing schema is left alone', async () => {
    await mkdir(join(dir(), 'schema'));
    await writeFile(join(dir(), 'schema', 'content.schema.json'), '{}\n');
    const { code, out } = await itogi(['new', 'x', '--year', '2030'], dir());
    expect(code).toBe(0);
    expect(out).toEqual([
      'записано content/2030/x.yaml',
      'Замените тексты-заготовки своими и проверьте: itogi check content/2030/x.yaml',
    ]);
    expect(await readFile(join(dir(), 'schema', 'content.schema.json'), 'utf8')).toBe('{}\n');
    expect((await checkFile('content/2030/x.yaml', { cwd: dir() })).computed!.content.report).toEqual({
      year: 2030,
      date: '2030-12-15',
    });
  });

  it("--from last year's file: next year, facts pending and kept as comments, passes check", async () => {
    await mkdir(join(dir(), 'content', '2023'), { recursive: true });
    await copyFile(SEED, join(dir(), 'content', '2023', 'institutional-environment.yaml'));
    const { code, out, err } = await itogi(
      ['new', 'institutional-environment', '--from', 'content/2023/institutional-environment.yaml'],
      dir(),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.slice(0, 2)).toEqual([
      'записано content/2024/institutional-environment.yaml',
      'Год отчёта: 2024 — следующий за 2023 из content/2023/institutional-environment.yaml; другой год: itogi new institutional-environment --year ГОД',
    ]);
    const checked = await checkFile('content/2024/institutional-environment.yaml', { cwd: dir() });
    // Each carried-over plan is a warning on its own line until its «уточните» reminder is removed.
    const lines = (await readFile(join(dir(), 'content', '2024', 'institutional-environment.yaml'), 'utf8')).split(
      '\n',
    );
    expect(checked.diagnostics.map((d) => [d.code, lines[d.line - 1]!.trim().split(':')[0]])).toEqual(
      Array.from({ length: 6 }, () => ['PlanNotRevised', 'plan']),
    );
    expect(checked.computed!.tally).toEqual({ year: 2024, total: 6, achieved: 0, pending: 6 });
    expect(checked.computed!.resultLine).toBe('ИТОГ: ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ ЗА 2024 ГОД ДАННЫЕ ОЖИДАЮТСЯ.');
    const text = await readFile(join(dir(), 'content', '2024', 'institutional-environment.yaml'), 'utf8');
    const facts = text
      .split('\n')
      .filter((l) => /^\s+fact:/.test(l))
      .map((l) => l.trim());
    expect(facts).toEqual(['80,4', '5 236', '8', '172,7', '74,9', '99,75'].map((f) => `fact: null # факт 2023: ${f}`));
    expect(text).toContain('plan: 72 # план 2023; уточните план на 2024 год');
    // Last year's file is untouched, and building the new one works (all pending).
    expect(await readFile(join(dir(), 'content', '2023', 'institutional-environment.yaml'), 'utf8')).toBe(
      await readFile(SEED, 'utf8'),
    );
    const built = await itogi(['build', 'content/2024'], dir());
    expect(built.code).toBe(0);
  });

  it('a broken --from file: its located errors, and nothing is written', async () => {
    await copyFile(BROKEN, join(dir(), 'old.yaml'));
    const { code, out, err } = await itogi(['new', 'x', '--from', 'old.yaml'], dir());
    expect(code).toBe(1);
    expect(out).toEqual([]);
    // The same lines `itogi check old.yaml` prints.
    const check = await itogi(['check', 'old.yaml'], dir());
    const located = check.err.filter((l) => /^old\.yaml:\d+:\d+: ошибка: /.test(l));
    expect(located.length).toBeGreaterThan(1);
    expect(err.slice(0, -1)).toEqual(located);
    expect(err.at(-1)).toBe('itogi new: файл old.yaml содержит ошибки — исправьте их; новый файл не создан');
    expect(await readdir(dir())).toEqual(['old.yaml']);
  });

  it('a missing --from file is an error naming it', async () => {
    const { code, err } = await itogi(['new', 'x', '--from', 'content/2023/none.yaml'], dir());
    expect(code).toBe(1);
    expect(err[0]).toBe('content/2023/none.yaml: ошибка: файл не найден; проверьте путь и права на чтение');
    expect(await readdir(dir())).toEqual([]);
  });

  it('a file where the content folder should be: a located write error, not an internal one', async () => {
    await writeFile(join(dir(), 'content'), 'не папка\n');
    const { code, err } = await itogi(['new', 'digital-city'], dir());
    expect(code).toBe(1);
    expect(err).toEqual([
      'content/2025/digital-city.yaml: ошибка: не удалось создать файл: на месте папки находится файл (ENOTDIR); уберите или переименуйте файл, который стоит на месте папки',
    ]);
  });

  it('never overwrites: an existing file stays as it was', async () => {
    await mkdir(join(dir(), 'content', '2025'), { recursive: true });
    const target = join(dir(), 'content', '2025', 'digital-city.yaml');
    await writeFile(target, 'моя работа\n');
    const { code, out, err } = await itogi(['new', 'digital-city'], dir());
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'content/2025/digital-city.yaml: ошибка: файл уже существует, itogi new его не перезаписывает; выберите другой идентификатор или удалите (переименуйте) существующий файл',
    ]);
    expect(await readFile(target, 'utf8')).toBe('моя работа\n');
  });

  it.each([
    [['new'], 'укажите идентификатор направления, например: itogi new digital-city'],
    [
      ['new', 'Цифра'],
      'идентификатор «Цифра» — ожидается идентификатор из строчных латинских букв, цифр и «-», например institutional-environment',
    ],
    [
      ['new', '../etc'],
      'идентификатор «../etc» — ожидается идентификатор из строчных латинских букв, цифр и «-», например institutional-environment',
    ],
    [['new', 'a', 'b'], 'команда new принимает один идентификатор, лишнее: b'],
    [['new', 'a', '--year', '24'], '--year: «24» — укажите год от 2000 до 2100, например 2024'],
    [['new', 'a', '--year', '2101'], '--year: «2101» — укажите год от 2000 до 2100, например 2024'],
    [['new', 'a', '--from', ''], 'параметр --from: укажите файл прошлого года'],
    [
      ['new', 'a', '--out', 'x'],
      'параметр --out не относится к команде new: он есть у команд build, watch, export и publish',
    ],
    [
      ['new', 'a', '--template', 'surgut'],
      'параметр --template не относится к команде new: он есть у команд build, check, preview, watch и publish',
    ],
    [['check', '--from', 'x.yaml'], 'параметр --from не относится к команде check: он есть у команды new'],
    [['build', '--year', '2024'], 'параметр --year не относится к команде build: он есть у команды new'],
  ])('wrong usage %j: exit 2, nothing written', async (argv, message) => {
    expect(parseCli(argv)).toEqual({ kind: 'usage-error', message });
    const { code, err } = await itogi(argv, dir());
    expect(code).toBe(2);
    expect(err).toEqual([`itogi: ${message}`, 'Справка: itogi --help']);
    expect(await readdir(dir())).toEqual([]);
  });

  it('parses a full request', () => {
    expect(parseCli(['new', 'x', '--from', 'a.yaml', '--year', '2026'])).toEqual({
      kind: 'new',
      id: 'x',
      from: 'a.yaml',
      year: 2026,
    });
    expect(parseCli(['new', 'x', '-f', 'a.yaml', '-y', '2026'])).toEqual({
      kind: 'new',
      id: 'x',
      from: 'a.yaml',
      year: 2026,
    });
  });
});
