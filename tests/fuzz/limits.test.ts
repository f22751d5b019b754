/**
 * Whatever `check` accepts, `build` builds: content with every field at its
 * bound builds (also in the smallest, largest-type template the template
 * schema allows, and in the city summary), and one step past any bound is a
 * located Russian error at check time, before any build.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, buildSummary, checkFile, summarizeYear, type CheckedFile } from '../../src/api.js';
import { LIMITS } from '../../src/content/schema.js';
import { boxHeight, type DeckLayout } from '../../src/layout/model.js';
import { BUILTIN_TEMPLATES } from '../../src/template/load.js';
import { LIMITS as TEMPLATE_LIMITS } from '../../src/template/schema.js';
import { REPO, SEED_CONTENT } from '../deck/build.js';
import { forbiddenInDeck, problemWithError } from './property.js';

type Data = Record<string, any>;

const SEED = parse(await readFile(SEED_CONTENT, 'utf8')) as Data;
const WORDS = JSON.stringify(SEED).match(/[А-Яа-яЁё]+/g)!;

/** Russian text of exactly `length` characters, from the seed's words. */
function russian(length: number, start = 0): string {
  let text = '';
  for (let i = start; text.length < length; i++) text += `${WORDS[i % WORDS.length]} `;
  return `${text.slice(0, length - 1).trimEnd()}я`.padEnd(length, 'я');
}

/** The seed with every text at its bound, lists long, numbers at the extremes. */
function atTheBounds(id: string): Data {
  const c = structuredClone(SEED);
  c.report.title = russian(LIMITS.title);
  c.direction = {
    id: id.padEnd(LIMITS.id, 'x'),
    name: russian(LIMITS.directionName, 3),
    responsible: { position: russian(LIMITS.position, 5), name: russian(LIMITS.personName, 7) },
  };
  c.goal = russian(LIMITS.paragraph);
  c.tasks = Array.from({ length: 6 }, (_, i) => russian(LIMITS.paragraph, i));
  c.events = Array.from({ length: 3 }, (_, g) => ({
    title: russian(LIMITS.paragraph, g),
    label: russian(LIMITS.paragraph, g + 1),
    items: Array.from({ length: 3 }, (_, i) => russian(LIMITS.paragraph, i)),
  }));
  c.indicators.fact_footnote = russian(LIMITS.footnote);
  c.indicators.items = Array.from({ length: 12 }, (_, i) => ({
    number: LIMITS.indicatorNumber - i,
    name: russian(LIMITS.indicatorName, i),
    unit: russian(LIMITS.unit),
    note: russian(LIMITS.note),
    // The widest execution: the largest fact over the smallest plan, 3 decimals.
    plan: i % 2 ? 10 ** -LIMITS.decimals : -LIMITS.magnitude,
    fact: i % 3 ? LIMITS.magnitude : -(10 ** -LIMITS.decimals),
    better: i % 2 ? 'higher' : 'lower',
    precision: 3,
  }));
  c.summary = russian(LIMITS.paragraph);
  c.notes = { indicators: russian(LIMITS.notes), chart: russian(LIMITS.notes) };
  return c;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-limits-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(data: Data, name = 'direction', cwd = REPO): Promise<CheckedFile> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, stringify(data, { lineWidth: 0 }));
  return checkFile(file, { cwd });
}

/** Every box inside the slide with a size of zero or more (a negative one fails in packaging). */
function expectPlaced(layout: DeckLayout): void {
  for (const slide of layout.slides)
    for (const box of slide.boxes) {
      expect(box.w, box.name).toBeGreaterThanOrEqual(0);
      expect(boxHeight(box), box.name).toBeGreaterThanOrEqual(0);
    }
}

async function expectBuilds(checked: CheckedFile): Promise<void> {
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const deck = await buildDeck(checked, join(dir, 'out'));
  expectPlaced(deck.layout);
  expect(await forbiddenInDeck(deck.buffer)).toBeUndefined();
}

describe('content at its bounds', () => {
  it('builds with every field at its bound at once', async () => {
    await expectBuilds(await check(atTheBounds('at-the-bounds')));
  });

  const past: [string, string, (c: Data) => void][] = [
    ['report.title', 'report.title', (c) => (c.report.title = russian(LIMITS.title + 1))],
    ['direction.name', 'direction.name', (c) => (c.direction.name = russian(LIMITS.directionName + 1))],
    // The example: 1 281 characters failed in packaging (negative extent).
    [
      'responsible.position',
      'direction.responsible.position',
      (c) => (c.direction.responsible.position = russian(1281)),
    ],
    [
      'responsible.name',
      'direction.responsible.name',
      (c) => (c.direction.responsible.name = russian(LIMITS.personName + 1)),
    ],
    ['direction.id', 'direction.id', (c) => (c.direction.id = 'x'.repeat(LIMITS.id + 1))],
    ['template', 'template', (c) => (c.template = 'x'.repeat(LIMITS.id + 1))],
    ['goal', 'goal', (c) => (c.goal = russian(LIMITS.paragraph + 1))],
    ['a task', 'tasks[2]', (c) => (c.tasks[2] = russian(LIMITS.paragraph + 1))],
    ['the number of tasks', 'tasks', (c) => (c.tasks = Array(LIMITS.tasks + 1).fill('задача'))],
    [
      'the number of event groups',
      'events',
      (c) => (c.events = Array.from({ length: LIMITS.events + 1 }, () => structuredClone(c.events[1]))),
    ],
    ['an event item', 'events[0].items[1]', (c) => (c.events[0].items[1] = russian(LIMITS.paragraph + 1))],
    ['an event label', 'events[0].label', (c) => (c.events[0].label = russian(LIMITS.paragraph + 1))],
    [
      'the number of event items',
      'events[1].items',
      (c) => (c.events[1].items = Array(LIMITS.eventItems + 1).fill('п')),
    ],
    ['fact_footnote', 'indicators.fact_footnote', (c) => (c.indicators.fact_footnote = russian(LIMITS.footnote + 1))],
    [
      'an indicator name',
      'indicators.items[1].name',
      (c) => (c.indicators.items[1].name = russian(LIMITS.indicatorName + 1)),
    ],
    ['a unit', 'indicators.items[1].unit', (c) => (c.indicators.items[1].unit = russian(LIMITS.unit + 1))],
    ['a note', 'indicators.items[1].note', (c) => (c.indicators.items[1].note = russian(LIMITS.note + 1))],
    [
      'the number of indicators',
      'indicators.items',
      (c) =>
        (c.indicators.items = Array.from({ length: LIMITS.indicators + 1 }, (_, i) => ({
          ...c.indicators.items[0],
          number: i + 1,
        }))),
    ],
    [
      'an indicator number',
      'indicators.items[0].number',
      (c) => (c.indicators.items[0].number = LIMITS.indicatorNumber + 1),
    ],
    // The example: passed check, then build could not format Infinity.
    ['fact: 1e308', 'indicators.items[0].fact', (c) => (c.indicators.items[0].fact = 1e308)],
    ['a plan past −1e12', 'indicators.items[0].plan', (c) => (c.indicators.items[0].plan = -LIMITS.magnitude * 10)],
    ['a fact with 7 decimals', 'indicators.items[0].fact', (c) => (c.indicators.items[0].fact = 80.0000001)],
    ['a plan of 1e-300', 'indicators.items[0].plan', (c) => (c.indicators.items[0].plan = 1e-300)],
    ['summary', 'summary', (c) => (c.summary = russian(LIMITS.paragraph + 1))],
    ['notes.chart', 'notes.chart', (c) => (c.notes = { chart: russian(LIMITS.notes + 1) })],
  ];
  it.each(past)('refuses %s one step past its bound, at check time and at its place', async (_, path, change) => {
    const data = structuredClone(SEED);
    change(data);
    const checked = await check(data);
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toEqual([path]);
    expect(problemWithError(errors[0]!)).toBeUndefined();
    expect(checked.computed).toBeUndefined();
  });
});

describe('the template schema’s extremes with content at its bounds', () => {
  it('builds the directions and the city summary: the smallest slide, the largest type, the longest labels', async () => {
    const cwd = join(dir, 'extreme');
    await cp(join(BUILTIN_TEMPLATES, 'surgut'), join(cwd, 'templates', 'surgut'), { recursive: true });
    const file = join(cwd, 'templates', 'surgut', 'template.yaml');
    const t = parse(await readFile(file, 'utf8')) as Data;
    t.slide = { width_in: TEMPLATE_LIMITS.slideMinWidthIn, height_in: TEMPLATE_LIMITS.slideMinHeightIn };
    t.fonts = {
      ...t.fonts,
      title_pt: 60,
      heading_pt: 44,
      body_max_pt: 32,
      body_min_pt: 28,
      table_max_pt: 24,
      table_min_pt: 24,
    };
    // Each label as long as allowed, its placeholders kept (the goal heading holds the direction's name).
    for (const [key, value] of Object.entries(t.labels as Record<string, string>)) {
      const placeholders = (value.match(/\{[a-z_.]+\}/g) ?? []).join(' ');
      t.labels[key] = `${placeholders} ${russian(TEMPLATE_LIMITS.label)}`.slice(0, TEMPLATE_LIMITS.label);
    }
    await writeFile(file, stringify(t));
    const checked = [
      await check(atTheBounds('first'), 'first', cwd),
      await check(atTheBounds('second'), 'second', cwd),
    ];
    for (const c of checked) await expectBuilds(c);
    const summary = await buildSummary(summarizeYear(checked)[0]!, join(dir, 'out'));
    expectPlaced(summary.layout);
  });
});
