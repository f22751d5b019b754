/**
 * The preview fragment in real headless Chromium (Debian's chromium through
 * playwright-core), served with its assets from a local server under the
 * preview server's security headers: slides at 16:9 scaled to the window,
 * fonts loaded and measuring as the layout measured, no line wider than its
 * box, the chart drawn by chart.js as the deck's picture is.
 *
 * ITOGI_PREVIEW_SCREENSHOTS=docs/preview writes browser-seed-N.png there (slides 1, 3, 6, 7).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import type { ChartBox, DeckLayout } from '../../src/layout/model.js';
import { textWidthPt } from '../../src/layout/measure.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { SECURITY_HEADERS } from '../../src/preview/security.js';
import { renderExecutionChart } from '../../src/render/chart.js';
import { chartStyle } from '../../src/render/chartStyle.js';
import { renderSlidesHtml } from '../../src/render/html.js';
import type { LoadedTemplate } from '../../src/template/load.js';
import { normalize, REPO, SEED_CONTENT, seedLines, SIXTEEN } from '../deck/build.js';
import {
  hasChromium,
  launchChromium,
  openDrawn,
  serveFragments,
  type Browser,
  type FragmentServer,
} from '../helpers/chromium.js';

// The page's globals, as far as these tests use them (the project compiles without the DOM library).
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface El {
  readonly textContent: string | null;
  innerHTML: string;
  closest(selector: string): El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): El[] & Iterable<El>;
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  readonly firstChild: unknown;
  width: number;
  height: number;
  toDataURL(type: string): string;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
declare const document: {
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & { length: number };
  createRange(): {
    selectNodeContents(node: unknown): void;
    getClientRects(): { length: number };
    getBoundingClientRect(): Rect;
  };
  fonts: { check(font: string, text?: string): boolean; status: string; ready: Promise<unknown> };
  body: El;
};
declare const window: { itogiPreview: { draw(root: unknown): Promise<void> } };
declare function getComputedStyle(el: El): {
  paddingLeft: string;
  paddingRight: string;
  paddingTop: string;
  paddingBottom: string;
  fontSize: string;
  fontWeight: string;
  fontStyle: string;
  fontFamily: string;
};

interface Built {
  deck: DeckLayout;
  loaded: LoadedTemplate;
  html: string;
}

async function built(file: string, chart?: 'picture'): Promise<Built> {
  const checked = await checkFile(file, { cwd: REPO });
  const deck = layoutDeck(checked.computed!, checked.template!.template);
  // A template may ask for the chart as a picture: chart.js draws it in the page as in the deck.
  const loaded = chart
    ? { ...checked.template!, template: { ...checked.template!.template, chart } }
    : checked.template!;
  return { deck, loaded, html: renderSlidesHtml(deck, loaded) };
}

/** Each visible line: its text, how many line boxes it took, its text's extent, its box's content box, its font. */
interface LineProbe {
  slide: number;
  text: string;
  lineBoxes: number;
  text_: Rect;
  line: Rect;
  box: { left: number; right: number; top: number; bottom: number };
  fontSizePx: number;
  bold: boolean;
  italic: boolean;
}

const probeLines = (): LineProbe[] => {
  const out: LineProbe[] = [];
  for (const box of document.querySelectorAll('.itogi-text, .itogi-cell')) {
    const r = box.getBoundingClientRect();
    const cs = getComputedStyle(box);
    const content = {
      left: r.left + parseFloat(cs.paddingLeft),
      right: r.right - parseFloat(cs.paddingRight),
      top: r.top + parseFloat(cs.paddingTop),
      bottom: r.bottom - parseFloat(cs.paddingBottom),
    };
    const slide = Number(box.closest('.itogi-slide')!.getAttribute('data-slide'));
    for (const line of box.querySelectorAll('.itogi-line')) {
      const range = document.createRange();
      range.selectNodeContents(line);
      const ls = getComputedStyle(line);
      out.push({
        slide,
        text: line.textContent ?? '',
        lineBoxes: range.getClientRects().length,
        text_: range.getBoundingClientRect(),
        line: line.getBoundingClientRect(),
        box: content,
        fontSizePx: parseFloat(ls.fontSize),
        bold: Number(ls.fontWeight) >= 600,
        italic: ls.fontStyle === 'italic',
      });
    }
  }
  return out;
};

describe.skipIf(!hasChromium())('the preview fragment in headless Chromium', () => {
  let seed: Built;
  let sixteen: Built;
  let seedPicture: Built;
  let server: FragmentServer;
  let browser: Browser;

  beforeAll(async () => {
    [seed, sixteen, seedPicture] = await Promise.all([
      built(SEED_CONTENT),
      built(SIXTEEN),
      built(SEED_CONTENT, 'picture'),
    ]);
    server = await serveFragments(
      { 'seed.html': seed.html, 'sixteen.html': sixteen.html, 'seed-picture.html': seedPicture.html },
      SECURITY_HEADERS,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (name: string) => openDrawn(browser.page, `${server.origin}/${name}`);

  for (const [name, deckOf] of [
    ['seed', () => seed],
    ['sixteen', () => sixteen],
  ] as const) {
    it(`${name}: every slide at 16:9 across the window, fonts loaded, nothing but its own assets requested`, async () => {
      await open(`${name}.html`);
      const { page } = browser;
      const deck = deckOf().deck;
      const slides = await page.$$eval('.itogi-slide', (els) => els.map((e) => e.getBoundingClientRect()));
      expect(slides).toHaveLength(deck.slides.length);
      const bodyWidth = await page.evaluate(() => document.querySelector('#deck')!.getBoundingClientRect().width);
      for (const r of slides) {
        expect(r.width).toBeCloseTo(bodyWidth, 0);
        expect(r.width / r.height).toBeCloseTo(16 / 9, 2);
      }
      const fonts = await page.evaluate(() => ({
        status: document.fonts.status,
        arial: document.fonts.check('16px Arial', 'Итоги'),
        arialBold: document.fonts.check('bold 16px Arial', 'Итоги'),
        arialItalic: document.fonts.check('italic 16px Arial', 'Итоги'),
        arimo: document.fonts.check('bold 16px Arimo', '№ 45'),
        family: getComputedStyle(document.querySelector('.itogi-line')!).fontFamily,
      }));
      expect(fonts).toEqual({
        status: 'loaded',
        arial: true,
        arialBold: true,
        arialItalic: true,
        arimo: true,
        family: 'Arial, Arimo',
      });
      expect(browser.requests.filter((u) => !u.startsWith(`${server.origin}/`))).toEqual([]);
      expect(browser.problems).toEqual([]);
    });

    it(`${name}: each measured line is one line, as wide as the layout measured it, inside its box`, async () => {
      await open(`${name}.html`);
      const { deck } = deckOf();
      const lines = await browser.page.evaluate(probeLines);
      const pxPerPt = (await browser.page.$eval('.itogi-slide', (e) => e.getBoundingClientRect().width)) / deck.widthPt;
      expect(lines.length).toBeGreaterThan(20);
      const problems: string[] = [];
      const tol = 0.75; // px: sub-pixel positioning and rounding of calc() lengths
      for (const l of lines) {
        if (l.text === '') continue;
        const where = `slide ${l.slide} «${l.text}»`;
        if (l.lineBoxes !== 1) problems.push(`${where}: ${l.lineBoxes} line boxes`);
        if (l.text_.left < l.box.left - tol || l.text_.right > l.box.right + tol)
          problems.push(
            `${where}: text ${l.text_.left.toFixed(1)}–${l.text_.right.toFixed(1)} outside box ${l.box.left.toFixed(1)}–${l.box.right.toFixed(1)}`,
          );
        if (l.line.top < l.box.top - tol || l.line.bottom > l.box.bottom + tol)
          problems.push(
            `${where}: line ${l.line.top.toFixed(1)}–${l.line.bottom.toFixed(1)} outside box ${l.box.top.toFixed(1)}–${l.box.bottom.toFixed(1)}`,
          );
        // Arimo in the page has the widths the layout measured with (Arial's). Not
        // italics: the page (like PowerPoint with Arial Italic) draws them ~4 %
        // wider than measure.ts, which measures them upright; the box check above holds them.
        if (l.italic) continue;
        const expected = textWidthPt(l.text, { sizePt: l.fontSizePx / pxPerPt, bold: l.bold }) * pxPerPt;
        if (Math.abs(l.text_.width - expected) > Math.max(1, expected * 0.01))
          problems.push(`${where}: ${l.text_.width.toFixed(1)} px wide, layout measured ${expected.toFixed(1)} px`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('seed: the page shows every line of the seed transcript', async () => {
    await open('seed.html');
    // Lines of a paragraph or cell joined with spaces; spaces around dashes are not compared (a line may break after one).
    const texts = await browser.page.$$eval('.itogi-p, .itogi-cell', (els) =>
      els.map((e) => [...e.querySelectorAll('.itogi-line')].map((s) => s.textContent ?? '').join(' ')),
    );
    const loose = (s: string) => normalize(s).replace(/\s*([-\u2010\u2013\u2014])\s*/g, '$1');
    const page = loose(texts.join('\n'));
    expect(seedLines().filter((line) => !page.includes(loose(line)))).toEqual([]);
  });

  it('seed: the native chart is drawn from its geometry: every bar, the 100 % line inside the box', async () => {
    await open('seed.html');
    const { page } = browser;
    expect(await page.$$eval('.itogi-chart', (els) => els.map((e) => e.getAttribute('data-drawn')))).toEqual(['true']);
    const shown = await page.$eval('.itogi-chart', (e) => ({
      box: e.getBoundingClientRect(),
      bars: [...e.querySelectorAll('.itogi-bar')].map((b) => b.getBoundingClientRect()),
      line: e.querySelector('.itogi-plan-line')!.getBoundingClientRect(),
    }));
    const box = seed.deck.slides.flatMap((s) => s.boxes).find((b): b is ChartBox => b.type === 'chart')!;
    expect(shown.bars).toHaveLength(box.bars.filter((b) => b.value !== null).length);
    for (const b of shown.bars) {
      expect(b.width).toBeGreaterThan(10);
      expect(b.right).toBeLessThanOrEqual(shown.box.right);
    }
    // Every seed indicator is achieved: each bar reaches past the 100 % line.
    for (const b of shown.bars) expect(b.right).toBeGreaterThan(shown.line.left);
  });

  it('seed, a picture chart: drawn by chart.js in the browser as the deck’s picture is', async () => {
    await open('seed-picture.html');
    const { page } = browser;
    const drawn = await page.$$eval('.itogi-chart', (els) => els.map((e) => e.getAttribute('data-drawn')));
    expect(drawn).toEqual(['true']);
    const dataUrl = await page.$eval('.itogi-chart canvas', (c) => c.toDataURL('image/png'));
    const inBrowser = await loadImage(Buffer.from(dataUrl.split(',')[1]!, 'base64'));
    const box = seed.deck.slides.flatMap((s) => s.boxes).find((b): b is ChartBox => b.type === 'chart')!;
    const style = chartStyle(seedPicture.loaded, box);
    const inDeck = await loadImage(await renderExecutionChart(box.bars, style));
    expect([inBrowser.width, inBrowser.height]).toEqual([inDeck.width, inDeck.height]);
    const pixels = (img: typeof inDeck) => {
      const c = createCanvas(img.width, img.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height).data;
    };
    const a = pixels(inBrowser);
    const b = pixels(inDeck);
    const achieved = [1, 3, 5].map((i) => parseInt(style.colors.achieved.slice(i, i + 2), 16));
    let same = 0;
    let barPixels = 0;
    let nonWhite = 0;
    for (let i = 0; i < a.length; i += 4) {
      if (Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!)) <= 24)
        same++;
      if (a[i] === achieved[0] && a[i + 1] === achieved[1] && a[i + 2] === achieved[2]) barPixels++;
      if (a[i]! < 250 || a[i + 1]! < 250 || a[i + 2]! < 250) nonWhite++;
    }
    const total = a.length / 4;
    console.log(
      `chart: ${((100 * same) / total).toFixed(2)} % of pixels as in the deck's picture; ${((100 * barPixels) / total).toFixed(1)} % bar colour`,
    );
    // Not blank: the six green bars cover a good part of the picture.
    expect(barPixels / total).toBeGreaterThan(0.1);
    expect(nonWhite / total).toBeGreaterThan(0.15);
    // The same configuration: only the rasterisation of the texts may differ.
    expect(same / total).toBeGreaterThan(0.97);
  });

  it('the slides follow the window, and draw() is idempotent and redraws replaced markup', async () => {
    await open('seed-picture.html');
    const { page } = browser;
    const before = await page.$eval('.itogi-line', (e) => parseFloat(getComputedStyle(e).fontSize));
    await page.setViewportSize({ width: 720, height: 800 });
    try {
      const after = await page.evaluate(() => ({
        slide: document.querySelector('.itogi-slide')!.getBoundingClientRect(),
        deck: document.querySelector('#deck')!.getBoundingClientRect().width,
        font: parseFloat(getComputedStyle(document.querySelector('.itogi-line')!).fontSize),
      }));
      expect(after.slide.width).toBeCloseTo(after.deck, 0);
      expect(after.slide.width / after.slide.height).toBeCloseTo(16 / 9, 2);
      expect(after.font / before).toBeCloseTo(after.deck / (1280 - 32), 2);

      const charts = await page.evaluate(async () => {
        await window.itogiPreview.draw(document.body);
        await window.itogiPreview.draw(document.body);
        const deck = document.querySelector('#deck')!;
        // A live update replaces the markup, then draws.
        deck.innerHTML = deck.innerHTML.replace(/ data-drawn="[^"]*"/g, '');
        await window.itogiPreview.draw(deck);
        return [...document.querySelectorAll('.itogi-chart')].map((e) => e.getAttribute('data-drawn'));
      });
      expect(charts).toEqual(['true']);
      const blank = await page.$eval('.itogi-chart canvas', (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! < 200) ink++;
        return ink === 0;
      });
      expect(blank).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it.skipIf(!process.env['ITOGI_PREVIEW_SCREENSHOTS'])('screenshots of the seed preview', async () => {
    const dir = resolve(REPO, process.env['ITOGI_PREVIEW_SCREENSHOTS']!);
    await mkdir(dir, { recursive: true });
    await open('seed.html');
    // Title, list, table, chart; whole pixels only, so no page background shows under a slide.
    for (const n of [1, 3, 6, 7]) {
      const r = await browser.page.$eval(`#slide-${n}`, (e) => e.getBoundingClientRect());
      const clip = {
        x: Math.ceil(r.left),
        y: Math.ceil(r.top),
        width: Math.floor(r.right) - Math.ceil(r.left),
        height: Math.floor(r.bottom) - Math.ceil(r.top),
      };
      await browser.page.setViewportSize({ width: 1280, height: Math.ceil(r.bottom) + 16 });
      await writeFile(join(dir, `browser-seed-${n}.png`), await browser.page.screenshot({ clip, fullPage: true }));
    }
    await browser.page.setViewportSize({ width: 1280, height: 800 });
  });
});
