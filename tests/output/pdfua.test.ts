/**
 * Issue 20, item 2: the PDF of every shipped deck (the four directions of
 * content/2023 and their summary) is tagged as ГОСТ Р 70176-2022 / PDF/UA
 * asks. Read back by two readers independent of the code that mends it:
 * poppler's pdfinfo, and pdfjs-dist for the structure tree and the page's
 * operations.
 *
 * - pdfinfo: «Tagged: yes», the title;
 * - every page has a heading; every Figure has Alt (the chart's, from its
 *   data); every table's first row is TH cells;
 * - nothing is painted outside marked content (decoration and the slide
 *   background are Artifacts), and the decorative rectangles are not Figures;
 * - /Lang ru-RU, DisplayDocTitle and the PDF/UA identifier in the XMP.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, buildSummary, checkFile, summarizeYear, type DeckFile } from '../../src/api.js';
import { convertToPdf } from '../../src/output/pdf.js';
import { REPO } from '../deck/build.js';
import { hasLibreOffice, hasPoppler } from '../helpers/libreoffice.js';

const run = promisify(execFile);

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  children?: StructNode[];
}

interface Read {
  name: string;
  deck: DeckFile;
  pdf: Buffer;
  path: string;
  pages: { tree: StructNode; unmarkedPaints: number; artifacts: number }[];
}

const PAINT_OPS = ['fill', 'eoFill', 'stroke', 'fillStroke', 'eoFillStroke', 'showText', 'paintImageXObject'];

async function readPdf(data: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const names = new Map(Object.entries(pdfjs.OPS).map(([k, v]) => [v as number, k]));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: Read['pages'] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tree = (await page.getStructTree()) as StructNode;
    const ops = await page.getOperatorList();
    let depth = 0;
    let unmarkedPaints = 0;
    let artifacts = 0;
    ops.fnArray.forEach((fn, j) => {
      const op = names.get(fn) ?? '';
      if (op === 'beginMarkedContent' || op === 'beginMarkedContentProps') {
        depth++;
        const tag = (ops.argsArray[j] as unknown[])[0] as { name?: string } | string;
        if ((typeof tag === 'string' ? tag : tag.name) === 'Artifact') artifacts++;
      } else if (op === 'endMarkedContent') depth--;
      else if (depth === 0 && PAINT_OPS.includes(op)) unmarkedPaints++;
    });
    pages.push({ tree, unmarkedPaints, artifacts });
  }
  await doc.destroy();
  return pages;
}

function nodes(n: StructNode): StructNode[] {
  return [n, ...(n.children ?? []).flatMap(nodes)];
}

const READS: Read[] = [];
let dir = '';

describe.skipIf(!hasLibreOffice() || !hasPoppler())('the PDF of every shipped deck is tagged (PDF/UA)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-pdfua-'));
    const year = join(REPO, 'content', '2023');
    const checked = await Promise.all(readdirSync(year).map((f) => checkFile(join(year, f), { cwd: REPO })));
    const decks: [string, DeckFile][] = [];
    for (const c of checked) decks.push([c.computed!.content.direction.id, await buildDeck(c, dir)]);
    decks.push(['summary', await buildSummary(summarizeYear(checked)[0]!, dir)]);
    for (const [name, deck] of decks) {
      const pdf = await convertToPdf(deck.buffer);
      const path = join(dir, `${name}.pdf`);
      await writeFile(path, pdf);
      READS.push({ name, deck, pdf, path, pages: await readPdf(pdf) });
    }
  }, 240_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says «Tagged: yes» and shows the title (pdfinfo)', async () => {
    expect(READS).toHaveLength(5);
    const titles: string[] = [];
    for (const { name, path, deck, pdf } of READS) {
      const { stdout } = await run('pdfinfo', [path]);
      expect(stdout, name).toMatch(/^Tagged:\s+yes$/m);
      const title = /^Title:\s+(.+)$/m.exec(stdout)?.[1];
      expect(title, name).toBe(deck.layout.title);
      // The XMP's dc:title too, which PDF/UA requires and DisplayDocTitle shows.
      expect(pdf.toString('utf8'), name).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`);
      titles.push(title!);
    }
    // Each PDF says which it is: a screen reader opening several hears them apart.
    expect(titles.toSorted()).toEqual(
      [
        'Итоги 2023 года. Реализация направления «Институциональная среда (гражданское общество и власть)»',
        'Итоги 2023 года. Реализация направления «Человеческий капитал»',
        'Итоги 2023 года. Реализация направления «Экономика (инвестиции, предпринимательство и рынок труда)»',
        'Итоги 2023 года. Реализация направления «Городская среда (благоустройство, жильё и транспорт)»',
        'Итоги 2023 года. Реализация стратегии',
      ].toSorted(),
    );
  });

  it('has a heading on every page, the slide’s title', () => {
    for (const { name, pages, deck } of READS) {
      expect(pages).toHaveLength(deck.layout.slides.length);
      pages.forEach((p, i) => {
        const headings = nodes(p.tree).filter((n) => n.role !== undefined && /^H\d?$/.test(n.role));
        expect(headings.length, `${name}, page ${i + 1}`).toBeGreaterThanOrEqual(1);
      });
    }
  });

  it('gives every Figure its Alt, the chart’s from its data', () => {
    let figures = 0;
    for (const { name, pages } of READS) {
      for (const p of pages) {
        for (const f of nodes(p.tree).filter((n) => n.role === 'Figure')) {
          figures++;
          expect(f.alt, name).toMatch(/^Диаграмма: .+\. (Исполнение|Доля) .+ \d/);
        }
      }
    }
    // A chart per deck at least.
    expect(figures).toBeGreaterThanOrEqual(5);
  });

  it('heads every table with TH cells', () => {
    let tables = 0;
    for (const { name, pages } of READS) {
      for (const p of pages) {
        for (const t of nodes(p.tree).filter((n) => n.role === 'Table')) {
          tables++;
          const rows = nodes(t).filter((n) => n.role === 'TR');
          expect(rows.length, name).toBeGreaterThan(1);
          const first = (rows[0]!.children ?? []).filter((c) => c.role !== undefined);
          expect(first.length).toBeGreaterThan(1);
          expect(new Set(first.map((c) => c.role)), name).toEqual(new Set(['TH']));
          for (const row of rows.slice(1))
            expect(
              row.children?.some((c) => c.role === 'TD'),
              name,
            ).toBe(true);
        }
      }
    }
    expect(tables).toBeGreaterThanOrEqual(5);
  });

  it('paints nothing outside marked content: decoration and backgrounds are Artifacts', () => {
    for (const { name, pages, deck } of READS) {
      pages.forEach((p, i) => {
        expect(p.unmarkedPaints, `${name}, page ${i + 1}`).toBe(0);
        const rects = deck.layout.slides[i]!.boxes.filter((b) => b.type === 'rect').length;
        // The background and each decorative rectangle, at least.
        expect(p.artifacts, `${name}, page ${i + 1}`).toBeGreaterThanOrEqual(rects + 1);
      });
    }
  });

  it('says ru-RU, shows the title and claims PDF/UA-1', () => {
    for (const { name, pdf } of READS) {
      const text = pdf.toString('latin1');
      expect(text, name).toMatch(/\/Lang\s*\(ru-RU\)/);
      expect(text, name).toMatch(/\/DisplayDocTitle\s+true/);
      expect(text, name).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    }
  });
});
