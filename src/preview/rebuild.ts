/**
 * One step of the watch loop for one file: check it and, when it has no
 * errors, build its deck in memory (the same bytes as `itogi build`). Shared
 * by `itogi preview` and `itogi watch`; never throws for anything a user can
 * write or save.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildDeck, checkFile, displayPath, type CheckedFile, type DeckFile, type Options } from '../api.js';
import { checkFailed, renderFailed } from '../failures.js';
import { hasErrors, ItogiError, type Diagnostic } from '../errors.js';

/** How long a missing or empty file is given to come back (editors write an empty file, or rename, first). */
const SETTLE_TRIES = 4;
const SETTLE_MS = 150;

export interface Rebuilt {
  /** As named in messages (relative to cwd when inside it). */
  file: string;
  diagnostics: Diagnostic[];
  checked?: CheckedFile;
  /** Present when the file has no errors and the deck was built. */
  deck?: DeckFile;
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

export async function rebuild(file: string, options: Options & { cwd: string; outDir: string }): Promise<Rebuilt> {
  const abs = resolve(options.cwd, file);
  const name = displayPath(abs, options.cwd);
  await settled(abs);
  let checked: CheckedFile;
  try {
    checked = await checkFile(abs, options);
  } catch (e) {
    return { file: name, diagnostics: [checkFailed(name, e)] };
  }
  if (hasErrors(checked.diagnostics) || !checked.computed)
    return { file: name, diagnostics: checked.diagnostics, checked };
  try {
    const deck = await buildDeck(checked, options.outDir);
    return { file: name, diagnostics: checked.diagnostics, checked, deck };
  } catch (e) {
    const ds = e instanceof ItogiError ? e.diagnostics : [renderFailed(name, e)];
    return { file: name, diagnostics: [...checked.diagnostics, ...ds], checked };
  }
}

/**
 * Jobs one after another (a rebuild never overlaps another); a bug in one is
 * one line on the terminal and the loop goes on. `idle()` resolves when every
 * job so far is done.
 */
export function serialQueue(err: (line: string) => void): {
  enqueue(job: () => Promise<void>): Promise<void>;
  idle(): Promise<void>;
} {
  let chain: Promise<void> = Promise.resolve();
  return {
    enqueue(job) {
      chain = chain.then(job).catch((e: unknown) => {
        if (process.env['ITOGI_DEBUG']) console.error(e);
        err(`itogi: внутренняя ошибка: ${e instanceof Error ? e.message : String(e)}`);
      });
      return chain;
    },
    idle: () => chain,
  };
}
