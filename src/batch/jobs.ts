/**
 * What a batch does after checking: one job renders, packages and writes one
 * deck (and its PDF with --pdf). A job runs in a worker thread (worker.ts) or
 * in the main process (--jobs 1); it takes and returns plain data only, so it
 * crosses the thread boundary as it is, and it never throws for a problem in
 * one deck: that comes back as diagnostics.
 *
 * Another kind of deck is another member of `Job` and another case in
 * `runJob` that ends in `saveWithPdf`.
 */
import { rm, stat } from 'node:fs/promises';
import {
  buildDeck,
  buildFailure,
  buildSummary,
  checkFile,
  displayPath,
  saveDeck,
  summarizeYear,
  summaryPath,
  type CheckedFile,
  type DeckFile,
} from '../api.js';
import type { ComputedDirection } from '../compute/direction.js';
import { diagnostic, type Diagnostic } from '../errors.js';
import { convertToPdf, PdfError } from '../output/pdf.js';
import { removeStalePdf, pdfPathOf } from '../output/stalePdf.js';
import { WriteError, writeAtomic } from '../output/write.js';
import { TemplateRegistry } from '../template/load.js';

export type Job =
  | { kind: 'direction'; file: string; computed?: ComputedDirection }
  /** The city summary of a year, from its valid directions' files (in the table's order). */
  | {
      kind: 'summary';
      year: number;
      files: string[];
      computed?: ComputedDirection[];
      /** Directions left out (their files failed): the summary is written only on request, marked on every slide. */
      missing?: string[];
    };

export interface JobSettings {
  /** Folder messages name files relative to, and templates/ is looked up in. */
  cwd: string;
  /** --template: overrides `template:` of every file. */
  template?: string;
  outDir: string;
  /** The LibreOffice command when --pdf was given and LibreOffice was found. */
  soffice?: string;
  pdfTimeoutMs?: number;
}

/** A file the job left in the output folder: written now, or already there with the right content. */
interface Output {
  kind: 'pptx' | 'pdf';
  /** Absolute. */
  path: string;
  /** removed: a PDF older than its deck, taken away so no PDF shows other figures than its deck. */
  status: 'written' | 'unchanged' | 'removed';
  bytes: number;
  /** Slides of a deck. */
  slides?: number;
}

export interface JobResult {
  outputs: Output[];
  /** Errors only: the main process has reported the file's warnings when it checked it. */
  diagnostics: Diagnostic[];
}

/**
 * Files the main thread has checked, by the path the job names: a job run in
 * that thread uses them instead of reading and checking each file again. A
 * worker has none (only plain data crosses to it): it gets each file's computed
 * direction with the job, and checks a file itself only for a job without it.
 */
export type CheckedFiles = ReadonlyMap<string, CheckedFile>;

/**
 * One job. `templates`: the thread's loaded templates (the batch's workspace in the
 * main thread, the worker's own in a worker), so each is read once per thread.
 */
export async function runJob(
  job: Job,
  settings: JobSettings,
  known?: CheckedFiles,
  templates = new TemplateRegistry(),
): Promise<JobResult> {
  const use = (files: readonly string[], computed?: readonly ComputedDirection[]) =>
    withComputed(known, files, computed, templates);
  switch (job.kind) {
    case 'direction':
      return buildDirection(job.file, settings, use([job.file], job.computed && [job.computed]), templates);
    case 'summary':
      return buildYearSummary(job, settings, use(job.files, job.computed), templates);
  }
}

/**
 * What the job needs of a file: this thread's own check (the main thread), or
 * the computed direction the main thread sent with the job (a worker), with
 * the template loaded here (once per thread: the thread's registry keeps it). The
 * deck is then made from what the main thread checked and reported, and a
 * worker reads and validates no file again (for the summary, that was every
 * file of the year).
 */
function withComputed(
  known: CheckedFiles | undefined,
  files: readonly string[],
  computed: readonly ComputedDirection[] | undefined,
  templates: TemplateRegistry,
): Known {
  return async (file, settings) => {
    const own = known?.get(file);
    if (own) return own;
    const sent = computed?.[files.indexOf(file)];
    if (sent === undefined) return undefined;
    const template = await templates.load(settings.template ?? sent.content.template, settings.cwd);
    return { file: displayPath(file, settings.cwd), diagnostics: [], computed: sent, template };
  };
}

/** A file already checked (by this thread or the main one), else undefined: the job checks it. */
type Known = (file: string, settings: JobSettings) => Promise<CheckedFile | undefined>;

/** A failed job: a located user problem as it is, anything else as one line naming the output. */
const failure = (e: unknown, name: string, settings: JobSettings): JobResult => ({
  outputs: [],
  diagnostics: buildFailure(e, name, settings.cwd),
});

async function buildYearSummary(
  { year, files, missing }: Extract<Job, { kind: 'summary' }>,
  settings: JobSettings,
  known: Known,
  templates: TemplateRegistry,
): Promise<JobResult> {
  const options = { cwd: settings.cwd, templates, ...(settings.template ? { template: settings.template } : {}) };
  const name = displayPath(summaryPath(settings.outDir, year), settings.cwd);
  try {
    const checked = await Promise.all(
      files.map(async (file) => (await known(file, settings)) ?? checkFile(file, options)),
    );
    const summary = summarizeYear(checked).find((s) => s.year === year);
    if (summary === undefined) throw new Error(`в ${year} году меньше двух направлений без ошибок`);
    const deck = await buildSummary(summary, settings.outDir, missing);
    return await saveWithPdf(deck, settings);
  } catch (e) {
    return failure(e, name, settings);
  }
}

async function buildDirection(
  file: string,
  settings: JobSettings,
  known: Known,
  templates: TemplateRegistry,
): Promise<JobResult> {
  const options = { cwd: settings.cwd, templates, ...(settings.template ? { template: settings.template } : {}) };
  const name = displayPath(file, settings.cwd);
  try {
    const checked = (await known(file, settings)) ?? (await checkFile(file, options));
    const deck = await buildDeck(checked, settings.outDir);
    return await saveWithPdf(deck, settings);
  } catch (e) {
    return failure(e, name, settings);
  }
}

/**
 * Writes a rendered deck (unless unchanged) and, with --pdf, its PDF beside it:
 * made again unless the PDF there is at least as new as the deck (LibreOffice
 * stamps every PDF with the clock, so a PDF of an unchanged deck is kept; one
 * older than its deck — the deck was rebuilt without --pdf — is remade). A PDF
 * that could not be made again is removed: never a PDF that disagrees with its deck.
 */
async function saveWithPdf(deck: DeckFile, settings: JobSettings): Promise<JobResult> {
  const shown = (path: string) => displayPath(path, settings.cwd);
  const saved = await saveDeck(deck, settings.cwd);
  if (!('status' in saved)) return { outputs: [], diagnostics: [saved] };
  const { status } = saved;
  const outputs: Output[] = [{ kind: 'pptx', ...saved }];
  const pdfPath = pdfPathOf(deck.path);
  if (settings.soffice === undefined) {
    // No PDF asked for (or no LibreOffice): one left from an earlier --pdf run shows the old figures.
    const stale = await removeStalePdf(deck.path, status === 'written');
    if (stale && 'failed' in stale)
      return { outputs, diagnostics: [diagnostic('StalePdfNotRemoved', { file: shown(pdfPath) }, stale.failed)] };
    if (stale) outputs.push({ kind: 'pdf', path: pdfPath, status: 'removed', bytes: 0 });
    return { outputs, diagnostics: [] };
  }
  const [existing, deckFile] = await Promise.all([
    stat(pdfPath).catch(() => undefined),
    stat(deck.path).catch(() => undefined),
  ]);
  if (
    status === 'unchanged' &&
    existing?.isFile() &&
    existing.size > 0 &&
    deckFile !== undefined &&
    existing.mtimeMs >= deckFile.mtimeMs
  ) {
    outputs.push({ kind: 'pdf', path: pdfPath, status: 'unchanged', bytes: existing.size });
    return { outputs, diagnostics: [] };
  }
  try {
    const pdf = await convertToPdf(deck.buffer, {
      soffice: settings.soffice,
      ...(settings.pdfTimeoutMs ? { timeoutMs: settings.pdfTimeoutMs } : {}),
    });
    await writeAtomic(pdfPath, pdf).catch((e: unknown) => {
      throw new WriteError(pdfPath, e);
    });
    outputs.push({ kind: 'pdf', path: pdfPath, status: 'written', bytes: pdf.length });
    return { outputs, diagnostics: [] };
  } catch (e) {
    await rm(pdfPath, { force: true }).catch(() => undefined);
    // The deck is written whatever went wrong with its PDF: it stays counted, the PDF fails alone.
    // Only a failure to write the PDF is said to be a write error (typed), not any error with a code.
    const why =
      e instanceof PdfError
        ? e.failure
        : e instanceof WriteError
          ? ({ kind: 'write', code: e.code } as const)
          : ({ kind: 'unexpected', detail: e instanceof Error ? e.message : String(e) } as const);
    return { outputs, diagnostics: [diagnostic('PdfFailed', { file: shown(pdfPath) }, why)] };
  }
}
