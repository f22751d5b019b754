/**
 * Where a command looks when it is given no path, and where decks go when
 * given no --out: the content/ and output/ folders of the folder it runs in,
 * also when it runs inside content/ (`cd content/2023`).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { DEFAULT_CONTENT_DIR, DEFAULT_OUT_DIR } from './options.js';

/** The content/ folder `cwd` is in (cwd itself or an ancestor), if any. */
function enclosingContent(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (basename(dir) === DEFAULT_CONTENT_DIR) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** output/ beside the content/ that `cwd` is in, else output/ here; relative to cwd, as it is printed. */
export function defaultOutDir(cwd: string): string {
  const content = enclosingContent(cwd);
  return content === undefined ? DEFAULT_OUT_DIR : relative(cwd, join(dirname(content), DEFAULT_OUT_DIR));
}

/**
 * The message when no path was given and there is no content/ here: the
 * command has nothing to read, which is not a file with errors.
 */
export function missingContent(paths: readonly string[], cwd: string): string | undefined {
  if (paths.length !== 1 || paths[0] !== DEFAULT_CONTENT_DIR || existsSync(join(cwd, DEFAULT_CONTENT_DIR)))
    return undefined;
  const content = enclosingContent(cwd);
  if (content !== undefined)
    return `здесь нет папки content/: вы внутри неё (${relative(cwd, content) || '.'}); укажите файлы (например: itogi build ИМЯ.yaml) или перейдите в папку над content/ (cd ${relative(cwd, dirname(content))})`;
  return 'в этой папке нет папки content/ с файлами направлений; перейдите в папку, где она есть, укажите файлы или папку (например: itogi check ПУТЬ), или создайте первый файл: itogi new ИДЕНТИФИКАТОР';
}
