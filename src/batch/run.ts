/**
 * `itogi check` and `itogi build` over many files. Checking stays here, in
 * file order (it is cheap, finds two files that would write one deck, and
 * fixes the order of messages); rendering, packaging and writing are jobs for
 * a pool of worker threads. Each file's messages are printed when every
 * earlier file's have been, so the output reads in file order whatever
 * finishes first.
 */
import { performance } from 'node:perf_hooks';
import { checkFile, displayPath, outputPath, summarizeYear, type CheckedFile, type Options } from '../api.js';
import { renderCheckReport } from '../cli/report.js';
import { renderCityReport } from '../cli/summary.js';
import { positionOfPath } from '../content/locate.js';
import { diagnostic, formatDiagnostic, hasErrors, type Diagnostic } from '../errors.js';
import { findSoffice, PdfError } from '../output/pdf.js';
import { checkFailed, renderFailed } from './failures.js';
import type { CheckedFiles, Job, JobResult, JobSettings } from './jobs.js';
import { inProcess, workerCount, workerPool, type Executor } from './pool.js';
import { barDisplay, plainDisplay, type Display, type Lines, type Terminal } from './progress.js';
import { closingLine, emptyTally, type Tally } from './tally.js';

export interface BatchRequest {
  command: 'check' | 'build';
  files: readonly string[];
  /** PATH arguments that named nothing, already reported: each counts as a failed file. */
  pathProblems: number;
  /** Absolute. */
  outDir: string;
  options: Options & { cwd: string };
  /** --jobs; default: the machine's cores. */
  jobs?: number;
  pdf?: boolean;
  /** The city summary of every year with two or more valid directions (check prints it, build writes summary.pptx); default true. */
  summary?: boolean;
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

const errLines = (ds: readonly Diagnostic[]): Line[] => ds.map((d) => ({ to: 'err', text: formatDiagnostic(d) }));

/** The per-deck lines: «content/x.yaml → output/2023/x.pptx (слайдов: 8, 181 КБ)». */
function resultLines(file: string, result: JobResult, cwd: string, detail?: string): Line[] {
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} КБ`;
  const lines: Line[] = result.outputs.map((o) => {
    const what =
      o.kind === 'pptx'
        ? `${o.status === 'unchanged' ? 'без изменений; ' : ''}${detail ? `${detail}, ` : ''}слайдов: ${o.slides}, ${kb(o.bytes)}`
        : o.status === 'unchanged'
          ? 'PDF прежний: презентация не менялась'
          : `PDF, ${kb(o.bytes)}`;
    return { to: 'out', text: `${file} → ${displayPath(o.path, cwd)} (${what})` };
  });
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

export async function runBatch(request: BatchRequest, io: BatchIo): Promise<number> {
  const started = performance.now();
  const { cwd } = request.options;
  const building = request.command === 'build';
  const tally = emptyTally();
  tally.failed = request.pathProblems;

  /** Decks (and failed files) the progress bar counts to; a year's summary adds one. */
  let total = request.files.length + request.pathProblems;
  const display: Display = building && io.tty ? barDisplay(io, io.tty, { ...tally }, total) : plainDisplay(io);
  const order = new InFileOrder(display);

  // --pdf without LibreOffice: the decks are still built, and one message says how to install it.
  const soffice = building && request.pdf ? findSoffice() : undefined;
  const settings: JobSettings = {
    cwd,
    outDir: request.outDir,
    ...(request.options.template ? { template: request.options.template } : {}),
    ...(soffice ? { soffice } : {}),
  };
  /** Output path → the file that produces it: two files must not write one deck. */
  const producers = new Map<string, string>();
  /** Decks to build, each with what to do when its job is done: known once every file is checked. */
  const planned: { job: Job; name: string; done: (result: JobResult) => void }[] = [];
  /** A deck to build; its lines (after `before`) are printed in its slot, whatever finishes first. */
  const plan = (job: Job, name: string, finish: (lines: Line[]) => void, before: Line[] = [], detail?: string) =>
    planned.push({
      job,
      name,
      done: (result) => {
        count(tally, result);
        finish([...before, ...resultLines(name, result, cwd, detail)]);
      },
    });
  /** Files that passed, with the path they were given by: the city summary of their year is made from them. */
  const valid: { file: string; checked: CheckedFile }[] = [];
  /** A place in the output after everything opened before it; the function fills it. */
  const nextSlot = () => {
    const slot = order.open();
    return (lines: Line[]) => {
      order.close(slot, lines);
      display.update({ ...tally }, total);
    };
  };
  for (const file of request.files) {
    const finish = nextSlot();
    let checked: CheckedFile;
    try {
      checked = await checkFile(file, request.options);
    } catch (e) {
      tally.failed++;
      finish(errLines([checkFailed(displayPath(file, cwd), e)]));
      continue;
    }
    const lines = errLines(checked.diagnostics);
    tally.warnings += checked.diagnostics.filter((d) => d.severity === 'warning').length;
    if (hasErrors(checked.diagnostics) || !checked.computed) {
      tally.failed++;
      finish(lines);
      continue;
    }
    const target = outputPath(request.outDir, checked.computed);
    const first = producers.get(target);
    if (first !== undefined) {
      const { year } = checked.computed.content.report;
      const { id } = checked.computed.content.direction;
      const at = {
        file: checked.file,
        ...(checked.source ? positionOfPath(checked.source, ['direction', 'id']) : {}),
        path: 'direction.id',
      };
      tally.failed++;
      finish([
        ...lines,
        ...errLines([
          diagnostic(
            'DuplicateOutput',
            at,
            `report.year ${year} и direction.id «${id}» те же, что в ${first}: оба файла дали бы ${displayPath(target, cwd)}`,
          ),
        ]),
      ]);
      continue;
    }
    producers.set(target, checked.file);
    valid.push({ file, checked });
    if (!building) {
      finish([...lines, { to: 'out', text: renderCheckReport(checked.file, checked.computed) }]);
      continue;
    }
    plan({ kind: 'direction', file }, checked.file, finish, lines);
  }

  // The city summaries come after every file's lines: check prints the totals, build makes a job of each.
  if (request.summary !== false) {
    const failedFiles = tally.failed;
    for (const year of summarizeYear(valid.map((v) => v.checked))) {
      const finish = nextSlot();
      if (!building) {
        finish([{ to: 'out', text: renderCityReport(year.city) }]);
        continue;
      }
      total++;
      const files = year.files.map((c) => valid.find((v) => v.checked === c)!.file);
      const detail = `направлений: ${year.city.directions.length}${failedFiles > 0 ? `, не вошли файлы с ошибками: ${failedFiles}` : ''}`;
      plan({ kind: 'summary', year: year.year, files }, `сводная за ${year.year} год`, finish, [], detail);
    }
  }

  // Workers start only when there is something to build, never more of them than decks.
  if (planned.length > 0) {
    // What this thread checked, for the jobs it runs itself (a worker checks its file again).
    const checkedFiles: CheckedFiles = new Map(valid.map((v) => [v.file, v.checked]));
    const threads = workerCount(request.jobs, planned.length);
    const executor: Executor =
      threads > 1
        ? await workerPool(threads, settings, checkedFiles).catch((e: unknown) => {
            // No workers (no compiled worker file, a thread limit): the decks are still built, here.
            display.err(
              `itogi: параллельная сборка недоступна (${e instanceof Error ? e.message : String(e)}); собираю в одном процессе`,
            );
            return inProcess(settings, checkedFiles);
          })
        : inProcess(settings, checkedFiles);
    await Promise.all(
      planned.map(({ job, name, done }) =>
        executor
          .run(job)
          .catch((e: unknown): JobResult => ({ outputs: [], diagnostics: [renderFailed(name, e)] }))
          .then(done),
      ),
    );
    await executor.close();
  }

  const missingSoffice = building && request.pdf === true && soffice === undefined;
  if (missingSoffice)
    display.err(
      formatDiagnostic(diagnostic('LibreOfficeMissing', { file: '--pdf' }, new PdfError({ kind: 'missing' }).message)),
    );
  display.finish();
  if (building) io.err(closingLine(tally, performance.now() - started, request.pdf === true));
  else {
    const files = request.files.length;
    io.err(
      `Проверено: ${Math.max(0, files - tally.failed + request.pathProblems)} из ${files}${tally.failed > 0 ? `; с ошибками: ${tally.failed}` : ''}`,
    );
  }
  return tally.failed > 0 || tally.pdfFailed > 0 || missingSoffice ? 1 : 0;
}
