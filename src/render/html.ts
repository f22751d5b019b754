/**
 * Stage 5, sibling of pptx.ts: the laid-out deck → an HTML fragment for the
 * preview page. A pure translation of the same layout data, mirroring what
 * pptx.ts writes: boxes in points, every measured line its own non-wrapping
 * line (so the page breaks where the layout does), bullets, paragraph
 * spacing, line spacing and vertical alignment as pptx.ts sets them, tables
 * cell by cell, the logo inline. A native chart (the default) is drawn as SVG
 * from the same geometry as the .pptx's chart (html/nativeChartSvg.ts); a
 * picture chart by chart.js in the browser from the configuration the deck's
 * picture is drawn from (html/client.ts).
 *
 * Sizes: a slide is a CSS size container as wide as the page allows, with
 * the slide's aspect ratio; every length is `calc(var(--u) * points)` where
 * --u = 100cqw / slide width in points, so slides scale with the window by
 * CSS alone, text included.
 *
 * Fonts: the deck names Arial; the page maps that name (and Arimo, the
 * chart's family) to the Arimo files of the package, which have Arial's
 * metrics, the ones the layout measured with.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECK_FONT_FACE, fontPath } from '../fonts.js';
import type {
  Box,
  ChartBox,
  DeckLayout,
  ImageBox,
  Paragraph,
  SlideLayout,
  TableBox,
  TextBox,
} from '../layout/model.js';
import { POWERPOINT_SINGLE_LINE_EM } from '../layout/measure.js';
import type { LoadedTemplate } from '../template/load.js';
import { CHART_FONT_FAMILY } from './chartConfig.js';
import { chartStyle } from './chartStyle.js';
import { nativeChartSvg } from './html/nativeChartSvg.js';
import type { ChartData } from './html/client.js';
import { pictureType } from '../pictures.js';

export interface PreviewAsset {
  contentType: string;
  body: Buffer;
}

// ---------------------------------------------------------------- escaping

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: user text never becomes markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A layout colour ('1F3A68') as CSS; anything that is not hex is not written into a style. */
function css(color: string | undefined): string {
  return color !== undefined && /^[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(color) ? `#${color}` : 'transparent';
}

/** A number for CSS: at most 3 decimals, no '-0'. */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A length in slide points, scaled with the slide (see the header). */
const pt = (n: number): string => (n === 0 ? '0' : `calc(var(--u)*${num(n)})`);

function frameStyle(b: { x: number; y: number; w: number; h: number }): string {
  return `left:${pt(b.x)};top:${pt(b.y)};width:${pt(b.w)};height:${pt(b.h)}`;
}

/** Line height as pptx.ts has the client apply it: PowerPoint's single line (1.2 em) times the box's spacing. */
const lineHeight = (sizePt: number, spacing: number) => sizePt * POWERPOINT_SINGLE_LINE_EM * spacing;

// ---------------------------------------------------------------- boxes

const JUSTIFY = { top: 'flex-start', middle: 'center', bottom: 'flex-end' } as const;

function lines(ls: readonly string[]): string {
  return ls.map((l) => `<span class="itogi-line">${escapeHtml(l)}</span>`).join('');
}

function paragraph(p: Paragraph): string {
  const style: string[] = [];
  // pptx.ts indents only a paragraph with a bullet (a list item continued on
  // the next slide starts at the margin there); spacing rounded to 0.1 pt as it writes it.
  if (p.bullet) style.push(`padding-left:${pt(p.indentPt ?? 0)}`);
  if (p.spaceBeforePt) style.push(`margin-top:${pt(Math.round(p.spaceBeforePt * 10) / 10)}`);
  if (p.bold) style.push('font-weight:700');
  if (p.italic) style.push('font-style:italic');
  if (p.color) style.push(`color:${css(p.color)}`);
  const bullet = p.bullet ? '<span class="itogi-bullet" aria-hidden="true">\u2013</span>' : '';
  return `<div class="itogi-p"${style.length ? ` style="${style.join(';')}"` : ''}>${bullet}${lines(p.lines)}</div>`;
}

function textBox(b: TextBox): string {
  const style = [
    frameStyle(b),
    `font-size:${pt(b.sizePt)}`,
    `--lh:${pt(lineHeight(b.sizePt, b.lineSpacing))}`,
    `color:${css(b.color)}`,
    `text-align:${b.align}`,
    `justify-content:${JUSTIFY[b.valign]}`,
  ];
  return `<div class="itogi-text" data-name="${escapeHtml(b.name)}" style="${style.join(';')}">${b.paragraphs.map(paragraph).join('')}</div>`;
}

function tableBox(b: TableBox): string {
  const height = b.rowHeights.reduce((s, h) => s + h, 0);
  const colX = b.columns.map((_, i) => b.columns.slice(0, i).reduce((s, w) => s + w, 0));
  const style = [
    frameStyle({ x: b.x, y: b.y, w: b.w, h: height }),
    `font-size:${pt(b.sizePt)}`,
    `--lh:${pt(lineHeight(b.sizePt, b.lineSpacing))}`,
    `--pad:${pt(b.paddingPt.v)} ${pt(b.paddingPt.h)}`,
    `--border:${css(b.borderColor)}`,
  ];
  let y = 0;
  const rows = b.rows.map((row, r) => {
    const h = b.rowHeights[r] ?? 0;
    const cells = row.map((cell, c) => {
      const cs = [
        `left:${pt(colX[c] ?? 0)}`,
        `width:${pt(b.columns[c] ?? 0)}`,
        `text-align:${cell.align}`,
        `color:${css(cell.color)}`,
        ...(cell.bold ? ['font-weight:700'] : []),
        ...(cell.fill ? [`background:${css(cell.fill)}`] : []),
        ...(cell.padRightPt ? [`padding-right:${pt(b.paddingPt.h + cell.padRightPt)}`] : []),
      ];
      const role = r === 0 ? 'columnheader' : 'cell';
      return `<div class="itogi-cell" role="${role}" style="${cs.join(';')}">${lines(cell.lines)}</div>`;
    });
    const html = `<div class="itogi-row" role="row" style="top:${pt(y)};height:${pt(h)}">${cells.join('')}</div>`;
    y += h;
    return html;
  });
  return `<div class="itogi-table" role="table" data-name="${escapeHtml(b.name)}" style="${style.join(';')}">${rows.join('')}</div>`;
}

function chartBox(b: ChartBox, loaded: LoadedTemplate, slideNumber: number): string {
  // The deck's chart is native (the default): drawn here from its own geometry, as the .pptx has it.
  if (loaded.template.chart === 'native')
    return (
      `<div class="itogi-chart" role="img" aria-label="${escapeHtml(b.alt)}" data-name="${escapeHtml(b.name)}" data-native="true" style="${frameStyle(b)}">` +
      `${nativeChartSvg(b, loaded.template, `${slideNumber}-${b.name.replace(/[^A-Za-z0-9_-]/g, '')}`)}</div>`
    );
  const style = chartStyle(loaded, b);
  const data: ChartData = { bars: b.bars, style };
  return (
    `<div class="itogi-chart" role="img" aria-label="${escapeHtml(b.alt)}" data-name="${escapeHtml(b.name)}" style="${frameStyle(b)}" data-chart="${escapeHtml(JSON.stringify(data))}">` +
    // A sized style keeps chart.js from setting the canvas' CSS size to its pixel size: CSS scales it to the box.
    `<canvas width="${style.widthPx}" height="${style.heightPx}" style="width:100%;height:100%"></canvas></div>`
  );
}

function imageBox(b: ImageBox, loaded: LoadedTemplate): string {
  const bytes = loaded.images[b.imageKey];
  const type = bytes === undefined ? undefined : pictureType(bytes);
  // pptx.ts skips a missing picture and refuses one that is not PNG/JPEG (the template loader already did).
  if (bytes === undefined || type === undefined) return '';
  return `<img class="itogi-image" alt="${escapeHtml(b.alt)}" data-name="${escapeHtml(b.name)}" style="${frameStyle(b)}" src="data:${type};base64,${bytes.toString('base64')}">`;
}

function box(b: Box, loaded: LoadedTemplate, slideNumber: number): string {
  switch (b.type) {
    case 'text':
      return textBox(b);
    case 'rect':
      return `<div class="itogi-rect" data-name="${escapeHtml(b.name)}" style="${frameStyle(b)};background:${css(b.fill)}"></div>`;
    case 'table':
      return tableBox(b);
    case 'chart':
      return chartBox(b, loaded, slideNumber);
    case 'image':
      return imageBox(b, loaded);
  }
}

function slide(s: SlideLayout, index: number, deck: DeckLayout, loaded: LoadedTemplate): string {
  const n = index + 1;
  const style = `--w:${num(deck.widthPt)};aspect-ratio:${num(deck.widthPt)}/${num(deck.heightPt)};background:${css(s.background)}`;
  return (
    `<section class="itogi-slide" id="slide-${n}" data-slide="${n}" data-kind="${escapeHtml(s.kind)}" aria-label="Слайд ${n} из ${deck.slides.length}" style="${style}">` +
    s.boxes.map((b) => box(b, loaded, n)).join('') +
    '</section>'
  );
}

/** A font family name as a CSS string. */
const cssString = (s: string) => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;

/** The laid-out deck as an HTML fragment: <div class="itogi-deck"> with one <section class="itogi-slide"> per slide. No <html>/<head>. */
export function renderSlidesHtml(deck: DeckLayout, loaded: LoadedTemplate): string {
  const family = `${cssString(deck.fontFace)}, ${CHART_FONT_FAMILY}`;
  return (
    `<div class="itogi-deck" lang="ru" style="font-family:${escapeHtml(family)}">` +
    deck.slides.map((s, i) => slide(s, i, deck, loaded)).join('') +
    '</div>'
  );
}

// ---------------------------------------------------------------- assets

/** The <link>/<script> tags for <head> that load the assets of previewAssets(). */
export const PREVIEW_HEAD =
  '<link rel="stylesheet" href="/assets/preview.css">' +
  '<script src="/assets/chart.umd.js" defer></script>' +
  '<script src="/assets/preview.js" defer></script>';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const FONT_FILES = [
  { url: '/assets/arimo-400.ttf', weight: 400, style: 'normal', path: () => fontPath('regular') },
  { url: '/assets/arimo-700.ttf', weight: 700, style: 'normal', path: () => fontPath('bold') },
  {
    url: '/assets/arimo-400-italic.ttf',
    weight: 400,
    style: 'italic',
    path: () => require.resolve('@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf'),
  },
  {
    url: '/assets/arimo-700-italic.ttf',
    weight: 700,
    style: 'italic',
    path: () => require.resolve('@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf'),
  },
] as const;

/** Table cell borders in points: the deck's (TABLE_BORDER_PT in pptx.ts). */
const CELL_BORDER_PT = 0.75;

/** The page's stylesheet: the fonts, then the boxes (lengths in --u, see the header). */
function previewCss(): string {
  const faces = [DECK_FONT_FACE, CHART_FONT_FAMILY].flatMap((family) =>
    FONT_FILES.map(
      (f) =>
        `@font-face{font-family:${cssString(family)};src:url("${f.url}") format("truetype");font-weight:${f.weight};font-style:${f.style};font-display:block}`,
    ),
  );
  return `${faces.join('\n')}
/* Width measured without kerning or ligatures, as the layout and PowerPoint do. */
.itogi-deck{display:flex;flex-direction:column;gap:24px;font-kerning:none;font-variant-ligatures:none;font-synthesis:none;text-rendering:geometricPrecision;line-height:normal}
.itogi-slide{position:relative;width:100%;container-type:inline-size;overflow:hidden;box-shadow:0 1px 6px rgba(0,0,0,.3);--u:calc(100cqw / var(--w))}
.itogi-slide>*{position:absolute;box-sizing:border-box;margin:0}
.itogi-text{display:flex;flex-direction:column}
.itogi-p{position:relative;flex:none}
.itogi-line{display:block;white-space:pre;height:var(--lh);line-height:var(--lh)}
.itogi-bullet{position:absolute;left:0;top:0;line-height:var(--lh)}
.itogi-row{position:absolute;left:0;right:0}
.itogi-cell{position:absolute;top:0;bottom:0;box-sizing:border-box;padding:var(--pad);display:flex;flex-direction:column;justify-content:center}
/* Cell borders straddle the grid lines, as in the deck, without taking room from the text. */
.itogi-cell::after{content:"";position:absolute;inset:calc(var(--u)*${num(-CELL_BORDER_PT / 2)});border:calc(var(--u)*${num(CELL_BORDER_PT)}) solid var(--border);pointer-events:none}
.itogi-chart canvas{display:block;width:100%;height:100%}
.itogi-chart[data-drawn="error"]{outline:2px dashed #c00}
.itogi-image{object-fit:contain}
@media print{.itogi-deck{gap:0}.itogi-slide{break-inside:avoid;box-shadow:none;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
}

/** preview.js: prebuilt by `npm run build` next to the compiled modules, else bundled now (from the sources). */
async function previewScript(): Promise<string> {
  const prebuilt = join(here, '..', 'assets', 'preview.js');
  if (existsSync(prebuilt)) return readFile(prebuilt, 'utf8');
  const { bundlePreviewScript } = await import('./html/bundle.js');
  return bundlePreviewScript();
}

async function loadAssets(): Promise<Map<string, PreviewAsset>> {
  const text = (contentType: string, body: string): PreviewAsset => ({
    contentType: `${contentType}; charset=utf-8`,
    body: Buffer.from(body, 'utf8'),
  });
  // chart.js' package exports map has no entry for its UMD build: find it beside the main file.
  const chartUmd = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
  const map = new Map<string, PreviewAsset>();
  map.set('/assets/preview.css', text('text/css', previewCss()));
  map.set('/assets/preview.js', text('text/javascript', await previewScript()));
  map.set('/assets/chart.umd.js', { contentType: 'text/javascript; charset=utf-8', body: await readFile(chartUmd) });
  for (const f of FONT_FILES) map.set(f.url, { contentType: 'font/ttf', body: await readFile(f.path()) });
  return map;
}

let assets: Promise<Map<string, PreviewAsset>> | undefined;

/**
 * Static files the fragment needs, keyed by URL path: '/assets/preview.css',
 * '/assets/preview.js', '/assets/chart.umd.js', '/assets/arimo-400.ttf',
 * '/assets/arimo-700.ttf' and the italics. Loaded once per process.
 */
export function previewAssets(): Promise<Map<string, PreviewAsset>> {
  assets ??= loadAssets().catch((e: unknown) => {
    assets = undefined;
    throw e;
  });
  return assets;
}
