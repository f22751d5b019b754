/**
 * The worker-thread side of the pool (piscina loads the compiled dist/batch/worker.js):
 * one call, one job.
 */
import { runJob, type Job, type JobResult, type JobSettings } from './jobs.js';

export default function work({ job, settings }: { job: Job; settings: JobSettings }): Promise<JobResult> {
  return runJob(job, settings);
}
