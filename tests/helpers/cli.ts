/** Running the CLI in a test: its output captured, and throwaway folders. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { runCli } from '../../src/cli.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** A user's folder with the four sample directions in content/2023/: tests never read the working tree's content/. */
export const WORKSPACE = resolve(ROOT, 'tests', 'fixtures', 'workspace');

/** Runs `itogi argv` in `cwd` (the repository by default, as a user would have it). */
export async function runItogi(argv: string[], cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd });
  return { code, out, err };
}

/** A fresh empty folder for each test of the enclosing describe, removed afterwards. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** The line that closes `itogi build`; its time varies, so it is matched, not compared (warnings: any count when left out). */
export function closingLine(counts: {
  built: number;
  unchanged: number;
  failed: number;
  warnings?: number;
  pdf?: number;
}) {
  const { built, unchanged, failed, warnings, pdf } = counts;
  const w = warnings === undefined ? '\\d+' : String(warnings);
  const p = pdf === undefined ? '' : `, PDF записано: ${pdf}`;
  return expect.stringMatching(
    new RegExp(
      `^Собрано: ${built}, без изменений: ${unchanged}, с ошибками: ${failed}, предупреждений: ${w}${p} — \\d+,\\d с$`,
    ),
  );
}

/** Every file under dir (hidden temp files included), relative to it, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
