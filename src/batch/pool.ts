/**
 * Where jobs run: a piscina pool of worker threads, each loading the compiled
 * dist/batch/worker.js, or — for --jobs 1 — this process, one job at a time.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listenForWorkers } from '../output/cleanup.js';
import { runJob, type CheckedFiles, type Job, type JobResult, type JobSettings } from './jobs.js';

export interface Executor {
  run(job: Job): Promise<JobResult>;
  close(): Promise<void>;
}

const here = fileURLToPath(import.meta.url);
/** Run from the TypeScript sources (vitest), where workers would load a dist/ that may be older. */
const fromSources = here.endsWith('.ts');

/**
 * --jobs N, or the machine's cores; never more workers than decks, never fewer
 * than one. From the sources the default is this process: only an explicit
 * --jobs starts workers on the compiled dist/.
 */
export function workerCount(
  requested: number | undefined,
  decks: number,
  cores = fromSources ? 1 : availableParallelism(),
): number {
  return Math.max(1, Math.min(requested ?? cores, decks));
}

/**
 * The compiled worker. From dist/batch/pool.js it is the file beside it; from
 * the TypeScript sources (tests) it is the one built for the test run
 * (ITOGI_WORKER_DIST, set by tests/setup/worker-env.ts), else `npm run build`'s.
 */
function workerFile(): string {
  if (!fromSources) return join(dirname(here), 'worker.js');
  const dist = process.env.ITOGI_WORKER_DIST ?? join(dirname(here), '..', '..', 'dist');
  return join(dist, 'batch', 'worker.js');
}

/** Decks in hand per thread: one rendering while the other is written. */
const IN_FLIGHT = 2;

/**
 * Jobs run in this thread, two at a time: a deck is CPU work and then a write
 * (with an fsync) that leaves the thread idle; the second deck's rendering fills
 * that wait. (One at a time, 101 decks left this thread idle 15 % of the run.)
 */
export function inProcess(settings: JobSettings, known?: CheckedFiles, run: typeof runJob = runJob): Executor {
  const running = new Set<Promise<JobResult>>();
  const direct = (job: Job) => {
    const result = run(job, settings, known);
    running.add(result);
    void result.finally(() => running.delete(result)).catch(() => undefined);
    return result;
  };
  const queue = sharedQueue(Array.from({ length: IN_FLIGHT }, () => direct));
  return {
    run: queue.run,
    close: async () => {
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * --jobs N: this thread and N − 1 worker threads take decks from one queue.
 * The main thread is idle once every file is checked, and a worker costs a
 * cold start (loading the render modules, ~1 s here): with all N as workers,
 * 100 decks on 2 cores took 0.95× the time of one process; with this thread
 * rendering too, a small batch never waits for a worker to start.
 */
export async function workerPool(threads: number, settings: JobSettings, known?: CheckedFiles): Promise<Executor> {
  const filename = workerFile();
  if (!existsSync(filename)) throw new Error(`нет ${filename}: соберите itogi (npm run build)`);
  const { Piscina } = await import('piscina');
  // Before any worker writes or converts: what they leave is what Ctrl+C must clean up.
  await listenForWorkers();
  const workers = threads - 1;
  // Two decks in hand per worker: the next one is already there when one is done, even while
  // this thread is busy rendering and cannot answer the worker's message at once.
  const pool = new Piscina({
    filename: pathToFileURL(filename).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: IN_FLIGHT,
  });
  const local = inProcess(settings, known);
  const toWorker = (job: Job) => pool.run({ job, settings }) as Promise<JobResult>;
  const toLocal = (job: Job) => local.run(job);
  const queue = sharedQueue([
    ...Array.from({ length: IN_FLIGHT }, () => toLocal),
    ...Array.from({ length: workers * IN_FLIGHT }, () => toWorker),
  ]);
  return {
    run: queue.run,
    close: async () => {
      await local.close();
      await pool.destroy();
    },
  };
}

/** One queue, several runners that each take the next job when free (the first runner first). */
export function sharedQueue(runners: readonly ((job: Job) => Promise<JobResult>)[]): Pick<Executor, 'run'> {
  const waiting: { job: Job; resolve: (r: JobResult) => void; reject: (e: unknown) => void }[] = [];
  const idle = [...runners];
  const pump = (): void => {
    while (idle.length > 0 && waiting.length > 0) {
      const runner = idle.shift()!;
      const task = waiting.shift()!;
      runner(task.job)
        .then(task.resolve, task.reject)
        .finally(() => {
          idle.push(runner);
          pump();
        });
    }
  };
  return {
    run: (job) =>
      new Promise<JobResult>((resolve, reject) => {
        waiting.push({ job, resolve, reject });
        pump();
      }),
  };
}
