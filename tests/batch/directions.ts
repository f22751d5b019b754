/** Content folders for batch tests: copies of the reference direction (or a fixture) under other direction ids. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
export const ZERO_PLAN = join(ROOT, 'tests', 'content', 'fixtures', 'warnings', 'zero-plan.yaml');
export const PLAN_WORD = join(ROOT, 'tests', 'content', 'fixtures', 'broken', 'plan-word.yaml');

/** `source` with its direction.id replaced by `id`. */
async function asDirection(source: string, id: string): Promise<string> {
  const text = await readFile(source, 'utf8');
  const changed = text.replace(/^(\s*id:) institutional-environment\b/m, `$1 ${id}`);
  if (changed === text) throw new Error(`no direction.id in ${source}`);
  return changed;
}

/** Writes `<dir>/<name>.yaml` for each entry (name order is file order) and returns the paths. */
export async function writeDirections(
  dir: string,
  entries: { name: string; id: string; from?: string }[],
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const e of entries) {
    const path = join(dir, `${e.name}.yaml`);
    await writeFile(path, await asDirection(e.from ?? SEED, e.id));
    paths.push(path);
  }
  return paths;
}
