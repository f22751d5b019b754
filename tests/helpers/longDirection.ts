/**
 * A direction far longer than any real one, written as a content file the
 * way a user would: the seed's 6 tasks stretched to 24, 6 event groups of 8
 * items, 40 indicators and a goal 14 times as long. Every part of the deck
 * continues on further slides (the same shape tests/layout/slides.test.ts
 * lays out in memory).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEED_CONTENT } from '../deck/build.js';
import { parse, stringify } from 'yaml';

/** The seed direction, from the tests' own copy of the sample content. */
const SEED = SEED_CONTENT;

interface SeedEvents {
  title: string;
  items: string[];
}

/** Writes `<dir>/long-direction.yaml` (direction id `long-direction`) and returns its path. */
export async function writeLongDirection(dir: string): Promise<string> {
  const seed = parse(await readFile(SEED, 'utf8'));
  const tasks: string[] = seed.tasks;
  const events: SeedEvents[] = seed.events;
  const items: Record<string, unknown>[] = seed.indicators.items;
  const long = {
    ...seed,
    direction: { ...seed.direction, id: 'long-direction' },
    goal: `${seed.goal} `.repeat(14).trim(),
    tasks: Array.from({ length: 24 }, (_, i) => `${tasks[i % tasks.length]} (задача ${i + 1})`),
    events: Array.from({ length: 6 }, (_, g) => ({
      title: `${events[g % events.length]!.title} — группа ${g + 1}`,
      ...(g % 2 === 0 ? { label: 'Ключевые события:' } : {}),
      items: Array.from(
        { length: 8 },
        (_, i) => `${events[0]!.items[i % events[0]!.items.length]} (${g + 1}.${i + 1})`,
      ),
    })),
    indicators: {
      ...seed.indicators,
      items: Array.from({ length: 40 }, (_, i) => ({ ...items[i % items.length], number: 100 + i })),
    },
  };
  const path = join(dir, 'long-direction.yaml');
  await writeFile(path, stringify(long, { lineWidth: 0 }));
  return path;
}
