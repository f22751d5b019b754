/**
 * The deck in a real client: LibreOffice converts it to PDF, one page per
 * slide. Text pushed off a slide does not reach the PDF, so finding every
 * indicator name and task in the PDF text proves nothing was cut off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { hasLibreOffice, pdfPageTexts, pptxToPdf } from '../helpers/libreoffice.js';
import { loadTemplate } from '../../src/template/load.js';
import { executionBars } from '../../src/layout/slides.js';
import { build, REPO, SEED_CONTENT, SEED_ROWS, seedLines, SIXTEEN } from './build.js';

/** PDF text breaks lines (and may split at hyphens): compare without any white space. */
const squash = (s: string) => s.replace(/[\s\u00a0\u202f\u00ad]+/g, '');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-client-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One conversion per deck, shared by the tests below (LibreOffice takes seconds per deck). */
const rendered = new Map<string, ReturnType<typeof convert>>();
const renderInClient = (file: string) => rendered.get(file) ?? rendered.set(file, convert(file)).get(file)!;

async function convert(file: string) {
  const deck = await build(file, dir);
  await deck.save();
  const pdf = await pptxToPdf(deck.path, dir);
  return { deck, pages: await pdfPageTexts(pdf) };
}

describe.skipIf(!hasLibreOffice())('LibreOffice renders the decks', () => {
  it('the seed deck: one page per slide, every seed line on its page', async () => {
    const { deck, pages } = await renderInClient(SEED_CONTENT);
    expect(pages.length).toBe(deck.layout.slides.length);
    const pdfText = squash(pages.join('\n'));
    const missing = seedLines().filter((line) => !pdfText.includes(squash(line)));
    expect(missing).toEqual([]);
  });

  it('the 16-indicator deck: every indicator name and task is visible', async () => {
    const { deck, pages } = await renderInClient(SIXTEEN);
    expect(pages.length).toBe(deck.layout.slides.length);
    const checked = await checkFile(SIXTEEN);
    const content = checked.computed!.content;
    const pdfText = squash(pages.join('\n'));
    const expected = [
      ...content.indicators.items.map((i) => i.name),
      ...content.tasks,
      ...content.events.flatMap((e) => [e.title, ...e.items]),
      content.goal,
      checked.computed!.resultLine,
    ];
    expect(expected.filter((t) => !pdfText.includes(squash(t)))).toEqual([]);
    // The continued table slide carries its heading.
    expect(pages.some((p) => squash(p).includes(squash('Целевые показатели за 2023 год (продолжение)')))).toBe(true);
  });

  it('the table’s footnotes are visible under it, whole, on the table’s page', async () => {
    const file = resolve(REPO, 'tests/fixtures/reverse-and-zero/direction.yaml');
    const { deck, pages } = await renderInClient(file);
    expect(pages.length).toBe(deck.layout.slides.length);
    const tablePage = pages[deck.layout.slides.findIndex((s) => s.kind === 'indicators')]!;
    const labels = (await loadTemplate('surgut', REPO)).template.labels;
    const footnotes = [
      '* оценка на 01.12.2023',
      `** ${labels.footnote_lower}`,
      `*** ${labels.footnote_zero_plan}`,
      `**** ${labels.footnote_zero_fact}`,
    ];
    expect(footnotes.filter((f) => !squash(tablePage).includes(squash(f)))).toEqual([]);
    // the marks in the table itself
    for (const cell of ['стационарных источников**', '—***', '—****'])
      expect(squash(tablePage)).toContain(squash(cell));
  });

  it('the native charts: every category and value label, the plan label and the legend on the chart pages', async () => {
    for (const file of [SEED_CONTENT, SIXTEEN]) {
      const { deck, pages } = await renderInClient(file);
      expect(pages.length).toBe(deck.layout.slides.length);
      const chartPages = deck.layout.slides.flatMap((s, i) => (s.kind === 'chart' ? [i] : []));
      expect(chartPages.length).toBe(file === SIXTEEN ? 2 : 1);
      const checked = await checkFile(file);
      const bars = executionBars(checked.computed!.indicators);
      let seen = 0;
      for (const i of chartPages) {
        const page = squash(pages[i]!);
        expect(page).toContain(squash('План = 100 %'));
        expect(page).toContain(squash('Исполнение, % от плана'));
        const onSlide = deck.layout.slides[i]!.boxes.flatMap((b) => (b.type === 'chart' ? b.bars : []));
        for (const bar of onSlide) {
          // Category then its label, in reading order: '№45' … '111,7%'.
          expect(page, `${bar.label} ${bar.display}`).toContain(squash(bar.label));
          expect(page, `${bar.label} ${bar.display}`).toContain(squash(bar.display));
        }
        seen += onSlide.length;
      }
      expect(seen).toBe(bars.length);
      if (file === SEED_CONTENT) {
        // Golden from the seed: the six labels of its table.
        const chartText = squash(pages[chartPages[0]!]!);
        for (const row of SEED_ROWS) expect(chartText).toContain(squash(row[3]));
      } else {
        expect(pages.some((p) => squash(p).includes(squash('не достигнуто')))).toBe(true);
        expect(pages.some((p) => squash(p).includes(squash('данные ожидаются')))).toBe(true);
      }
    }
  });
});
