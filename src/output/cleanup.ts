/**
 * What a run would leave behind if it were stopped halfway: its temp files
 * (in the folders it writes into) and LibreOffice conversions under way with
 * their temp folders. Worker threads report theirs to the main thread, which
 * alone receives signals. The library only keeps this record; the CLI decides
 * when to clean up (on SIGINT or SIGTERM: `cleanUpNow`) and sweeps what a
 * killed run left (`sweepLeftovers`). No signal handler is installed here.
 */
import { readdirSync, rmSync, unlinkSync } from 'node:fs';
import { readdir, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BroadcastChannel } from 'node:worker_threads';

/** `.<name>.<pid>.<8 hex>.tmp`, as writeAtomic names its temporary files. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** `itogi-pdf-<pid>-XXXXXX`, as a conversion names its folder in the system's temp folder. */
const PDF_FOLDER = /^itogi-pdf-(\d+)-/;
export const pdfFolderPrefix = () => join(tmpdir(), `itogi-pdf-${process.pid}-`);

type Note =
  | { kind: 'folder'; dir: string }
  | { kind: 'conversion'; pid: number; work: string }
  | { kind: 'conversion-done'; pid: number };

/** Folders written into (any thread), and conversions under way: process group id → temp folder. */
const folders = new Set<string>();
const conversions = new Map<number, string>();

function apply(note: Note): void {
  if (note.kind === 'folder') folders.add(note.dir);
  else if (note.kind === 'conversion') conversions.set(note.pid, note.work);
  else conversions.delete(note.pid);
}

let threads: Promise<typeof import('node:worker_threads')> | undefined;
/** node:worker_threads on first use: `check`, which writes nothing, never loads it. */
const workerThreads = () => (threads ??= import('node:worker_threads'));

let channel: Promise<BroadcastChannel> | undefined;
/**
 * The channel worker threads report on. The main thread listens from before it starts any
 * worker (batch/pool.ts), so no report comes before the listener.
 */
export function listenForWorkers(): Promise<BroadcastChannel> {
  channel ??= workerThreads().then(({ BroadcastChannel, isMainThread }) => {
    const opened = new BroadcastChannel('itogi:cleanup');
    opened.unref();
    if (isMainThread) opened.onmessage = (event) => apply((event as MessageEvent).data as Note);
    return opened;
  });
  return channel;
}

/** Records what must go if the run stops now: here in the main thread, else told to it. */
export async function note(what: Note): Promise<void> {
  const { isMainThread } = await workerThreads();
  if (isMainThread) apply(what);
  else (await listenForWorkers()).postMessage(what);
}

/** Kills a process group (a process on Windows): soffice with its soffice.bin. */
export function killGroup(pid: number): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Kills every conversion under way (in any thread) and removes its folder, and removes this
 * process's temp files: synchronous, for a signal handler's last act.
 */
export function cleanUpNow(): void {
  for (const [pid, work] of conversions) {
    killGroup(pid);
    rmSync(work, { recursive: true, force: true });
  }
  conversions.clear();
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

/** Is a process with this id running (on this machine)? EPERM: it is, under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's start, by the wall clock: what is older is not this run's. */
const RUN_START_MS = Date.now() - process.uptime() * 1000;

/**
 * Removes what killed runs left: temp files in `dirs` (named as ours, of a process no longer
 * running, older than this run) and conversion folders in the system's temp folder. Never
 * fails: what it cannot judge or remove is left.
 */
export async function sweepLeftovers(dirs: Iterable<string>): Promise<void> {
  const stale = async (path: string, pid: number) => {
    if (!pid || pid === process.pid || isRunning(pid)) return false;
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && info.mtimeMs < RUN_START_MS;
  };
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      if (await stale(path, Number(TEMP_NAME.exec(name)?.[1]))) await unlink(path).catch(() => undefined);
    }
  }
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const path = join(tmpdir(), name);
    if (await stale(path, Number(PDF_FOLDER.exec(name)?.[1])))
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}
