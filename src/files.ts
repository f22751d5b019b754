/** PATH arguments → the YAML files they name (folders searched recursively, in a stable order). */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from './errors.js';

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

/** Names an editor, a file manager or Notepad gives a direction file that is then not read. */
const looksLikeDirection = (name: string) => /\.ya?ml(\.[^.]+|~)$|\.ya?ml\s+$/i.test(name);

/** The YAML files under dir, and the files there that look like directions but are not read. */
async function walk(dir: string, cwd: string, stray: Diagnostic[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    const rel = relative(cwd, path);
    const shown = rel.startsWith('..') ? path : rel;
    if (e.isSymbolicLink()) stray.push(diagnostic('StrayFile', { file: shown }, { kind: 'symlink' }));
    else if (e.isDirectory()) out.push(...(await walk(path, cwd, stray)));
    else if (e.isFile() && isYaml(e.name)) out.push(path);
    else if (e.isFile() && looksLikeDirection(e.name))
      stray.push(diagnostic('StrayFile', { file: shown }, { kind: 'name' }));
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
      diagnostics.push(diagnostic('PathNotFound', { file: p }, {}));
      continue;
    }
    if (info.isDirectory()) {
      folders.push(p);
      const found = await walk(abs, cwd, diagnostics);
      if (found.length === 0) diagnostics.push(diagnostic('NoContentFiles', { file: p }, {}));
      files.push(...found);
    } else files.push(abs);
  }
  return { files: [...new Set(files)], diagnostics, folders };
}
