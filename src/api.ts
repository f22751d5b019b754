/**
 * The library door: check and build directions. Problems in user input come
 * back as diagnostics (or an ItogiError from buildDeck), never as stack traces.
 *
 * load (YAML + positions) → validate (zod) → compute → lay out → render → write
 */
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { checkFailed, renderFailed } from './failures.js';
import { computeCity, type CityTotals } from './compute/city.js';
import { judgeCopies } from './core/copies.js';
import { contentWarnings } from './core/warnings.js';
import { computeDirection, type ComputedDirection } from './compute/direction.js';
import { loadSource, type Source } from './content/load.js';
import { SUMMARY_ID } from './content/schema.js';
import { nameFields, positionOfPath } from './content/locate.js';
import { validateSource } from './content/validate.js';
import { byPosition, diagnostic, hasErrors, ItogiError, type Diagnostic } from './errors.js';
import type { DeckLayout } from './layout/model.js';
import { WriteError, writeIfChanged } from './output/write.js';
import { type LoadedTemplate, TemplateRegistry } from './template/load.js';
import { UnknownPlaceholderError } from './template/placeholders.js';

export interface Options {
  /** Folder templates/ is looked up in first (default: the current folder). */
  cwd?: string;
  /** Overrides `template:` of every file. */
  template?: string;
  /** Templates already loaded, shared by the files of one run (default: each check loads its own). */
  templates?: TemplateRegistry;
}

export interface CheckedFile {
  file: string;
  diagnostics: Diagnostic[];
  computed?: ComputedDirection;
  template?: LoadedTemplate;
  source?: Source;
}

/** How a file is named in messages: relative to the current folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file));
  return rel.startsWith('..') ? resolve(cwd, file) : rel;
}

/** Values the computation accepts but a reader may misread: a zero divisor, a negative plan or fact. */
function valueWarnings(checked: { source: Source; computed: ComputedDirection }): Diagnostic[] {
  const { source } = checked;
  const at = (index: number, field: 'plan' | 'fact') => ({
    file: source.file,
    ...positionOfPath(source, ['indicators', 'items', index, field]),
    path: `indicators.items[${index}].${field}`,
  });
  return checked.computed.indicators.flatMap((i) => {
    const out: Diagnostic[] = [];
    if (i.execution.kind === 'zero-divisor') {
      const field = i.indicator.better === 'lower' ? 'fact' : 'plan';
      // The status the table, the chart and the result line show for it (spec rule: fact against plan).
      out.push(diagnostic('ZeroDivisor', at(i.index, field), { field, achieved: i.status === 'achieved' }));
    }
    for (const field of ['plan', 'fact'] as const) {
      const value = i.indicator[field];
      if (typeof value === 'number' && value < 0) out.push(diagnostic('NegativeValue', at(i.index, field), { value }));
    }
    return out;
  });
}

/** Validates and computes one file without writing anything. Never throws for bad input. */
export async function checkFile(file: string, options: Options = {}): Promise<CheckedFile> {
  const cwd = options.cwd ?? process.cwd();
  const name = displayPath(file, cwd);
  const { source, diagnostics: loadDiagnostics } = await loadSource(resolve(cwd, file), name);
  if (!source) return { file: name, diagnostics: loadDiagnostics };
  // Load problems that still left a document (duplicate keys) are reported with the schema's.
  const validated = validateSource(source);
  const diagnostics = [...loadDiagnostics, ...validated.diagnostics].sort(byPosition);
  const content = hasErrors(loadDiagnostics) ? undefined : validated.content;
  if (!content) return { file: name, diagnostics, source };

  const templateName = options.template ?? content.template;
  let template: LoadedTemplate;
  try {
    template = await (options.templates ?? new TemplateRegistry()).load(templateName, cwd);
  } catch (e) {
    if (!(e instanceof ItogiError)) throw e;
    // "Not found" points at the content's template: field; a broken template points into template.yaml.
    const located = e.diagnostics.map((d) =>
      d.code === 'TemplateNotFound' && !options.template
        ? { ...d, file: name, ...positionOfPath(source, ['template']), path: 'template' }
        : d.code === 'TemplateNotFound'
          ? { ...d, file: name }
          : { ...d, file: displayPath(d.file, cwd) },
    );
    return { file: name, diagnostics: [...diagnostics, ...located], source };
  }
  const computed = computeDirection(content);
  return {
    file: name,
    diagnostics: [
      ...diagnostics,
      ...nameFields(
        [...valueWarnings({ source, computed }), ...contentWarnings(source, computed)].sort(byPosition),
        source.data,
      ),
      ...template.warnings.map((d) => ({ ...d, file: displayPath(d.file, cwd) })),
    ],
    computed,
    template,
    source,
  };
}

export interface DeckFile {
  /** Where save() writes: <outDir>/<year>/<direction-id>.pptx */
  path: string;
  buffer: Buffer;
  layout: DeckLayout;
  /**
   * Writes the deck unless the file there already has these bytes (then says 'unchanged' and touches nothing).
   * A failure to write rejects with a WriteError (its `code`: EBUSY, ENOSPC…).
   */
  save(): Promise<'written' | 'unchanged'>;
}

export const outputPath = (outDir: string, computed: ComputedDirection) =>
  join(outDir, String(computed.content.report.year), `${computed.content.direction.id}.pptx`);

/**
 * Renders a laid-out deck and packages it: the one way both kinds of deck
 * become bytes. Dated by a report date, never the clock, so the same input
 * gives the same bytes. Loaded on first build only: `check` never pays for
 * fonts, pptxgenjs, chart.js and the canvas.
 */
async function deckFile(
  layout: DeckLayout,
  template: LoadedTemplate,
  deck: { subject: string; date: string; path: string },
): Promise<DeckFile> {
  const [{ LANG, renderDeck }, { finalizePptx }] = await Promise.all([
    import('./render/pptx.js'),
    import('./render/package.js'),
  ]);
  const raw = await renderDeck(layout, template, { author: 'itogi', subject: deck.subject });
  const buffer = await finalizePptx(raw, {
    modified: new Date(`${deck.date}T00:00:00Z`),
    title: layout.title,
    lang: LANG,
  });
  const { path } = deck;
  // Typed: only what failed while writing is reported as a write error, never a failure to render.
  const save = () =>
    writeIfChanged(path, buffer).catch((e: unknown) => {
      throw e instanceof WriteError ? e : new WriteError(path, e);
    });
  return { path, buffer, layout, save };
}

/** Lays out and renders a checked file. The same input gives byte-identical output. */
export async function buildDeck(checked: CheckedFile, outDir = 'output'): Promise<DeckFile> {
  if (!checked.computed || !checked.template || hasErrors(checked.diagnostics))
    throw new ItogiError(checked.diagnostics);
  const { computed, template } = checked;
  const { layoutDeck } = await import('./layout/slides.js');
  const layout = layoutDeck(computed, template.template);
  const { content } = computed;
  return deckFile(layout, template, {
    // The title already names the direction (layout/slides.ts): the subject is the direction alone.
    subject: content.direction.name,
    date: content.report.date,
    path: outputPath(outDir, computed),
  });
}

// ---------------------------------------------------------------- the city summary

/** A year needs at least this many valid directions for a city summary. */
export const SUMMARY_MIN_DIRECTIONS = 2;

/** One year of the city: its valid directions, their totals, the template the summary is drawn in. */
export interface YearSummary {
  year: number;
  city: CityTotals;
  /** The year's valid files by direction.id (the table's order). */
  files: CheckedFile[];
  /** The template of the year's first direction. */
  template: LoadedTemplate;
}

/**
 * City totals per year, for `check` and `build`: every year with at least
 * SUMMARY_MIN_DIRECTIONS valid directions, years ascending. Files with errors
 * are left out, as is a second file with the year and direction.id of an
 * earlier one (it would not get a deck either).
 */
export function summarizeYear(checked: readonly CheckedFile[]): YearSummary[] {
  const byYear = new Map<number, CheckedFile[]>();
  for (const file of checked) {
    if (!file.computed || !file.template || hasErrors(file.diagnostics)) continue;
    const { year } = file.computed.content.report;
    const files = byYear.get(year) ?? [];
    if (files.some((f) => f.computed!.content.direction.id === file.computed!.content.direction.id)) continue;
    files.push(file);
    byYear.set(year, files);
  }
  // By direction.id: the same directions give the same summary whatever order the files were named in.
  const id = (f: CheckedFile) => f.computed!.content.direction.id;
  const byId = (a: CheckedFile, b: CheckedFile) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
  return [...byYear.entries()]
    .filter(([, files]) => files.length >= SUMMARY_MIN_DIRECTIONS)
    .sort(([a], [b]) => a - b)
    .map(([year, unordered]) => {
      const files = [...unordered].sort(byId);
      return { year, files, city: computeCity(files.map((f) => f.computed!)), template: files[0]!.template! };
    });
}

export const summaryPath = (outDir: string, year: number) => join(outDir, String(year), `${SUMMARY_ID}.pptx`);

/**
 * Lays out and renders a year's summary deck, packaged as a direction's: the same input gives the same bytes.
 * `missing` names the directions left out because their files failed (an incomplete summary, written
 * only on request): every slide then says so, as it does for sample directions.
 */
export async function buildSummary(
  summary: YearSummary,
  outDir = 'output',
  missing: readonly string[] = [],
): Promise<DeckFile> {
  const layout = await layoutYearSummary(summary, missing);
  // Dated by the latest report date of the year.
  const { city, template } = summary;
  return deckFile(layout, template, { subject: layout.title, date: city.date, path: summaryPath(outDir, city.year) });
}

/** A year's summary laid out as its deck is (stamped for samples and for what it lacks), for the deck and the preview. */
export async function layoutYearSummary(summary: YearSummary, missing: readonly string[] = []): Promise<DeckLayout> {
  const { city, template } = summary;
  const [{ layoutSummary }, { stampSlides, summaryStamp }] = await Promise.all([
    import('./layout/summary.js'),
    import('./layout/stamp.js'),
  ]);
  let layout: DeckLayout;
  try {
    layout = layoutSummary(city, template.template);
  } catch (e) {
    // A label the summary uses (closing, continued…) that names one direction: a template problem, said as one.
    if (!(e instanceof UnknownPlaceholderError)) throw e;
    const at = { file: join(template.dir, 'template.yaml'), path: 'labels' };
    throw new ItogiError([
      diagnostic('TemplateInvalid', at, { kind: 'summaryPlaceholder', placeholder: e.placeholder, label: e.label }),
    ]);
  }
  const samples = summary.files.filter((f) => f.computed!.content.sample).map((f) => f.computed!.content.direction.id);
  const stamp = summaryStamp(samples, missing);
  return stamp ? stampSlides(layout, stamp, template.template) : layout;
}

// ---------------------------------------------------------------- many files

export interface FilesOptions extends Options {
  /** Where decks go, <outDir>/<year>/<direction-id>.pptx (default output/ in cwd). */
  outDir?: string;
}

/** A deck on disk: written now, or already there with these bytes. */
export interface SavedDeck {
  /** Absolute. */
  path: string;
  status: 'written' | 'unchanged';
  bytes: number;
  slides: number;
}

export interface BuiltFile extends CheckedFile {
  /** Present when the file had no errors and its deck is on disk. */
  deck?: SavedDeck;
}

const outDirOf = (options: FilesOptions) => resolve(options.cwd ?? process.cwd(), options.outDir ?? 'output');

/** checkFile, with a bug while checking made a diagnostic on the file (ITOGI_DEBUG=1 shows the stack). */
async function checkOrReport(file: string, options: Options & { cwd: string }): Promise<CheckedFile> {
  try {
    return await checkFile(file, options);
  } catch (e) {
    const name = displayPath(file, options.cwd);
    return { file: name, diagnostics: [checkFailed(name, e)] };
  }
}

/**
 * Checks many files, in the order given, without writing anything; never
 * throws for bad input. Files that would write one deck (the same year and
 * direction.id) each get an error on their direction.id (core/copies.ts):
 * `buildDecks` builds none of them.
 */
export async function checkFiles(files: readonly string[], options: FilesOptions = {}): Promise<CheckedFile[]> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = outDirOf(options);
  const checked: CheckedFile[] = [];
  const templates = options.templates ?? new TemplateRegistry();
  // One after another: the templates are shared, and the order of messages is the files' order.
  for (const file of files) checked.push(await checkOrReport(file, { ...options, cwd, templates }));
  return judgeCopies(
    checked,
    (file) => outputPath(outDir, file.computed!),
    (path) => displayPath(path, cwd),
  );
}

/**
 * A reason not to write into outDir: it is a file (or lies under one), or is
 * named like a deck (`report.pptx`) and is not a folder yet. Nothing is
 * written when there is one.
 */
export async function outDirProblem(outDir: string, cwd = process.cwd()): Promise<Diagnostic | undefined> {
  const abs = resolve(cwd, outDir);
  for (let at = abs; ; at = dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info?.isDirectory()) break;
    if (info) {
      const params = { kind: 'file', path: displayPath(abs, cwd), file: displayPath(at, cwd) } as const;
      return diagnostic('OutNotFolder', { file: displayPath(abs, cwd) }, params);
    }
    if (dirname(at) === at) break;
  }
  if (/\.(pptx|pdf)$/i.test(abs) && !(await stat(abs).catch(() => undefined))?.isDirectory())
    return diagnostic(
      'OutNotFolder',
      { file: displayPath(abs, cwd) },
      { kind: 'deckName', path: displayPath(abs, cwd) },
    );
  return undefined;
}

/** Diagnostics of a deck that could not be made: a located user problem as it is, anything else as one line. */
export function buildFailure(e: unknown, name: string, cwd: string): Diagnostic[] {
  if (e instanceof ItogiError)
    return e.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: displayPath(d.file, cwd) }));
  return [renderFailed(name, e)];
}

/** Writes a deck; a failure to write (a WriteError) is a WriteFailed diagnostic on the deck, anything else is thrown. */
export async function saveDeck(deck: DeckFile, cwd = process.cwd()): Promise<SavedDeck | Diagnostic> {
  try {
    const status = await deck.save();
    return { path: deck.path, status, bytes: deck.buffer.length, slides: deck.layout.slides.length };
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    return diagnostic('WriteFailed', { file: displayPath(deck.path, cwd) }, { code: e.code });
  }
}

const isSaved = (x: SavedDeck | Diagnostic): x is SavedDeck => 'status' in x;

/** Builds and writes one checked file's deck; what went wrong comes back as its diagnostics. */
async function buildAndSave(checked: CheckedFile, outDir: string, cwd: string): Promise<BuiltFile> {
  try {
    const saved = await saveDeck(await buildDeck(checked, outDir), cwd);
    return isSaved(saved) ? { ...checked, deck: saved } : { ...checked, diagnostics: [...checked.diagnostics, saved] };
  } catch (e) {
    return { ...checked, diagnostics: [...checked.diagnostics, ...buildFailure(e, checked.file, cwd)] };
  }
}

/**
 * Checks many files (checkFiles) and writes the deck of each that has no
 * errors, in <outDir>/<year>/<direction-id>.pptx. A copy (same year and
 * direction.id as an earlier file by path) gets no deck, so it never
 * overwrites the first's. A deck that cannot be written is a WriteFailed
 * diagnostic, one that cannot be made a RenderFailed one. Throws an
 * ItogiError only when outDir is not a folder, before anything is read.
 */
export async function buildDecks(files: readonly string[], options: FilesOptions = {}): Promise<BuiltFile[]> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = outDirOf(options);
  const problem = await outDirProblem(outDir, cwd);
  if (problem) throw new ItogiError([problem]);
  const built: BuiltFile[] = [];
  for (const checked of await checkFiles(files, { ...options, cwd, outDir })) {
    const ready = checked.computed && checked.template && !hasErrors(checked.diagnostics);
    built.push(ready ? await buildAndSave(checked, outDir, cwd) : checked);
  }
  return built;
}
