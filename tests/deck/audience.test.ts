/**
 * What the audience sees: every shipped and fixture deck, and the city
 * summary, rendered by LibreOffice and read back line by line (pdftotext).
 * A rendered line must not end with a short preposition or conjunction, nor
 * be a lone «%» or a lone number that is not a whole cell or label of the
 * deck; the chart slides of one deck share one scale (the chart parts' axis
 * maximum, and the largest tick LibreOffice draws on each chart page).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummary, checkFile, summarizeYear, type DeckFile } from '../../src/api.js';
import { hasLibreOffice, hasPoppler, pdfPageTexts, pptxToPdf } from '../helpers/libreoffice.js';
import { chartParts, openPptx, slideTexts } from '../helpers/pptx.js';
import { build, REPO, SIXTEEN } from './build.js';

const SHIPPED = ['economy', 'human-capital', 'institutional-environment', 'urban-environment'].map(
  (id) => `tests/fixtures/workspace/content/2023/${id}.yaml`,
);
const FIXTURES = [
  SIXTEEN,
  'tests/fixtures/reverse-and-zero/direction.yaml',
  'tests/fixtures/reverse-and-zero/with-notes.yaml',
];

/** Prepositions, conjunctions and particles a Russian line must not end with (Мильчин). */
const SHORT_WORDS = new Set(
  (
    'а без бы в во да для до же за и из изо или к как ко ли на над не ни но о об обо от по под при про с со у ' +
    'что чем'
  ).split(' '),
);
const NUMBER = /^[−-]?\d[\d ]*(?:[,.]\d+)?$/;
/** Both spaces as one, no-break included: pdftotext writes U+00A0 as it is. */
const plain = (s: string) =>
  s
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The last word of a line, lower case, without the quotes and brackets around it. */
const lastWord = (line: string) =>
  (line.split(' ').at(-1) ?? '').toLocaleLowerCase('ru-RU').replace(/^[«„"(]+|[»"),;:]+$/g, '');

interface Rendered {
  name: string;
  deck: DeckFile;
  pages: string[];
}

let dir: string;
const decks: Rendered[] = [];

beforeAll(async () => {
  if (!hasLibreOffice() || !hasPoppler()) return;
  dir = await mkdtemp(join(tmpdir(), 'itogi-audience-'));
  const files: [string, DeckFile][] = [];
  for (const file of [...SHIPPED, ...FIXTURES]) files.push([file, await build(file, join(dir, String(files.length)))]);
  const checked = await Promise.all(SHIPPED.map((f) => checkFile(f, { cwd: REPO })));
  const [year] = summarizeYear(checked);
  files.push(['сводная content/2023', await buildSummary(year!, join(dir, 'summary'))]);
  // One at a time: the machine's cores are shared.
  for (const [name, deck] of files) {
    await deck.save();
    const pdf = await pptxToPdf(deck.path, join(dir, 'pdf', String(decks.length)));
    decks.push({ name, deck, pages: await pdfPageTexts(pdf) });
  }
}, 600_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasLibreOffice() || !hasPoppler())('what the audience sees in LibreOffice', () => {
  it('renders every shipped and fixture deck and the city summary, a page per slide', () => {
    expect(decks.map((d) => d.name)).toHaveLength(SHIPPED.length + FIXTURES.length + 1);
    for (const d of decks) expect(d.pages.length, d.name).toBe(d.deck.layout.slides.length);
  });

  it('ends no rendered line with a short preposition or conjunction', () => {
    const hanging = decks.flatMap((d) =>
      d.pages.flatMap((page, p) =>
        page
          .split('\n')
          .map(plain)
          .filter((line) => line !== '' && SHORT_WORDS.has(lastWord(line)))
          .map((line) => `${d.name}, слайд ${p + 1}: «${line}»`),
      ),
    );
    expect(hanging).toEqual([]);
  });

  it('has no line that is a lone «%», nor a lone number that is not a whole cell or label', async () => {
    const lone: string[] = [];
    for (const d of decks) {
      const pkg = await openPptx(d.deck.buffer);
      // Whole paragraphs of the deck: table cells, page numbers, chart data labels.
      const whole = new Set([
        ...pkg.slides.flatMap(slideTexts).map(plain),
        ...chartParts(pkg).flatMap((c) => [...c.xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => plain(m[1]!))),
      ]);
      d.pages.forEach((page, p) => {
        for (const line of page.split('\n').map(plain)) {
          if (line === '%' || (NUMBER.test(line) && !whole.has(line)))
            lone.push(`${d.name}, слайд ${p + 1}: «${line}»`);
        }
      });
    }
    expect(lone).toEqual([]);
  });

  it('draws the chart slides of one deck on one scale', async () => {
    let decksWithTwo = 0;
    for (const d of decks) {
      const charts = chartParts(await openPptx(d.deck.buffer));
      const maxima = charts.map((c) => Number(/<c:valAx>[\s\S]*?<c:max val="([\d.]+)"\/>/.exec(c.xml)?.[1]));
      expect(new Set(maxima).size, `${d.name}: ${maxima.join(', ')}`).toBeLessThanOrEqual(1);
      // The largest tick LibreOffice drew on each chart page («120 %»): one per deck.
      const chartPages = d.deck.layout.slides.flatMap((s, i) => (s.kind === 'chart' ? [i] : []));
      const ticks = chartPages.map((i) =>
        Math.max(
          ...d.pages[i]!.split('\n')
            .map(plain)
            .flatMap((l) => /^(\d+) ?%$/.exec(l)?.[1] ?? [])
            .map(Number),
        ),
      );
      expect(
        ticks.every((t) => t >= 100),
        `${d.name}: ${ticks.join(', ')}`,
      ).toBe(true);
      expect(new Set(ticks).size, `${d.name}: ${ticks.join(', ')}`).toBeLessThanOrEqual(1);
      if (chartPages.length > 1) decksWithTwo++;
    }
    // The sixteen-indicator fixture takes two chart slides: the check has something to compare.
    expect(decksWithTwo).toBeGreaterThanOrEqual(1);
  });
});
