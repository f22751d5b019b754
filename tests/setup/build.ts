/**
 * vitest globalSetup of the integration project: the tool is built once per
 * run, as `npm run build` builds it, into a temporary package root (dist/,
 * a copy of package.json, links to templates/ and node_modules/), so no test
 * writes or reads the repository's own dist/. Tests get the root with
 * `inject('itogiBuilt')` (tests/helpers/built.ts).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The package root the tool was built into: <root>/dist/bin.cjs is the command. */
    itogiBuilt: string;
  }
}

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'itogi-built-'));
  const dist = join(root, 'dist');
  await copyFile(join(REPO, 'package.json'), join(root, 'package.json'));
  for (const dir of ['templates', 'node_modules', 'schema']) await symlink(join(REPO, dir), join(root, dir), 'dir');
  const step = (args: string[]) =>
    run(process.execPath, args, {
      cwd: REPO,
      env: { ...process.env, ITOGI_DIST: dist },
      timeout: 600_000,
      maxBuffer: 16 << 20,
    });
  // The three steps of package.json's "build" script, each told where dist/ is.
  await step([join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', dist]);
  await step([join(REPO, 'scripts', 'build-preview-assets.mjs')]);
  await step([join(REPO, 'scripts', 'bundle-cli.mjs')]);
  project.provide('itogiBuilt', root);
  return () => rm(root, { recursive: true, force: true });
}
