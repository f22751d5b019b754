/**
 * `itogi watch`: the preview's loop without a browser. Every saved direction
 * file is checked and its deck rewritten under output/. A deck that cannot be
 * written (open in PowerPoint on Windows: EBUSY/EPERM; or any write error) is
 * kept in memory and written at the next event once the file is free.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayPath, type DeckFile } from '../api.js';
import { type Diagnostic, diagnostic, formatDiagnostic } from '../errors.js';
import { collectFiles } from '../files.js';
import { writeFailureReason } from '../output/write.js';
import { forgetLoadedTemplates, templateSearchPath } from '../template/load.js';
import { changeQueue, type LastRead, lastRead, lookAgainAt, rebuild, seenAlready } from './rebuild.js';
import { watchSources, type Changes, type SourceWatcher } from './watcher.js';

export interface WatchOptions {
  paths: string[];
  cwd: string;
  outDir: string;
  template?: string;
  /** --verbose: each message with its code. */
  verbose?: boolean;
  out(line: string): void;
  err(line: string): void;
}

export interface Watching {
  /** Resolves when every event so far has been handled (tests wait on it). */
  idle(): Promise<void>;
  /** Stops watching after the write in progress, if any, has finished. */
  close(): Promise<void>;
}

/** Why a deck could not be written, in the user's terms (the same words as `build`). */
function writeProblem(path: string, e: unknown, cwd: string, format: (d: Diagnostic) => string): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code ? writeFailureReason(code) : e instanceof Error ? e.message : String(e);
  return `${format(diagnostic('WriteFailed', { file: displayPath(path, cwd) }, `не удалось записать файл: ${why}`))}. Презентация будет записана при следующем сохранении`;
}

/** The folders and single files among the paths (a path that is not there is neither). */
async function watchedPaths(paths: readonly string[], cwd: string): Promise<{ folders: string[]; single: string[] }> {
  const folders: string[] = [];
  const single: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isDirectory()) folders.push(abs);
    else if (info) single.push(abs);
  }
  return { folders, single };
}

interface PendingDeck {
  deck: DeckFile;
  from: string;
  failedWith?: string;
}

/** The watch loop's state: the files known, the decks not yet on disk, which file produces which deck. */
class WatchLoop {
  readonly known: Set<string>;
  /** Decks built but not yet on disk, by output path. */
  private readonly pending = new Map<string, PendingDeck>();
  /** Output path → the file that produces it: two files must not write one deck. */
  private readonly producers = new Map<string, string>();
  /** What each file's last rebuild read, and when (a report may have nothing new: seenAlready). */
  private readonly built = new Map<string, LastRead>();
  stopped = false;

  constructor(
    files: readonly string[],
    private readonly single: readonly string[],
    private readonly rebuildOptions: { cwd: string; outDir: string; template?: string },
    private readonly out: (line: string) => void,
    private readonly err: (line: string) => void,
    private readonly format: (d: Diagnostic) => string,
  ) {
    this.known = new Set(files.map((f) => resolve(f)));
  }

  private get cwd(): string {
    return this.rebuildOptions.cwd;
  }

  /** Writes every deck waiting; one that still cannot be written says so once per reason. */
  async writePending(): Promise<void> {
    for (const [path, entry] of this.pending) {
      if (this.stopped) return;
      try {
        const status = await entry.deck.save();
        this.pending.delete(path);
        this.out(
          `${entry.from} → ${displayPath(path, this.cwd)} (${status === 'unchanged' ? 'без изменений; ' : ''}слайдов: ${entry.deck.layout.slides.length}, ${Math.round(entry.deck.buffer.length / 1024)} КБ)`,
        );
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
        if (entry.failedWith !== code) this.err(writeProblem(path, e, this.cwd, this.format));
        entry.failedWith = code;
      }
    }
  }

  /** Whether a report of the file tells nothing its last rebuild did not see. */
  seenAlready(file: string, changes: Changes): Promise<boolean> {
    return seenAlready(file, changes, this.built.get(file));
  }

  /** Rebuilds one file: its deck waits to be written, or its problems are printed, or it is forgotten when gone. */
  async handle(file: string): Promise<void> {
    // rebuild() gives a rename-save its moment; a file still gone after it is no longer watched.
    const result = await rebuild(file, this.rebuildOptions);
    this.built.set(file, lastRead(result));
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists && !this.single.includes(file)) {
      this.forget(file, result.file);
      return;
    }
    this.known.add(file);
    for (const d of result.diagnostics) this.err(this.format(d));
    if (!result.deck || !this.claim(result.file, result.deck.path)) return;
    const previous = this.pending.get(result.deck.path);
    this.pending.set(result.deck.path, {
      deck: result.deck,
      from: result.file,
      ...(previous?.failedWith ? { failedWith: previous.failedWith } : {}),
    });
  }

  private forget(file: string, name: string): void {
    this.known.delete(file);
    this.built.delete(file);
    for (const [target, from] of this.producers) if (from === name) this.producers.delete(target);
    // A deck still waiting to be written (its file was locked) goes with its source.
    for (const [target, entry] of this.pending) if (entry.from === name) this.pending.delete(target);
    this.out(`${name}: файл удалён; его презентация оставлена как есть`);
  }

  /** The deck path becomes this file's, unless another file already produces it (then a DuplicateOutput error). */
  private claim(name: string, deckPath: string): boolean {
    const first = this.producers.get(deckPath);
    if (first !== undefined && first !== name) {
      this.err(
        this.format(
          diagnostic(
            'DuplicateOutput',
            { file: name, path: 'direction.id' },
            `этот файл дал бы ту же презентацию ${displayPath(deckPath, this.cwd)}, что и ${first}`,
          ),
        ),
      );
      return false;
    }
    for (const [target, from] of this.producers) if (from === name) this.producers.delete(target);
    this.producers.set(deckPath, name);
    return true;
  }
}

export async function startWatch(options: WatchOptions): Promise<Watching | { failed: true }> {
  const { cwd, out, err } = options;
  const format = (d: Diagnostic) => formatDiagnostic(d, { verbose: options.verbose === true });
  const { files, diagnostics: problems } = await collectFiles(options.paths, cwd);
  const { folders, single } = await watchedPaths(options.paths, cwd);
  // An empty folder is fine to watch (files may come); a path that is not there is not.
  for (const d of problems) if (d.code !== 'NoContentFiles') err(format(d));
  if (folders.length + single.length === 0) return { failed: true };

  const outDir = resolve(cwd, options.outDir);
  const loop = new WatchLoop(
    files,
    single,
    { cwd, outDir, ...(options.template ? { template: options.template } : {}) },
    out,
    err,
    format,
  );

  // One rebuild at a time, what arrives meanwhile in one batch; a bug in one is a line on the terminal, and the loop goes on.
  const queue = changeQueue(async (changes: Changes) => {
    if (loop.stopped) return;
    if (changes.templates) forgetLoadedTemplates();
    const targets = changes.templates ? new Set([...loop.known, ...changes.files]) : changes.files;
    for (const file of [...targets].sort()) {
      if (loop.stopped) return;
      if (await loop.seenAlready(file, changes)) continue;
      await loop.handle(file);
    }
    // Every event is a chance for a deck that was locked to be written.
    await loop.writePending();
  }, err);

  queue.enqueue(async () => {
    for (const file of [...loop.known].sort()) await loop.handle(file);
    await loop.writePending();
  });
  await queue.idle();

  const watcher: SourceWatcher = await watchSources({
    folders,
    files: single,
    templateRoots: templateSearchPath(cwd),
    onChanges: (c) => queue.changed(c),
    onError: (e) => err(`itogi: слежение за файлами: ${e.message}`),
  });
  queue.changed(lookAgainAt(loop.known));
  out(`Слежу за изменениями: ${options.paths.join(', ')} → ${displayPath(outDir, cwd)}/ — Ctrl+C, чтобы остановить`);

  return {
    idle: queue.idle,
    async close() {
      await watcher.close();
      await queue.idle();
      loop.stopped = true;
    },
  };
}
