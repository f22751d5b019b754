/**
 * What scripts/bundle-cli.mjs bundles into one CommonJS file: the command (src/launch/bin.ts
 * runs main) and the job of a batch worker thread (src/launch/worker.ts exports work), so
 * both start from one file and one code cache.
 */
export { preloadRenderer, default as work } from '../batch/worker.js';
// runCli: for scripts/bundle-cli.mjs, which runs the bundle once, quietly, to fill the code cache.
export { main, runCli } from '../cli.js';
