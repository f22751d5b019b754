/**
 * `itogi check` and `itogi build` over many files. Checking stays in this
 * thread, by the core's checkFiles (it is cheap, marks a file that would write
 * another's deck, and fixes the order of messages); rendering, packaging and
 * writing are jobs for a pool of worker threads. Each file's messages are printed when every
 * earlier file's have been, so the output reads in file order whatever
 * finishes first.
 */
import type { CheckedFile, Options } from '../api.js';
import { Workspace } from '../core/workspace.js';
import { deckLine, pdfLine } from '../core/lines.js';
import { missingNames, missingText, type YearPlan } from '../core/years.js';
import { renderCheckReport } from '../cli/report.js';
import { renderCityReport } from '../cli/summary.js';
import { diagnostic, formatDiagnostic, hasErrors, type Diagnostic } from '../errors.js';
import { findSoffice } from '../output/pdf.js';
import { renderFailed } from '../failures.js';
import type { Job, JobResult, JobSettings } from './jobs.js';
import { inProcess, workerCount, workerPool, type Executor } from './pool.js';
import { barDisplay, plainDisplay, type Display, type Lines, type Terminal } from './progress.js';
import { closingLine, emptyTally, type Tally } from './tally.js';

export interface BatchRequest {
  command: 'check' | 'build';
  files: readonly string[];
  /** PATH arguments that named nothing, already reported: each counts as a failed file. */
  pathProblems: number;
  /** Files in the folders that look like directions but are not read, already reported as warnings. */
  pathWarnings?: number;
  /** Absolute. */
  outDir: string;
  options: Options & { cwd: string };
  /** --jobs; default: the machine's cores. */
  jobs?: number;
  pdf?: boolean;
  /** The city summary of every year with two or more valid directions (check prints it, build writes summary.pptx); default true. */
  summary?: boolean;
  /** --incomplete-summary: write a year's summary even when some of its files failed, marked on every slide. */
  incompleteSummary?: boolean;
  /** --verbose: each message with its code (YamlSyntax, DuplicateOutput…). */
  verbose?: boolean;
}

export interface BatchIo extends Lines {
  cwd: string;
  /** The terminal stderr is, when it is one: the progress bar is drawn there. */
  tty?: Terminal;
}

type Line = { to: 'out' | 'err'; text: string };

/** Prints each file's lines once every earlier file's are printed. */
class InFileOrder {
  private readonly slots: (Line[] | undefined)[] = [];
  private next = 0;
  constructor(private readonly display: Lines) {}

  open(): number {
    this.slots.push(undefined);
    return this.slots.length - 1;
  }

  close(slot: number, lines: Line[]): void {
    this.slots[slot] = lines;
    for (let ready = this.slots[this.next]; ready !== undefined; ready = this.slots[this.next]) {
      for (const l of ready) this.display[l.to](l.text);
      this.slots[this.next] = [];
      this.next++;
    }
  }
}

type ErrLines = (ds: readonly Diagnostic[]) => Line[];

const errLinesOf =
  (verbose: boolean | undefined): ErrLines =>
  (ds) =>
    ds.map((d) => ({ to: 'err', text: formatDiagnostic(d, { verbose: verbose === true }) }));

/** The per-deck lines: «content/x.yaml → output/2023/x.pptx (слайдов: 8, 181 КБ)», then its PDF, then its errors. */
function resultLines(file: string, result: JobResult, cwd: string, errLines: ErrLines, detail?: string): Line[] {
  const lines: Line[] = result.outputs.map((o) => ({
    to: 'out',
    text:
      o.kind === 'pptx'
        ? deckLine(file, o.path, cwd, {
            status: o.status === 'unchanged' ? 'unchanged' : 'written',
            slides: o.slides ?? 0,
            bytes: o.bytes,
            ...(detail ? { detail } : {}),
          })
        : pdfLine(file, o.path, cwd, o),
  }));
  return [...lines, ...errLines(result.diagnostics)];
}

function count(tally: Tally, result: JobResult): void {
  const deck = result.outputs.find((o) => o.kind === 'pptx');
  if (!deck) tally.failed++;
  else if (deck.status === 'written') tally.built++;
  else tally.unchanged++;
  tally.pdfWritten += result.outputs.filter((o) => o.kind === 'pdf' && o.status === 'written').length;
  tally.pdfFailed += result.diagnostics.filter((d) => d.code === 'PdfFailed').length;
}

const withoutSource = ({ source: _parsed, ...kept }: CheckedFile): CheckedFile => kept;

/** One run of check or build: its tally, its display and the decks it plans, step by step. */
class Batch {
  readonly tally = emptyTally();
  readonly building: boolean;
  readonly cwd: string;
  readonly errLines: ErrLines;
  /** Decks (and failed files) the progress bar counts to; a year's summary adds one. */
  total: number;
  readonly display: Display;
  private readonly order: InFileOrder;
  /** The core: checks the files with the run's templates and applies the rules over them. */
  readonly workspace: Workspace;
  /** Where decks are built (build only), and the decks started on it so far. */
  executor: Promise<Executor> | undefined;
  private readonly started: Promise<void>[] = [];
  /** The years of the run and what each lacks (core/years.ts); none with --no-summary. */
  private years: YearPlan[] = [];
  /** The path each valid file was given by, for the summary jobs. */
  private readonly pathOf = new Map<CheckedFile, string>();
  /** Summaries not written because their year lacks a direction. */
  summariesHeld = 0;
  /** The same by path, for the jobs this thread runs itself (a worker gets the computed direction with its job). */
  readonly checkedFiles = new Map<string, CheckedFile>();

  constructor(
    readonly request: BatchRequest,
    io: BatchIo,
  ) {
    this.building = request.command === 'build';
    this.cwd = request.options.cwd;
    this.errLines = errLinesOf(request.verbose);
    this.tally.failed = request.pathProblems;
    this.tally.warnings = request.pathWarnings ?? 0;
    this.total = request.files.length + request.pathProblems;
    this.display = this.building && io.tty ? barDisplay(io, io.tty, { ...this.tally }, this.total) : plainDisplay(io);
    this.order = new InFileOrder(this.display);
    const { cwd, template } = request.options;
    this.workspace = new Workspace({ cwd, outDir: request.outDir, ...(template ? { template } : {}) });
  }

  /** A place in the output after everything opened before it; the function fills it. */
  nextSlot(): (lines: Line[]) => void {
    const slot = this.order.open();
    return (lines) => {
      this.order.close(slot, lines);
      this.display.update({ ...this.tally }, this.total);
    };
  }

  /**
   * A deck to build, started at once on the executor (a file's deck while later files are
   * still being checked); its lines (after `before`) are printed in its slot, whatever
   * finishes first.
   */
  plan(job: Job, name: string, finish: (lines: Line[]) => void, before: Line[] = [], detail?: string): void {
    const executor = this.executor;
    if (executor === undefined) throw new Error('plan: no executor (check builds nothing)');
    const started = executor
      .then((e) => e.run(job))
      .catch((e: unknown): JobResult => ({ outputs: [], diagnostics: [renderFailed(name, e)] }))
      .then((result) => {
        count(this.tally, result);
        finish([...before, ...resultLines(name, result, this.cwd, this.errLines, detail)]);
      });
    // Handled here as well: it may settle while files are still being checked, long before buildAll awaits it.
    started.catch(() => undefined);
    this.started.push(started);
  }

  /**
   * Every file checked by the core (which refuses files that claim one deck); check prints,
   * build starts each valid file's deck. The slots are opened first, in the files' order, so
   * lines come out in that order whatever finishes first.
   */
  async checkAll(): Promise<void> {
    const { request } = this;
    const slots = request.files.map(() => this.nextSlot());
    // A valid file is kept without its parsed YAML (only failed ones need it, to say what the summary
    // lacks): a year of directions would otherwise hold every document tree until the last deck is written.
    const checked = (await this.workspace.checkAll(request.files)).map((f) =>
      f.computed && !hasErrors(f.diagnostics) ? withoutSource(f) : f,
    );
    if (request.summary !== false) this.years = this.workspace.years(checked);
    // The bar's total counts each year's summary as soon as the years are known, not when it starts.
    if (this.building) this.total += this.years.filter((plan) => plan.summary).length;
    this.display.update({ ...this.tally }, this.total);
    for (const [index, file] of checked.entries()) {
      const finish = slots[index]!;
      // A template's warning comes with each file that uses it: said, and counted, with the first.
      const said = this.workspace.toSay(file.file, file.diagnostics);
      const lines = this.errLines(said);
      this.tally.warnings += said.filter((d) => d.severity === 'warning').length;
      if (hasErrors(file.diagnostics) || !file.computed) {
        this.tally.failed++;
        const stale = this.building ? this.workspace.staleDeck(file) : undefined;
        if (stale) this.tally.warnings++;
        finish(stale ? [...lines, ...this.errLines([stale])] : lines);
        continue;
      }
      const path = request.files[index]!;
      this.pathOf.set(file, path);
      this.checkedFiles.set(path, file);
      if (!this.building) finish([...lines, { to: 'out', text: renderCheckReport(file.file, file.computed) }]);
      else this.plan({ kind: 'direction', file: path, computed: file.computed }, file.file, finish, lines);
    }
  }

  /**
   * The city summaries come after every file's lines: check prints the totals, build makes a
   * job of each. A year that lacks a direction (its file failed) gets no summary unless
   * --incomplete-summary asks for one, marked as such; each year speaks of its own files.
   */
  summaries(): void {
    const { request } = this;
    for (const plan of this.years) {
      const finish = this.nextSlot();
      const missing = plan.missing.map(missingText);
      const incomplete = plan.state === 'incomplete';
      const held = this.workspace.held(plan, !this.building);
      if (!this.building) {
        finish([
          ...(plan.summary ? [{ to: 'out' as const, text: renderCityReport(plan.summary.city) }] : []),
          ...(held ? this.errLines([held]) : []),
        ]);
        continue;
      }
      if (held && (!request.incompleteSummary || !plan.summary)) {
        this.summariesHeld++;
        if (plan.summary) this.total--;
        finish(this.errLines([held]));
        continue;
      }
      const year = plan.summary!;
      const files = year.files.map((c) => this.pathOf.get(c)!);
      const detail = `направлений: ${year.city.directions.length}${incomplete ? `, НЕПОЛНАЯ: не вошли ${missing.join(', ')}` : ''}`;
      this.plan(
        {
          kind: 'summary',
          year: year.year,
          files,
          computed: year.files.map((c) => c.computed!),
          ...(incomplete ? { missing: missingNames(plan) } : {}),
        },
        `сводная за ${year.year} год`,
        finish,
        [],
        detail,
      );
    }
  }

  /**
   * Where the decks will be built, started before any file is checked: worker threads
   * load the renderer while this thread checks (on 2 cores, 100 files check in ~0.4 s,
   * about what a worker's start costs). Workers only for a build that may give two or
   * more decks, never more of them than that.
   */
  startExecutor(settings: JobSettings): Promise<Executor> {
    const { request } = this;
    const decks = request.files.length + (request.summary === false ? 0 : 1);
    const threads = this.building ? workerCount(request.jobs, decks) : 1;
    const { templates } = this.workspace;
    if (threads <= 1) return Promise.resolve(inProcess(settings, this.checkedFiles, templates));
    return workerPool(threads, settings, this.checkedFiles, templates).catch((e: unknown) => {
      // No workers (no compiled worker file, a thread limit): the decks are still built, here.
      this.display.err(
        `itogi: параллельная сборка недоступна (${e instanceof Error ? e.message : String(e)}); собираю в одном процессе`,
      );
      return inProcess(settings, this.checkedFiles, templates);
    });
  }

  /** Waits for every deck started, then closes the executor. */
  async buildAll(): Promise<void> {
    await Promise.all(this.started);
    await (await this.executor)?.close();
  }
}

export async function runBatch(request: BatchRequest, io: BatchIo): Promise<number> {
  const started = performance.now();
  const batch = new Batch(request, io);
  const { building, tally, display } = batch;
  // --pdf without LibreOffice: the decks are still built, and one message says how to install it.
  const soffice = building && request.pdf ? findSoffice() : undefined;
  const settings: JobSettings = {
    cwd: batch.cwd,
    outDir: request.outDir,
    ...(request.options.template ? { template: request.options.template } : {}),
    ...(soffice ? { soffice } : {}),
  };
  if (building) batch.executor = batch.startExecutor(settings);
  await batch.checkAll();
  if (request.summary !== false) batch.summaries();
  await batch.buildAll();

  const missingSoffice = building && request.pdf === true && soffice === undefined;
  if (missingSoffice) display.err(batch.errLines([diagnostic('LibreOfficeMissing', { file: '--pdf' }, {})])[0]!.text);
  display.finish();
  if (building) io.err(closingLine(tally, performance.now() - started, request.pdf === true));
  else {
    const files = request.files.length;
    io.err(
      `Проверено: ${Math.max(0, files - tally.failed + request.pathProblems)} из ${files}${tally.failed > 0 ? `; с ошибками: ${tally.failed}` : ''}`,
    );
  }
  return tally.failed > 0 || tally.pdfFailed > 0 || batch.summariesHeld > 0 || missingSoffice ? 1 : 0;
}
