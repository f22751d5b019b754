/**
 * A job in a worker thread gets the computed direction from the main thread
 * with the job (plain data, structured-cloned as piscina does): it builds the
 * same deck from it without reading the file again.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { runJob } from '../../src/batch/jobs.js';
import { useTempDir } from '../helpers/cli.js';
import { writeDirections } from './directions.js';

describe('runJob with the computed direction sent along', () => {
  const tmp = useTempDir('itogi-jobs-');

  it('builds the deck the main thread checked, even when the file is gone by then, and its city summary', async () => {
    const [a, b] = await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta' },
    ]);
    const settings = { cwd: tmp(), outDir: join(tmp(), 'main') };
    const checked = [await checkFile(a!, { cwd: tmp() }), await checkFile(b!, { cwd: tmp() })];
    // The main thread's own build (it has its checked files).
    const known = new Map([
      [a!, checked[0]!],
      [b!, checked[1]!],
    ]);
    const mainDeck = await runJob({ kind: 'direction', file: a! }, settings, known);
    const mainSummary = await runJob({ kind: 'summary', year: 2023, files: [a!, b!] }, settings, known);

    // A worker: no checked files, only what crossed to it; the files are no longer there to read.
    await rm(a!);
    await rm(b!);
    const workerSettings = { ...settings, outDir: join(tmp(), 'worker') };
    const sent = structuredClone(checked.map((c) => c.computed!));
    const workerDeck = await runJob({ kind: 'direction', file: a!, computed: sent[0]! }, workerSettings);
    const workerSummary = await runJob(
      { kind: 'summary', year: 2023, files: [a!, b!], computed: sent },
      workerSettings,
    );

    for (const [main, worker, name] of [
      [mainDeck, workerDeck, join('2023', 'alpha.pptx')],
      [mainSummary, workerSummary, join('2023', 'summary.pptx')],
    ] as const) {
      expect(worker.diagnostics).toEqual([]);
      expect(worker.outputs.map((o) => o.status)).toEqual(['written']);
      expect(main.outputs.map((o) => o.status)).toEqual(['written']);
      const [m, w] = await Promise.all([readFile(join(tmp(), 'main', name)), readFile(join(tmp(), 'worker', name))]);
      expect(w.equals(m), name).toBe(true);
    }

    // Without the computed direction a job checks the file itself: here it is gone, and says so.
    const unsent = await runJob({ kind: 'direction', file: a! }, workerSettings);
    expect(unsent.outputs).toEqual([]);
    expect(unsent.diagnostics.map((d) => d.code)).toEqual(['FileUnreadable']);
  });
});
