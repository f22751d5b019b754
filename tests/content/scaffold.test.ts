/**
 * src/content/scaffold.ts: the texts `itogi new` writes. Both must pass the
 * same load + validate stages as `itogi check`, carry Russian comments, and a
 * next-year copy must change only what a new year changes.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/content/load.js';
import { schemaKeys } from '../../src/source/schemaKeys.js';
import { blankDirection, checkScaffold, idProblem, nextYearDirection, shiftDate } from '../../src/content/scaffold.js';
import { ContentSchema, type Content } from '../../src/content/schema.js';
import { validateSource } from '../../src/content/validate.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const LAST_YEAR = join(ROOT, 'tests', 'content', 'fixtures', 'scaffold', 'last-year.yaml');
const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');

/** Parsed and validated, as `itogi check` would. */
function load(name: string, text: string) {
  const { source, diagnostics } = parseSource(name, text);
  expect(diagnostics).toEqual([]);
  const validated = validateSource(source!);
  expect(validated.diagnostics).toEqual([]);
  return { source: source!, content: validated.content! };
}

async function loadFile(path: string) {
  return load(path, await readFile(path, 'utf8'));
}

const next = (from: { source: Parameters<typeof nextYearDirection>[0]; content: Content }, id: string, year?: number) =>
  nextYearDirection(from.source, from.content, {
    id,
    fromName: 'content/2023/old.yaml',
    targetName: 'content/2024/new.yaml',
    ...(year ? { year } : {}),
  });

describe('idProblem: the rule of direction.id', () => {
  it.each([
    ['digital-city', undefined],
    ['a1', undefined],
    ['Digital', 'строчных латинских букв'],
    ['цифровой-город', 'строчных латинских букв'],
    ['summary', 'зарезервирован'],
    ['two--dashes', 'строчных'],
    ['-lead', 'строчных'],
    ['../x', 'строчных'],
  ])('%s', (id, problem) => {
    if (problem === undefined) expect(idProblem(id)).toBeUndefined();
    else expect(idProblem(id)).toContain(problem);
  });
});

describe('shiftDate', () => {
  it.each([
    ['2023-12-15', 1, '2024-12-15'],
    ['2024-01-20', 1, '2025-01-20'],
    ['2024-02-29', 1, '2025-02-28'], // no 29 February in 2025
    ['2024-02-29', 4, '2028-02-29'],
    ['2023-12-15', 2, '2025-12-15'],
  ])('%s + %i years → %s', (date, years, expected) => {
    expect(shiftDate(date, years)).toBe(expected);
  });
});

describe('blankDirection: a new file from scratch', () => {
  const text = blankDirection('digital-city', 2025);

  it('passes itogi check as written: no error, no warning', () => {
    expect(checkScaffold('content/2025/digital-city.yaml', text)).toEqual([]);
    const { content } = load('x.yaml', text);
    expect(content.report).toEqual({ year: 2025, date: '2025-12-15' });
    expect(content.direction.id).toBe('digital-city');
    // The comment after «>-» is a comment, not part of the goal.
    expect(content.goal).toBe('формулировка стратегической цели направления.');
    // Nothing is known yet: the example indicator is pending, not a made-up number.
    expect(content.indicators.items.map((i) => i.fact)).toEqual([null]);
  });

  it('names every field of the schema, each on a line with a Russian comment', () => {
    const lines = text.split('\n');
    for (const key of schemaKeys(ContentSchema)) {
      const line = lines.find((l) => new RegExp(`^\\s*(#\\s*)?(- )?${key}:`).test(l));
      expect(line, key).toBeDefined();
      expect(line!.replace(/^\s*#/, ''), key).toMatch(/#.*[а-яё]/i);
    }
  });

  it('points the editor at the schema and says where the guide is', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/content.schema.json');
    expect(text).toContain('docs/guide.md');
  });
});

describe('nextYearDirection: next year from last year', () => {
  it('moves year and date on, sets the id, empties every fact, keeps everything else', async () => {
    const old = await loadFile(LAST_YEAR);
    const made = load('new.yaml', next(old, 'urban-environment-2'));
    expect(made.content.report).toEqual({ year: 2024, date: '2025-02-28', title: 'Итоги 2024 года' });
    expect(made.content.direction.id).toBe('urban-environment-2');
    expect(made.content.indicators.items.map((i) => i.fact)).toEqual([null, null, null, null]);
    expect(made.content.summary).toBeUndefined();
    // Plans, names, reverse indicators, precision, tasks, goal: as last year.
    const strip = (c: Content) => ({
      ...c,
      report: undefined,
      direction: { ...c.direction, id: undefined },
      summary: undefined,
      indicators: { ...c.indicators, items: c.indicators.items.map((i) => ({ ...i, fact: undefined })) },
    });
    expect(strip(made.content)).toEqual(strip(old.content));
  });

  it("keeps last year's facts and plans as comments, and the user's own comments", async () => {
    const text = next(await loadFile(LAST_YEAR), 'urban-environment');
    const lines = text.split('\n');
    expect(lines.filter((l) => /^\s+fact:/.test(l))).toEqual([
      '      fact: null # факт 2023: 42,5; по данным департамента',
      '      fact: null # факт 2023: 1 062,75',
      '      fact: null # факт 2023: данных не было',
      // Absent last year: written after the plan, so the field is there to fill in.
      '      fact: null # факт 2023: данных не было',
    ]);
    expect(lines.filter((l) => /^\s+plan:/.test(l))).toEqual(
      ['40', '60', '1000', '5'].map((p) => `      plan: ${p} # план 2023; уточните план на 2024 год`),
    );
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../../../schema/content.schema.json');
    expect(text).toContain('# Направление на 2024 год, создано командой «itogi new» из content/2023/old.yaml.');
    expect(text).toContain('# Проверка файла: itogi check content/2024/new.yaml');
    expect(text).toContain('# Файл прошлого года для тестов itogi new');
    expect(text).toContain('date: 2025-02-28 # презентация 28.02.2025');
    expect(text).toContain(
      '# summary 2023 года (удалена, итоговая строка сформируется по фактам 2024 года): ИТОГ: ВСЁ ХОРОШО.',
    );
    // Quoting and block style of the original survive.
    expect(text).toContain('  - "ремонт дорог: 12 объектов."');
    expect(text).toContain('goal: >-');
  });

  it("drops last year's speaker notes (they read last year's figures), keeping them as comments", async () => {
    const withNotes = `${await readFile(LAST_YEAR, 'utf8')}notes:\n  indicators: План перевыполнен по всем строкам.\n  chart: |-\n    Все столбцы\n    за линией плана.\n`;
    const text = next(load('old.yaml', withNotes), 'urban-environment');
    expect(load('new.yaml', text).content.notes).toBeUndefined();
    expect(text).toContain(
      '# notes.indicators 2023 года (удалены, без них заметки прочитают цифры 2024 года): План перевыполнен по всем строкам.',
    );
    expect(text).toContain(
      '# notes.chart 2023 года (удалены, без них заметки прочитают цифры 2024 года): Все столбцы за линией плана.',
    );
    // A copy of that copy does not pile the lines up.
    const again = next(load('new.yaml', text), 'urban-environment');
    expect(again.match(/# notes\.indicators/g)).toBeNull();
  });

  it("a copy of a copy replaces itogi new's comments instead of piling them up", async () => {
    const first = next(await loadFile(LAST_YEAR), 'urban-environment');
    const second = next(load('2024.yaml', first), 'urban-environment');
    expect(second).toContain('fact: null # факт 2024: данных не было; по данным департамента');
    expect(second).toContain('plan: 40 # план 2024; уточните план на 2025 год');
    expect(second).not.toContain('2023 год');
    expect(second.match(/создано командой «itogi new»/g)).toHaveLength(1);
    expect(checkScaffold('2025.yaml', second)).toEqual([]);
  });

  it('an anchored or aliased fact or year becomes a plain value (no dangling alias)', async () => {
    const text = (await readFile(SEED, 'utf8'))
      .replace('year: 2023', 'year: &y 2023')
      .replace('fact: 80.4', 'fact: &f 80.4')
      .replace('fact: 74.9', 'fact: *f');
    const made = next(load('aliases.yaml', text), 'x');
    expect(checkScaffold('x.yaml', made)).toEqual([]);
    const { content } = load('x.yaml', made);
    expect(content.report.year).toBe(2024);
    expect(content.indicators.items.every((i) => i.fact === null)).toBe(true);
    expect(made).toContain('fact: null # факт 2023: 80,4');
    expect(made).toContain('fact: null # факт 2023: 80,4\n    - number: 46');
  });

  it('--year moves several years at once; the seed becomes a valid all-pending file', async () => {
    const made = load('new.yaml', next(await loadFile(SEED), 'institutional-environment', 2026));
    expect(made.content.report).toEqual({ year: 2026, date: '2026-12-15' });
    expect(made.content.indicators.items.map((i) => i.plan)).toEqual([72, 5176, 6, 140, 67, 90]);
    expect(made.source.text).toContain('fact: null # факт 2023: 80,4');
    expect(made.source.text).toContain('fact: null # факт 2023: 99,75');
  });
});
