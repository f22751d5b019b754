/**
 * The city summary from the command line: a year with two or more valid
 * directions gets the city totals in `check` and summary.pptx in `build`;
 * one direction or --no-summary gets neither; the id «summary» is refused.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/options.js';
import { renderCityReport } from '../../src/cli/summary.js';
import { computeCity } from '../../src/compute/city.js';
import { computeDirection } from '../../src/compute/direction.js';
import { closingLine, ROOT, runItogi, useTempDir } from '../helpers/cli.js';
import { writeDirections } from '../helpers/directions.js';
import { openPptx, slideTexts } from '../helpers/pptx.js';
import { seedContent } from '../compute/fixtures/seed.js';

const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const BROKEN = join(ROOT, 'tests', 'content', 'fixtures', 'broken', 'plan-word.yaml');

const files = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

describe('itogi build and check with the city summary', () => {
  const tmp = useTempDir('itogi-cli-summary-');

  it('two directions: build writes summary.pptx and says so after the decks', async () => {
    await writeDirections(join(tmp(), 'content'), 2);
    const { code, out, err } = await runItogi(['build', 'content', '--out', 'decks'], tmp());
    expect(code).toBe(0);
    expect(out).toHaveLength(3);
    expect(out[2]).toMatch(/^сводная за 2023 год → decks\/2023\/summary\.pptx \(направлений: 2, слайдов: 5, \d+ КБ\)$/);
    expect(err).toEqual([closingLine({ built: 3, unchanged: 0, failed: 0 })]);
    expect(await files(join(tmp(), 'decks', '2023'))).toEqual([
      'direction-01.pptx',
      'direction-02.pptx',
      'summary.pptx',
    ]);
  });

  it('two directions: check prints the city totals and result line after the files', async () => {
    await writeDirections(join(tmp(), 'content'), 2);
    const { code, out } = await runItogi(['check', 'content'], tmp());
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text.indexOf('Итоги по городу, 2023 год')).toBeGreaterThan(
      text.indexOf('content/direction-02.yaml: Направление 2, 2023 год'),
    );
    expect(text.indexOf('content/direction-02.yaml: ')).toBeGreaterThan(0);
    // Direction 1 misses one indicator, direction 2 waits for one fact.
    expect(text).toContain(
      'Итоги по городу, 2023 год — направлений: 2, показателей: 12, достигнуто: 10, не достигнуто: 1, данные ожидаются: 1',
    );
    expect(text).toContain(
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ДЕСЯТИ ИЗ ДВЕНАДЦАТИ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.',
    );
  });

  it('one direction: no summary in build, no city totals in check', async () => {
    const built = await runItogi(['build', SEED, '--out', 'decks'], tmp());
    expect(built.code).toBe(0);
    expect(built.out).toHaveLength(1);
    expect(await files(join(tmp(), 'decks', '2023'))).toEqual(['institutional-environment.pptx']);
    const checked = await runItogi(['check', SEED], tmp());
    expect(checked.out.join('\n')).not.toContain('Итоги по городу');
  });

  it('--no-summary: no summary.pptx, no summary line, no city totals', async () => {
    await writeDirections(join(tmp(), 'content'), 3);
    const built = await runItogi(['build', 'content', '--out', 'decks', '--no-summary'], tmp());
    expect(built.code).toBe(0);
    expect(built.out.some((l) => l.startsWith('сводная'))).toBe(false);
    expect(await files(join(tmp(), 'decks', '2023'))).toEqual([
      'direction-01.pptx',
      'direction-02.pptx',
      'direction-03.pptx',
    ]);
    const checked = await runItogi(['check', 'content', '--no-summary'], tmp());
    expect(checked.code).toBe(0);
    expect(checked.out.join('\n')).not.toContain('Итоги по городу');
  });

  it("files named one by one leave the year's summary alone; the same directions in any order give the same summary", async () => {
    await writeDirections(join(tmp(), 'content'), 3);
    await runItogi(['build', 'content', '--out', 'decks'], tmp());
    const summary = join(tmp(), 'decks', '2023', 'summary.pptx');
    const whole = await readFile(summary);
    const named = await runItogi(
      ['build', 'content/direction-02.yaml', 'content/direction-01.yaml', '--out', 'decks'],
      tmp(),
    );
    expect(named.out.some((l) => l.startsWith('сводная'))).toBe(false);
    expect((await readFile(summary)).equals(whole)).toBe(true);
    // A folder and the files in another order: the table is by direction.id, the bytes are the same.
    await runItogi(['build', 'content/direction-03.yaml', 'content', '--out', 'again'], tmp());
    expect((await readFile(join(tmp(), 'again', '2023', 'summary.pptx'))).equals(whole)).toBe(true);
  });

  it('a typo in one direction («fact: 56,2»): the summary is not rewritten, the run names the direction and exits 1', async () => {
    const [, second] = await writeDirections(join(tmp(), 'content'), 3);
    const first = await runItogi(['build', 'content', '--out', 'decks'], tmp());
    expect(first.code).toBe(0);
    const summary = join(tmp(), 'decks', '2023', 'summary.pptx');
    const before = await readFile(summary);
    await writeFile(second!, (await readFile(second!, 'utf8')).replace('fact: 99.75', 'fact: 56,2'));
    const { code, out, err } = await runItogi(['build', 'content', '--out', 'decks'], tmp());
    expect(code).toBe(1);
    expect(out.some((l) => l.startsWith('сводная'))).toBe(false);
    expect(err).toContain(
      'decks/2023/summary.pptx: ошибка: сводная за 2023 год не обновлена: не вошли направления из файлов с ошибками — direction-02 (content/direction-02.yaml); decks/2023/summary.pptx осталась от прежнего запуска, в ней прежние данные; исправьте эти файлы; собрать сводную без них (с пометкой «НЕПОЛНАЯ СВОДНАЯ» на каждом слайде) можно с --incomplete-summary',
    );
    // The failed direction's own deck from the first run is said to be the old one.
    expect(err).toContain(
      'content/direction-02.yaml: предупреждение: decks/2023/direction-02.pptx не обновлена: она собрана из прежней версии этого файла и показывает прежние данные; исправьте ошибки в файле и соберите снова',
    );
    expect((await readFile(summary)).equals(before)).toBe(true);
  });

  it('--incomplete-summary writes it anyway, every slide marked with what is missing', async () => {
    const [, second] = await writeDirections(join(tmp(), 'content'), 3);
    await writeFile(second!, (await readFile(second!, 'utf8')).replace('fact: 99.75', 'fact: 56,2'));
    const { code, out } = await runItogi(['build', 'content', '--out', 'decks', '--incomplete-summary'], tmp());
    expect(code).toBe(1);
    expect(out.at(-1)).toMatch(
      /^сводная за 2023 год → decks\/2023\/summary\.pptx \(направлений: 2, НЕПОЛНАЯ: не вошли direction-02 \(content\/direction-02\.yaml\), слайдов: \d+, \d+ КБ\)$/,
    );
    const deck = await openPptx(await readFile(join(tmp(), 'decks', '2023', 'summary.pptx')));
    expect(deck.slides.length).toBeGreaterThan(2);
    for (const slide of deck.slides) expect(slideTexts(slide)).toContain('НЕПОЛНАЯ СВОДНАЯ: не вошли direction-02');
  });

  it('each year speaks of its own files: a broken 2023 file holds back 2023 only', async () => {
    await writeDirections(join(tmp(), 'content', '2023'), 2);
    await writeDirections(join(tmp(), 'content', '2024'), 2);
    for (const name of ['direction-01', 'direction-02']) {
      const path = join(tmp(), 'content', '2024', `${name}.yaml`);
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replace('year: 2023', 'year: 2024').replace('date: 2023-12-15', 'date: 2024-12-16'));
    }
    await copyFile(BROKEN, join(tmp(), 'content', '2023', 'broken.yaml'));
    const { code, out, err } = await runItogi(['build', 'content', '--out', 'decks'], tmp());
    expect(code).toBe(1);
    expect(out.filter((l) => l.startsWith('сводная'))).toEqual([
      expect.stringMatching(/^сводная за 2024 год → decks\/2024\/summary\.pptx \(направлений: 2, слайдов/),
    ]);
    expect(err.filter((l) => l.includes('сводная за'))).toEqual([
      expect.stringContaining(
        'сводная за 2023 год не обновлена: не вошли направления из файлов с ошибками — institutional-environment (content/2023/broken.yaml); исправьте',
      ),
    ]);
  });

  it('a deck that cannot be written is not a file left out of the summary (its direction is in it)', async () => {
    // Decks start while later files are still being checked: the first one's failure comes in before
    // the last file is checked (30 files make that sure), and must not count as a file left out.
    await writeDirections(join(tmp(), 'content'), 30);
    // A folder where the first direction's deck would go: that deck fails to be written, its file was fine.
    const [first] = (await readdir(join(tmp(), 'content'))).sort();
    const id = (await readFile(join(tmp(), 'content', first!), 'utf8')).match(/^\s*id:\s*(\S+)/m)![1]!;
    await mkdir(join(tmp(), 'decks', '2023', `${id}.pptx`), { recursive: true });
    for (const jobs of ['1', '2']) {
      const { code, out } = await runItogi(['build', 'content', '--out', 'decks', '--jobs', jobs], tmp());
      expect(code).toBe(1);
      const summary = out.find((l) => l.startsWith('сводная'));
      expect(summary, jobs).toMatch(/\((без изменений; )?направлений: 30, слайдов: \d+, \d+ КБ\)$/);
    }
  });

  it('each year gets its own summary', async () => {
    await writeDirections(join(tmp(), 'content', '2023'), 2);
    await mkdir(join(tmp(), 'content', '2024'));
    for (const name of ['direction-01', 'direction-02']) {
      const text = await readFile(join(tmp(), 'content', '2023', `${name}.yaml`), 'utf8');
      await writeFile(
        join(tmp(), 'content', '2024', `${name}.yaml`),
        text.replace('year: 2023', 'year: 2024').replace('date: 2023-12-15', 'date: 2024-12-16'),
      );
    }
    const { code, out } = await runItogi(['build', 'content', '--out', 'decks'], tmp());
    expect(code).toBe(0);
    expect(out.filter((l) => l.startsWith('сводная')).map((l) => l.split(' (')[0])).toEqual([
      'сводная за 2023 год → decks/2023/summary.pptx',
      'сводная за 2024 год → decks/2024/summary.pptx',
    ]);
  });

  it('a template whose closing line names the direction: the decks are built, the summary is a located template error', async () => {
    await writeDirections(join(tmp(), 'content'), 2);
    await mkdir(join(tmp(), 'templates', 'surgut'), { recursive: true });
    const shipped = await readFile(join(ROOT, 'templates', 'surgut', 'template.yaml'), 'utf8');
    await writeFile(
      join(tmp(), 'templates', 'surgut', 'template.yaml'),
      shipped.replace('closing: СПАСИБО ЗА ВНИМАНИЕ!', 'closing: "{direction.name}: СПАСИБО!"'),
    );
    const { code, out, err } = await runItogi(['build', 'content', '--out', 'decks'], tmp());
    expect(code).toBe(1);
    expect(out).toHaveLength(2);
    expect(err[0]).toBe(
      'templates/surgut/template.yaml: ошибка: labels: в сводной презентации города нет одного направления: подстановка {direction.name} в строке «{direction.name}: СПАСИБО!» здесь недопустима; исправьте template.yaml шаблона',
    );
    expect(await files(join(tmp(), 'decks', '2023'))).toEqual(['direction-01.pptx', 'direction-02.pptx']);
  });

  it('direction.id «summary» fails check with a located error on direction.id', async () => {
    const text = (await readFile(SEED, 'utf8')).replace('id: institutional-environment', 'id: summary');
    await writeFile(join(tmp(), 'summary.yaml'), text);
    const { code, out, err } = await runItogi(['check', 'summary.yaml'], tmp());
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'summary.yaml:8:7: ошибка: direction.id: идентификатор «summary» зарезервирован: так называется сводная презентация города за год (summary.pptx); выберите другой direction.id, например по названию направления',
      'Проверено: 0 из 1; с ошибками: 1',
    ]);
  });
});

describe('renderCityReport', () => {
  it('prints each direction’s counts, the totals and the city line', () => {
    const a = computeDirection(seedContent);
    const b = computeDirection({
      ...seedContent,
      direction: { ...seedContent.direction, id: 'b', name: 'Экономика' },
      indicators: {
        items: seedContent.indicators.items.map((i, n) =>
          n < 2 ? { ...i, fact: null } : n === 2 ? { ...i, fact: 1 } : i,
        ),
      },
    });
    expect(renderCityReport(computeCity([a, b])).split('\n')).toEqual([
      'Итоги по городу, 2023 год — направлений: 2, показателей: 12, достигнуто: 9, не достигнуто: 1, данные ожидаются: 2',
      '  №  Направление                                              Достигнуто  Не достигнуто  Ожидаются  Всего',
      // The Strategy's order: no direction.order, so by id ('b' before 'institutional-environment').
      '  1  Экономика                                                         3              1          2      6',
      '  2  Институциональная среда (гражданское общество и власть)           6              0          0      6',
      '     Итого по городу                                                   9              1          2     12',
      '  ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ДЕВЯТИ ИЗ ДВЕНАДЦАТИ ПОКАЗАТЕЛЕЙ; ПО ДВУМ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.',
      '',
    ]);
  });
});

describe('parseCli --no-summary', () => {
  it('is off unless given, for build and check', () => {
    expect(parseCli(['build'])).not.toHaveProperty('noSummary');
    expect(parseCli(['build', '--no-summary'])).toMatchObject({ kind: 'run', command: 'build', noSummary: true });
    expect(parseCli(['check', 'content', '--no-summary'])).toMatchObject({
      kind: 'run',
      command: 'check',
      noSummary: true,
      paths: ['content'],
    });
  });
});
