/**
 * One step of the watch loop for one file (read and checked by the core:
 * core/reread.ts): when it has no errors, its deck built in memory (the same
 * bytes as `itogi build`); and the loop that runs these steps one at a time
 * as saves arrive. Shared by
 * `itogi preview` (which shows the slides before it builds the deck) and
 * `itogi watch`; never throws for anything a user can write or save.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { buildDeck } from '../api.js';
import { type Rebuilt, stampOf } from '../core/reread.js';
import { renderFailed } from '../failures.js';
import { hasErrors, ItogiError } from '../errors.js';
import type { Changes } from './watcher.js';

export type { Rebuilt } from '../core/reread.js';

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
