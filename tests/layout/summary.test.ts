/**
 * The summary deck as plain data: the layout invariants of a direction deck
 * hold, every direction is in the table once with its counts, the table and
 * chart continue on further slides with 30 directions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { computeCity, type CityTotals } from '../../src/compute/city.js';
import type { Box, ChartBox, DeckLayout, TableBox, TextBox } from '../../src/layout/model.js';
import { FRAME } from '../../src/layout/frame.js';
import { layoutSummary } from '../../src/layout/summary.js';
import { loadTemplate } from '../../src/template/load.js';
import type { Template } from '../../src/template/schema.js';
import { directionName, writeDirections } from '../helpers/directions.js';
import { invariants } from '../helpers/layout.js';
import { plainSpaces } from '../../src/layout/typeset.js';

const REPO = resolve(import.meta.dirname, '..', '..');
let template: Template;
let dir: string;

async function city(n: number): Promise<CityTotals> {
  const files = await writeDirections(join(dir, String(n)), n);
  const checked = await Promise.all(files.map((f) => checkFile(f, { cwd: REPO })));
  return computeCity(checked.map((c) => c.computed!));
}

beforeAll(async () => {
  template = (await loadTemplate('surgut', REPO)).template;
  dir = await mkdtemp(join(tmpdir(), 'itogi-summary-layout-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tables = (deck: DeckLayout) =>
  deck.slides.flatMap((s) =>
    s.boxes.filter((b): b is TableBox => b.type === 'table' && b.name === 'Таблица направлений'),
  );
const missedTables = (deck: DeckLayout) =>
  deck.slides.flatMap((s) =>
    s.boxes.filter((b): b is TableBox => b.type === 'table' && b.name === 'Недостигнутые показатели'),
  );
const charts = (deck: DeckLayout) =>
  deck.slides.flatMap((s) => s.boxes.filter((b): b is ChartBox => b.type === 'chart'));
const texts = (deck: DeckLayout) =>
  deck.slides.flatMap((s) =>
    s.boxes.flatMap((b) => (b.type === 'text' ? b.paragraphs.map((p) => plainSpaces(p.text)) : [])),
  );
/** Body rows of all table slides (header rows dropped), as cell texts. */
const bodyRows = (deck: DeckLayout) =>
  tables(deck).flatMap((t) => t.rows.slice(1).map((r) => r.map((c) => plainSpaces(c.text))));

describe.each([4, 30])('summary of %i directions', (n) => {
  let c: CityTotals;
  let deck: DeckLayout;
  beforeAll(async () => {
    c = await city(n);
    deck = layoutSummary(c, template);
  });

  it('keeps the layout invariants of a direction deck on every slide', () => {
    invariants(deck);
  });

  it('title, table, chart, closing; the title slide says «Итоги 2023 года. Реализация Стратегии»', () => {
    const kinds = deck.slides.map((s) => s.kind);
    expect(kinds[0]).toBe('title');
    expect(kinds.at(-1)).toBe('closing');
    expect(new Set(kinds)).toEqual(new Set(['title', 'indicators', 'chart', 'closing']));
    const title = deck.slides[0]!.boxes.filter((b): b is TextBox => b.type === 'text').map((b) =>
      plainSpaces(b.paragraphs[0]!.text),
    );
    expect(title).toEqual(['ИТОГИ 2023 ГОДА', 'РЕАЛИЗАЦИЯ СТРАТЕГИИ', n >= 13 ? '29.12.2023' : '15.12.2023']);
    expect(deck.title).toBe('Итоги 2023 года. Реализация стратегии');
  });

  it('starts every table just under its own heading, the first slide’s too, and fills the slide down to its notes', () => {
    const tableSlides = deck.slides.filter((s) => s.boxes.some((b) => b.type === 'table'));
    expect(tableSlides.length).toBeGreaterThan(0);
    for (const s of tableSlides) {
      const table = s.boxes.find((b): b is TableBox => b.type === 'table')!;
      const accent = s.boxes.find(
        (b): b is Extract<Box, { type: 'rect' }> => b.type === 'rect' && b.name === 'Акцент',
      )!;
      expect(table.y - (accent.y + accent.h), `slide ${s.page} of ${s.kind}`).toBeCloseTo(FRAME.contentGap, 6);
    }
    // A table on one slide grows its rows to the foot: under it only its notes and the bottom margin.
    const first = tableSlides[0]!;
    if (first.pages === 1) {
      const table = first.boxes.find((b): b is TableBox => b.type === 'table')!;
      const bottom = table.y + table.rowHeights.reduce((a, h) => a + h, 0);
      const notes = first.boxes.find((b): b is TextBox => b.type === 'text' && b.name === 'Сноска');
      const floor = deck.heightPt - FRAME.bottomMargin - (notes ? notes.h + (notes.y - bottom) : 0);
      expect(bottom).toBeCloseTo(floor, 6);
    }
  });

  it('lists every direction once, in order, with responsible, achieved / total and pending, then the city totals', () => {
    const rows = bodyRows(deck);
    expect(rows).toHaveLength(n + 1);
    c.directions.forEach((d, i) => {
      expect(d.name).toBe(directionName(i + 1));
      expect(rows[i]).toEqual([
        `${i + 1}. ${d.name}`,
        `Заместитель Главы города – Сотрудник${i + 1} А.Б.`,
        `${d.achieved} / ${d.total}`,
        String(d.pending),
      ]);
    });
    expect(rows[n]).toEqual(['Итого по городу', '', `${c.tally.achieved} / ${c.tally.total}`, String(c.tally.pending)]);
    for (const t of tables(deck))
      expect(t.rows[0]!.map((cell) => plainSpaces(cell.text))).toEqual([
        'Направление',
        'Ответственный',
        'Достигнуто / всего',
        'Данные ожидаются',
      ]);
  });

  it('charts every direction’s share, named by the direction, its label as computed, on an axis to 100 %', () => {
    const bars = charts(deck).flatMap((ch) => ch.bars);
    expect(bars.map((b) => b.label)).toEqual(c.directions.map((d) => d.name));
    for (const ch of charts(deck)) expect(ch.axis).toEqual({ max: 100, step: 20 });
    expect(bars.map((b) => b.display)).toEqual(c.directions.map((d) => d.shareText));
    expect(bars.map((b) => b.value)).toEqual(c.directions.map((d) => (d.share === null ? null : Number(d.share))));
    for (const ch of charts(deck)) {
      expect(ch.labels.axis).toBe('Достигнуто, % показателей направления');
      expect(ch.alt).toContain('2023');
    }
  });

  it('ends the charts with the city result line', () => {
    const last = deck.slides.filter((s) => s.kind === 'chart').at(-1)!;
    const banner = last.boxes.find((b): b is TextBox => b.type === 'text' && b.name === 'Итог')!;
    expect(plainSpaces(banner.paragraphs[0]!.text)).toBe(c.resultLine);
    expect(texts(deck).filter((t) => t === c.resultLine)).toHaveLength(1);
  });

  it('fills every placeholder', () => {
    const all = [
      ...texts(deck),
      ...tables(deck).flatMap((t) => t.rows.flat().map((x) => plainSpaces(x.text))),
      ...charts(deck).flatMap((ch) => [ch.alt, ch.labels.axis, ch.labels.reference]),
    ];
    expect(all.join('\n')).not.toMatch(/\{[a-z_.]+\}/);
  });

  it('lists every missed indicator with its direction, number, plan, fact and execution', () => {
    const rows = missedTables(deck).flatMap((t) => t.rows.slice(1).map((r) => r.map((x) => plainSpaces(x.text))));
    const expected = c.directions.flatMap((d, i) =>
      d.missedIndicators.map((m) => [
        `${i + 1}. ${d.name}`,
        String(m.indicator.number),
        `${m.indicator.name}, ${m.indicator.unit}`,
        plainSpaces(m.planText),
        plainSpaces(m.factText),
        plainSpaces(m.executionText),
      ]),
    );
    expect(expected.length).toBe(c.missed);
    expect(c.missed).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
    for (const t of missedTables(deck)) expect(t.rows[0]!.map((x) => plainSpaces(x.text))[1]).toBe('№');
  });

  it('counts the missed and pending indicators in figures and words under the table', () => {
    const notes = deck.slides
      .filter((s) => s.boxes.some((b) => b.type === 'table' && b.name === 'Таблица направлений'))
      .flatMap((s) => s.boxes.filter((b): b is TextBox => b.type === 'text' && b.name === 'Сноска'))
      .flatMap((b) => b.paragraphs.map((p) => plainSpaces(p.text)));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]).toMatch(new RegExp(`^Плановые значения не достигнуты по ${c.missed} \\([а-яё ]+\\) показател`));
    if (c.tally.pending > 0)
      expect(notes[0]).toMatch(new RegExp(`данные ожидаются по ${c.tally.pending} \\([а-яё ]+\\) показател`));
  });

  it('gives every slide speaker notes', () => {
    for (const [i, s] of deck.slides.entries()) expect(s.notes ?? '', `slide ${i + 1} (${s.kind})`).not.toBe('');
  });

  it('is the same data for the same input', () => {
    expect(JSON.stringify(layoutSummary(c, template))).toBe(JSON.stringify(deck));
  });
});

describe('30 directions', () => {
  it('continue the table and the chart on further slides, «(продолжение)» in the heading', async () => {
    const deck = layoutSummary(await city(30), template);
    const tableSlides = deck.slides.filter((s) => s.kind === 'indicators');
    const chartSlides = deck.slides.filter((s) => s.kind === 'chart');
    expect(tableSlides.length).toBeGreaterThan(1);
    expect(chartSlides).toHaveLength(8); // at most 4 named bars per chart
    for (const s of [...tableSlides, ...chartSlides].filter((x) => x.page > 1)) {
      const heading = s.boxes.find((b): b is TextBox => b.type === 'text' && b.name === 'Заголовок')!;
      expect(heading.paragraphs[0]!.text).toMatch(/\(продолжение\)$/);
    }
    // Table text never shrinks below the comfortable size to avoid a slide.
    for (const t of tables(deck)) expect(t.sizePt).toBeGreaterThanOrEqual(12);
  });
});

describe('a template with a result slide', () => {
  it('gives the city line a slide of its own', async () => {
    const withResult: Template = { ...template, sequence: ['title', 'indicators', 'chart', 'result', 'closing'] };
    const c = await city(4);
    const deck = layoutSummary(c, withResult);
    invariants(deck);
    expect(deck.slides.map((s) => s.kind)).toEqual(['title', 'indicators', 'chart', 'indicators', 'result', 'closing']);
    const result = deck.slides[4]!.boxes.find((b): b is TextBox => b.type === 'text' && b.name === 'Итог')!;
    expect(plainSpaces(result.paragraphs[0]!.text)).toBe(c.resultLine);
  });
});
