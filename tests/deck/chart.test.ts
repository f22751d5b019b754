/**
 * The execution chart read back from the built decks: by default a native
 * PowerPoint chart (chart part + embedded workbook), `chart: picture` in the
 * template a PNG. Golden values from the seed's table (SEED_ROWS), not from
 * our code.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, checkFile } from '../../src/api.js';
import {
  chartParts,
  decodeXml,
  imageParts,
  openPptx,
  plainSlideTexts,
  slideTexts,
  type ChartPart,
  type OpenedPptx,
} from '../helpers/pptx.js';
import { build, normalize, REPO, SEED_CONTENT, SEED_ROWS, SIXTEEN } from './build.js';

const number = (ru: string) => Number(ru.replace(/[\s\u00a0%]/g, '').replace(',', '.'));
/** The seed's execution column, e.g. '111,7 %'. */
const SEED_LABELS = SEED_ROWS.map((r) => normalize(r[3]));
/** fact / plan × 100 from the seed's own plan and fact columns (all six grow-is-good indicators). */
const SEED_PERCENTS = SEED_ROWS.map((r) => (number(r[2]) / number(r[1])) * 100);
/** The numbers the table prints: what the chart's bars and the workbook hold. */
const SEED_VALUES = SEED_LABELS.map(number);

const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]!);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** What the chart part says, point by point. */
function readChart(xml: string) {
  const ser = /<c:ser>[\s\S]*?<\/c:ser>/.exec(xml)![0];
  const cats = all(/<c:cat>[\s\S]*?<\/c:cat>/.exec(ser)![0], /<c:v>([^<]*)<\/c:v>/g).map(decodeXml);
  const values = all(/<c:val>[\s\S]*?<\/c:val>/.exec(ser)![0], /<c:v>([^<]*)<\/c:v>/g).map(Number);
  const colours = [...ser.matchAll(/<c:dPt>[\s\S]*?<\/c:dPt>/g)].map((m) =>
    attr(/<a:srgbClr\s[^>]*>/.exec(m[0])![0], 'val'),
  );
  const labels = [...ser.matchAll(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g)].map((m) => ({
    idx: Number(attr(/<c:idx\s[^>]*>/.exec(m[0])![0], 'val')),
    text: all(m[0], /<a:t>([^<]*)<\/a:t>/g)
      .map(decodeXml)
      .join(''),
    pos: attr(/<c:dLblPos\s[^>]*>/.exec(m[0])?.[0] ?? '', 'val'),
  }));
  return { cats, values, colours, labels };
}

/** Rows of the embedded workbook's first sheet: cell texts (inline strings or values). */
async function workbookRows(bytes: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(bytes);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  return [...sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c\b[^>]*>([\s\S]*?)<\/c>/g)].map((c) =>
      decodeXml(
        /<t>([^<]*)<\/t>|<v>([^<]*)<\/v>/
          .exec(c[1]!)!
          .slice(1)
          .find((x) => x !== undefined)!,
      ),
    ),
  );
}

let seed: { buffer: Buffer; pkg: OpenedPptx; charts: ChartPart[] };
let sixteen: { buffer: Buffer; pkg: OpenedPptx; charts: ChartPart[] };
let surgutColors: Record<string, string>;

beforeAll(async () => {
  const [a, b] = [await build(SEED_CONTENT), await build(SIXTEEN)];
  const [pa, pb] = [await openPptx(a.buffer), await openPptx(b.buffer)];
  seed = { buffer: a.buffer, pkg: pa, charts: chartParts(pa) };
  sixteen = { buffer: b.buffer, pkg: pb, charts: chartParts(pb) };
  surgutColors = (await checkFile(SEED_CONTENT, { cwd: REPO })).template!.template.colors;
});

describe('the seed deck’s native chart', () => {
  it('is one chart part on the chart slide, no chart picture, with alt text on its frame', () => {
    expect(seed.charts).toHaveLength(1);
    const [chart] = seed.charts;
    expect(chart!.part).toMatch(/^ppt\/charts\/chart\d+\.xml$/);
    expect(plainSlideTexts(seed.pkg.parts.get(chart!.slide)!)[0]).toBe('Исполнение целевых показателей за 2023 год');
    expect(attr(/<p:cNvPr\s[^>]*>/.exec(chart!.frame)![0], 'descr')).toMatch(
      /^Диаграмма: исполнение целевых показателей направления «Институциональная среда[^»]*» за 2023 год/,
    );
    expect(imageParts(seed.pkg).filter((i) => i.slide === chart!.slide)).toEqual([]);
  });

  it('holds every indicator: categories, values, and each label exactly as the table shows it', () => {
    const { cats, values, labels } = readChart(seed.charts[0]!.xml);
    expect(cats).toEqual(['№ 45', '№ 46', '№ 47', '№ 48', '№ 49', '№ 50']);
    // The printed percentages, which agree with the seed's fact / plan to the digits shown.
    expect(values).toEqual(SEED_VALUES);
    for (const [i, v] of values.entries()) expect(Math.abs(v - SEED_PERCENTS[i]!)).toBeLessThan(0.05);
    expect(labels.map((l) => l.idx)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(labels.map((l) => normalize(l.text))).toEqual(SEED_LABELS);
    expect(SEED_LABELS).toEqual(['111,7 %', '101,16 %', '133,33 %', '123,4 %', '111,8 %', '110,8 %']);
    // No-break space before %, as in the table: the label never wraps apart.
    expect(labels[0]!.text).toBe('111,7\u00a0%');
  });

  it('colours every bar by status with the template’s colour (all six achieved)', () => {
    expect(readChart(seed.charts[0]!.xml).colours).toEqual(Array(6).fill(surgutColors.achieved));
  });

  it('embeds a workbook holding the same categories, numbers and label texts', async () => {
    const chart = seed.charts[0]!;
    expect(chart.workbookPart).toMatch(/^ppt\/embeddings\/[^/]+\.xlsx$/);
    const rows = await workbookRows(chart.workbook!);
    const { cats, values } = readChart(chart.xml);
    expect(rows[0]).toEqual(['Показатель', 'Исполнение, % от плана', 'Подпись на диаграмме', 'Статус', 'План', 'Факт']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(cats);
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual(values);
    expect(rows.slice(1).map((r) => normalize(r[2]!))).toEqual(SEED_LABELS);
    expect(rows.slice(1).map((r) => r[3])).toEqual(Array(6).fill('достигнуто'));
    // Plan and fact of each indicator, as numbers: «Изменить данные» shows the real figures.
    expect(rows.slice(1).map((r) => [Number(r[4]), Number(r[5])])).toEqual([
      [72, 80.4],
      [5176, 5236],
      [6, 8],
      [140, 172.7],
      [67, 74.9],
      [90, 99.75],
    ]);
    // The chart's formulas point at those cells.
    expect(chart.xml).toContain('<c:f>Лист1!$A$2:$A$7</c:f>');
    expect(chart.xml).toContain('<c:f>Лист1!$B$2:$B$7</c:f>');
  });

  it('is Russian throughout: c:lang and every run and default run property ru-RU', () => {
    const { xml } = seed.charts[0]!;
    expect(xml).toContain('<c:lang val="ru-RU"/>');
    const props = [...xml.matchAll(/<a:(?:rPr|defRPr|endParaRPr)\b[^>]*>/g)].map((m) => attr(m[0], 'lang'));
    expect(props.length).toBeGreaterThan(10);
    expect(new Set(props)).toEqual(new Set(['ru-RU']));
  });

  it('has the 100 % line exactly where the fixed axis puts 100, with the template’s label above it', () => {
    const chart = seed.charts[0]!;
    const slide = seed.pkg.parts.get(chart.slide)!;
    expect(slideTexts(slide)).toContain('План = 100 %');
    const frameOff = /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/
      .exec(chart.frame)!
      .slice(1)
      .map(Number);
    const layout = /<c:plotArea><c:layout><c:manualLayout>([\s\S]*?)<\/c:manualLayout>/.exec(chart.xml)![1]!;
    expect(layout).toContain('<c:layoutTarget val="inner"/>');
    const frac = (k: string) => Number(new RegExp(`<c:${k} val="([^"]+)"/>`).exec(layout)![1]);
    const valAx = /<c:valAx>[\s\S]*?<\/c:valAx>/.exec(chart.xml)![0];
    const max = Number(/<c:max val="([^"]+)"\/>/.exec(valAx)![1]);
    expect(/<c:min val="0"\/>/.test(valAx)).toBe(true);
    expect(max).toBeGreaterThan(Math.max(...SEED_PERCENTS));
    const expectedX = frameOff[0]! + (frac('x') + (frac('w') * 100) / max) * frameOff[2]!;
    const line = [...slide.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)]
      .map((m) => m[0])
      .find((sp) => sp.includes('prst="line"'))!;
    expect(line).toBeDefined();
    const lineX = Number(/<a:off x="(\d+)"/.exec(line)![1]);
    expect(Math.abs(lineX - expectedX)).toBeLessThan(12700 / 2); // within half a point
    // Every bar of the seed ends past 100 %: its label sits outside the bar end, right of the line.
    expect(readChart(chart.xml).labels.map((l) => l.pos)).toEqual(Array(6).fill('outEnd'));
  });
});

describe('a direction with 16 indicators: two native charts', () => {
  it('gets one chart per chart slide, with part names, workbooks and relationships of their own', () => {
    expect(sixteen.charts).toHaveLength(2);
    const parts = sixteen.charts.map((c) => c.part);
    const books = sixteen.charts.map((c) => c.workbookPart);
    expect(new Set(parts).size).toBe(2);
    expect(new Set(books).size).toBe(2);
    expect(new Set(sixteen.charts.map((c) => c.slide)).size).toBe(2);
    const ct = sixteen.pkg.parts.get('[Content_Types].xml')!;
    for (const part of parts)
      expect(ct).toContain(
        `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    expect(ct).toMatch(
      /<Default Extension="xlsx" ContentType="application\/vnd.openxmlformats-officedocument.spreadsheetml.sheet"\/>/,
    );
  });

  it('shows all 16 indicators across the two charts, with the table’s labels and status colours', async () => {
    const read = sixteen.charts.map((c) => readChart(c.xml));
    const cats = read.flatMap((r) => r.cats);
    expect(cats).toEqual(Array.from({ length: 16 }, (_, i) => `№ ${101 + i}`));
    const labels = read.flatMap((r) => r.labels.map((l) => normalize(l.text)));
    // From the fixture's table, as the deck test reads it: reverse 102 and 103, pending 114.
    expect(labels[1]).toBe('102,5 %');
    expect(labels[2]).toBe('94,6 %');
    expect(labels[13]).toBe('н/д');
    const { achieved, missed, pending } = surgutColors;
    const colours = read.flatMap((r) => r.colours);
    labels.forEach((text, i) => {
      const expected = text === 'н/д' ? pending : number(text) >= 100 ? achieved : missed;
      expect(colours[i], `${cats[i]} ${text}`).toBe(expected);
    });
    // The workbooks hold the same texts.
    const rows = (await Promise.all(sixteen.charts.map((c) => workbookRows(c.workbook!)))).flatMap((r) => r.slice(1));
    expect(rows.map((r) => normalize(r[2]!))).toEqual(labels);
    expect(rows[13]!.slice(1, 4)).toEqual(['0', 'н/д', 'данные ожидаются']);
    expect(rows[13]![4]).toBe('350'); // the plan; no fact yet
  });

  it('puts the label of a bar ending just left of the line inside the bar end, never outside across the line', () => {
    for (const c of sixteen.charts) {
      const { values, labels } = readChart(c.xml);
      labels.forEach((l, i) => {
        const v = values[i]!;
        // Bars just short of 100 % (the fixture's 90–99,9 %) would push an outside label across the line.
        if (v >= 85 && v < 100) expect(l.pos, l.text).toBe('inEnd');
        // Bars well past the line, and rows without a bar (label at the axis): outside.
        if (v >= 102 || v === 0) expect(l.pos, l.text).toBe('outEnd');
      });
      expect(labels.some((l) => l.pos === 'inEnd')).toBe(true);
    }
  });

  it('is byte-identical when built twice (the embedded workbooks included)', async () => {
    const again = await build(SIXTEEN);
    expect(again.buffer.equals(sixteen.buffer)).toBe(true);
    const zip = await JSZip.loadAsync(sixteen.charts[0]!.workbook!);
    // Fixed zip dates inside the workbook, not the clock.
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });
});

describe('chart: picture in the template', () => {
  it('keeps the chart.js picture: a PNG with alt text and no chart part', async () => {
    const checked = await checkFile(SEED_CONTENT, { cwd: REPO });
    const loaded = checked.template!;
    checked.template = { ...loaded, template: { ...loaded.template, chart: 'picture' } };
    const deck = await buildDeck(checked, 'output');
    const pkg = await openPptx(deck.buffer);
    expect(chartParts(pkg)).toEqual([]);
    expect([...pkg.parts.keys(), ...pkg.binaries.keys()].filter((n) => /^ppt\/(charts|embeddings)\//.test(n))).toEqual(
      [],
    );
    const images = imageParts(pkg);
    expect(images).toHaveLength(1);
    expect(images[0]!.kind).toBe('png');
    expect(images[0]!.width).toBeGreaterThanOrEqual(1000);
    expect(pkg.parts.get(images[0]!.slide)).toMatch(
      /<p:cNvPr [^>]*descr="Диаграмма: исполнение целевых показателей[^"]+"/,
    );
    // The native deck differs: the choice is honoured.
    expect(deck.buffer.equals(seed.buffer)).toBe(false);
  });
});
