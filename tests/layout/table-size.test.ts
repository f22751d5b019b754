/**
 * Table type size across a year: each deck's tables share one size; with the
 * template's `fonts.table_pt` every table of every deck of the year (the city
 * summary too) takes that size and continues on further slides instead of
 * shrinking, with every row still shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { computeCity } from '../../src/compute/city.js';
import type { ComputedDirection } from '../../src/compute/direction.js';
import type { DeckLayout, TableBox } from '../../src/layout/model.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { layoutSummary } from '../../src/layout/summary.js';
import { loadTemplate } from '../../src/template/load.js';
import type { Template } from '../../src/template/schema.js';
import { REPO, SIXTEEN } from '../deck/build.js';

const YEAR = ['economy', 'human-capital', 'institutional-environment', 'urban-environment'].map(
  (id) => `content/2023/${id}.yaml`,
);

let template: Template;
let directions: ComputedDirection[];
let sixteen: ComputedDirection;

beforeAll(async () => {
  template = (await loadTemplate('surgut', REPO)).template;
  directions = await Promise.all(YEAR.map(async (f) => (await checkFile(f, { cwd: REPO })).computed!));
  sixteen = (await checkFile(SIXTEEN, { cwd: REPO })).computed!;
});

const tablesOf = (deck: DeckLayout) =>
  deck.slides.flatMap((s) => s.boxes.filter((b): b is TableBox => b.type === 'table'));
const sizesOf = (deck: DeckLayout) => [...new Set(tablesOf(deck).map((t) => t.sizePt))];
/** Body rows that start an indicator: «101. …» in the first column. */
const indicatorRows = (deck: DeckLayout) =>
  tablesOf(deck).flatMap((t) => t.rows.slice(1).filter((r) => /^\d+\.\s/.test(r[0]!.text)));

describe('one table size', () => {
  it('within each deck; without the option the year varies from deck to deck', () => {
    const decks = [...directions, sixteen].map((d) => layoutDeck(d, template));
    for (const d of decks) expect(sizesOf(d)).toHaveLength(1);
    const summary = layoutSummary(computeCity(directions), template);
    expect(sizesOf(summary)).toHaveLength(1);
    expect(tablesOf(summary).map((t) => t.name)).toEqual(
      expect.arrayContaining(['Таблица направлений', 'Недостигнутые показатели']),
    );
    // What the option is for: the shipped year alone has tables of different sizes.
    expect(new Set(decks.flatMap(sizesOf)).size).toBeGreaterThan(1);
  });

  it.each([12, 14])('fonts.table_pt: %i pt in every deck of the year and the summary, no row lost', (pt) => {
    const fixed: Template = { ...template, fonts: { ...template.fonts, table_pt: pt } };
    for (const d of [...directions, sixteen]) {
      const deck = layoutDeck(d, fixed);
      expect(sizesOf(deck), d.content.direction.id).toEqual([pt]);
      expect(indicatorRows(deck)).toHaveLength(d.indicators.length);
    }
    expect(sizesOf(layoutSummary(computeCity(directions), fixed))).toEqual([pt]);
  });

  it('is refused outside 10–24 pt, at fonts.table_pt', async () => {
    const { templateSchema } = await import('../../src/template/schema.js');
    const raw = { ...template, fonts: { ...template.fonts, table_pt: 30 } };
    const r = templateSchema().safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['fonts', 'table_pt']);
  });
});
