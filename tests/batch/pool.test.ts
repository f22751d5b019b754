/** How many workers a batch starts. */
import { describe, expect, it } from 'vitest';
import type { Job, JobResult } from '../../src/batch/jobs.js';
import { sharedQueue, workerCount } from '../../src/batch/pool.js';

describe('workerCount', () => {
  it.each([
    // requested, decks, cores → workers
    [undefined, 100, 2, 2],
    [undefined, 1, 8, 1],
    [undefined, 3, 8, 3],
    [1, 100, 8, 1],
    [4, 100, 2, 4],
    [4, 2, 2, 2],
    [undefined, 0, 2, 1],
  ])('--jobs %s, %d decks, %d cores → %d', (requested, decks, cores, workers) => {
    expect(workerCount(requested, decks, cores)).toBe(workers);
  });
});

describe('sharedQueue', () => {
  const job = (n: number): Job => ({ kind: 'direction', file: `f${n}.yaml` });
  const result = (who: string, j: Job): JobResult => ({ outputs: [], diagnostics: [{ code: 'InternalError', severity: 'error', file: j.kind === 'direction' ? j.file : '', line: 0, col: 0, message: who }] });

  it('hands each job to a free runner, the first runner first, and answers every job with its own result', async () => {
    const log: string[] = [];
    const runner = (who: string, ms: number) => async (j: Job) => {
      log.push(`${who}:${j.kind === 'direction' ? j.file : ''}`);
      await new Promise((r) => setTimeout(r, ms));
      return result(who, j);
    };
    // The main thread is slow, the worker fast: the worker takes more jobs as it comes free.
    const queue = sharedQueue([runner('main', 30), runner('worker', 5)]);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.run(job(n))));
    expect(results.map((r) => r.diagnostics[0]!.file)).toEqual(['f1.yaml', 'f2.yaml', 'f3.yaml', 'f4.yaml', 'f5.yaml']);
    expect(log.slice(0, 2)).toEqual(['main:f1.yaml', 'worker:f2.yaml']);
    expect(log.filter((l) => l.startsWith('worker:')).length).toBeGreaterThan(log.filter((l) => l.startsWith('main:')).length);
  });

  it('a failing job rejects only its own promise; the runner goes on with the next', async () => {
    const queue = sharedQueue([async (j: Job) => (j.kind === 'direction' && j.file === 'f2.yaml' ? Promise.reject(new Error('boom')) : result('only', j))]);
    const settled = await Promise.allSettled([1, 2, 3].map((n) => queue.run(job(n))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
