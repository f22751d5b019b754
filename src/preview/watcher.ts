/**
 * The watch loop's ears: chokidar on the content folder (never the file
 * itself, so a save by rename or a deleted-then-recreated file is just another
 * event) and on the template folders. A change is reported at once (events of
 * one tick together); the loop that hears it coalesces what arrives while it
 * rebuilds.
 *
 * What used to be a 150 ms quiet spell before every report is a second look
 * instead: chokidar drops a path's `change` events for 50 ms after one it
 * reported (its `_throttle`), so an editor's empty-then-full save, or two
 * writes close together, can reach us as one event that came before the last
 * write. The file's bytes are taken just before the report, looked at again
 * SECOND_LOOK_MS later, and reported once more when they differ.
 */
import { watch, type FSWatcher } from 'chokidar';
import { readFile, stat } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';

/** @public Longer than chokidar's 50 ms throttle of a path's change events (read by `npm run bench`). */
export const SECOND_LOOK_MS = 75;
/** Files larger than this are compared by size, time and inode instead of bytes (a picture in a template). */
const COMPARE_BYTES_UP_TO = 4 * 1024 * 1024;

export interface Changes {
  /** YAML files under the content roots that were added, changed or removed (absolute paths). */
  files: Set<string>;
  /** Something under a template root changed: loaded templates are stale. */
  templates: boolean;
  /**
   * Files among `files` reported only by a second look: their bytes changed
   * after their event was reported. The loop may skip one whose text is what
   * it last built (it read the file after the change).
   */
  secondLook: Set<string>;
  /** When this was reported (performance.now()): after every write it reports. */
  at: number;
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
  /** Default SECOND_LOOK_MS. */
  secondLookMs?: number;
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

/** A file's bytes (its size, time and inode when large); null when it is not a file that can be read. */
type Snapshot = Buffer | string | null;

async function snapshot(path: string): Promise<Snapshot> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return null;
  if (info.size > COMPARE_BYTES_UP_TO) return `${info.size}:${info.mtimeMs}:${info.ino}`;
  return readFile(path).catch(() => null);
}

const sameSnapshot = (a: Snapshot, b: Snapshot) => a === b || (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b));

const within = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

type Kind = 'file' | 'template';

/**
 * A watcher's reports: what is heard in one tick goes out together; each
 * path's bytes are taken before its report and looked at again
 * SECOND_LOOK_MS later (a second report when they differ).
 */
class Reports {
  /** The timer of each path's second look. */
  private readonly looks = new Map<string, NodeJS.Timeout>();
  private batch: Changes | undefined;
  private closed = false;

  constructor(
    private readonly onChanges: (changes: Changes) => void,
    private readonly secondLookMs: number,
  ) {}

  /** An event of chokidar for a path that matters. */
  async heard(abs: string, kind: Kind): Promise<void> {
    // Taken before the report: whatever the loop then reads is this or newer.
    const was = await snapshot(abs);
    if (this.closed) return;
    this.lookLater(abs, kind, was);
    this.add(abs, kind, false);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.looks.values()) clearTimeout(timer);
    this.looks.clear();
  }

  /** Adds a path to this tick's report; a second look does not override an event. */
  private add(abs: string, kind: Kind, bySecondLook: boolean): void {
    if (!this.batch) {
      this.batch = { files: new Set(), templates: false, secondLook: new Set(), at: 0 };
      setImmediate(() => this.flush());
    }
    const batch = this.batch;
    if (kind === 'template') batch.templates = true;
    else {
      if (bySecondLook && !batch.files.has(abs)) batch.secondLook.add(abs);
      if (!bySecondLook) batch.secondLook.delete(abs);
      batch.files.add(abs);
    }
  }

  private flush(): void {
    const b = this.batch;
    this.batch = undefined;
    if (b && !this.closed) this.onChanges({ ...b, at: performance.now() });
  }

  private lookLater(abs: string, kind: Kind, was: Snapshot): void {
    clearTimeout(this.looks.get(abs));
    const timer = setTimeout(async () => {
      this.looks.delete(abs);
      const now = await snapshot(abs);
      if (this.closed || sameSnapshot(now, was)) return;
      this.lookLater(abs, kind, now);
      this.add(abs, kind, true);
    }, this.secondLookMs);
    this.looks.set(abs, timer);
  }
}

/**
 * Watches the roots with chokidar and reports through Reports. About 60
 * lines: the roots, which paths matter (kindOf, ignored), and the start.
 */
export async function watchSources(options: SourceWatchOptions): Promise<SourceWatcher> {
  const folders = options.folders.map((f) => resolve(f));
  const files = new Set(options.files.map((f) => resolve(f)));
  const templateRoots = options.templateRoots.map((f) => resolve(f));
  const fileFolders = [...new Set([...files].map((f) => resolve(f, '..')))];
  const roots = [...new Set([...folders, ...fileFolders, ...templateRoots])];
  const reports = new Reports(options.onChanges, options.secondLookMs ?? SECOND_LOOK_MS);
  const kindOf = (abs: string): Kind | undefined => {
    if (templateRoots.some((r) => within(r, abs) && !hiddenUnder(r, abs))) return 'template';
    if (files.has(abs) || (isYaml(abs) && folders.some((r) => within(r, abs) && !hiddenUnder(r, abs)))) return 'file';
    return undefined;
  };
  const onEvent = (path: string) => {
    const abs = resolve(path);
    const kind = kindOf(abs);
    if (kind) void reports.heard(abs, kind);
  };

  // chokidar 5 says `ready` before it has read the folders that exist when one root does not
  // (templates/ usually does not): a save then is missed. Missing roots are added after `ready`.
  const present = await Promise.all(
    roots.map((r) =>
      stat(r).then(
        () => true,
        () => false,
      ),
    ),
  );
  const missing = present.includes(true) ? roots.filter((_, i) => !present[i]) : [];
  const watcher: FSWatcher = watch(
    roots.filter((r) => !missing.includes(r)),
    {
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
    },
  );
  watcher.on('all', (_event, path) => onEvent(path));
  watcher.on('error', (e) => options.onError(e instanceof Error ? e : new Error(String(e))));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  if (missing.length > 0) watcher.add(missing);
  return {
    async close() {
      reports.close();
      await watcher.close();
    },
  };
}
