/**
 * A run stopped mid-write: SIGKILL leaves only whole decks under their final
 * names (temp file + rename) and the next run removes the temp files it left;
 * SIGINT and SIGTERM remove them at once and end with status 130 / 143.
 * The children run the tool built for this test run (tests/setup/build.ts), as users do.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/cli.js';
import { builtBinModule, builtRoot } from '../helpers/built.js';
import { writeDirections } from './directions.js';

const run = promisify(execFile);
let BIN = '';
let WRITE = '';
let SIGNALS = '';
let CLEANUP = '';

beforeAll(() => {
  BIN = builtBinModule();
  WRITE = join(builtRoot(), 'dist', 'output', 'write.js');
  SIGNALS = join(builtRoot(), 'dist', 'cli', 'signals.js');
  CLEANUP = join(builtRoot(), 'dist', 'output', 'cleanup.js');
});

const isTemp = (name: string) => /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);

/** Starts `child`, sends `signal` when the `nth` temp file appears in `dir`; resolves with how it ended. */
function signalOnTempFile(
  dir: string,
  start: () => ChildProcess,
  signal: NodeJS.Signals,
  nth = 1,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; caught: boolean }> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let caught = false;
    const watcher = watch(dir, (_, name) => {
      if (caught || !name || !isTemp(String(name))) return;
      if (++seen < nth) return;
      caught = true;
      child.kill(signal);
    });
    const child = start();
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      watcher.close();
      resolve({ code, signal: sig, stderr, caught });
    });
  });
}

/** A child that writes `mb` megabytes with writeAtomic (in a worker thread when asked): slow enough to be caught mid-write. */
function bigWriter(path: string, mb: number, inWorker: boolean): ChildProcess {
  const body = `const { writeAtomic } = await import(${JSON.stringify(WRITE)});
    await writeAtomic(${JSON.stringify(path)}, Buffer.alloc(${mb} * 1024 * 1024, 1));`;
  // As the CLI does (cli.ts main), the main thread cleans up on signals; as in a batch
  // (batch/pool.ts), it listens for the workers' reports before it starts a worker, and the worker writes.
  const handlers = `(await import(${JSON.stringify(SIGNALS)})).cleanUpOnSignals();`;
  const script = inWorker
    ? `${handlers}
       await (await import(${JSON.stringify(CLEANUP)})).listenForWorkers();
       const { Worker } = await import('node:worker_threads');
       new Worker(${JSON.stringify(`(async () => { ${body} })()`)}, { eval: true });`
    : `${handlers}\n${body}`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A deck that PowerPoint can open: a zip whose CRCs check, with every slide presentation.xml lists. */
async function expectWholeDeck(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(path), { checkCRC32: true });
  for (const part of ['[Content_Types].xml', 'ppt/presentation.xml', 'ppt/_rels/presentation.xml.rels'])
    expect(zip.file(part), `${path}: ${part}`).not.toBeNull();
  const rels = await zip.file('ppt/_rels/presentation.xml.rels')!.async('string');
  const slides = [...rels.matchAll(/Target="(slides\/slide\d+\.xml)"/g)].map((m) => `ppt/${m[1]}`);
  expect(slides.length, path).toBeGreaterThanOrEqual(7);
  for (const slide of slides) expect(zip.file(slide), `${path}: ${slide}`).not.toBeNull();
}

const buildArgs = ['build', '.', '--out', 'out', '--jobs', '2', '--no-summary'];
const DECKS = 24;

describe('a build killed mid-write', () => {
  const tmp = useTempDir('itogi-kill-');

  it('SIGKILL leaves only whole decks under final names; the next run removes the temp files and finishes', async () => {
    await writeDirections(
      join(tmp(), 'content'),
      Array.from({ length: DECKS }, (_, i) => ({ name: `d${String(i).padStart(2, '0')}`, id: `direction-${i}` })),
    );
    const out = join(tmp(), 'out', '2023');
    await mkdir(out, { recursive: true });
    const killed = await signalOnTempFile(
      out,
      () => spawn(process.execPath, [BIN, ...buildArgs], { cwd: tmp(), stdio: ['ignore', 'ignore', 'pipe'] }),
      'SIGKILL',
      6,
    );
    expect(killed.signal).toBe('SIGKILL');
    const afterKill = await readdir(out);
    const decks = afterKill.filter((n) => n.endsWith('.pptx'));
    expect(decks.length).toBeLessThan(DECKS);
    for (const deck of decks) await expectWholeDeck(join(out, deck));

    // A writer killed in the middle of a large file surely leaves its temp file behind.
    const writer = await signalOnTempFile(out, () => bigWriter(join(out, 'big.pptx'), 200, false), 'SIGKILL');
    expect(writer.signal).toBe('SIGKILL');
    const left = (await readdir(out)).filter(isTemp);
    expect(left.length).toBeGreaterThanOrEqual(1);

    const again = await run(process.execPath, [BIN, ...buildArgs], { cwd: tmp(), timeout: 300_000 });
    expect(again.stderr).toMatch(/с ошибками: 0/);
    const final = await readdir(out);
    expect(final.filter(isTemp)).toEqual([]);
    expect(final.filter((n) => n.endsWith('.pptx') && n !== 'big.pptx')).toHaveLength(DECKS);
    for (const deck of final.filter((n) => n.startsWith('direction-'))) await expectWholeDeck(join(out, deck));
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a batch: no temp file is left, exit status %i', async (signal, status) => {
    // Enough decks that the run is still going when the signal comes, however late the
    // watcher's event reaches this (loaded) process: with 8, it had sometimes finished.
    await writeDirections(
      join(tmp(), 'content'),
      Array.from({ length: DECKS }, (_, i) => ({ name: `d${i}`, id: `direction-${i}` })),
    );
    const out = join(tmp(), 'out', '2023');
    await mkdir(out, { recursive: true });
    const stopped = await signalOnTempFile(
      out,
      () => spawn(process.execPath, [BIN, ...buildArgs], { cwd: tmp(), stdio: ['ignore', 'ignore', 'pipe'] }),
      signal,
      2,
    );
    expect(stopped.caught).toBe(true);
    expect(stopped.code).toBe(status);
    expect(stopped.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const names = await readdir(out);
    expect(names.filter(isTemp)).toEqual([]);
    for (const deck of names.filter((n) => n.endsWith('.pptx'))) await expectWholeDeck(join(out, deck));
  });

  it.each([
    ['SIGINT', 'the main thread', false, 130],
    ['SIGTERM', 'a worker thread', true, 143],
  ] as const)('%s in the middle of a large write in %s removes its temp file', async (signal, _, inWorker, status) => {
    const stopped = await signalOnTempFile(tmp(), () => bigWriter(join(tmp(), 'big.pptx'), 200, inWorker), signal);
    expect(stopped.caught).toBe(true);
    expect(stopped.code).toBe(status);
    expect(await readdir(tmp())).toEqual([]);
  });
});
