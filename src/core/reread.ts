/**
 * A saved file read again for a runner that watches (watch, preview): once
 * it is whole (editors write an empty file, or rename, first), checked, and
 * stamped, so a later report of the same save can be told from a new one.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkFile, displayPath, type CheckedFile, type DeckFile, type Options } from '../api.js';
import type { Diagnostic } from '../errors.js';
import { checkFailed } from '../failures.js';

/**
 * How long a missing or empty file is given to come back (editors write an
 * empty file, or rename, first): looked at every SETTLE_MS, SETTLE_TRIES
 * times (0.6 s in all). Often, so a save is read the moment it is whole.
 */
const SETTLE_TRIES = 60;
const SETTLE_MS = 10;

export interface Rebuilt {
  /** As named in messages (relative to cwd when inside it). */
  file: string;
  diagnostics: Diagnostic[];
  checked?: CheckedFile;
  /** Present when the file has no errors and the deck was built. */
  deck?: DeckFile;
  /** When the file was read (performance.now()), once it was whole. */
  readAt: number;
  /** Its size, times and inode just before it was read (stampOf); undefined when it was not there. */
  stamp?: string | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits while the file is missing or empty, a few times: a save in progress, not the user's last word. */
async function settled(path: string, tries = SETTLE_TRIES, ms = SETTLE_MS): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : 1),
      () => 0,
    );
    if (size > 0) return;
    await sleep(ms);
  }
}

/** What changes with every write to a file: its size, modification and change times, inode. */
export const stampOf = (path: string): Promise<string | undefined> =>
  stat(path).then(
    (s) => `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`,
    () => undefined,
  );

/** The first half of a rebuild: the saved file, once whole, checked (no deck yet). */
export async function recheck(file: string, options: Options & { cwd: string }): Promise<Rebuilt> {
  const abs = resolve(options.cwd, file);
  const name = displayPath(abs, options.cwd);
  await settled(abs);
  const readAt = performance.now();
  const stamp = await stampOf(abs);
  try {
    const checked = await checkFile(abs, options);
    return { file: name, diagnostics: checked.diagnostics, checked, readAt, stamp };
  } catch (e) {
    return { file: name, diagnostics: [checkFailed(name, e)], readAt, stamp };
  }
}
