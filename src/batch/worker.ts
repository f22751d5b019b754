/**
 * The worker-thread side of the pool (piscina loads the compiled dist/batch/worker.js):
 * one call, one job.
 */
import { TemplateRegistry } from '../template/load.js';
import { runJob, type Job, type JobResult, type JobSettings } from './jobs.js';

/**
 * The renderer, loaded before the first job: piscina loads the worker module when the
 * worker starts, and the pool starts while the main thread is still checking files, so
 * this happens in that time instead of at the first deck (api.ts imports it on first
 * need). The bundled worker module awaits it (src/launch/worker.ts).
 */
export function preloadRenderer(): Promise<unknown> {
  return Promise.all([import('../layout/slides.js'), import('../render/pptx.js'), import('../render/package.js')]);
}

/** This worker's templates: each read once for all the jobs of the batch it serves. */
const templates = new TemplateRegistry();

export default function work({ job, settings }: { job: Job; settings: JobSettings }): Promise<JobResult> {
  return runJob(job, settings, undefined, templates);
}
