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
import { rebuild, serialQueue } from './rebuild.js';
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
function writeProblem(path: string, e: unknown, cwd: string, verbose?: boolean): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code ? writeFailureReason(code) : e instanceof Error ? e.message : String(e);
  return `${formatDiagnostic(diagnostic('WriteFailed', { file: displayPath(path, cwd) }, `не удалось записать файл: ${why}`), { verbose: verbose === true })}. Презентация будет записана при следующем сохранении`;
}

export async function startWatch(options: WatchOptions): Promise<Watching | { failed: true }> {
  const { cwd, out, err } = options;
  const format = (d: Diagnostic) => formatDiagnostic(d, { verbose: options.verbose === true });
  const { files, diagnostics: problems } = await collectFiles(options.paths, cwd);
  const folders: string[] = [];
  const single: string[] = [];
  for (const p of options.paths) {
    const abs = resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isDirectory()) folders.push(abs);
    else if (info) single.push(abs);
  }
  // An empty folder is fine to watch (files may come); a path that is not there is not.
  for (const d of problems) if (d.code !== 'NoContentFiles') err(format(d));
  if (folders.length + single.length === 0) return { failed: true };

  const known = new Set(files.map((f) => resolve(f)));
  /** Decks built but not yet on disk, by output path. */
  const pending = new Map<string, { deck: DeckFile; from: string; failedWith?: string }>();
  /** Output path → the file that produces it: two files must not write one deck. */
  const producers = new Map<string, string>();
  const options_ = {
    cwd,
    outDir: resolve(cwd, options.outDir),
    ...(options.template ? { template: options.template } : {}),
  };
  let stopped = false;

  const writePending = async () => {
    for (const [path, entry] of pending) {
      if (stopped) return;
      try {
        const status = await entry.deck.save();
        pending.delete(path);
        out(
          `${entry.from} → ${displayPath(path, cwd)} (${status === 'unchanged' ? 'без изменений; ' : ''}слайдов: ${entry.deck.layout.slides.length}, ${Math.round(entry.deck.buffer.length / 1024)} КБ)`,
        );
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
        if (entry.failedWith !== code) err(writeProblem(path, e, cwd, options.verbose));
        entry.failedWith = code;
      }
    }
  };

  const handle = async (file: string) => {
    // rebuild() gives a rename-save its moment; a file still gone after it is no longer watched.
    const result = await rebuild(file, options_);
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists && !single.includes(file)) {
      known.delete(file);
      for (const [target, from] of producers) if (from === result.file) producers.delete(target);
      // A deck still waiting to be written (its file was locked) goes with its source.
      for (const [target, entry] of pending) if (entry.from === result.file) pending.delete(target);
      out(`${result.file}: файл удалён; его презентация оставлена как есть`);
      return;
    }
    known.add(file);
    for (const d of result.diagnostics) err(format(d));
    if (!result.deck) return;
    const first = producers.get(result.deck.path);
    if (first !== undefined && first !== result.file) {
      err(
        format(
          diagnostic(
            'DuplicateOutput',
            { file: result.file, path: 'direction.id' },
            `этот файл дал бы ту же презентацию ${displayPath(result.deck.path, cwd)}, что и ${first}`,
          ),
        ),
      );
      return;
    }
    for (const [target, from] of producers) if (from === result.file) producers.delete(target);
    producers.set(result.deck.path, result.file);
    const previous = pending.get(result.deck.path);
    pending.set(result.deck.path, {
      deck: result.deck,
      from: result.file,
      ...(previous?.failedWith ? { failedWith: previous.failedWith } : {}),
    });
  };

  // One rebuild at a time; a bug in one is a line on the terminal, and the loop goes on.
  const queue = serialQueue(err);
  const enqueue = queue.enqueue;

  const onChanges = (changes: Changes) =>
    enqueue(async () => {
      if (stopped) return;
      if (changes.templates) forgetLoadedTemplates();
      const targets = changes.templates ? new Set([...known, ...changes.files]) : changes.files;
      for (const file of [...targets].sort()) {
        if (stopped) return;
        await handle(file);
      }
      // Every event is a chance for a deck that was locked to be written.
      await writePending();
    });

  enqueue(async () => {
    for (const file of [...known].sort()) await handle(file);
    await writePending();
  });
  await queue.idle();

  const watcher: SourceWatcher = await watchSources({
    folders,
    files: single,
    templateRoots: templateSearchPath(cwd),
    onChanges: (c) => void onChanges(c),
    onError: (e) => err(`itogi: слежение за файлами: ${e.message}`),
  });
  out(
    `Слежу за изменениями: ${options.paths.join(', ')} → ${displayPath(options_.outDir, cwd)}/ — Ctrl+C, чтобы остановить`,
  );

  return {
    idle: queue.idle,
    async close() {
      await watcher.close();
      await queue.idle();
      stopped = true;
    },
  };
}
