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
import type { DeckLayout, TableBox, TextBox } from '../../src/layout/model.js';
import { layoutDeck } from '../../src/layout/slides.js';
import { loadTemplate } from '../../src/template/load.js';
import type { Template } from '../../src/template/schema.js';
import { invariants } from '../helpers/layout.js';
import { plainSpaces } from '../../src/layout/typeset.js';

const REPO = resolve(import.meta.dirname, '..', '..');
let template: Template;
let seed: Content;

beforeAll(async () => {
  template = (await loadTemplate('surgut', REPO)).template;
  seed = (await checkFile('tests/fixtures/workspace/content/2023/institutional-environment.yaml', { cwd: REPO }))
    .computed!.content;
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
  return ContentSchema.parse({
    ...raw,
    goal: `${seed.goal} `.repeat(14).trim(),
    tasks,
    events,
    indicators: { ...seed.indicators, items },
  });
}

const texts = (deck: DeckLayout) =>
  deck.slides.flatMap((s) =>
    s.boxes.flatMap((b) =>
      b.type === 'text'
        ? b.paragraphs.map((p) => plainSpaces(p.text))
        : b.type === 'table'
          ? b.rows.flat().map((c) => plainSpaces(c.text))
          : [],
    ),
  );

describe('layout of the seed', () => {
  it('has one slide per kind of the template sequence', () => {
    expect(layout(seed).slides.map((s) => s.kind)).toEqual([
      'title',
      'goal',
      'tasks',
      'events',
      'events',
      'indicators',
      'chart',
      'closing',
    ]);
  });

  it('keeps every box on its slide and every text inside its box', () => {
    invariants(layout(seed));
  });

  it('is the same data for the same input', () => {
    expect(JSON.stringify(layout(seed))).toBe(JSON.stringify(layout(seed)));
  });

  it('titles the document as its title slide reads, the direction named, in the template’s own case', () => {
    expect(layout(seed).title).toBe(
      'Итоги 2023 года. Реализация направления «Институциональная среда (гражданское общество и власть)»',
    );
    const economy = { ...seed, direction: { ...seed.direction, name: 'Экономика' } };
    expect(layout(economy).title).toBe('Итоги 2023 года. Реализация направления «Экономика»');
    // A report title of the file's own replaces the template's, on the slide and in the document title.
    const own = { ...seed, report: { ...seed.report, title: 'Отчёт за 2023 год' } };
    expect(layout(own).title).toMatch(/^Отчёт за 2023 год\. Реализация направления «Институциональная/);
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
      expect(heading.paragraphs[0]!.text).toMatch(/[^:] \((продолжение|ПРОДОЛЖЕНИЕ)\)$/);
    }
  });

  it('starts a continued events slide with its group’s title «(продолжение)» and never ends one with a title', () => {
    // Groups longer than a slide, with and without a label.
    const long = ContentSchema.parse({
      ...seed,
      events: Array.from({ length: 3 }, (_, g) => ({
        title: seed.events[g]!.title,
        ...(g !== 1 ? { label: 'Ключевые события:' } : {}),
        items: Array.from({ length: 7 + 5 * g }, (_, i) => `${seed.events[0]!.items[i % 5]} (${g + 1}.${i + 1})`),
      })),
    });
    const events = layout(long).slides.filter((s) => s.kind === 'events');
    const bodies = events.map((s) => (s.boxes.find((b) => b.name === 'Текст') as TextBox).paragraphs);
    const groupTitle = /^\d+\. /;
    let repeated = 0;
    bodies.forEach((paragraphs, i) => {
      const first = paragraphs[0]!;
      // Every slide opens with a group's title: its own, or the one it goes on with.
      expect(first.bold, `slide ${i + 1}: «${first.text}»`).toBe(true);
      expect(plainSpaces(first.text)).toMatch(groupTitle);
      if (/\(продолжение\)$/.test(first.text)) {
        repeated++;
        expect(first.text).not.toMatch(/:\s*\(продолжение\)$/);
        // The title it repeats is the last one on the slide before.
        const before = bodies[i - 1]!.filter((p) => p.bold && groupTitle.test(plainSpaces(p.text))).at(-1)!;
        const title = plainSpaces(before.text)
          .replace(/ \(продолжение\)$/, '')
          .replace(/:$/, '');
        expect(plainSpaces(first.text)).toBe(`${title} (продолжение)`);
      }
      // No title (or title and its label) left at a slide's foot.
      const last = paragraphs.at(-1)!;
      expect(last.bold || last.italic, `slide ${i + 1} ends with «${last.text}»`).toBeFalsy();
    });
    expect(repeated).toBeGreaterThan(0);
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

describe('layout of hard cases', () => {
  const withChanges = (change: (c: Record<string, any>) => void): Content => {
    const raw = structuredClone(seed) as unknown as Record<string, any>;
    change(raw);
    return ContentSchema.parse(raw);
  };

  it('keeps list text as written where a line breaks after a hyphen', () => {
    const task = 'развитие социально-экономического потенциала города и муниципально-частного партнерства, '
      .repeat(3)
      .trim();
    const deck = layout(withChanges((c) => (c.tasks = [task])));
    expect(texts(deck)).toContain(task);
    invariants(deck);
  });

  it('splits an indicator whose name alone is taller than a slide, keeping every word', () => {
    const name = 'Очень длинное наименование показателя с перечислением условий и оговорок'.repeat(18);
    const deck = layout(withChanges((c) => (c.indicators.items[0].name = name)));
    invariants(deck);
    const tables = deck.slides.flatMap((s) => s.boxes.filter((b) => b.type === 'table'));
    const firstColumn = tables.flatMap((t) => t.rows.slice(1).map((r) => r[0]!.text));
    expect(
      firstColumn
        .filter((t) => !/^4[6-9]\.|^50\./.test(t))
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(`45. ${name}, % от числа опрошенных`.replace(/\s+/g, ' '));
  });

  it('gives a very long hand-written summary a slide of its own instead of squashing the chart', () => {
    const summary = 'ИТОГ: '.concat('все плановые значения достигнуты, ряд показателей перевыполнен; '.repeat(20));
    const deck = layout(withChanges((c) => (c.summary = summary)));
    invariants(deck);
    const chart = deck.slides.flatMap((s) => s.boxes).find((b) => b.type === 'chart')!;
    expect(chart.h).toBeGreaterThan(250);
    expect(deck.slides.some((s) => s.kind === 'result')).toBe(true);
    expect(texts(deck).join(' ').replace(/\s+/g, ' ')).toContain(summary.trim().replace(/\s+/g, ' '));
  });

  it('fills placeholders in every label, the continuation mark included', () => {
    const custom: Template = {
      ...template,
      labels: {
        ...template.labels,
        continued: '(продолжение, {year})',
        column_indicator: 'Показатели {year}',
        chart_axis: 'Исполнение в {year} году, %',
      },
    };
    const deck = layoutDeck(computeDirection(longContent()), custom);
    const all = texts(deck).join('\n');
    expect(all).not.toMatch(/\{[a-z_.]+\}/);
    expect(all).toContain('(продолжение, 2023)');
    expect(all).toContain('Показатели 2023');
    const chart = deck.slides.flatMap((s) => s.boxes).find((b) => b.type === 'chart')!;
    expect(chart.labels.axis).toBe('Исполнение в 2023 году, %');
  });

  it('continues a capitalised heading in capitals and keeps the goal at 16 pt or more', () => {
    const deck = layout(longContent());
    const goalSlides = deck.slides.filter((s) => s.kind === 'goal');
    expect(goalSlides.length).toBeGreaterThan(1);
    for (const s of goalSlides) {
      const heading = s.boxes.find((b) => b.name === 'Заголовок') as TextBox;
      if (s.page > 1) expect(heading.paragraphs[0]!.text).toMatch(/\(ПРОДОЛЖЕНИЕ\)$/);
      const body = s.boxes.find(
        (b) => b.type === 'text' && b.name !== 'Заголовок' && b.name !== 'Номер слайда',
      ) as TextBox;
      expect(body.sizePt).toBeGreaterThanOrEqual(16);
    }
  });

  it('never hands the chart an infinite value', () => {
    // The schema refuses such values now (check time); the layout still copes with them from the library.
    const content = withChanges(() => undefined);
    Object.assign(content.indicators.items[0]!, { plan: 1e-300, fact: 1e300 });
    const deck = layout(content);
    const bars = deck.slides
      .flatMap((s) => s.boxes)
      .filter((b) => b.type === 'chart')
      .flatMap((b) => b.bars);
    expect(bars.every((b) => b.value === null || Number.isFinite(b.value))).toBe(true);
  });
});

describe('the table explains itself; notes follow the rows', () => {
  const withChanges = (change: (c: Record<string, any>) => void): Content => {
    const raw = structuredClone(seed) as unknown as Record<string, any>;
    change(raw);
    return ContentSchema.parse(raw);
  };
  const tableSlides = (deck: DeckLayout) => deck.slides.filter((s) => s.kind === 'indicators');
  const footnoteTexts = (slide: DeckLayout['slides'][number]) =>
    slide.boxes
      .filter((b): b is TextBox => b.type === 'text' && b.name === 'Сноска')
      .flatMap((b) => b.paragraphs.map((p) => plainSpaces(p.text)));
  const numbersIn = (notes: string | undefined) =>
    [...(notes ?? '').matchAll(/^Показатель (\d+)/gm)].map((m) => Number(m[1]));

  it('the seed: one footnote, the fact one; notes read its six rows and the result line; no notes elsewhere', () => {
    const deck = layout(seed);
    const [table] = tableSlides(deck);
    expect(footnoteTexts(table!)).toEqual(['* предварительные данные']);
    expect(numbersIn(table!.notes)).toEqual([45, 46, 47, 48, 49, 50]);
    expect(table!.notes!.split('\n')[0]!.replace(/\u00a0/g, ' ')).toBe(
      'Показатель 45 — удовлетворенность горожан созданными условиями для участия в развитии города, % от числа опрошенных: план 72 %, факт 80,4 %, исполнение 111,7 %.',
    );
    const chart = deck.slides.find((s) => s.kind === 'chart')!;
    expect(chart.notes).toBe('Итог: достижение в 2023 году плановых значений по всем шести показателям.');
    expect(deck.slides.filter((s) => s.notes !== undefined).map((s) => s.kind)).toEqual(['indicators', 'chart']);
  });

  it('a plan-0 bar carries its status and «—», as the table and the result line do', () => {
    const deck = layout(withChanges((c) => Object.assign(c.indicators.items[2], { plan: 0, fact: 8 })));
    const bars = deck.slides
      .flatMap((s) => s.boxes)
      .filter((b) => b.type === 'chart')
      .flatMap((b) => b.bars);
    expect(bars[2]).toEqual({
      label: '№ 47',
      value: null,
      display: '—',
      status: 'achieved',
      zeroDivisor: 'plan',
      figures: { plan: 0, fact: 8 },
    });
    expect(bars.filter((b) => b.zeroDivisor !== undefined)).toHaveLength(1);
    const [table] = tableSlides(deck);
    const row = (table!.boxes.find((b) => b.type === 'table') as TableBox).rows[3]!;
    expect(row[3]!.text).toBe('—**'); // the fact footnote keeps «*»
    expect(footnoteTexts(table!)[1]).toMatch(/^\*\* плановое значение равно 0: процент исполнения не вычисляется/);
  });

  it('a table over several slides: each slide has the notes and the row footnotes of its own rows', () => {
    const content = longContent();
    // every fifth indicator is lower-is-better, indicator 133 has a plan of 0
    const items = content.indicators.items.map((item, i) => ({
      ...item,
      ...(i % 5 === 0 ? { better: 'lower' as const } : {}),
      ...(item.number === 133 ? { plan: 0 } : {}),
    }));
    const deck = layout({ ...content, indicators: { ...content.indicators, items } });
    invariants(deck);
    const slides = tableSlides(deck);
    expect(slides.length).toBeGreaterThan(2);
    const seen: number[] = [];
    for (const slide of slides) {
      const table = slide.boxes.find((b) => b.type === 'table') as TableBox;
      const rowNumbers = table.rows
        .slice(1)
        .filter((r) => r[1]!.text !== '')
        .map((r) => Number(r[0]!.text.split('.')[0]));
      expect(numbersIn(slide.notes)).toEqual(rowNumbers);
      seen.push(...rowNumbers);
      const notes = footnoteTexts(slide);
      expect(notes[0]).toBe('* предварительные данные');
      const hasLower = rowNumbers.some((n) => (n - 100) % 5 === 0);
      expect(
        notes.some((t) => t.startsWith('** обратный показатель')),
        `slide ${slide.page}`,
      ).toBe(hasLower);
      expect(
        notes.some((t) => t.startsWith('*** плановое значение равно 0')),
        `slide ${slide.page}`,
      ).toBe(rowNumbers.includes(133));
    }
    expect(seen).toEqual(items.map((i) => i.number));
    // The chart continues too: each chart slide counts its own bars, the last adds the result line.
    const charts = deck.slides.filter((s) => s.kind === 'chart');
    expect(charts.map((s) => s.notes!.split('\n')[0])).toEqual([
      expect.stringMatching(/^Показатели № 100–109: /),
      expect.stringMatching(/^Показатели № 110–119: /),
      expect.stringMatching(/^Показатели № 120–129: /),
      expect.stringMatching(/^Показатели № 130–139: /),
    ]);
    expect(charts.at(-1)!.notes!.split('\n')[1]).toMatch(/^Итог: /);
  });

  it('notes: from the content replace the generated ones, on the first slide of the table and of the chart', () => {
    const base = longContent();
    const deck = layout({
      ...base,
      notes: { indicators: 'Свои слова\nо показателях', chart: 'Свои слова о диаграмме' },
    });
    const tables = tableSlides(deck);
    expect(tables[0]!.notes).toBe('Свои слова\nо показателях');
    for (const s of tables.slice(1)) expect(s.notes).toBeUndefined();
    const charts = deck.slides.filter((s) => s.kind === 'chart');
    expect(charts[0]!.notes).toBe('Свои слова о диаграмме');
    for (const s of charts.slice(1)) expect(s.notes).toBeUndefined();
    // Only one of them given: the other slide keeps its generated notes.
    const half = layout({ ...seed, notes: { chart: 'Только диаграмма' } });
    expect(numbersIn(tableSlides(half)[0]!.notes)).toEqual([45, 46, 47, 48, 49, 50]);
  });
});
