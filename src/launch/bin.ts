#!/usr/bin/env node
/**
 * The installed command (dist/bin.cjs after `npm run build`, and dist/bin.js as an ES module): runs the bundled CLI
 * from dist/bundle/, through its code cache when V8 accepts it (./bundle.ts).
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_USE, cacheFileOf, loadBundle, setV8Flags, V8_FLAGS } from './bundle.js';

/** The bundle's file name (it carries a hash of its content), set by scripts/bundle-cli.mjs. */
declare const ITOGI_BUNDLE: string;

const bundleFile = fileURLToPath(new URL(`bundle/${ITOGI_BUNDLE}`, import.meta.url));
const argv = process.argv.slice(2);
const cacheFile = cacheFileOf(bundleFile, argv[0]);
setV8Flags();
const { exports, cache } = loadBundle(bundleFile, cacheFile);
if (process.env['ITOGI_DEBUG'])
  process.stderr.write(
    `itogi: кэш скомпилированного кода: ${CACHE_USE[cache]} (${basename(cacheFile)}); флаги V8: ${V8_FLAGS || 'нет'}\n`,
  );
void (exports['main'] as (argv: readonly string[]) => Promise<void>)(argv);
