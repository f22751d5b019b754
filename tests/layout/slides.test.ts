/**
 * Layout as plain data, without pptxgenjs: every box on its slide, every
 * measured text inside its box, sizes never below the floors, long content
 * continued on further slides.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { computeDirection } from '../../src/compute/direction.js';
import { ContentSchema, type Content } from '../../src/content/schema.js';
import { lineHeightPt } from '../../src/layout/measure.js';
import type { Box, DeckLayout, TextBox } from '../../src/layout/model.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { loadTemplate } from '../../src/template/load.js';
import type { Template } from '../../src/template/schema.js';

const REPO = resolve(import.meta.dirname, '..', '..');
let template: Template;
let seed: Content;

beforeAll(async () => {
  template = (await loadTemplate('surgut', REPO)).template;
  seed = (await checkFile('content/2023/institutional-environment.yaml', { cwd: REPO })).computed!.content;
});

const layout = (content: Content): DeckLayout => layoutDeck(computeDirection(content), template);

/** A direction far longer than any real one: 24 tasks, 6 event groups of 8 items, 40 indicators, a long goal. */
function longContent(): Content {
  const raw = structuredClone(seed) as unknown as Record<string, unknown> & Content;
  const tasks = Array.from({ length: 24 }, (_, i) => `${seed.tasks[i % seed.tasks.length]} (задача ${i + 1})`);
  const events = Array.from({ length: 6 }, (_, g) => ({
    title: `${seed.events[g % 3]!.title} — группа ${g + 1}`,
    ...(g % 2 === 0 ? { label: 'Ключевые события:' } : {}),
    items: Array.from({ length: 8 }, (_, i) => `${seed.events[0]!.items[i % 5]} (${g + 1}.${i + 1})`),
  }));
  const items = Array.from({ length: 40 }, (_, i) => ({ ...seed.indicators.items[i % 6]!, number: 100 + i }));
  return ContentSchema.parse({ ...raw, goal: `${seed.goal} `.repeat(8).trim(), tasks, events, indicators: { ...seed.indicators, items } });
}

function textHeight(box: TextBox): number {
  return box.paragraphs.reduce(
    (sum, p) => sum + p.lines.length * lineHeightPt({ sizePt: box.sizePt, bold: p.bold ?? false }, box.lineSpacing) + (p.spaceBeforePt ?? 0),
    0,
  );
}

const boxHeight = (b: Box) => (b.type === 'table' ? b.rowHeights.reduce((s, h) => s + h, 0) : b.h);

function invariants(deck: DeckLayout) {
  deck.slides.forEach((slide, n) => {
    for (const box of slide.boxes) {
      const where = `slide ${n + 1} (${slide.kind}) «${box.name}»`;
      expect(box.x, where).toBeGreaterThanOrEqual(0);
      expect(box.y, where).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w, where).toBeLessThanOrEqual(deck.widthPt + 1e-6);
      expect(box.y + boxHeight(box), where).toBeLessThanOrEqual(deck.heightPt + 1e-6);
      if (box.type === 'text') {
        expect(textHeight(box), where).toBeLessThanOrEqual(box.h + 0.5);
        expect(box.sizePt, where).toBeGreaterThanOrEqual(12);
      }
      if (box.type === 'table') {
        expect(box.sizePt, where).toBeGreaterThanOrEqual(10);
        expect(box.rowHeights.length).toBe(box.rows.length);
      }
    }
    // Text, tables and charts never overlap one another.
    const solid = slide.boxes.filter((b) => b.type !== 'rect');
    for (let i = 0; i < solid.length; i++)
      for (let j = i + 1; j < solid.length; j++) {
        const a = solid[i]!;
        const b = solid[j]!;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + boxHeight(a) <= b.y + 1e-6 || b.y + boxHeight(b) <= a.y + 1e-6;
        expect(apart, `slide ${n + 1}: «${a.name}» overlaps «${b.name}»`).toBe(true);
      }
  });
}

const texts = (deck: DeckLayout) =>
  deck.slides.flatMap((s) => s.boxes.flatMap((b) => (b.type === 'text' ? b.paragraphs.map((p) => p.text) : b.type === 'table' ? b.rows.flat().map((c) => c.text) : [])));

describe('layout of the seed', () => {
  it('has one slide per kind of the template sequence', () => {
    expect(layout(seed).slides.map((s) => s.kind)).toEqual(['title', 'goal', 'tasks', 'events', 'events', 'indicators', 'chart', 'closing']);
  });

  it('keeps every box on its slide and every text inside its box', () => {
    invariants(layout(seed));
  });

  it('is the same data for the same input', () => {
    expect(JSON.stringify(layout(seed))).toBe(JSON.stringify(layout(seed)));
  });
});

describe('layout of a very long direction', () => {
  let deck: DeckLayout;
  beforeAll(() => {
    deck = layout(longContent());
  });

  it('continues tasks, events, the table and the chart on further slides', () => {
    const count = (kind: string) => deck.slides.filter((s) => s.kind === kind).length;
    expect(count('tasks')).toBeGreaterThan(1);
    expect(count('events')).toBeGreaterThan(1);
    expect(count('indicators')).toBeGreaterThan(1);
    expect(count('chart')).toBe(4); // 40 bars, at most 10 per chart
  });

  it('marks continued slides «(продолжение)» and keeps their pages numbered', () => {
    for (const slide of deck.slides.filter((s) => s.page > 1)) {
      const heading = slide.boxes.find((b) => b.name === 'Заголовок') as TextBox;
      expect(heading.paragraphs[0]!.text).toMatch(/\(продолжение\)$/);
    }
  });

  it('loses no task, event and indicator, and repeats the table header', () => {
    const all = texts(deck);
    const content = longContent();
    for (const t of content.tasks) expect(all).toContain(t);
    for (const e of content.events.flatMap((g) => g.items)) expect(all).toContain(e);
    const tables = deck.slides.flatMap((s) => s.boxes.filter((b) => b.type === 'table'));
    for (const table of tables) expect(table.rows[0]![0]!.text).toBe('Показатели');
    expect(tables.reduce((n, t) => n + t.rows.length - 1, 0)).toBe(40);
  });

  it('keeps the invariants on every slide', () => {
    invariants(deck);
  });
});
