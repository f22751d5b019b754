/**
 * The seed deck read back from its bytes: what a user sees in PowerPoint.
 * Golden values come from the seed transcript, not from our own code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chartParts,
  checkPackageIntegrity,
  openPptx,
  plainSlideTexts,
  runLangs,
  slideTexts,
  type OpenedPptx,
} from '../helpers/pptx.js';
import { checkFile } from '../../src/api.js';
import { build, normalize, SEED_CONTENT, SEED_ROWS, seedLines, SIXTEEN } from './build.js';

let seed: { buffer: Buffer; pkg: OpenedPptx; texts: string[][] };

beforeAll(async () => {
  const deck = await build(SEED_CONTENT);
  const pkg = await openPptx(deck.buffer);
  seed = { buffer: deck.buffer, pkg, texts: pkg.slides.map(plainSlideTexts) };
});

/** Rows of the slide's table: the paragraphs of each a:tr joined per cell. */
function tableRows(slideXml: string): string[][] {
  return [...slideXml.matchAll(/<a:tr\b[\s\S]*?<\/a:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)].map((tc) => normalize(slideTexts(tc[0]).join(' '))),
  );
}

describe('the seed deck', () => {
  it('has the seed slides in order: title, goal, tasks, events, indicators, chart, closing', () => {
    const firsts = seed.texts.map((t) => t[0]);
    expect(firsts[0]).toBe('ИТОГИ 2023 ГОДА');
    expect(seed.texts[1]![0]).toMatch(/^СТРАТЕГИЧЕСКАЯ ЦЕЛЬ НАПРАВЛЕНИЯ/);
    expect(firsts).toContain('Основные задачи направления:');
    expect(firsts).toContain('Основные мероприятия направления:');
    expect(firsts).toContain('Целевые показатели за 2023 год:');
    expect(seed.texts.at(-1)).toEqual(['СПАСИБО ЗА ВНИМАНИЕ!']);
  });

  it('contains every line of the seed transcript', () => {
    const deckText = normalize(seed.texts.flat().join('\n'));
    const missing = seedLines().filter((line) => !deckText.includes(line));
    expect(missing).toEqual([]);
  });

  it('writes every task and event item as a paragraph of its own, character for character', async () => {
    const { content } = (await checkFile(SEED_CONTENT)).computed!;
    const paragraphs = seed.texts.flat();
    for (const text of [...content.tasks, ...content.events.flatMap((e) => e.items), content.goal])
      expect(paragraphs).toContain(text);
  });

  it('prints the six indicator rows exactly as the seed does', () => {
    const tableSlide = seed.pkg.slides.find((s) => s.includes('<a:tbl>'))!;
    const rows = tableRows(tableSlide);
    expect(rows[0]).toEqual(['Показатели', 'План 2023 год', 'Факт 2023 год*', 'Исполнение %']);
    expect(rows.slice(1)).toEqual(SEED_ROWS.map((r) => r.map(normalize)));
    // The execution cell uses a no-break space before % so it never wraps apart.
    expect(tableSlide).toContain('111,7\u00a0%');
  });

  it('has the footnote of the starred fact column and the result line', () => {
    const all = seed.texts.flat();
    expect(all).toContain('* предварительные данные');
    expect(all).toContain('ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.');
  });

  // The template's default is a native chart; `chart: picture` (the PNG) is tested in chart.test.ts.
  it('has a native chart with alt text on a slide', () => {
    const charts = chartParts(seed.pkg);
    expect(charts).toHaveLength(1);
    expect(charts[0]!.workbook?.length).toBeGreaterThan(0);
    expect(charts[0]!.frame).toMatch(/<p:cNvPr [^>]*descr="Диаграмма: исполнение целевых показателей[^"]+"/);
  });

  it('tags every text run ru-RU', () => {
    for (const slide of seed.pkg.slides) {
      const langs = runLangs(slide);
      expect(langs.length).toBeGreaterThan(0);
      expect(new Set(langs)).toEqual(new Set(['ru-RU']));
    }
  });

  it('has no run in any part (masters, layouts, notes) tagged with another language', () => {
    for (const [name, xml] of seed.pkg.parts) {
      const langs = [...xml.matchAll(/<a:(?:rPr|endParaRPr|defRPr)\b[^>]*\slang="([^"]+)"/g)].map((m) => m[1]);
      expect(
        langs.filter((l) => l !== 'ru-RU'),
        name,
      ).toEqual([]);
    }
  });

  it('gives every picture alt text', () => {
    for (const slide of seed.pkg.slides) {
      for (const pic of slide.matchAll(/<p:pic>[\s\S]*?<\/p:pic>/g))
        expect(pic[0]).toMatch(/<p:cNvPr [^>]*descr="[^"]{10,}"/);
    }
  });

  it('is a consistent package: relationships, content types, unique shape ids', () => {
    expect(checkPackageIntegrity(seed.pkg)).toEqual([]);
  });

  it('is byte-identical when built twice', async () => {
    const again = await build(SEED_CONTENT);
    expect(again.buffer.equals(seed.buffer)).toBe(true);
  });
});

describe('a direction with 16 indicators', () => {
  let pkg: OpenedPptx;
  beforeAll(async () => {
    pkg = await openPptx((await build(SIXTEEN)).buffer);
  });

  it('continues the table on a second slide with the header repeated and «(продолжение)»', () => {
    const tableSlides = pkg.slides.filter((s) => s.includes('<a:tbl>'));
    expect(tableSlides.length).toBeGreaterThanOrEqual(2);
    const titles = tableSlides.map((s) => plainSlideTexts(s)[0]);
    expect(titles[0]).toBe('Целевые показатели за 2023 год:');
    expect(titles[1]).toBe('Целевые показатели за 2023 год (продолжение)');
    const numbers: string[] = [];
    for (const s of tableSlides) {
      const rows = tableRows(s);
      expect(rows[0]).toEqual(['Показатели', 'План 2023 год', 'Факт 2023 год*', 'Исполнение %']);
      numbers.push(...rows.slice(1).map((r) => r[0]!.split('.')[0]!));
    }
    // Every indicator once, in order, none lost between slides.
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => String(101 + i)));
  });

  it('computes reverse, missed and pending rows', () => {
    const rows = pkg.slides.filter((s) => s.includes('<a:tbl>')).flatMap((s) => tableRows(s).slice(1));
    const byNumber = new Map(rows.map((r) => [r[0]!.split('.')[0], r]));
    expect(byNumber.get('102')!.slice(1)).toEqual(['62', '60,5', '102,5 %']); // lower: 62 / 60.5
    expect(byNumber.get('103')!.slice(1)).toEqual(['58', '61,3', '94,6 %']); // lower and missed
    expect(byNumber.get('114')!.slice(1)).toEqual(['350', 'н/д', 'н/д']);
    const all = pkg.slides.flatMap(plainSlideTexts);
    expect(all).toContain(
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ОДИННАДЦАТИ ИЗ ШЕСТНАДЦАТИ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.',
    );
  });

  it('is a consistent package with ru-RU runs', () => {
    expect(checkPackageIntegrity(pkg)).toEqual([]);
    expect(new Set(pkg.slides.flatMap(runLangs))).toEqual(new Set(['ru-RU']));
  });
});
