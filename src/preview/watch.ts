/**
 * `itogi watch`: the preview's loop without a browser. Every saved direction
 * file is checked and its deck rewritten under output/. A deck that cannot be
 * written (open in PowerPoint on Windows: EBUSY/EPERM; or any write error) is
 * kept in memory and written at the next event once the file is free.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildFailure, buildSummary, displayPath, summaryPath, type CheckedFile, type DeckFile } from '../api.js';
import { deckLine, pdfLine } from '../core/lines.js';
import { Workspace } from '../core/workspace.js';
import { staleDeck, summaryHeld, yearOf } from '../core/years.js';
import { pdfPathOf, removeStalePdf } from '../output/stalePdf.js';
import { type Diagnostic, diagnostic, formatDiagnostic, hasErrors } from '../errors.js';
import { collectFiles } from '../files.js';
import { writeFailureReason } from '../output/write.js';
import { forgetLoadedTemplates, templateSearchPath } from '../template/load.js';
import { changeQueue, type LastRead, lastRead, lookAgainAt, recheck, seenAlready, withDeck } from './rebuild.js';
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

/**
 * The watch loop's state: the files known (in the core's Workspace, which
 * applies the copy rule and the year plans as `build` does), the decks not
 * yet on disk, and what was last said of each file and year, so a verdict
 * that another file's save changed is said again and an unchanged one is not.
 */
class WatchLoop {
  readonly known: Set<string>;
  /** Decks built but not yet on disk, by output path. */
  private readonly pending = new Map<string, PendingDeck>();
  /** What each file's last rebuild read, and when (a report may have nothing new: seenAlready). */
  private readonly built = new Map<string, LastRead>();
  private readonly workspace: Workspace;
  /** The last verdict said of each file, and of each year's summary. */
  private readonly said = new Map<string, string>();
  /** Years of files removed since the last settle: their summaries are made again without them. */
  private readonly removedYears = new Set<number>();
  stopped = false;

  constructor(
    files: readonly string[],
    private readonly single: readonly string[],
    private readonly rebuildOptions: { cwd: string; outDir: string; template?: string },
    /** Whether a year's summary is kept up to date: a folder is watched, as `build` of a folder makes one. */
    private readonly summaries: boolean,
    private readonly out: (line: string) => void,
    private readonly err: (line: string) => void,
    private readonly format: (d: Diagnostic) => string,
  ) {
    this.known = new Set(files.map((f) => resolve(f)));
    this.workspace = new Workspace(rebuildOptions);
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
        const { slides } = entry.deck.layout;
        this.out(
          deckLine(entry.from, path, this.cwd, { status, slides: slides.length, bytes: entry.deck.buffer.length }),
        );
        const stale = await removeStalePdf(path, status === 'written');
        if (stale && 'failed' in stale)
          this.err(
            this.format(diagnostic('PdfFailed', { file: displayPath(pdfPathOf(path), this.cwd) }, stale.failed)),
          );
        else if (stale) this.out(pdfLine(entry.from, pdfPathOf(path), this.cwd, { status: 'removed', bytes: 0 }));
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

  /** Checks one file again; its verdict is said by `settle`, or it is forgotten when gone. */
  async handle(file: string): Promise<void> {
    // recheck() gives a rename-save its moment; a file still gone after it is no longer watched.
    const result = await recheck(file, this.rebuildOptions);
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
    this.workspace.set(file, result.checked ?? { file: result.file, diagnostics: result.diagnostics });
    // Said again by settle(), whatever was said before: the file was saved.
    this.said.delete(file);
  }

  /**
   * The rules over every file known, after the files of one batch were checked: each file
   * whose verdict is new is reported and, when it has no errors, its deck waits to be
   * written; each year's summary is rebuilt, or said to be held back, as `build` would.
   */
  async settle(): Promise<void> {
    const judged = this.workspace.judged();
    const { outDir } = this.rebuildOptions;
    const touchedYears = new Set(this.removedYears);
    this.removedYears.clear();
    for (const [file, checked] of judged) {
      const verdict = checked.diagnostics.map((d) => this.format(d)).join('\n');
      if (this.said.get(file) === verdict) continue;
      this.said.set(file, verdict);
      const year = yearOf(checked);
      if (year !== undefined) touchedYears.add(year);
      // A file that was another's copy and is no longer: its deck is built now.
      for (const d of checked.diagnostics) this.err(this.format(d));
      if (!checked.computed || hasErrors(checked.diagnostics)) {
        this.dropPending(checked.file);
        const stale = staleDeck(checked, outDir, this.cwd);
        if (stale) this.err(this.format(stale));
        continue;
      }
      const built = await withDeck(
        { file: checked.file, diagnostics: checked.diagnostics, checked, readAt: 0 },
        outDir,
      );
      for (const d of built.diagnostics.filter((x) => !checked.diagnostics.includes(x))) this.err(this.format(d));
      if (built.deck) this.queue(built.deck, checked.file);
    }
    if (this.summaries) await this.settleYears(judged, touchedYears);
  }

  /** Each year touched: its summary rebuilt when complete, else said to be held back (once). */
  private async settleYears(judged: Map<string, CheckedFile>, touched: ReadonlySet<number>): Promise<void> {
    const { outDir } = this.rebuildOptions;
    for (const plan of this.workspace.years(judged)) {
      if (!touched.has(plan.year)) continue;
      const key = `year:${plan.year}`;
      const path = summaryPath(outDir, plan.year);
      const held = summaryHeld(plan, outDir, this.cwd);
      if (held) {
        if (this.said.get(key) !== held.message) this.err(this.format(held));
        this.said.set(key, held.message);
        this.pending.delete(path);
        continue;
      }
      this.said.delete(key);
      if (!plan.summary) continue;
      try {
        this.queue(await buildSummary(plan.summary, outDir), `сводная за ${plan.year} год`);
      } catch (e) {
        for (const d of buildFailure(e, displayPath(path, this.cwd), this.cwd)) this.err(this.format(d));
      }
    }
  }

  private queue(deck: DeckFile, from: string): void {
    const previous = this.pending.get(deck.path);
    this.pending.set(deck.path, { deck, from, ...(previous?.failedWith ? { failedWith: previous.failedWith } : {}) });
  }

  /** A deck still waiting to be written goes when its file fails or is gone. */
  private dropPending(from: string): void {
    for (const [target, entry] of this.pending) if (entry.from === from) this.pending.delete(target);
  }

  private forget(file: string, name: string): void {
    const last = this.workspace.get(file);
    const year = last && yearOf(last);
    if (year !== undefined) this.removedYears.add(year);
    this.known.delete(file);
    this.built.delete(file);
    this.workspace.delete(file);
    this.said.delete(file);
    this.dropPending(name);
    this.out(`${name}: файл удалён; его презентация оставлена как есть`);
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
    folders.length > 0,
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
    await loop.settle();
    // Every event is a chance for a deck that was locked to be written.
    await loop.writePending();
  }, err);

  queue.enqueue(async () => {
    for (const file of [...loop.known].sort()) await loop.handle(file);
    await loop.settle();
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
