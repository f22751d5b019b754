/**
 * Tables as the audience sees them: figures right-aligned with their decimal
 * commas in one line (checked where LibreOffice drew them: pdftotext -bbox),
 * one font size for every table of a deck, and a short table using the
 * slide's height instead of leaving a third of it empty.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummary, checkFile, summarizeYear, type DeckFile } from '../../src/api.js';
import { textWidthPt } from '../../src/layout/measure.js';
import { hasLibreOffice, hasPoppler, pptxToPdf } from '../helpers/libreoffice.js';
import { decodeXml, openPptx, slideTexts, type OpenedPptx } from '../helpers/pptx.js';
import { build, REPO, SIXTEEN } from './build.js';

const YEAR = ['economy', 'human-capital', 'institutional-environment', 'urban-environment'].map(
  (id) => `content/2023/${id}.yaml`,
);
/** Rendered one by one on a shared machine: two shipped directions (the seed among them) and the fixtures. */
const SHIPPED = [YEAR[0]!, YEAR[2]!];
const FIXTURES = [SIXTEEN, 'tests/fixtures/reverse-and-zero/direction.yaml'];
const EMU_PER_PT = 12700;
/** A figure as a table shows it: digits in groups, a decimal comma, then «%» or a footnote mark. */
const FIGURE = /^[−-]?\d[\d\u00a0 ]*(?:,\d+)?(?:\u00a0%)?\**$/u;

interface Cell {
  text: string;
  align: string;
  sizes: string[];
  bold: boolean;
}
interface Table {
  /** Slide index (0-based), left edge and column widths in points. */
  slide: number;
  x: number;
  y: number;
  columns: number[];
  rowHeights: number[];
  rows: Cell[][];
}

/** Every table of a deck, read back from its slide XML. */
function tables(pkg: OpenedPptx): Table[] {
  return pkg.slides.flatMap((xml, slide) =>
    [...xml.matchAll(/<p:graphicFrame>[\s\S]*?<\/p:graphicFrame>/g)]
      .map((m) => m[0])
      .filter((frame) => frame.includes('<a:tbl>'))
      .map((frame) => {
        const off = /<a:off x="(\d+)" y="(\d+)"\/>/.exec(frame)!;
        const columns = [...frame.matchAll(/<a:gridCol w="(\d+)"\/>/g)].map((c) => Number(c[1]) / EMU_PER_PT);
        const trs = [...frame.matchAll(/<a:tr h="(\d+)">([\s\S]*?)<\/a:tr>/g)];
        return {
          slide,
          x: Number(off[1]) / EMU_PER_PT,
          y: Number(off[2]) / EMU_PER_PT,
          columns,
          rowHeights: trs.map((tr) => Number(tr[1]) / EMU_PER_PT),
          rows: trs.map((tr) =>
            [...tr[2]!.matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)].map((tc) => ({
              text: slideTexts(tc[0]).join(' '),
              align: /<a:pPr algn="(\w+)"/.exec(tc[0])?.[1] ?? '',
              sizes: [...tc[0].matchAll(/<a:rPr [^>]*\bsz="(\d+)"/g)].map((s) => s[1]!),
              bold: /<a:rPr [^>]*\bb="1"/.test(tc[0]),
            })),
          ),
        };
      }),
  );
}

interface Word {
  xMin: number;
  xMax: number;
  yMin: number;
  text: string;
}

/** Words LibreOffice drew on one PDF page, with their boxes in points. */
function pdfWords(pdf: string, page: number): Word[] {
  const out = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [...out.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: decodeXml(m[4]!) }),
  );
}

interface Rendered {
  name: string;
  deck: DeckFile;
  pkg: OpenedPptx;
  pdf: string;
}

let dir: string;
const decks: Rendered[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-decimals-'));
  const files: [string, DeckFile][] = [];
  for (const file of [...SHIPPED, ...FIXTURES]) files.push([file, await build(file, join(dir, String(files.length)))]);
  const checked = await Promise.all(YEAR.map((f) => checkFile(f, { cwd: REPO })));
  files.push(['сводная', await buildSummary(summarizeYear(checked)[0]!, join(dir, 'summary'))]);
  const render = hasLibreOffice() && hasPoppler();
  for (const [name, deck] of files) {
    await deck.save();
    const pdf = render ? await pptxToPdf(deck.path, join(dir, 'pdf', String(decks.length))) : '';
    decks.push({ name, deck, pkg: await openPptx(deck.buffer), pdf });
  }
}, 600_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The columns of a table whose body cells are all figures or «н/д»/«—» with at least one figure. */
function numericColumns(t: Table): number[] {
  const body = t.rows.slice(1);
  return t.columns
    .map((_, i) => i)
    .filter((i) => {
      const texts = body.map((r) => r[i]!.text).filter((s) => s !== '' && !/^\d+\.\s/.test(s));
      return texts.some((s) => FIGURE.test(s)) && texts.every((s) => FIGURE.test(s) || /^(н\/д|—)\**$/.test(s));
    });
}

describe('table figures', () => {
  it('finds figure columns in every deck (the test sees something)', () => {
    for (const d of decks) {
      const ts = tables(d.pkg);
      expect(ts.length, d.name).toBeGreaterThan(0);
      expect(
        ts.every((t) => numericColumns(t).length > 0),
        d.name,
      ).toBe(true);
    }
  });

  it('right-aligns every figure in the deck as written', () => {
    for (const d of decks)
      for (const t of tables(d.pkg))
        for (const i of numericColumns(t))
          for (const row of t.rows.slice(1)) expect(row[i]!.align, `${d.name}: «${row[i]!.text}»`).toBe('r');
  });

  it('uses one font size for every table slide of a deck (the summary: both its tables)', () => {
    for (const d of decks) {
      const sizes = new Set(tables(d.pkg).flatMap((t) => t.rows.flatMap((r) => r.flatMap((c) => c.sizes))));
      expect([...sizes], d.name).toHaveLength(1);
    }
  });

  it.skipIf(!hasLibreOffice() || !hasPoppler())(
    'lines up the decimal commas where LibreOffice draws them (pdftotext -bbox)',
    () => {
      let columnsChecked = 0;
      let withDecimals = 0;
      for (const d of decks) {
        for (const t of tables(d.pkg)) {
          const words = pdfWords(d.pdf, t.slide + 1);
          const sizePt = Number(t.rows[0]![0]!.sizes[0]) / 100;
          const headerBottom = t.y + t.rowHeights[0]!;
          const tableBottom = t.y + t.rowHeights.reduce((s, h) => s + h, 0);
          for (const i of numericColumns(t)) {
            const left = t.x + t.columns.slice(0, i).reduce((s, w) => s + w, 0);
            const right = left + t.columns[i]!;
            const bold = t.rows.slice(1).some((r) => r[i]!.bold);
            // Per rendered row, the right end of the units digit: a word's end, or where its comma starts.
            const ends = new Map<number, number>();
            for (const w of words) {
              if (w.xMin < left || w.xMax > right || w.yMin < headerBottom || w.yMin > tableBottom) continue;
              if (!/\d/.test(w.text)) continue;
              // Measured back from the word's right end: LibreOffice kerns «11» (Arial's pair), so a left
              // edge plus the digits' widths would be off by the kerning.
              const comma = w.text.indexOf(',');
              const tail = comma >= 0 ? w.text.slice(comma) : (/\D*$/.exec(w.text)?.[0] ?? '');
              const end = w.xMax - textWidthPt(tail, { sizePt, bold });
              const row = Math.round(w.yMin);
              ends.set(row, Math.max(ends.get(row) ?? 0, end));
            }
            const xs = [...ends.values()];
            const texts = t.rows.slice(1).map((r) => r[i]!.text);
            expect(xs.length, `${d.name}, slide ${t.slide + 1}, column ${i}`).toBe(
              texts.filter((s) => /\d/.test(s)).length,
            );
            expect(
              Math.max(...xs) - Math.min(...xs),
              `${d.name}, slide ${t.slide + 1}: ${texts.join(' | ')}`,
            ).toBeLessThan(0.75);
            columnsChecked++;
            if (texts.some((s) => s.includes(',')) && texts.some((s) => /\d/.test(s) && !s.includes(',')))
              withDecimals++;
          }
        }
      }
      expect(columnsChecked).toBeGreaterThan(10);
      // Columns mixing whole and decimal figures, where centring or plain right alignment would fail.
      expect(withDecimals).toBeGreaterThan(3);
    },
    120_000,
  );

  it('lets a short table use the slide: rows grow until the table and its notes reach the foot, at most twice', () => {
    const economy = decks.find((d) => d.name.includes('economy'))!;
    const [t] = tables(economy.pkg);
    const layout = economy.deck.layout;
    const slide = layout.slides[t!.slide]!;
    const bottom = Math.max(
      ...slide.boxes
        .filter((b) => b.name !== 'Номер слайда' && b.type !== 'rect')
        .map((b) => (b.type === 'table' ? b.y + b.rowHeights.reduce((s, h) => s + h, 0) : b.y + b.h)),
    );
    // 44 pt: the frame's bottom margin (layout/frame.ts FRAME.bottomMargin).
    expect(bottom).toBeGreaterThan(layout.heightPt - 44 - 2);
    expect(bottom).toBeLessThanOrEqual(layout.heightPt - 44 + 0.5);
    const tableBottom = t!.y + t!.rowHeights.reduce((s, h) => s + h, 0);
    expect(tableBottom / layout.heightPt).toBeGreaterThan(0.8);
  });
});
