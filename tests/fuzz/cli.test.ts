/**
 * A handful of the fuzz mutants through the real command (the tool built for
 * this run, child processes): `check` and `build` exit 0 or 1, print located Russian
 * errors or write a whole deck, and never a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBinModule } from '../helpers/built.js';
import { mutant, textMutant, validMutant } from './mutants.js';
import { forbiddenInDeck } from './property.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-fuzz-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `itogi …` in the folder of the case; the exit status instead of an exception. */
function itogi(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [builtBinModule(), ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

// Fixed seeds: the same handful every run (the in-process property explores the rest).
const CASES = [
  ...fc.sample(mutant, { numRuns: 2, seed: 801 }),
  ...fc.sample(textMutant, { numRuns: 2, seed: 802 }),
  ...fc.sample(validMutant, { numRuns: 2, seed: 803 }),
].map((m, i) => ({
  name: `case ${i + 1}: ${String((m as unknown as Record<symbol, () => string>)[fc.toStringMethod]?.())}`.slice(0, 200),
  m,
}));

describe('fuzz mutants through the real command', () => {
  it.each(CASES)('$name', async ({ m }) => {
    const cwd = await mkdtemp(join(dir, 'case-'));
    await writeFile(join(cwd, 'direction.yaml'), m.text);
    const check = await itogi(['check', 'direction.yaml'], cwd);
    const build = await itogi(['build', 'direction.yaml', '--out', 'out', '--jobs', '1'], cwd);
    for (const run of [check, build]) {
      expect([0, 1]).toContain(run.code);
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at |\b(TypeError|RangeError|ReferenceError)\b/);
    }
    // check and build agree: what one accepts the other builds.
    expect(build.code).toBe(check.code);
    if (check.code === 1) {
      const errors = check.stderr.split('\n').filter((l) => l.includes(': ошибка: '));
      expect(errors.length).toBeGreaterThan(0);
      for (const line of errors) expect(line).toMatch(/^direction\.yaml:\d+:\d+: ошибка: .*[А-Яа-яЁё]/);
      expect(await readdir(cwd)).not.toContain('out');
    } else {
      const decks = await readdir(join(cwd, 'out', '2023'));
      expect(decks.filter((n) => n.endsWith('.pptx'))).toHaveLength(1);
      const deck = await readFile(join(cwd, 'out', '2023', decks.find((n) => n.endsWith('.pptx'))!));
      expect(await forbiddenInDeck(deck, m.text)).toBeUndefined();
    }
  });
});
