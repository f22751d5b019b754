/**
 * Stage 6: saving. A deck is written to a temporary file in the target
 * folder and renamed over the old one, so a failure or a kill never leaves
 * half a deck and never damages the deck an earlier run wrote.
 *
 * Temporary files are named `.<name>.<pid>.<8 hex>.tmp`. Ctrl+C (SIGINT) or
 * SIGTERM removes this process's own (worker threads' included) before the
 * process ends; a run killed outright (SIGKILL, power loss) leaves them, and
 * the next write into that folder removes those of processes no longer running.
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BroadcastChannel } from 'node:worker_threads';

/** `.<name>.<pid>.<8 hex>.tmp`, as writeAtomic names its temporary files. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** node:crypto, loaded on the first write: loading it is ~6 ms of a start (16 M instructions), and `check` writes nothing. */
let crypto: Promise<typeof import('node:crypto')> | undefined;
const nodeCrypto = () => (crypto ??= import('node:crypto'));

export async function tempFileName(path: string, pid = process.pid): Promise<string> {
  const { randomBytes } = await nodeCrypto();
  return `.${basename(path)}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** This process's start, by the wall clock: temp files older than it are not this run's. */
const RUN_START_MS = Date.now() - process.uptime() * 1000;

/** Folders this process has written into (any thread): where its temp files can be. */
const folders = new Set<string>();
/**
 * node:worker_threads, loaded on the first write: `check`, which writes nothing, never
 * loads it (with what it pulls in, ~3 ms of a start).
 */
let threads: Promise<typeof import('node:worker_threads')> | undefined;
const workerThreads = () => (threads ??= import('node:worker_threads'));

let channel: Promise<BroadcastChannel> | undefined;
/**
 * Worker threads tell the main thread, which alone receives signals, where they write,
 * on this channel. The main thread listens from before it starts any worker
 * (batch/pool.ts), so no worker's message comes before the listener.
 */
export function listenForWorkerFolders(): Promise<BroadcastChannel> {
  channel ??= workerThreads().then(({ BroadcastChannel, isMainThread }) => {
    const opened = new BroadcastChannel('itogi:write-folders');
    opened.unref();
    if (isMainThread)
      opened.onmessage = (event) => {
        folders.add(String((event as MessageEvent).data));
        removeOnSignal(true);
      };
    return opened;
  });
  return channel;
}

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;

/** This process's temp files in the folders it wrote into, removed synchronously (a signal handler's last act). */
function removeOwnTempFiles(): void {
  for (const dir of folders) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (TEMP_NAME.exec(name)?.[1] !== String(process.pid)) continue;
      try {
        unlinkSync(join(dir, name));
      } catch {
        /* gone already */
      }
    }
  }
}

let hooked = false;
/**
 * On SIGINT or SIGTERM: remove our temp files, then end as the signal asks
 * (exit status 130 or 143) unless someone else listens for it (preview and
 * watch stop by themselves; the PDF step re-raises it). Put first, so every
 * other listener sees this one gone.
 */
function removeOnSignal(isMainThread: boolean): void {
  if (hooked || !isMainThread) return;
  hooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      removeOwnTempFiles();
      process.off(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.exit(128 + SIGNAL_NUMBERS[signal]);
    };
    process.prependListener(signal, onSignal);
  }
}

/** Is a process with this id running (on this machine)? EPERM: it is, under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const swept = new Set<string>();
/**
 * Once per folder and process: removes temp files a killed run left there —
 * named as ours, older than this run, of a process that no longer runs.
 * Never fails a write: a file it cannot judge or remove is left.
 */
async function sweepStaleTempFiles(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs < RUN_START_MS) await unlink(path).catch(() => undefined);
  }
}

/** Registers the folder (for signals, in whichever thread) and sweeps it once. */
async function enterFolder(dir: string): Promise<void> {
  const { isMainThread } = await workerThreads();
  if (!folders.has(dir)) {
    folders.add(dir);
    if (!isMainThread) (await listenForWorkerFolders()).postMessage(dir);
  }
  removeOnSignal(isMainThread);
  await sweepStaleTempFiles(dir);
}

export async function writeAtomic(path: string, data: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  await enterFolder(dir);
  const tmp = join(dir, await tempFileName(path));
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
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
  // A run that changes nothing still clears what a killed run left in the folder.
  await sweepStaleTempFiles(dirname(path));
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile() && existing.size === data.byteLength) {
    const old = await readFile(path).catch(() => undefined);
    if (old !== undefined && Buffer.compare(old, data) === 0) return 'unchanged';
  }
  await writeAtomic(path, data);
  return 'written';
}

/**
 * Why a file could not be written, in the user's words, by the system's error
 * code. The WriteFailed hint adds «проверьте, что файл не открыт в PowerPoint…»:
 * on Windows a deck open in PowerPoint gives EBUSY or EPERM.
 */
export function writeFailureReason(code: string | undefined): string {
  switch (code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return `файл занят или недоступен для записи (${code})`;
    case 'EISDIR':
      return 'на месте файла находится папка (EISDIR)';
    case 'ENOTDIR':
      return 'на месте папки находится файл (ENOTDIR)';
    case 'EROFS':
      return 'диск только для чтения (EROFS)';
    case 'ENOSPC':
      return 'на диске нет места (ENOSPC)';
    default:
      return `ошибка системы (${code ?? 'без кода'})`;
  }
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
    super(`не удалось записать файл: ${writeFailureReason((cause as NodeJS.ErrnoException | undefined)?.code)}`, {
      cause,
    });
    this.name = 'WriteError';
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}
