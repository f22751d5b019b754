#!/usr/bin/env node
/**
 * The installed command (dist/bin.js after `npm run build`): runs the bundled CLI
 * from dist/bundle/, through its code cache when V8 accepts it (./bundle.ts).
 */
import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundle.js';

/** The bundle's file name (it carries a hash of its content), set by scripts/bundle-cli.mjs. */
declare const ITOGI_BUNDLE: string;

const { exports, cache } = loadBundle(fileURLToPath(new URL(`bundle/${ITOGI_BUNDLE}`, import.meta.url)));
const CACHE_USE = { used: 'использован', rejected: 'отвергнут V8, код скомпилирован заново', none: 'нет' } as const;
if (process.env['ITOGI_DEBUG']) process.stderr.write(`itogi: кэш скомпилированного кода: ${CACHE_USE[cache]}\n`);
void (exports['main'] as (argv: readonly string[]) => Promise<void>)(process.argv.slice(2));
