/**
 * The preview fragment and its assets, read back as text. What a browser
 * makes of them is in html.browser.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { fontPath } from '../../src/fonts.js';
import type { DeckLayout, SlideLayout } from '../../src/layout/model.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { chartStyle } from '../../src/render/chartStyle.js';
import { nativeChartGeometry, nativeChartStyle } from '../../src/render/nativeChart.js';
import { escapeHtml, PREVIEW_HEAD, previewAssets, renderSlidesHtml } from '../../src/render/html.js';
import { loadTemplate, type LoadedTemplate } from '../../src/template/load.js';
import { normalize, REPO, SEED_CONTENT, SEED_ROWS, seedLines } from '../deck/build.js';

const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** The visible lines of a fragment (or part of one), in document order, unescaped. */
function linesOf(html: string): string[] {
  return [...html.matchAll(/<span class="itogi-line">([^<]*)<\/span>/g)].map((m) => unescapeHtml(m[1]!));
}

/** One string per <section>. */
function sectionsOf(html: string): string[] {
  return [...html.matchAll(/<section\b[\s\S]*?<\/section>/g)].map((m) => m[0]);
}

/**
 * Comparable text: the fragment breaks lines, the transcript does not; a line
 * that broke after a dash or hyphen has no space there, so spaces around
 * dashes are not compared.
 */
const loose = (s: string) => normalize(s).replace(/\s*([-\u2010\u2013\u2014])\s*/g, '$1');

let seed: { deck: DeckLayout; loaded: LoadedTemplate; html: string };
beforeAll(async () => {
  const checked = await checkFile(SEED_CONTENT, { cwd: REPO });
  const deck = layoutDeck(checked.computed!, checked.template!.template);
  seed = { deck, loaded: checked.template!, html: renderSlidesHtml(deck, checked.template!) };
});

describe('renderSlidesHtml: the seed deck', () => {
  it('is one .itogi-deck with one section per slide, each with the deck’s aspect ratio', () => {
    expect(seed.html.startsWith('<div class="itogi-deck"')).toBe(true);
    expect(seed.html.endsWith('</div>')).toBe(true);
    expect(seed.html).not.toMatch(/<html|<head|<body|<script/i);
    const sections = sectionsOf(seed.html);
    expect(sections).toHaveLength(seed.deck.slides.length);
    expect(sections).toHaveLength(8);
    sections.forEach((s, i) => {
      expect(s).toContain(`data-slide="${i + 1}"`);
      expect(s).toContain(`aria-label="Слайд ${i + 1} из 8"`);
      const [, w, h] = /aspect-ratio:([\d.]+)\/([\d.]+)/.exec(s)!;
      expect(Number(w)).toBeCloseTo(seed.deck.widthPt, 3);
      expect(Number(h)).toBeCloseTo(seed.deck.heightPt, 3);
      expect(Number(w) / Number(h)).toBeCloseTo(16 / 9, 3);
    });
  });

  it('shows every line of the seed transcript', () => {
    const text = loose(linesOf(seed.html).join(' '));
    const missing = seedLines().filter((line) => !text.includes(loose(line)));
    expect(missing).toEqual([]);
  });

  it('shows each slide’s measured lines, one element per line, on that slide', () => {
    const sections = sectionsOf(seed.html);
    seed.deck.slides.forEach((slide, i) => {
      expect(linesOf(sections[i]!)).toEqual(expectedLines(slide));
    });
  });

  it('has the seed’s table rows cell by cell', () => {
    const table = /<div class="itogi-table"[\s\S]*?<\/div><\/div><\/div>(?=<div|<\/section>)/.exec(seed.html)![0];
    const rows = [...table.matchAll(/<div class="itogi-row"[\s\S]*?(?=<div class="itogi-row"|$)/g)].map((r) =>
      [...r[0].matchAll(/<div class="itogi-cell"[^>]*>([\s\S]*?)<\/div>/g)].map((c) =>
        normalize(linesOf(c[1]!).join(' ')),
      ),
    );
    expect(rows.slice(1)).toEqual(SEED_ROWS.map((r) => r.map(normalize)));
    expect(rows[0]).toEqual(['Показатели', 'План 2023 год', 'Факт 2023 год*', 'Исполнение %']);
  });

  it('a native chart (the default): SVG from the .pptx chart’s geometry, every bar and label of it', () => {
    const box = seed.deck.slides.flatMap((s) => s.boxes).find((b) => b.type === 'chart')!;
    const g = nativeChartGeometry(box, nativeChartStyle(seed.loaded.template, box));
    const svg = /<div class="itogi-chart"[^>]*data-native="true"[^>]*>(<svg[\s\S]*?<\/svg>)<\/div>/.exec(
      seed.html,
    )![1]!;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    expect(svg).toContain(`viewBox="0 0 ${r2(box.w)} ${r2(box.h)}"`);
    expect([...svg.matchAll(/class="itogi-bar" data-status="(\w+)"/g)].map((m) => m[1])).toEqual(
      box.bars.filter((b) => b.value !== null).map((b) => b.status),
    );
    const texts = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => unescapeHtml(m[1]!));
    for (const l of g.labels) expect(texts).toContain(l.text);
    for (const c of g.categories) expect(texts).toContain(c);
    expect(texts).toContain(box.labels.reference);
    expect(svg).toContain(`x1="${r2(g.line.x)}"`);
    expect(seed.html).not.toContain('data-chart=');
  });

  it('a picture chart: the bars and the deck picture’s style as JSON, and a canvas of that size', () => {
    const loaded = { ...seed.loaded, template: { ...seed.loaded.template, chart: 'picture' as const } };
    const html = renderSlidesHtml(seed.deck, loaded);
    const m = /<div class="itogi-chart"[^>]*data-chart="([^"]*)"[^>]*><canvas width="(\d+)" height="(\d+)"/.exec(html)!;
    const data = JSON.parse(unescapeHtml(m[1]!));
    const box = seed.deck.slides.flatMap((s) => s.boxes).find((b) => b.type === 'chart')!;
    expect(data).toEqual({ bars: box.bars, style: chartStyle(seed.loaded, box) });
    expect(data.bars.map((b: { display: string }) => normalize(b.display))).toEqual(
      SEED_ROWS.map((r) => normalize(r[3])),
    );
    expect([Number(m[2]), Number(m[3])]).toEqual([data.style.widthPx, data.style.heightPx]);
  });

  it('is deterministic and has no inline event handlers', () => {
    expect(renderSlidesHtml(seed.deck, seed.loaded)).toBe(seed.html);
    expect(seed.html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(seed.html).not.toMatch(/javascript:/i);
  });
});

function expectedLines(slide: SlideLayout): string[] {
  return slide.boxes.flatMap((b) => {
    if (b.type === 'text') return b.paragraphs.flatMap((p) => p.lines);
    if (b.type === 'table') return b.rows.flatMap((r) => r.flatMap((c) => c.lines));
    return [];
  });
}

describe('renderSlidesHtml: user text stays text', () => {
  const EVIL = `<script>alert("x")</script> & 'quotes' "double" </div>`;
  let loaded: LoadedTemplate;
  beforeAll(async () => {
    const surgut = await loadTemplate('surgut', REPO);
    // The chart's JSON (a picture chart) is text from the file too.
    loaded = { ...surgut, template: { ...surgut.template, chart: 'picture' } };
  });
  const deck = (): DeckLayout => ({
    widthPt: 960,
    heightPt: 540,
    fontFace: 'Ari"al</style>',
    title: EVIL,
    slides: [
      {
        kind: 'tasks',
        page: 1,
        pages: 1,
        background: 'FFFFFF',
        boxes: [
          {
            type: 'text',
            name: EVIL,
            x: 10,
            y: 10,
            w: 400,
            h: 100,
            sizePt: 20,
            color: '000000',
            align: 'left',
            valign: 'top',
            lineSpacing: 1,
            paragraphs: [{ text: EVIL, lines: [EVIL], bullet: true, indentPt: 22 }],
          },
          {
            type: 'table',
            name: EVIL,
            x: 10,
            y: 200,
            w: 400,
            columns: [200, 200],
            rowHeights: [30],
            sizePt: 12,
            lineSpacing: 1,
            paddingPt: { h: 5, v: 3 },
            borderColor: 'C7D2E3',
            rows: [
              [
                { text: EVIL, lines: [EVIL], align: 'left', color: '"red;background:url(x)' },
                { text: '1 < 2', lines: ['1 < 2'], align: 'center', color: '000000' },
              ],
            ],
          },
          {
            type: 'chart',
            name: EVIL,
            x: 500,
            y: 10,
            w: 400,
            h: 300,
            alt: EVIL,
            bars: [{ label: EVIL, value: 50, display: `50 % ${EVIL}`, status: 'missed' }],
            axis: { max: 120, step: 20 },
            labels: { axis: EVIL, reference: EVIL, legend: { achieved: EVIL, missed: EVIL, pending: EVIL } },
          },
        ],
      },
    ],
  });

  it('escapes <, &, quotes in lines, names, labels, chart JSON and the font name', () => {
    const html = renderSlidesHtml(deck(), loaded);
    expect(html).not.toContain('<script');
    expect(html).not.toContain(`"double"`);
    expect(html).not.toContain(`'quotes'`);
    expect(html).not.toContain('Ari"al');
    expect(html).toContain(`<span class="itogi-line">${escapeHtml(EVIL)}</span>`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(linesOf(html)).toEqual([EVIL, EVIL, '1 < 2']);
    // The chart's JSON survives the attribute unchanged.
    const json = /data-chart="([^"]*)"/.exec(html)![1]!;
    expect(JSON.parse(unescapeHtml(json)).bars[0].label).toBe(EVIL);
    // A colour that is not hex never reaches a style attribute.
    expect(html).not.toContain('url(x)');
    // Every attribute value is closed where it should be: no stray quote opens a new one.
    for (const tag of html.match(/<[a-z][^>]*>/g)!) expect(tag).toMatch(/^<[a-z]+(\s[a-z-]+="[^"]*")*>$/);
  });
});

describe('renderSlidesHtml: the template’s logo', () => {
  const logoDeck: DeckLayout = {
    widthPt: 960,
    heightPt: 540,
    fontFace: 'Arial',
    title: 'Логотип',
    slides: [
      {
        kind: 'title',
        page: 1,
        pages: 1,
        background: '1F3A68',
        boxes: [
          { type: 'image', name: 'Логотип', x: 816, y: 48, w: 72, h: 72, alt: 'Герб «Сургут»', imageKey: 'logo' },
        ],
      },
    ],
  };
  // Signatures are what the renderers go by (pictureType), not file names.
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');

  it('is inlined as a data: URL of its own type, at its box, with its alt text', async () => {
    const surgut = await loadTemplate('surgut', REPO);
    for (const [bytes, type] of [
      [PNG, 'image/png'],
      [JPEG, 'image/jpeg'],
    ] as const) {
      const html = renderSlidesHtml(logoDeck, { ...surgut, images: { logo: bytes } });
      const img = /<img class="itogi-image" alt="([^"]*)"[^>]*style="([^"]*)" src="data:([^;]+);base64,([^"]+)">/.exec(
        html,
      )!;
      expect(unescapeHtml(img[1]!)).toBe('Герб «Сургут»');
      expect(img[2]).toBe(
        'left:calc(var(--u)*816);top:calc(var(--u)*48);width:calc(var(--u)*72);height:calc(var(--u)*72)',
      );
      expect(img[3]).toBe(type);
      expect(Buffer.from(img[4]!, 'base64').equals(bytes)).toBe(true);
    }
  });

  it('is left out when the template has none, as in the deck', async () => {
    const surgut = await loadTemplate('surgut', REPO);
    expect(renderSlidesHtml(logoDeck, { ...surgut, images: {} })).not.toContain('<img');
  });
});

describe('previewAssets and PREVIEW_HEAD', () => {
  it('serve every asset the head and the stylesheet name, fonts from the package', async () => {
    const assets = await previewAssets();
    expect([...assets.keys()].sort()).toEqual(
      [
        '/assets/arimo-400-italic.ttf',
        '/assets/arimo-400.ttf',
        '/assets/arimo-700-italic.ttf',
        '/assets/arimo-700.ttf',
        '/assets/chart.umd.js',
        '/assets/preview.css',
        '/assets/preview.js',
      ].sort(),
    );
    const css = assets.get('/assets/preview.css')!.body.toString('utf8');
    const referenced = [...PREVIEW_HEAD.matchAll(/(?:href|src)="([^"]+)"/g), ...css.matchAll(/url\("([^"]+)"\)/g)].map(
      (m) => m[1]!,
    );
    for (const url of referenced) expect(assets.has(url), url).toBe(true);
    // The deck's font name is Arimo on the page: the layout measured with Arimo.
    expect(css).toMatch(
      /@font-face\{font-family:"Arial";src:url\("\/assets\/arimo-400\.ttf"\)[^}]*font-weight:400;font-style:normal/,
    );
    expect(css).toMatch(
      /@font-face\{font-family:"Arial";src:url\("\/assets\/arimo-700\.ttf"\)[^}]*font-weight:700;font-style:normal/,
    );
    expect(css).toMatch(/@font-face\{font-family:"Arimo";src:url\("\/assets\/arimo-700\.ttf"\)/);
    expect(css).not.toMatch(/https?:/);
    expect(assets.get('/assets/arimo-400.ttf')!.body.equals(await readFile(fontPath('regular')))).toBe(true);
    expect(assets.get('/assets/arimo-700.ttf')!.body.equals(await readFile(fontPath('bold')))).toBe(true);
    expect(assets.get('/assets/arimo-700.ttf')!.contentType).toBe('font/ttf');
  });

  it('ship chart.js’ own UMD build and a preview script without zod', async () => {
    const assets = await previewAssets();
    const chartJs = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
    expect(assets.get('/assets/chart.umd.js')!.body.equals(await readFile(chartJs))).toBe(true);
    const script = assets.get('/assets/preview.js')!;
    expect(script.contentType).toBe('text/javascript; charset=utf-8');
    const js = script.body.toString('utf8');
    expect(js).toContain('itogiPreview');
    expect(js).toContain('src/render/chartConfig.ts');
    // The content schema (zod) is not needed to draw a chart.
    expect(js).not.toMatch(/zod|ZodError|src\/content\/schema/);
    expect(js.length).toBeLessThan(60_000);
  });

  it('are loaded once', async () => {
    expect(await previewAssets()).toBe(await previewAssets());
  });
});

// The built package serves the bundle `npm run build` wrote; it is the one bundled from the sources.
describe('the preview script bundle', () => {
  it('is the same bytes every time', async () => {
    const { bundlePreviewScript } = await import('../../src/render/html/bundle.js');
    const a = await bundlePreviewScript(resolve(REPO, 'src/render/html'));
    expect(await bundlePreviewScript(resolve(REPO, 'src/render/html'))).toBe(a);
    expect((await previewAssets()).get('/assets/preview.js')!.body.toString('utf8')).toBe(a);
  });
});

describe('renderSlidesHtml: figures in the table', () => {
  it('right-aligns them with each cell’s own inset, as the deck does, so the decimal commas line up', () => {
    const table = seed.deck.slides.flatMap((s) => s.boxes).find((b) => b.type === 'table')!;
    const padded = table.rows.slice(1).flatMap((r) => r.filter((c) => (c.padRightPt ?? 0) > 0));
    expect(padded.length).toBeGreaterThan(0);
    const html = seed.html.slice(seed.html.indexOf('role="table"'));
    const cells = [...html.matchAll(/<div class="itogi-cell" role="cell" style="([^"]*)">/g)].map((m) => m[1]!);
    const withInset = cells.filter((s) => s.includes('padding-right:'));
    expect(withInset).toHaveLength(padded.length);
    for (const s of withInset) expect(s).toContain('text-align:right');
  });
});
