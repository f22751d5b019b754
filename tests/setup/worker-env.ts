/**
 * setupFiles of the integration project: `itogi build --jobs N` run in the
 * test's own process starts worker threads on the compiled worker; they load
 * the one tests/setup/build.ts built for this run, not the repository's dist/.
 */
import { join } from 'node:path';
import { inject } from 'vitest';

process.env.ITOGI_WORKER_DIST = join(inject('itogiBuilt'), 'dist');
