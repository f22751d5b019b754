/**
 * Property-based: mutants of the seed (tests/fuzz/mutants.ts) are built or
 * refused with located Russian errors, in process through the library door.
 * `npm test` runs a bounded number; `npm run fuzz` runs FUZZ_RUNS (10 000) and
 * prints the count. A failure prints fast-check's seed and path: replay with
 * FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutant, textMutant, validMutant } from './mutants.js';
import { checkThenBuild, type Outcome } from './property.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const replay = {
  ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {}),
  ...(process.env['FUZZ_PATH'] ? { path: process.env['FUZZ_PATH'] } : {}),
};

const total: Record<Outcome, number> = { built: 0, refused: 0 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  console.log(
    `fuzz: ${total.built + total.refused} cases passed — ${total.built} decks built, ${total.refused} refused`,
  );
});

describe.each([
  ['data and text mutants', mutant, 0.4],
  ['text-only mutants', textMutant, 0.3],
  ['valid mutants, many at a bound', validMutant, 0.3],
] as const)('%s of the seed', (name, arbitrary, share) => {
  it('are built, or refused with located Russian errors; never an exception', async () => {
    const counts: Record<Outcome, number> = { built: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(arbitrary, async (m) => {
        counts[await checkThenBuild(m.text, dir)]++;
      }),
      { numRuns: Math.ceil(RUNS * share), ...replay },
    );
    total.built += counts.built;
    total.refused += counts.refused;
    console.log(
      `fuzz, ${name}: ${counts.built + counts.refused} cases — ${counts.built} built, ${counts.refused} refused`,
    );
    if (arbitrary === validMutant) expect(counts.refused).toBe(0);
    // Both outcomes occur in a long run: the mutants are neither all broken nor all harmless
    // (a few dozen data mutants may well all be refused: only about 1 in 16 builds).
    else if (RUNS >= 1000 && replay.path === undefined) expect(counts.built * counts.refused).toBeGreaterThan(0);
  });
});
