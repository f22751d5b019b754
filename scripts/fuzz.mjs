#!/usr/bin/env node
/**
 * `npm run fuzz`: the property-based tests of tests/fuzz/ with 10 000 cases
 * (FUZZ_RUNS to change it) and the deepest `- - - …` nesting (FUZZ_BLOCK_DEPTH).
 * Prints the count; a failure comes with fast-check's seed and path, to replay:
 * FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const env = { ...process.env };
env.FUZZ_RUNS ??= '10000';
env.FUZZ_BLOCK_DEPTH ??= '3000';
// The package's bin (its exports do not name it): beside its package.json.
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
console.log(`fuzz: ${env.FUZZ_RUNS} cases${env.FUZZ_SEED ? `, seed ${env.FUZZ_SEED}` : ''}`);
const run = spawnSync(process.execPath, [vitest, 'run', 'tests/fuzz/fuzz.test.ts', '--testTimeout', '0'], {
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
