/**
 * The watch loop's ears: chokidar on the content folder (never the file
 * itself, so a save by rename or a deleted-then-recreated file is just another
 * event) and on the template folders. Events arrive in batches after a quiet
 * spell of DEBOUNCE_MS, so an editor's empty-then-full save is one rebuild.
 */
import { watch, type FSWatcher } from 'chokidar';
import { basename, relative, resolve, sep } from 'node:path';

/** @public Read by `npm run bench` (through dist/, which knip does not follow). */
export const DEBOUNCE_MS = 150;

export interface Changes {
  /** YAML files under the content roots that were added, changed or removed (absolute paths). */
  files: Set<string>;
  /** Something under a template root changed: loaded templates are stale. */
  templates: boolean;
}

export interface SourceWatchOptions {
  /** Folders with direction files (watched in depth). */
  folders: string[];
  /** Single direction files (their folder is watched, only they are reported). */
  files: string[];
  /** templates/ roots: any change under them is reported as `templates`. */
  templateRoots: string[];
  onChanges(changes: Changes): void;
  onError(error: Error): void;
  debounceMs?: number;
}

export interface SourceWatcher {
  close(): Promise<void>;
}

const isYaml = (path: string) => /\.ya?ml$/i.test(path);

/** Editors' swap and backup files, hidden folders, node_modules: never direction files. */
function hiddenUnder(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..')) return false;
  return rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules' || part.endsWith('~'));
}

const within = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

export async function watchSources(options: SourceWatchOptions): Promise<SourceWatcher> {
  const folders = options.folders.map((f) => resolve(f));
  const files = new Set(options.files.map((f) => resolve(f)));
  const templateRoots = options.templateRoots.map((f) => resolve(f));
  const fileFolders = [...new Set([...files].map((f) => resolve(f, '..')))];
  const roots = [...new Set([...folders, ...fileFolders, ...templateRoots])];

  let pending: Changes = { files: new Set(), templates: false };
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const batch = pending;
    pending = { files: new Set(), templates: false };
    if (batch.files.size > 0 || batch.templates) options.onChanges(batch);
  };

  const onEvent = (path: string) => {
    const abs = resolve(path);
    let relevant = false;
    if (templateRoots.some((r) => within(r, abs) && !hiddenUnder(r, abs))) {
      pending.templates = true;
      relevant = true;
    } else if (files.has(abs) || (isYaml(abs) && folders.some((r) => within(r, abs) && !hiddenUnder(r, abs)))) {
      pending.files.add(abs);
      relevant = true;
    }
    if (!relevant) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? DEBOUNCE_MS);
  };

  const watcher: FSWatcher = watch(roots, {
    ignoreInitial: true,
    // A file removed and re-added within this time is one change (saves by rename).
    atomic: true,
    ignored: (path: string) => {
      const abs = resolve(path);
      // The deepest root that holds the path: templates/ inside a single file's folder is a template root, watched in depth.
      const root = roots.filter((r) => within(r, abs)).sort((a, b) => b.length - a.length)[0];
      if (!root) return false;
      if (hiddenUnder(root, abs) || basename(abs) === 'node_modules') return true;
      // The folder of a single file is watched for that file only, not in depth.
      if (!folders.includes(root) && !templateRoots.includes(root) && abs !== root && !files.has(abs))
        return relative(root, abs).includes(sep);
      return false;
    },
  });
  watcher.on('all', (_event, path) => onEvent(path));
  watcher.on('error', (e) => options.onError(e instanceof Error ? e : new Error(String(e))));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  return {
    async close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await watcher.close();
    },
  };
}
