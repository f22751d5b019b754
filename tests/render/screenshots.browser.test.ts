/**
 * What the preview looks like, held against committed pictures: one slide of
 * each kind (title, text, continued text, table, chart, result, the city
 * summary's table, closing) drawn by headless Chromium and compared pixel by pixel with
 * tests/fixtures/screenshots/<kind>.png, within a tolerance for antialiasing.
 * A page style that reaches the slides (the monospace error-line rule once
 * did) changes thousands of pixels and fails; the test shows it does.
 *
 * ITOGI_UPDATE_SCREENSHOTS=1 writes the references anew (look at them before
 * committing).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile, checkFiles, summarizeYear } from '../../src/api.js';
import type { DeckLayout } from '../../src/layout/model.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { layoutSummary } from '../../src/layout/summary.js';
import { SECURITY_HEADERS } from '../../src/preview/security.js';
import { renderSlidesHtml } from '../../src/render/html.js';
import { REPO, SEED_CONTENT } from '../deck/build.js';
import {
  hasChromium,
  launchChromium,
  openDrawn,
  serveFragments,
  type Browser,
  type FragmentServer,
} from '../helpers/chromium.js';
import { writeLongDirection } from '../helpers/longDirection.js';

const REFERENCES = resolve(REPO, 'tests', 'fixtures', 'screenshots');
/** A pixel differs when a channel differs by more than this (antialiasing, subpixel positions). */
const CHANNEL_TOLERANCE = 48;
/** At most this share of a slide's pixels may differ. */
const PIXEL_TOLERANCE = 0.005;

declare class CSSStyleSheet {
  replaceSync(css: string): void;
}
declare const document: {
  adoptedStyleSheets: CSSStyleSheet[];
  querySelectorAll(s: string): { length: number };
  querySelector(s: string): unknown;
  fonts: { ready: Promise<unknown> };
};

interface Shot {
  kind: string;
  html: string;
  /** 1-based slide number in its deck. */
  slide: number;
}

/** Share of pixels that differ beyond the channel tolerance (1 when the sizes differ). */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const [ia, ib] = await Promise.all([loadImage(a), loadImage(b)]);
  if (ia.width !== ib.width || ia.height !== ib.height) return 1;
  const pixels = (img: typeof ia) => {
    const c = createCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height).data;
  };
  const [pa, pb] = [pixels(ia), pixels(ib)];
  let differing = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (
      Math.abs(pa[i]! - pb[i]!) > CHANNEL_TOLERANCE ||
      Math.abs(pa[i + 1]! - pb[i + 1]!) > CHANNEL_TOLERANCE ||
      Math.abs(pa[i + 2]! - pb[i + 2]!) > CHANNEL_TOLERANCE
    )
      differing++;
  }
  return differing / (ia.width * ia.height);
}

const firstOf = (deck: DeckLayout, kind: string, page = 1) =>
  deck.slides.findIndex((s) => s.kind === kind && s.page === page) + 1;

describe.skipIf(!hasChromium())('the preview’s slides against reference pictures (Chromium)', () => {
  let browser: Browser;
  let server: FragmentServer;
  let dir: string;
  const shots: Shot[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-screens-'));
    const html = async (file: string, withResult = false) => {
      const checked = await checkFile(file, { cwd: REPO });
      const t = checked.template!.template;
      // A template may give the result line a slide of its own (surgut puts it under the chart).
      const sequence = withResult
        ? [...t.sequence.filter((k) => k !== 'closing'), 'result' as const, 'closing' as const]
        : t.sequence;
      const deck = layoutDeck(checked.computed!, { ...t, sequence });
      return { deck, html: renderSlidesHtml(deck, checked.template!) };
    };
    const seed = await html(SEED_CONTENT, true);
    const long = await html(await writeLongDirection(dir));
    const year = await checkFiles(
      ['economy', 'human-capital', 'institutional-environment', 'urban-environment'].map((n) =>
        resolve(REPO, 'content', '2023', `${n}.yaml`),
      ),
      { cwd: REPO },
    );
    const [summary] = summarizeYear(year);
    const summaryDeck = layoutSummary(summary!.city, summary!.template.template);
    const summaryHtml = renderSlidesHtml(summaryDeck, summary!.template);
    shots.push(
      { kind: 'title', html: seed.html, slide: firstOf(seed.deck, 'title') },
      { kind: 'text', html: seed.html, slide: firstOf(seed.deck, 'tasks') },
      { kind: 'continued-text', html: long.html, slide: firstOf(long.deck, 'tasks', 2) },
      { kind: 'table', html: seed.html, slide: firstOf(seed.deck, 'indicators') },
      { kind: 'chart', html: seed.html, slide: firstOf(seed.deck, 'chart') },
      { kind: 'result', html: seed.html, slide: firstOf(seed.deck, 'result') },
      { kind: 'summary', html: summaryHtml, slide: firstOf(summaryDeck, 'indicators') },
      { kind: 'closing', html: seed.html, slide: firstOf(seed.deck, 'closing') },
    );
    expect(shots.filter((s) => s.slide === 0).map((s) => s.kind)).toEqual([]);
    server = await serveFragments(
      { 'seed.html': seed.html, 'long.html': long.html, 'summary.html': summaryHtml },
      SECURITY_HEADERS,
    );
    browser = await launchChromium({ width: 1280, height: 800 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pageOf = (s: Shot) =>
    s.html === shots[0]!.html ? 'seed.html' : s.html === shots[2]!.html ? 'long.html' : 'summary.html';

  async function shoot(s: Shot, style?: string): Promise<Buffer> {
    const { page } = browser;
    await openDrawn(page, `${server.origin}/${pageOf(s)}`);
    // A rule of the page's own, as a stylesheet it loads would add it (a constructed sheet: the CSP allows no inline <style>).
    if (style)
      await page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }, style);
    return page.locator(`.itogi-slide[data-slide="${s.slide}"]`).screenshot({ animations: 'disabled' });
  }

  it('every kind of slide looks like its reference', async () => {
    const update = process.env['ITOGI_UPDATE_SCREENSHOTS'] === '1';
    if (update) await mkdir(REFERENCES, { recursive: true });
    const results: string[] = [];
    for (const s of shots) {
      const png = await shoot(s);
      const ref = join(REFERENCES, `${s.kind}.png`);
      if (update) await writeFile(ref, png);
      expect(existsSync(ref), `${ref}: no reference (ITOGI_UPDATE_SCREENSHOTS=1 writes it)`).toBe(true);
      const diff = await difference(png, await readFile(ref));
      results.push(`${s.kind} ${(diff * 100).toFixed(3)} %`);
      if (diff > PIXEL_TOLERANCE) await writeFile(join(tmpdir(), `itogi-screenshot-${s.kind}.png`), png);
    }
    console.log(`pixels differing from the references: ${results.join(', ')}`);
    for (const r of results) expect(Number(r.split(' ').at(-2)) / 100, r).toBeLessThanOrEqual(PIXEL_TOLERANCE);
  });

  it('fails on a page style reaching the slides (the old monospace error-line rule)', async () => {
    const s = shots.find((x) => x.kind === 'text')!;
    const png = await shoot(s, '.itogi-line { font-family: "Liberation Mono", monospace; font-size: 13px; }');
    const diff = await difference(png, await readFile(join(REFERENCES, 'text.png')));
    expect(diff).toBeGreaterThan(PIXEL_TOLERANCE * 4);
  });
});
