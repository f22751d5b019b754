/**
 * The process side of cleaning up, which the library leaves to its caller:
 * on Ctrl+C or SIGTERM, every thread's LibreOffice conversions are killed and
 * this run's temp files and folders removed, then the process ends as the
 * signal asks (130 / 143) unless a command listens for it itself (preview
 * and watch stop cleanly); what a run killed outright left is swept at the
 * next run's start.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanUpNow, sweepLeftovers } from '../output/cleanup.js';

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;

let installed = false;
/** Put first, so a command's own listener (preview, watch) still hears the signal after the clean-up. */
export function cleanUpOnSignals(): void {
  if (installed) return;
  installed = true;
  process.once('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      cleanUpNow();
      if (process.listenerCount(signal) === 1) process.exit(128 + SIGNAL_NUMBERS[signal]);
    };
    process.prependListener(signal, onSignal);
  }
}

/** The output folder and its year folders: where a killed run's temp files can be. */
export async function sweepOutput(outDir: string): Promise<void> {
  const years = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  await sweepLeftovers([outDir, ...years.filter((e) => e.isDirectory()).map((e) => join(outDir, e.name))]);
}
