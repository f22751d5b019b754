/**
 * The bundled CLI's loader (src/launch/bundle.ts): the code cache is used when V8 accepts it,
 * and a missing, cut-short or foreign cache still runs the bundle, compiled from source.
 * Each load runs in its own Node process: within one process V8 finds the script in its
 * in-memory compilation cache and never looks at the file, so only a new process shows what
 * an `itogi` start does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);
let dir = '';
const tmp = () => dir;

/** A bundle as scripts/bundle-cli.mjs writes it: CommonJS in a function wrapper, using require and __filename. */
const bundleText = (answerLiteral: string) =>
  `(function (exports, require, module, __filename, __dirname) {
  const { basename } = require('node:path');
  function answer() { return ${answerLiteral}; }
  exports.answer = answer;
  exports.file = basename(__filename);
})`;

/** Runs the loader in a new process; with `save`, writes the code cache after the run, as the build does. */
async function load(bundle: string, save = false): Promise<{ cache: string; answer: string; file: string }> {
  const { stdout } = await run(process.execPath, [join(tmp(), 'runner.mjs'), bundle, save ? 'save' : ''], {
    cwd: tmp(),
  });
  return JSON.parse(stdout) as { cache: string; answer: string; file: string };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-launch-'));
  // The loader from the sources under test, as plain JavaScript a child process can import.
  await esbuild.build({
    entryPoints: [join(ROOT, 'src', 'launch', 'bundle.ts')],
    outfile: join(tmp(), 'bundle-loader.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  await writeFile(
    join(tmp(), 'runner.mjs'),
    `import { writeFileSync } from 'node:fs';
import { cacheFileOf, loadBundle } from './bundle-loader.mjs';
const [bundle, save] = process.argv.slice(2);
const { exports, cache, script } = loadBundle(bundle);
if (save) writeFileSync(cacheFileOf(bundle), script.createCachedData());
process.stdout.write(JSON.stringify({ cache, answer: exports.answer(), file: exports.file }));
`,
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const literal = (s: string) => JSON.stringify(s);

describe('loadBundle', () => {
  it('runs a bundle without a cache, and with the cache saved after a run', async () => {
    const bundle = join(tmp(), 'itogi-A.cjs');
    await writeFile(bundle, bundleText(literal('сорок два')));
    expect(await load(bundle, true)).toEqual({ cache: 'none', answer: 'сорок два', file: 'itogi-A.cjs' });
    expect((await readFile(join(tmp(), 'itogi-A.cache'))).length).toBeGreaterThan(0);
    expect(await load(bundle)).toEqual({ cache: 'used', answer: 'сорок два', file: 'itogi-A.cjs' });
  });

  it('compiles from source when the cache is cut short (an interrupted build)', async () => {
    const bundle = join(tmp(), 'itogi-B.cjs');
    await writeFile(bundle, bundleText(literal('b')));
    await load(bundle, true);
    const cache = join(tmp(), 'itogi-B.cache');
    await truncate(cache, (await readFile(cache)).length - 16);
    expect(await load(bundle)).toEqual({ cache: 'rejected', answer: 'b', file: 'itogi-B.cjs' });
  });

  it('compiles from source when the cache was made for another source', async () => {
    const [made, other] = [join(tmp(), 'itogi-C.cjs'), join(tmp(), 'itogi-D.cjs')];
    await writeFile(made, bundleText(literal('made')));
    await load(made, true);
    await writeFile(other, bundleText(literal('another, longer answer')));
    await writeFile(join(tmp(), 'itogi-D.cache'), await readFile(join(tmp(), 'itogi-C.cache')));
    expect(await load(other)).toEqual({ cache: 'rejected', answer: 'another, longer answer', file: 'itogi-D.cjs' });
  });

  it('reads an ASCII bundle and a UTF-8 one alike', async () => {
    const [ascii, utf8] = [join(tmp(), 'itogi-E.cjs'), join(tmp(), 'itogi-F.cjs')];
    await writeFile(ascii, bundleText('"\\u0434\\u0430"')); // "да" as the build escapes it
    await writeFile(utf8, bundleText(literal('да')));
    expect((await load(ascii)).answer).toBe('да');
    expect((await load(utf8)).answer).toBe('да');
  });
});
