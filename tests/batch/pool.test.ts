/** How many workers a batch starts. */
import { describe, expect, it } from 'vitest';
import type { Job, JobResult } from '../../src/batch/jobs.js';
import { inProcess, sharedQueue, workerCount } from '../../src/batch/pool.js';

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
  const result = (who: string, j: Job): JobResult => ({
    outputs: [],
    diagnostics: [
      {
        code: 'InternalError',
        severity: 'error',
        file: j.kind === 'direction' ? j.file : '',
        line: 0,
        col: 0,
        message: who,
      },
    ],
  });

  it('hands each job to the first free runner, the first runner first, and answers every job with its own result', async () => {
    const name = (j: Job) => (j.kind === 'direction' ? j.file : '');
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    // Runners that finish only when the test says so: the order is the queue's, not a clock's.
    const runner = (who: string) => (j: Job) =>
      new Promise<JobResult>((resolve) => {
        started.push(`${who}:${name(j)}`);
        finish.set(name(j), () => resolve(result(who, j)));
      });
    const settle = () => new Promise((r) => setImmediate(r));
    const queue = sharedQueue([runner('main'), runner('worker')]);
    const all = Promise.all([1, 2, 3, 4].map((n) => queue.run(job(n))));
    expect(started).toEqual(['main:f1.yaml', 'worker:f2.yaml']);
    finish.get('f2.yaml')!();
    await settle();
    expect(started).toEqual(['main:f1.yaml', 'worker:f2.yaml', 'worker:f3.yaml']);
    finish.get('f1.yaml')!();
    await settle();
    expect(started.at(-1)).toBe('main:f4.yaml');
    finish.get('f3.yaml')!();
    finish.get('f4.yaml')!();
    const results = await all;
    expect(results.map((r) => [r.diagnostics[0]!.file, r.diagnostics[0]!.message])).toEqual([
      ['f1.yaml', 'main'],
      ['f2.yaml', 'worker'],
      ['f3.yaml', 'worker'],
      ['f4.yaml', 'main'],
    ]);
  });

  it('a failing job rejects only its own promise; the runner goes on with the next', async () => {
    const queue = sharedQueue([
      async (j: Job) =>
        j.kind === 'direction' && j.file === 'f2.yaml' ? Promise.reject(new Error('boom')) : result('only', j),
    ]);
    const settled = await Promise.allSettled([1, 2, 3].map((n) => queue.run(job(n))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('inProcess', () => {
  const job = (n: number): Job => ({ kind: 'direction', file: `f${n}.yaml` });
  const settings = { cwd: '/', outDir: '/out' };

  it('keeps two decks in hand (one renders while the other is written), takes the next when one is done, and closes after all', async () => {
    const started: string[] = [];
    const finish = new Map<string, (r: JobResult) => void>();
    const executor = inProcess(settings, undefined, undefined, (j) => {
      const name = j.kind === 'direction' ? j.file : '';
      started.push(name);
      return new Promise<JobResult>((resolve) => finish.set(name, resolve));
    });
    const results = [1, 2, 3].map((n) => executor.run(job(n)));
    await Promise.resolve();
    expect(started).toEqual(['f1.yaml', 'f2.yaml']);
    finish.get('f2.yaml')!({ outputs: [], diagnostics: [] });
    await results[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['f1.yaml', 'f2.yaml', 'f3.yaml']);

    let closed = false;
    const closing = executor.close().then(() => {
      closed = true;
    });
    finish.get('f3.yaml')!({ outputs: [], diagnostics: [] });
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false); // f1 is still being built
    finish.get('f1.yaml')!({ outputs: [], diagnostics: [] });
    await closing;
    expect(closed).toBe(true);
  });
});
