/**
 * Runs the bundled CLI (one CommonJS file made by scripts/bundle-cli.mjs)
 * through V8's code cache, made by `npm run build`, so a start reads compiled
 * code instead of compiling the bundle (bench/README.md has the figure). The
 * cache is only read, never written at run time (the package folder may be
 * read-only; one in a shared temp folder could be planted). V8 refuses a cache
 * made by another version, under other flags or for another source, and then
 * compiles from source: slower, never wrong.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/**
 * V8's settings for the bundled CLI: on Node 20 (V8 11, where it was measured) a larger
 * optimising budget, so a short run does not spend the second core compiling code it will
 * not use (bench/README.md). Set before the bundle is compiled, here and in
 * scripts/bundle-cli.mjs: V8 accepts a code cache only under the flags it was made with.
 */
export const V8_FLAGS = process.versions.v8.split('.')[0] === '11' ? '--interrupt-budget=270336' : '';

/** Sets V8_FLAGS for this process (its worker threads start with them too). */
export function setV8Flags(): void {
  if (V8_FLAGS !== '') setFlagsFromString(V8_FLAGS);
}

/** Whether a start used the saved code: `used`, `rejected` by V8, or `none` (no readable cache file). */
type CacheUse = 'used' | 'rejected' | 'none';

/** How ITOGI_DEBUG=1 says it (the launcher and the batch worker thread). */
export const CACHE_USE: Record<CacheUse, string> = {
  used: 'использован',
  rejected: 'отвергнут V8, код скомпилирован заново',
  none: 'нет',
};

export interface LoadedBundle {
  /** What the bundle's entry module exports. */
  exports: Record<string, unknown>;
  cache: CacheUse;
  /** The compiled script: `createCachedData()` after a run gives the code compiled so far. */
  script: Script;
}

/**
 * The cache file beside a bundle for a command: itogi-HASH.cjs → itogi-HASH.check.cache for
 * `check`, itogi-HASH.cache for the rest. V8 deserializes a whole cache at start-up: `check`
 * reads only the code a check runs (0.7 of 1.2 MB), ~10 ms less of its start.
 * @public scripts/bundle-cli.mjs imports it from dist/ when it writes the caches.
 */
export const cacheFileOf = (bundleFile: string, command?: string): string =>
  bundleFile.replace(/\.cjs$/, command === 'check' ? '.check.cache' : '.cache');

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // missing or unreadable: compile from source
  }
}

/**
 * Compiles and runs a bundle written as `(function (exports, require, module, __filename, __dirname) {…})`,
 * with the code cache beside it when V8 accepts it; returns its exports.
 */
export function loadBundle(bundleFile: string, cacheFile = cacheFileOf(bundleFile)): LoadedBundle {
  const bytes = readFileSync(bundleFile);
  // The bundle is ASCII (scripts/bundle-cli.mjs escapes the rest): read as one byte a character,
  // twice as fast as decoding UTF-8 into a two-byte string here.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cachedData = readCache(cacheFile);
  const script = new Script(source, { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  const cache: CacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} as Record<string, unknown> };
  wrapper.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile));
  return { exports: module.exports, cache, script };
}
