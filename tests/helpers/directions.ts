/**
 * Many directions of one year for summary tests, written as content files
 * made from the seed: each with its own id, name and responsible official,
 * some with a missed indicator, some with a pending fact, some with long names.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SEED_CONTENT } from '../deck/build.js';

/** The seed direction, from the tests' own copy of the sample content. */
const SEED = SEED_CONTENT;

const directionId = (i: number) => `direction-${String(i).padStart(2, '0')}`;

/** Every third name is long enough to wrap in the table. */
export function directionName(i: number): string {
  const base = `Направление ${i}`;
  return i % 3 === 0
    ? `${base}: развитие социальной, транспортной и инженерной инфраструктуры, благоустройство общественных пространств и поддержка инициатив горожан`
    : base;
}

/** Writes n direction files (1..n) into dir; the 13th (if any) has the latest date, 2023-12-29. Returns the paths, in name order. */
export async function writeDirections(dir: string, n: number): Promise<string[]> {
  const seed = await readFile(SEED, 'utf8');
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 1; i <= n; i++) {
    let text = seed
      .replace('id: institutional-environment', `id: ${directionId(i)}`)
      .replace('name: Институциональная среда (гражданское общество и власть)', `name: "${directionName(i)}"`)
      .replace('name: Гуменюк М.А.', `name: Сотрудник${i} А.Б.`);
    if (i % 3 === 1) text = text.replace('fact: 80.4', 'fact: 60'); // missed
    if (i % 4 === 2) text = text.replace('fact: 74.9', 'fact: null'); // pending
    if (i % 5 === 0) text = text.replace('fact: 5236', 'fact: null').replace('fact: 8\n', 'fact: 5\n'); // pending and missed
    if (i === 13) text = text.replace('date: 2023-12-15', 'date: 2023-12-29');
    const path = join(dir, `${directionId(i)}.yaml`);
    await writeFile(path, text);
    paths.push(path);
  }
  return paths;
}
