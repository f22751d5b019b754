/** PATH arguments → the YAML files they name (folders searched recursively, in a stable order). */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from './errors.js';

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile() && isYaml(e.name)) out.push(path);
  }
  return out;
}

export async function collectFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<{ files: string[]; diagnostics: Diagnostic[]; folders: string[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  /** The PATH arguments that are folders. */
  const folders: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      diagnostics.push(diagnostic('PathNotFound', { file: p }, 'нет такого файла или папки'));
      continue;
    }
    if (info.isDirectory()) {
      folders.push(p);
      const found = await walk(abs);
      if (found.length === 0) diagnostics.push(diagnostic('NoContentFiles', { file: p }, 'в папке нет YAML-файлов'));
      files.push(...found);
    } else files.push(abs);
  }
  return { files: [...new Set(files)], diagnostics, folders };
}
