/**
 * Issue 7, items 5 and 6, read back from the deck's bytes: the table marks
 * lower-is-better indicators and zero divisors and explains them under the
 * table; a plan-0 indicator has the same status in the table, the chart and
 * the result line; the notes pages read the figures aloud in ru-RU.
 * Fixture: tests/fixtures/reverse-and-zero (sample data made for the tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDeck, checkFile, type DeckFile } from '../../src/api.js';
import type { ChartBox } from '../../src/layout/model.js';
import { legendEntries } from '../../src/render/chartConfig.js';
import {
  notesPartOf,
  notesTexts,
  openPptx,
  plainSlideTexts,
  runLangs,
  slideTexts,
  type OpenedPptx,
} from '../helpers/pptx.js';
import { build, normalize, REPO, SEED_CONTENT, SIXTEEN } from './build.js';

const FIXTURE = resolve(REPO, 'tests/fixtures/reverse-and-zero/direction.yaml');
const WITH_NOTES = resolve(REPO, 'tests/fixtures/reverse-and-zero/with-notes.yaml');

/** Rows of a slide's table, cells' texts normalised. */
function tableRows(slideXml: string): string[][] {
  return [...slideXml.matchAll(/<a:tr\b[\s\S]*?<\/a:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)].map((tc) => normalize(slideTexts(tc[0]).join(' '))),
  );
}

/** The template's labels as the file writes them: the footnotes must be these texts. */
async function surgutLabels(): Promise<Record<string, string>> {
  return (
    parse(await readFile(resolve(REPO, 'templates/surgut/template.yaml'), 'utf8')) as { labels: Record<string, string> }
  ).labels;
}

interface Opened {
  deck: DeckFile;
  pkg: OpenedPptx;
  /** Slide part names of the table slides and the chart slides. */
  table: string[];
  chart: string[];
}

async function open(deck: DeckFile): Promise<Opened> {
  const pkg = await openPptx(deck.buffer);
  const kinds = deck.layout.slides.map((s) => s.kind);
  const of = (kind: string) => pkg.slideNames.filter((_, i) => kinds[i] === kind);
  return { deck, pkg, table: of('indicators'), chart: of('chart') };
}

const notesOf = (o: Opened, slide: string) => notesTexts(notesPartOf(o.pkg, slide)).map(normalize);

let fixture: Opened;
let labels: Record<string, string>;
beforeAll(async () => {
  fixture = await open(await build(FIXTURE));
  labels = await surgutLabels();
});

describe('the indicator table tells the whole story', () => {
  it('marks lower-is-better names and zero-divisor dashes, the fact header keeps its «*»', () => {
    expect(fixture.table).toHaveLength(1);
    const rows = tableRows(fixture.pkg.parts.get(fixture.table[0]!)!);
    expect(rows[0]).toEqual(['Показатели', 'План 2023 год', 'Факт 2023 год*', 'Исполнение %']);
    expect(rows.slice(1)).toEqual([
      ['201. Доля площади озеленённых территорий общего пользования, %', '80', '83,5', '104,4 %'],
      ['202. Объём выбросов загрязняющих веществ от стационарных источников**, тыс. т', '12,5', '11,8', '105,9 %'],
      ['203. Доля проб воды, не соответствующих нормативам**, %', '30', '33', '90,9 %'],
      ['204. Количество новых особо охраняемых природных территорий, ед.', '0', '2', '—***'],
      ['205. Доля населения, охваченного раздельным сбором отходов, %', '15', 'н/д', 'н/д'],
      ['206. Количество несанкционированных свалок, выявленных повторно**, ед.', '3', '0', '—****'],
      ['207. Площадь восстановленных лесов, га', '100', '95', '95,0 %'],
      ['208. Прирост числа экологических общественных объединений, ед.', '0', '−2', '—***'],
    ]);
  });

  it('explains every mark under the table, in the template’s words', () => {
    const texts = slideTexts(fixture.pkg.parts.get(fixture.table[0]!)!).map(normalize);
    const footnotes = texts.filter((t) => /^\*+ /.test(t));
    expect(footnotes).toEqual(
      [
        '* оценка на 01.12.2023',
        `** ${labels['footnote_lower']}`,
        `*** ${labels['footnote_zero_plan']}`,
        `**** ${labels['footnote_zero_fact']}`,
      ].map(normalize),
    );
    expect(footnotes[1]).toContain('исполнение = план / факт × 100 %');
  });

  it('a template rewords the footnotes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'itogi-footnote-template-'));
    try {
      await cp(resolve(REPO, 'templates/surgut'), join(dir, 'templates/surgut'), { recursive: true });
      const file = join(dir, 'templates/surgut/template.yaml');
      const text = await readFile(file, 'utf8');
      await writeFile(
        file,
        text.replace(/^ {2}footnote_lower: .*$/m, '  footnote_lower: "снижение — хорошо ({year})"'),
      );
      const deck = await buildDeck(await checkFile(FIXTURE, { cwd: dir }), dir);
      const o = await open(deck);
      const texts = slideTexts(o.pkg.parts.get(o.table[0]!)!).map(normalize);
      expect(texts).toContain('** снижение — хорошо (2023)');
      expect(texts.join('\n')).not.toContain(normalize(labels['footnote_lower']!));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a plan-0 indicator has one status in the table, the chart and the result line', async () => {
    const checked = await checkFile(FIXTURE, { cwd: REPO });
    const computed = checked.computed!;
    const bars = fixture.deck.layout.slides
      .flatMap((s) => s.boxes)
      .filter((b): b is ChartBox => b.type === 'chart')
      .flatMap((b) => b.bars);
    const byLabel = new Map(bars.map((b) => [b.label, b]));
    expect(byLabel.get('№ 204')).toEqual({
      label: '№ 204',
      value: null,
      display: '—',
      status: 'achieved',
      zeroDivisor: 'plan',
      figures: { plan: 0, fact: 2 },
    });
    expect(byLabel.get('№ 208')).toEqual({
      label: '№ 208',
      value: null,
      display: '—',
      status: 'missed',
      zeroDivisor: 'plan',
      figures: { plan: 0, fact: -2 },
    });
    expect(byLabel.get('№ 206')).toEqual({
      label: '№ 206',
      value: null,
      display: '—',
      status: 'achieved',
      zeroDivisor: 'fact',
      figures: { plan: 3, fact: 0 },
    });
    expect(byLabel.get('№ 205')).toMatchObject({ value: null, display: 'н/д', status: 'pending' });
    expect(byLabel.get('№ 205')!.zeroDivisor).toBeUndefined();
    // The chart counts what the result line counts.
    expect(bars.filter((b) => b.status === 'achieved')).toHaveLength(computed.tally.achieved);
    expect(bars.filter((b) => b.status === 'pending')).toHaveLength(computed.tally.pending);
    const chartSlideTexts = fixture.chart.flatMap((s) => plainSlideTexts(fixture.pkg.parts.get(s)!));
    expect(chartSlideTexts).toContain(
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ЧЕТЫРЕМ ИЗ ВОСЬМИ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.',
    );
    // The legend names statuses only: no «нет значения» slot for plan 0.
    const chartBox = fixture.deck.layout.slides.flatMap((s) => s.boxes).find((b): b is ChartBox => b.type === 'chart')!;
    expect(legendEntries(bars, chartBox.labels.legend)).toEqual([
      { swatch: 'achieved', text: labels['legend_achieved'] },
      { swatch: 'missed', text: labels['legend_missed'] },
      { swatch: 'slot', text: labels['legend_pending'] },
    ]);
  });
});

describe('speaker notes', () => {
  it('the table slide’s notes read every row’s figures in ru-RU', () => {
    const notes = notesOf(fixture, fixture.table[0]!);
    expect(notes).toEqual([
      'Показатель 201 — доля площади озеленённых территорий общего пользования: план 80 %, факт 83,5 %, исполнение 104,4 %.',
      'Показатель 202 — объём выбросов загрязняющих веществ от стационарных источников (обратный: чем меньше, тем лучше): план 12,5 тыс. т, факт 11,8 тыс. т, исполнение 105,9 %.',
      'Показатель 203 — доля проб воды, не соответствующих нормативам (обратный: чем меньше, тем лучше): план 30 %, факт 33 %, исполнение 90,9 %; плановое значение не достигнуто.',
      'Показатель 204 — количество новых особо охраняемых природных территорий: план 0 ед., факт 2 ед.; процент исполнения не вычисляется, так как план равен нулю; плановое значение достигнуто: факт не меньше плана.',
      'Показатель 205 — доля населения, охваченного раздельным сбором отходов: план 15 %, данные ожидаются.',
      'Показатель 206 — количество несанкционированных свалок, выявленных повторно (обратный: чем меньше, тем лучше): план 3 ед., факт 0 ед.; процент исполнения не вычисляется, так как факт равен нулю; плановое значение достигнуто: факт не больше плана.',
      'Показатель 207 — площадь восстановленных лесов: план 100 га, факт 95 га, исполнение 95,0 %; плановое значение не достигнуто.',
      'Показатель 208 — прирост числа экологических общественных объединений: план 0 ед., факт −2 ед.; процент исполнения не вычисляется, так как план равен нулю; плановое значение не достигнуто: факт меньше плана.',
    ]);
    const langs = runLangs(notesPartOf(fixture.pkg, fixture.table[0]!)!);
    expect(new Set(langs)).toEqual(new Set(['ru-RU']));
  });

  it('the chart slide’s notes say the result line', () => {
    expect(notesOf(fixture, fixture.chart[0]!)).toEqual([
      'Итог: достижение в 2023 году плановых значений по четырем из восьми показателей; по одному показателю данные ожидаются.',
    ]);
  });

  it('no part of the package tags a run with another language', () => {
    for (const [name, xml] of fixture.pkg.parts) {
      const langs = [...xml.matchAll(/<a:(?:rPr|endParaRPr|defRPr)\b[^>]*\slang="([^"]+)"/g)].map((m) => m[1]);
      expect(
        langs.filter((l) => l !== 'ru-RU'),
        name,
      ).toEqual([]);
    }
  });

  it('notes: in the content replace the generated ones, a line per paragraph', async () => {
    const o = await open(await build(WITH_NOTES));
    expect(notesOf(o, o.table[0]!)).toEqual([
      'Коротко о показателях: плановые значения достигнуты по четырём из восьми.',
      'Отдельно скажу о раздельном сборе отходов.',
    ]);
    expect(notesOf(o, o.chart[0]!)).toEqual(['Диаграмма показывает исполнение в процентах от плана.']);
    expect(new Set(runLangs(notesPartOf(o.pkg, o.table[0]!)!))).toEqual(new Set(['ru-RU']));
  });

  it('the 16-indicator deck: each table slide’s notes read its own rows', async () => {
    const o = await open(await build(SIXTEEN));
    expect(o.table.length).toBeGreaterThanOrEqual(2);
    const numbers: string[] = [];
    for (const slide of o.table) {
      const rows = tableRows(o.pkg.parts.get(slide)!)
        .slice(1)
        .map((r) => r[0]!.split('.')[0]!);
      const said = notesOf(o, slide).map((t) => /^Показатель (\d+)/.exec(t)?.[1]);
      expect(said).toEqual(rows);
      numbers.push(...rows);
    }
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => String(101 + i)));
  });
});

describe('the seed deck is unchanged in text', () => {
  let seed: Opened;
  beforeAll(async () => {
    seed = await open(await build(SEED_CONTENT));
  });

  it('its table slide: the heading, six rows, the one fact footnote and the page number, nothing more', () => {
    const texts = slideTexts(seed.pkg.parts.get(seed.table[0]!)!).map(normalize);
    expect(texts.filter((t) => t.includes('**'))).toEqual([]);
    expect(texts.filter((t) => /^\*/.test(t))).toEqual(['* предварительные данные']);
    expect(
      tableRows(seed.pkg.parts.get(seed.table[0]!)!)
        .flat()
        .filter((c) => c.includes('—')),
    ).toEqual([]);
  });

  it('its notes read the seed’s figures', () => {
    const notes = notesOf(seed, seed.table[0]!);
    expect(notes).toHaveLength(6);
    expect(notes[0]).toBe(
      'Показатель 45 — удовлетворенность горожан созданными условиями для участия в развитии города, % от числа опрошенных: план 72 %, факт 80,4 %, исполнение 111,7 %.',
    );
    expect(notes[1]).toBe(
      'Показатель 46 — количество горожан, участвующих в осуществлении территориального общественного самоуправления, собраниях и конференциях по вопросам ТОС, публичных слушаниях: план 5 176 чел., факт 5 236 чел., исполнение 101,16 %.',
    );
    expect(notesOf(seed, seed.chart[0]!)).toEqual([
      'Итог: достижение в 2023 году плановых значений по всем шести показателям.',
    ]);
    // The other slides keep empty notes.
    for (const slide of seed.pkg.slideNames.filter((s) => !seed.table.includes(s) && !seed.chart.includes(s)))
      expect(notesOf(seed, slide)).toEqual([]);
  });
});

/** The shared validator (XSD + structure); looked for beside the repository and one folder up (worktrees). */
const OOXML_CHECK = [
  resolve(REPO, '..', 'shared/tools/ooxml-check/run.sh'),
  resolve(REPO, '..', '..', 'shared/tools/ooxml-check/run.sh'),
].find(existsSync);
const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

describe.skipIf(OOXML_CHECK === undefined || !HAS_XMLLINT)('ooxml-check (XSD + structure)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-ooxml-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes the decks with footnotes and notes, and the seed deck', async () => {
    const files: string[] = [];
    for (const source of [FIXTURE, WITH_NOTES, SEED_CONTENT, SIXTEEN]) {
      const deck = await build(source, dir);
      await deck.save();
      files.push(deck.path);
    }
    const run = spawnSync(OOXML_CHECK!, files, { encoding: 'utf8', timeout: 120_000 });
    const errors = run.stdout.split('\n').filter((l) => /^\s+(ERROR|XSD)\b/.test(l));
    expect(errors).toEqual([]);
    expect(run.stdout).toMatch(/0 ERROR, 0 WARN/);
    expect(run.status).toBe(0);
  }, 180_000);
});
