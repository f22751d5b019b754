/**
 * The one core every runner stands on (marp-cli's Converter is the shape):
 * `check`/`build` ask it to check their files at once, `watch` and `preview`
 * tell it which files were saved. It owns the files as last checked, the
 * templates loaded for them, and the rules over all of them (the copy rule:
 * copies.ts; the year plans: years.ts), so every runner judges a copy, a
 * failed direction and a held summary alike. It writes nothing, touches no
 * process state, and builds a deck only when asked.
 */
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import {
  buildDeck,
  buildSummary,
  checkFiles,
  displayPath,
  outputPath,
  type CheckedFile,
  type DeckFile,
  type Options,
} from '../api.js';
import type { Diagnostic } from '../errors.js';
import { TemplateRegistry } from '../template/load.js';
import { judgeCopies } from './copies.js';
import { recheck, type Rebuilt } from './reread.js';
import { SaidOnce } from './saidOnce.js';
import { missingNames, planYears, staleDeck, summaryHeld, yearOf, type YearPlan } from './years.js';

export interface WorkspaceOptions {
  /** Folder messages name files relative to, and templates/ is looked up in. */
  cwd: string;
  /** Absolute, or relative to cwd: decks go to <outDir>/<year>/<id>.pptx. */
  outDir: string;
  /** --template: overrides `template:` of every file. */
  template?: string;
}

/** A file whose verdict may be new: re-read, or judged again because another file changed. */
export interface FileChange {
  /** Absolute. */
  path: string;
  /** As judged over every file known (the copy rule applied). */
  checked: CheckedFile;
  /** Its last read: when, and what it held (watch and preview skip reports of a save already read). */
  read: Rebuilt;
  /** Read again by this update (else judged anew only because another file changed). */
  reread: boolean;
}

/** What one update changed. */
export interface Affected {
  /** Files re-read, and files another file's change judged anew (a copy saved or removed), in path order. */
  files: FileChange[];
  /** Files that are no longer there, forgotten: absolute path, name in messages, the read that missed them. */
  gone: { path: string; file: string; read: Rebuilt }[];
  /** The plans of the years whose summary may differ now (a file of theirs changed or went). */
  years: YearPlan[];
}

/** Path order, folder by folder: the order messages and the summary's table follow. */
function byPath(a: string, b: string): number {
  const [x, y] = [a.split(sep), b.split(sep)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/** What a reader is told of a file: two equal verdicts read the same. */
const verdictOf = (checked: CheckedFile) =>
  JSON.stringify(checked.diagnostics.map((d) => [d.code, d.file, d.line, d.col, d.message]));

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

export class Workspace {
  /** Templates as loaded for this workspace's files; forgotten when a template is saved. */
  readonly templates = new TemplateRegistry();
  readonly outDir: string;
  private readonly files = new Map<string, Rebuilt>();
  /** The verdict each file was last given, to tell which files a change touched. */
  private readonly verdicts = new Map<string, string>();
  /** The templates' warnings said so far (core/saidOnce.ts). */
  private readonly said = new SaidOnce();

  constructor(readonly options: WorkspaceOptions) {
    this.outDir = resolve(options.cwd, options.outDir);
  }

  get cwd(): string {
    return this.options.cwd;
  }

  /** How every file is checked here: this workspace's folder, templates and --template. */
  get checkOptions(): Options & { cwd: string } {
    const { cwd, template } = this.options;
    return { cwd, templates: this.templates, ...(template ? { template } : {}) };
  }

  /**
   * Files checked at once, in the order given (a batch): each reported in that
   * order, and the copy rule over them. Kept by no one: a batch holds what it needs.
   */
  checkAll(files: readonly string[]): Promise<CheckedFile[]> {
    return checkFiles(files, { ...this.checkOptions, outDir: this.outDir });
  }

  /** Every file known, absolute, in path order. */
  paths(): string[] {
    return [...this.files.keys()].sort(byPath);
  }

  /** A file as last read and checked, before the rules over all files. */
  get(file: string): CheckedFile | undefined {
    const read = this.files.get(resolve(this.cwd, file));
    return read && checkedOf(read);
  }

  /**
   * Reads again the files reported saved (once each is whole: an editor may be mid-save),
   * forgets those no longer there (unless `keep` says to hold on to one: a file named
   * alone keeps being reported while it is missing), and judges every file again.
   */
  async update(files: Iterable<string>, keep: (path: string) => boolean = () => false): Promise<Affected> {
    const touched = new Set<string>();
    const gone: Affected['gone'] = [];
    const goneYears = new Set<number>();
    for (const path of [...new Set([...files].map((f) => resolve(this.cwd, f)))].sort(byPath)) {
      const read = await recheck(path, this.checkOptions);
      if (!(await isFile(path)) && !keep(path)) {
        const last = this.files.get(path);
        const year = last && yearOf(checkedOf(last));
        if (year !== undefined) goneYears.add(year);
        if (this.files.delete(path)) gone.push({ path, file: read.file, read });
        this.verdicts.delete(path);
        continue;
      }
      this.files.set(path, read);
      touched.add(path);
    }
    const judged = this.judged();
    const changed: FileChange[] = [];
    for (const [path, checked] of judged) {
      const verdict = verdictOf(checked);
      if (!touched.has(path) && this.verdicts.get(path) === verdict) continue;
      this.verdicts.set(path, verdict);
      changed.push({ path, checked, read: this.files.get(path)!, reread: touched.has(path) });
    }
    const years = new Set(goneYears);
    for (const { checked } of changed) {
      const year = yearOf(checked);
      if (year !== undefined) years.add(year);
    }
    return { files: changed, gone, years: this.years(judged.values()).filter((p) => years.has(p.year)) };
  }

  /** Every file after the copy rule, by absolute path, in path order. */
  judged(): Map<string, CheckedFile> {
    const paths = this.paths();
    const judged = judgeCopies(
      paths.map((p) => checkedOf(this.files.get(p)!)),
      (file) => outputPath(this.outDir, file.computed!),
      (path) => displayPath(path, this.cwd),
    );
    return new Map(paths.map((p, i) => [p, judged[i]!]));
  }

  /** The years of the files (default: every file known, judged), with what each lacks. */
  years(files: Iterable<CheckedFile> = this.judged().values()): YearPlan[] {
    return planYears([...files]);
  }

  /** The deck of a file judged without errors, in memory (throws ItogiError for one with errors). */
  deck(checked: CheckedFile): Promise<DeckFile> {
    return buildDeck(checked, this.outDir);
  }

  /**
   * A year's summary deck, when its plan allows one: complete, or incomplete and
   * `incomplete` asked for (then marked on every slide with what it lacks).
   */
  summary(plan: YearPlan, incomplete = false): Promise<DeckFile> | undefined {
    if (!plan.summary || (plan.state === 'incomplete' && !incomplete)) return undefined;
    return buildSummary(plan.summary, this.outDir, plan.state === 'incomplete' ? missingNames(plan) : []);
  }

  /** What is said of a year whose summary is held back, if it is (`check`: its totals are incomplete). */
  held(plan: YearPlan, checkOnly = false): Diagnostic | undefined {
    return summaryHeld(plan, this.outDir, this.cwd, checkOnly);
  }

  /** A failed file's deck left from an earlier run, said to hold the old figures. */
  staleDeck(checked: CheckedFile): Diagnostic | undefined {
    return staleDeck(checked, this.outDir, this.cwd);
  }

  /** What a runner says of a file: its diagnostics, a template's warning only the first time. */
  toSay(file: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return this.said.unsaid(file, diagnostics);
  }

  /** A template file was saved: every template is read again at the next check, and its warnings said again. */
  forgetTemplates(): void {
    this.templates.forget();
    this.said.forget();
  }
}

const checkedOf = (read: Rebuilt): CheckedFile => read.checked ?? { file: read.file, diagnostics: read.diagnostics };
