/**
 * The batch worker thread's module (dist/batch/worker.js after `npm run build`, the file
 * piscina loads): the job function of the bundled CLI, loaded through its code cache.
 */
import { fileURLToPath } from 'node:url';
import type { default as work, preloadRenderer } from '../batch/worker.js';
import { CACHE_USE, loadBundle } from './bundle.js';

/** The bundle's file name, set by scripts/bundle-cli.mjs (see ./bin.ts). */
declare const ITOGI_BUNDLE: string;

const { exports, cache } = loadBundle(fileURLToPath(new URL(`../bundle/${ITOGI_BUNDLE}`, import.meta.url)));
// The worker inherits the process's V8 flags (bin.ts set them), under which the cache was made.
if (process.env['ITOGI_DEBUG'])
  process.stderr.write(`itogi: поток сборки: кэш скомпилированного кода: ${CACHE_USE[cache]}\n`);
// piscina awaits this module before the worker's first job: the renderer is loaded then.
await (exports['preloadRenderer'] as typeof preloadRenderer)();
export default exports['work'] as typeof work;
