/**
 * A private compiled copy of the sources under test, for tests that run the
 * real command in child processes: its own dist/ in a temp folder (beside a
 * copy of package.json and links to templates/ and node_modules/), so test
 * files compiling at the same time never read each other's half-written dist/.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './cli.js';

const run = promisify(execFile);

export interface Compiled {
  /** The copy's root: dist/, package.json, templates/, node_modules/. */
  root: string;
  /** dist/bin.js of the copy: `node <bin> build …`. */
  bin: string;
  remove(): Promise<void>;
}

export async function compiledCopy(): Promise<Compiled> {
  const root = await mkdtemp(join(tmpdir(), 'itogi-compiled-'));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(root, 'dist')], {
    cwd: ROOT,
    timeout: 300_000,
  });
  await copyFile(join(ROOT, 'package.json'), join(root, 'package.json'));
  await symlink(join(ROOT, 'templates'), join(root, 'templates'), 'dir');
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, bin: join(root, 'dist', 'bin.js'), remove: () => rm(root, { recursive: true, force: true }) };
}
