/**
 * `itogi watch`: the preview's loop without a browser. Every saved direction
 * file is checked and its deck rewritten under output/. A deck that cannot be
 * written (open in PowerPoint on Windows: EBUSY/EPERM; or any write error) is
 * kept in memory and written at the next event once the file is free.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildFailure, displayPath, saveDeck, summaryPath, type DeckFile } from '../api.js';
import { deckLine, pdfLine } from '../core/lines.js';
import { type Affected, Workspace } from '../core/workspace.js';
import type { YearPlan } from '../core/years.js';
import { pdfPathOf, removeStalePdf } from '../output/stalePdf.js';
import { type Diagnostic, diagnostic, formatDiagnostic, hasErrors } from '../errors.js';
import { collectFiles } from '../files.js';
import { templateSearchPath } from '../template/load.js';
import { changeQueue, type LastRead, lastRead, lookAgainAt, seenAlready } from './rebuild.js';
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
 * The watch loop's own state over the core's Workspace (which reads the saved
 * files and judges them as `build` does): the decks not yet on disk, what each
 * file's last read saw, and what was last said of each year's summary, so a
 * summary held back is said once, not at every save.
 */
class WatchLoop {
  /** Decks built but not yet on disk, by output path. */
  private readonly pending = new Map<string, PendingDeck>();
  /** What each file's last rebuild read, and when (a report may have nothing new: seenAlready). */
  private readonly built = new Map<string, LastRead>();
  /** What was last said of each year's summary held back. */
  private readonly heldSaid = new Map<number, string>();
  stopped = false;

  constructor(
    readonly workspace: Workspace,
    /** Whether a year's summary is kept up to date: a folder is watched, as `build` of a folder makes one. */
    private readonly summaries: boolean,
    private readonly out: (line: string) => void,
    private readonly err: (line: string) => void,
    private readonly format: (d: Diagnostic) => string,
  ) {}

  private get cwd(): string {
    return this.workspace.cwd;
  }

  /** Writes every deck waiting; one that still cannot be written says so once per reason. */
  async writePending(): Promise<void> {
    for (const [path, entry] of this.pending) {
      if (this.stopped) return;
      // saveDeck words a failure as `build` does; it is said once per reason, then tried again at each event.
      const saved = await saveDeck(entry.deck, this.cwd);
      if (!('status' in saved)) {
        if (entry.failedWith !== saved.message)
          this.err(`${this.format(saved)}. Презентация будет записана при следующем сохранении`);
        entry.failedWith = saved.message;
        continue;
      }
      this.pending.delete(path);
      this.out(deckLine(entry.from, path, this.cwd, saved));
      const stale = await removeStalePdf(path, saved.status === 'written');
      if (stale && 'failed' in stale)
        this.err(
          this.format(diagnostic('StalePdfNotRemoved', { file: displayPath(pdfPathOf(path), this.cwd) }, stale.failed)),
        );
      else if (stale) this.out(pdfLine(entry.from, pdfPathOf(path), this.cwd, { status: 'removed', bytes: 0 }));
    }
  }

  /** Whether a report of the file tells nothing its last rebuild did not see. */
  seenAlready(file: string, changes: Changes): Promise<boolean> {
    return seenAlready(file, changes, this.built.get(file));
  }

  /**
   * What one update changed, said and acted on: each file whose verdict is new is
   * reported and, when it has no errors, its deck waits to be written; each year
   * touched has its summary rebuilt, or said to be held back, as `build` would.
   */
  async apply(affected: Affected): Promise<void> {
    for (const { path, file } of affected.gone) {
      this.built.delete(path);
      this.dropPending(file);
      this.out(`${file}: файл удалён; его презентация оставлена как есть`);
    }
    for (const change of affected.files) {
      const { checked } = change;
      if (change.reread) this.built.set(change.path, lastRead(change.read));
      for (const d of this.workspace.toSay(checked.file, checked.diagnostics)) this.err(this.format(d));
      if (!checked.computed || hasErrors(checked.diagnostics)) {
        this.dropPending(checked.file);
        const stale = this.workspace.staleDeck(checked);
        if (stale) this.err(this.format(stale));
        continue;
      }
      await this.make(() => this.workspace.deck(checked), checked.file, checked.file);
    }
    if (this.summaries) for (const plan of affected.years) await this.settleYear(plan);
  }

  /** A year touched: its summary rebuilt when complete, else said to be held back (once). */
  private async settleYear(plan: YearPlan): Promise<void> {
    const path = summaryPath(this.workspace.outDir, plan.year);
    const held = this.workspace.held(plan);
    if (held) {
      if (this.heldSaid.get(plan.year) !== held.message) this.err(this.format(held));
      this.heldSaid.set(plan.year, held.message);
      this.pending.delete(path);
      return;
    }
    this.heldSaid.delete(plan.year);
    const summary = this.workspace.summary(plan);
    if (summary) await this.make(() => summary, `сводная за ${plan.year} год`, displayPath(path, this.cwd));
  }

  /** A deck made in memory to wait for its write, or why it could not be made. */
  private async make(deck: () => Promise<DeckFile>, from: string, name: string): Promise<void> {
    try {
      this.queue(await deck(), from);
    } catch (e) {
      for (const d of buildFailure(e, name, this.cwd)) this.err(this.format(d));
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
  const workspace = new Workspace({ cwd, outDir, ...(options.template ? { template: options.template } : {}) });
  const loop = new WatchLoop(workspace, folders.length > 0, out, err, format);
  // A file named alone is kept (and said to be missing) while it is gone; one found in a folder is forgotten.
  const keep = (path: string) => single.includes(path);

  // One rebuild at a time, what arrives meanwhile in one batch; a bug in one is a line on the terminal, and the loop goes on.
  const queue = changeQueue(async (changes: Changes) => {
    if (loop.stopped) return;
    if (changes.templates) workspace.forgetTemplates();
    const targets = changes.templates ? new Set([...workspace.paths(), ...changes.files]) : changes.files;
    const saved: string[] = [];
    for (const file of [...targets].sort()) if (!(await loop.seenAlready(file, changes))) saved.push(file);
    if (loop.stopped) return;
    await loop.apply(await workspace.update(saved, keep));
    // Every event is a chance for a deck that was locked to be written.
    await loop.writePending();
  }, err);

  queue.enqueue(async () => {
    await loop.apply(await workspace.update(files, keep));
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
  queue.changed(lookAgainAt(workspace.paths()));
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
