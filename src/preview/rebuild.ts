/**
 * One step of the watch loop for one file: check it and, when it has no
 * errors, build its deck in memory (the same bytes as `itogi build`); and the
 * loop that runs these steps one at a time as saves arrive. Shared by
 * `itogi preview` (which shows the slides before it builds the deck) and
 * `itogi watch`; never throws for anything a user can write or save.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDeck, checkFile, displayPath, type CheckedFile, type DeckFile, type Options } from '../api.js';
import { checkFailed, renderFailed } from '../failures.js';
import { hasErrors, ItogiError, type Diagnostic } from '../errors.js';
import type { Changes } from './watcher.js';

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
const stampOf = (path: string): Promise<string | undefined> =>
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

/** The second half: the deck of a file checked without errors, or why it could not be made. */
export async function withDeck(r: Rebuilt, outDir: string): Promise<Rebuilt> {
  const { checked } = r;
  if (!checked || hasErrors(checked.diagnostics) || !checked.computed) return r;
  try {
    return { ...r, deck: await buildDeck(checked, outDir) };
  } catch (e) {
    const ds = e instanceof ItogiError ? e.diagnostics : [renderFailed(r.file, e)];
    return { ...r, diagnostics: [...r.diagnostics, ...ds] };
  }
}

/** What a file's last rebuild read, when it read it and when it was done (performance.now()). */
export interface LastRead {
  text: string | undefined;
  stamp: string | undefined;
  readAt: number;
  doneAt: number;
}

export const lastRead = (r: Rebuilt): LastRead => ({
  text: r.checked?.source?.text,
  stamp: r.stamp,
  readAt: r.readAt,
  doneAt: performance.now(),
});

/**
 * Whether a report of `file` tells nothing its last rebuild did not see:
 * reported before that rebuild read the file (it read what was written); or
 * the file still holds the text it read, and either nothing was written to
 * it since (the same stamp: the report was of the write it read, come late
 * on a loaded machine), or the report came while it ran (chokidar's second
 * event of one save) or from the watcher's second look. A save of the same
 * text after the rebuild is rebuilt (in watch, a new chance for a locked
 * deck). Templates changed: never skipped.
 */
export async function seenAlready(file: string, changes: Changes, last: LastRead | undefined): Promise<boolean> {
  if (!last || changes.templates) return false;
  if (changes.at < last.readAt) return true;
  const [text, stamp] = await Promise.all([readFile(file, 'utf8').catch(() => undefined), stampOf(file)]);
  if (text !== last.text) return false;
  return stamp === last.stamp || changes.at <= last.doneAt || changes.secondLook.has(file);
}

/**
 * Every file built so far, to be looked at again once the watcher is ready:
 * a save made between the first build's read and then was heard by no one.
 */
export function lookAgainAt(files: Iterable<string>): Changes {
  const all = new Set(files);
  return { files: all, templates: false, secondLook: new Set(all), at: performance.now() };
}

/** Reports of the watcher not yet handled, merged into one: a file reported by an event is not a second look any more. */
function merged(a: Changes, b: Changes): Changes {
  const files = new Set([...a.files, ...b.files]);
  const secondLook = new Set(
    [...files].filter((f) => (!a.files.has(f) || a.secondLook.has(f)) && (!b.files.has(f) || b.secondLook.has(f))),
  );
  // The later time: a report merged in may be newer than what a rebuild read.
  return { files, templates: a.templates || b.templates, secondLook, at: Math.max(a.at, b.at) };
}

/**
 * The loop's pace: jobs one after another (a rebuild never overlaps another),
 * and the watcher's reports that arrive while one runs are merged into a
 * single next batch, so a burst of events costs one more rebuild, not one
 * each. A bug in a job is one line on the terminal and the loop goes on.
 * `idle()` resolves when every job and report so far is done.
 */
export function changeQueue(
  handle: (changes: Changes) => Promise<void>,
  err: (line: string) => void,
): {
  /** A job of its own (the first build), in turn with the batches. */
  enqueue(job: () => Promise<void>): Promise<void>;
  changed(changes: Changes): void;
  idle(): Promise<void>;
} {
  let chain: Promise<void> = Promise.resolve();
  let waiting: Changes | undefined;
  const enqueue = (job: () => Promise<void>) => {
    chain = chain.then(job).catch((e: unknown) => {
      if (process.env['ITOGI_DEBUG']) console.error(e);
      err(`itogi: внутренняя ошибка: ${e instanceof Error ? e.message : String(e)}`);
    });
    return chain;
  };
  return {
    enqueue,
    changed(changes) {
      if (waiting) {
        waiting = merged(waiting, changes);
        return;
      }
      waiting = changes;
      void enqueue(() => {
        const batch = waiting!;
        waiting = undefined;
        return handle(batch);
      });
    },
    idle: async () => {
      // A batch may be queued while the chain so far settles.
      for (let seen: Promise<void> | undefined; seen !== chain; ) {
        seen = chain;
        await seen;
      }
    },
  };
}
