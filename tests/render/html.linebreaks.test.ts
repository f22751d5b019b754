/**
 * Issue 6's line-break acceptance: per slide, the words at the end of each
 * text line of the preview (in headless Chromium) against those of the same
 * deck as LibreOffice renders the .pptx (PDF, `pdftotext -bbox-layout`), for
 * the seed and the 16-indicator fixture. The agreement is printed.
 *
 * A line end is the line's last two words (one for a one-word line). The PDF's
 * lines are cut where two words are far apart (table columns, boxes side by
 * side on one baseline). Matched = line ends of the preview found on the same
 * page of the PDF, counted with multiplicity.
 *
 * The preview shows the layout's measured lines. The layout measures at 96 %
 * of a box's width (WIDTH_SLACK); the .pptx gives the other 4 % to the client
 * as an inset (pptx.ts: slackInsets), so LibreOffice wraps where the layout
 * did. Before that inset LibreOffice filled the last 4 % and the agreement
 * was 84.5 % (seed) and 87.3 % (sixteen). For comparison the test prints
 * what a greedy wrap at the boxes' full width would agree.
 *
 * ITOGI_DEBUG_LINES=1 prints every line end not found and the PDF's lines.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, checkFile } from '../../src/api.js';
import type { DeckLayout, SlideLayout } from '../../src/layout/model.js';
import { wrapText } from '../../src/layout/measure.js';
import { renderSlidesHtml } from '../../src/render/html.js';
import { REPO, SEED_CONTENT, SIXTEEN } from '../deck/build.js';
import { hasChromium, launchChromium, serveFragments, type Browser, type FragmentServer } from '../helpers/chromium.js';
import { hasLibreOffice, hasPoppler, pptxToPdf } from '../helpers/libreoffice.js';

const run = promisify(execFile);

declare const document: {
  querySelectorAll(
    selector: string,
  ): Iterable<{ textContent: string | null; closest(s: string): { getAttribute(n: string): string | null } | null }>;
};

const tokens = (s: string) =>
  s
    .replace(/[\u00a0\u202f]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
/** The end of a line: its last two words. */
const lineEnd = (words: string[]) => words.slice(-2).join(' ');

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unxml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!);

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Text lines of every PDF page, cut where words are further apart than half a line's height. */
async function pdfLines(pdf: string): Promise<string[][][]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 << 20 });
  return [...stdout.matchAll(/<page\b[\s\S]*?<\/page>/g)].map((page) =>
    [...page[0].matchAll(/<line\b[\s\S]*?<\/line>/g)].flatMap((line) => {
      const words: Word[] = [
        ...line[0].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: unxml(m[5]!),
      }));
      const segments: string[][] = [];
      let current: string[] = [];
      words.forEach((w, i) => {
        const prev = words[i - 1];
        if (prev && w.xMin - prev.xMax > 0.5 * (w.yMax - w.yMin)) {
          segments.push(current);
          current = [];
        }
        current.push(...tokens(w.text));
      });
      segments.push(current);
      // A bullet alone is not a line of text.
      return segments.filter((s) => s.length > 0 && !(s.length === 1 && /^[\u2013\u2022\u2212-]$/.test(s[0]!)));
    }),
  );
}

/** Line ends found on the same page, with multiplicity. */
function agreement(preview: string[][][], pdf: string[][][]): { matched: number; total: number; perSlide: string[] } {
  let matched = 0;
  let total = 0;
  const perSlide = preview.map((lines, i) => {
    const pool = new Map<string, number>();
    for (const l of pdf[i] ?? []) pool.set(lineEnd(l), (pool.get(lineEnd(l)) ?? 0) + 1);
    let m = 0;
    for (const l of lines) {
      const key = lineEnd(l);
      const left = pool.get(key) ?? 0;
      if (left > 0) {
        m++;
        pool.set(key, left - 1);
      } else if (process.env['ITOGI_DEBUG_LINES']) console.log(`slide ${i + 1} miss «${l.join(' ')}»`);
    }
    if (process.env['ITOGI_DEBUG_LINES'])
      console.log(`slide ${i + 1} pdf: ${(pdf[i] ?? []).map((l) => l.join(' ')).join(' | ')}`);
    matched += m;
    total += lines.length;
    return `${i + 1}: ${m}/${lines.length}`;
  });
  return { matched, total, perSlide };
}

/** For comparison: each paragraph and cell wrapped greedily at its box's full width (no slack). */
function fullWidthLines(slide: SlideLayout): string[][] {
  return slide.boxes.flatMap((b) => {
    if (b.type === 'text') {
      return b.paragraphs.flatMap((p) =>
        wrapText(p.text, b.w - (p.bullet ? (p.indentPt ?? 0) : 0), { sizePt: b.sizePt, bold: p.bold ?? false }).map(
          tokens,
        ),
      );
    }
    if (b.type === 'table') {
      return b.rows.flatMap((row) =>
        row.flatMap((c, i) =>
          c.text === ''
            ? []
            : wrapText(c.text, b.columns[i]! - 2 * b.paddingPt.h, { sizePt: b.sizePt, bold: c.bold ?? false }).map(
                tokens,
              ),
        ),
      );
    }
    return [];
  });
}

const percent = (a: { matched: number; total: number }) => `${((100 * a.matched) / a.total).toFixed(1)} %`;

describe.skipIf(!hasChromium() || !hasLibreOffice() || !hasPoppler())(
  'line breaks: the preview against the .pptx in LibreOffice',
  () => {
    let dir: string;
    let browser: Browser;
    let server: FragmentServer;
    const decks: Record<string, { deck: DeckLayout; pdf: string; html: string }> = {};

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'itogi-linebreaks-'));
      for (const [name, file] of [
        ['seed', SEED_CONTENT],
        ['sixteen', SIXTEEN],
      ] as const) {
        const checked = await checkFile(file, { cwd: REPO });
        const built = await buildDeck(checked, dir);
        const pptx = join(dir, `${name}.pptx`);
        await writeFile(pptx, built.buffer);
        decks[name] = {
          deck: built.layout,
          pdf: await pptxToPdf(pptx, dir),
          html: renderSlidesHtml(built.layout, checked.template!),
        };
      }
      server = await serveFragments(Object.fromEntries(Object.entries(decks).map(([n, d]) => [`${n}.html`, d.html])));
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    for (const name of ['seed', 'sixteen'] as const) {
      it(`${name}: the line ends agree`, async () => {
        const { deck, pdf } = decks[name]!;
        await browser.page.goto(`${server.origin}/${name}.html`);
        const visible = await browser.page.evaluate(() =>
          [...document.querySelectorAll('.itogi-line')].map((l) => ({
            slide: Number(l.closest('.itogi-slide')!.getAttribute('data-slide')),
            text: l.textContent ?? '',
          })),
        );
        const preview = deck.slides.map((_, i) =>
          visible.filter((l) => l.slide === i + 1 && l.text !== '').map((l) => tokens(l.text)),
        );
        const pages = await pdfLines(pdf);
        expect(pages).toHaveLength(deck.slides.length);

        const got = agreement(preview, pages);
        const fullWidth = agreement(deck.slides.map(fullWidthLines), pages);
        console.log(
          `line ends, ${name}: preview ${got.matched}/${got.total} (${percent(got)}) agree with LibreOffice; per slide ${got.perSlide.join(', ')}\n` +
            `  for comparison, a greedy wrap at the boxes' full width: ${fullWidth.matched}/${fullWidth.total} (${percent(fullWidth)})`,
        );
        // Measured 2026-12-07 with LibreOffice 7.4: seed 97/97, sixteen 133/133 (without
        // the inset: 86/97 and 127/133). The floor is 95 %.
        expect(got.matched / got.total).toBeGreaterThanOrEqual(THRESHOLD);
      });
    }
  },
);

const THRESHOLD = 0.95;
