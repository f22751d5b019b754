/** Shared by the deck tests: build a content file the way the CLI does, in memory. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDeck, checkFile, type DeckFile } from '../../src/api.js';

export const REPO = resolve(import.meta.dirname, '..', '..');
/** A user's folder with the sample directions (tests/helpers/cli.ts's WORKSPACE). */
const WORKSPACE = resolve(REPO, 'tests', 'fixtures', 'workspace');
export const SEED_CONTENT = resolve(WORKSPACE, 'content/2023/institutional-environment.yaml');
export const SIXTEEN = resolve(REPO, 'tests/fixtures/directions/sixteen-indicators.yaml');
/** A committed copy of ../shared/seed (tests/fixtures/seed.test.ts keeps it identical when shared/ is there). */
export const SEED_TRANSCRIPT = resolve(REPO, 'tests/fixtures/seed/000_f821bce43a08f8aa.txt');
export const SHARED_SEED = resolve(REPO, '..', 'shared', 'seed', '000_f821bce43a08f8aa.txt');

export async function build(file: string, outDir = resolve(REPO, 'output')): Promise<DeckFile> {
  const checked = await checkFile(file, { cwd: REPO });
  if (!checked.computed) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  return buildDeck(checked, outDir);
}

/** Comparable text: no-break spaces as spaces, runs of white space as one. */
export const normalize = (s: string) =>
  s
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Every line of the seed transcript as it must appear in the deck: markdown
 * emphasis and list markers dropped, table rows split into cells.
 */
export function seedLines(): string[] {
  const text = readFileSync(SEED_TRANSCRIPT, 'utf8');
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\*\*/g, '').trim();
    if (line === '' || /^\|[-|\s]+\|$/.test(line)) continue;
    if (line.startsWith('|')) {
      lines.push(
        ...line
          .split('|')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    lines.push(line.replace(/^- /, ''));
  }
  return lines.map(normalize);
}

export { SEED_ROWS } from '../fixtures/seed/rows.js';
