/**
 * The worker-thread side of the pool (piscina loads the compiled dist/batch/worker.js):
 * one call, one job.
 */
import { runJob, type Job, type JobResult, type JobSettings } from './jobs.js';

// piscina loads this module when the worker starts, before its first job, and the
// pool starts while the main thread is still checking files: the renderer is loaded
// in that time instead of at the first deck (api.ts imports it on first need).
await Promise.all([import('../layout/slides.js'), import('../render/pptx.js'), import('../render/package.js')]);

export default function work({ job, settings }: { job: Job; settings: JobSettings }): Promise<JobResult> {
  return runJob(job, settings);
}
