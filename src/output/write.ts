/**
 * Stage 6: saving. A deck is written to a temporary file in the target
 * folder and renamed over the old one, so a failure or a kill never leaves
 * half a deck and never damages the deck an earlier run wrote.
 *
 * Temporary files are named `.<name>.<pid>.<8 hex>.tmp`. Each folder written
 * into is recorded (cleanup.ts), so the CLI removes this run's temp files on
 * Ctrl+C or SIGTERM; a run killed outright (SIGKILL, power loss) leaves them,
 * and the CLI's next run removes those of processes no longer running.
 */
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CATALOGUE } from '../errors.js';
import { note } from './cleanup.js';

/** node:crypto, loaded on the first write: loading it is ~6 ms of a start (16 M instructions), and `check` writes nothing. */
let crypto: Promise<typeof import('node:crypto')> | undefined;
const nodeCrypto = () => (crypto ??= import('node:crypto'));

export async function tempFileName(path: string, pid = process.pid): Promise<string> {
  const { randomBytes } = await nodeCrypto();
  return `.${basename(path)}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * mkdir -p, with the real reason when it fails: Node's recursive mkdir reports ENOENT for a
 * folder it cannot make on a read-only disk, so the first missing folder is made alone to
 * learn why (EROFS, EACCES…).
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let missing = dir;
    while (dirname(missing) !== missing && !(await stat(dirname(missing)).catch(() => undefined)))
      missing = dirname(missing);
    await mkdir(missing);
    throw e;
  }
}

/**
 * `beforeRename`, when given, runs once the new bytes are on disk and right
 * before they replace the file; if it throws, nothing is replaced and its
 * error is thrown (the preview's editor checks there that no other program
 * saved the file meanwhile).
 */
export async function writeAtomic(
  path: string,
  data: Uint8Array,
  options: { beforeRename?: () => Promise<void> } = {},
): Promise<void> {
  const dir = dirname(path);
  await makeFolder(dir);
  // Where this run's temp files can be, should it be stopped (the CLI cleans up: cleanup.ts).
  await note({ kind: 'folder', dir });
  const tmp = join(dir, await tempFileName(path));
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * Output is deterministic, so a deck whose bytes equal the file already there
 * is left alone (same inode and mtime): nothing is rewritten for nothing, and
 * a deck open in PowerPoint (locked on Windows) does not fail the run.
 * Sizes are compared first, so a changed deck usually costs no read.
 */
export async function writeIfChanged(path: string, data: Uint8Array): Promise<'written' | 'unchanged'> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile() && existing.size === data.byteLength) {
    const old = await readFile(path).catch(() => undefined);
    if (old !== undefined && Buffer.compare(old, data) === 0) return 'unchanged';
  }
  await writeAtomic(path, data);
  return 'written';
}

/**
 * A deck or PDF that could not be written (as opposed to one that could not
 * be made): the system's code (EBUSY, ENOSPC…) and the path it was going to.
 */
export class WriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(CATALOGUE.WriteFailed.message({ code: (cause as NodeJS.ErrnoException | undefined)?.code }), { cause });
    this.name = 'WriteError';
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}
