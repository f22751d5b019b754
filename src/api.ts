/**
 * The library door: check and build directions. Problems in user input come
 * back as diagnostics (or an ItogiError from buildDeck), never as stack traces.
 *
 * load (YAML + positions) → validate (zod) → compute → lay out → render → write
 */
import { join, relative, resolve } from 'node:path';
import { computeCity, type CityTotals } from './compute/city.js';
import { computeDirection, type ComputedDirection } from './compute/direction.js';
import { loadSource, type Source } from './content/load.js';
import { SUMMARY_ID } from './content/schema.js';
import { positionOfPath } from './content/locate.js';
import { validateSource } from './content/validate.js';
import { byPosition, diagnostic, hasErrors, ItogiError, type Diagnostic } from './errors.js';
import type { DeckLayout } from './layout/model.js';
import { writeIfChanged } from './output/write.js';
import { loadTemplate, type LoadedTemplate } from './template/load.js';
import { UnknownPlaceholderError } from './template/placeholders.js';

export interface Options {
  /** Folder templates/ is looked up in first (default: the current folder). */
  cwd?: string;
  /** Overrides `template:` of every file. */
  template?: string;
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
      const what =
        field === 'plan'
          ? 'плановое значение равно 0'
          : 'фактическое значение равно 0 (обратный показатель: исполнение = план / факт)';
      // The status the table, the chart and the result line show for it (spec rule: fact against plan).
      const verdict = i.status === 'achieved' ? 'считается достигнутым' : 'считается не достигнутым';
      out.push(
        diagnostic(
          'ZeroDivisor',
          at(i.index, field),
          `${what}: процент исполнения не вычисляется; по сравнению факта с планом показатель ${verdict}`,
        ),
      );
    }
    for (const field of ['plan', 'fact'] as const) {
      const value = i.indicator[field];
      if (typeof value === 'number' && value < 0)
        out.push(diagnostic('NegativeValue', at(i.index, field), `отрицательное значение ${value}`));
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
    template = await loadTemplate(templateName, cwd);
  } catch (e) {
    if (!(e instanceof ItogiError)) throw e;
    // "Not found" points at the content's template: field; a broken template points into template.yaml.
    const located = e.diagnostics.map((d) =>
      d.code === 'TemplateNotFound' && !options.template
        ? { ...d, file: name, ...positionOfPath(source, ['template']), path: 'template' }
        : d.code === 'TemplateNotFound'
          ? { ...d, file: '--template' }
          : { ...d, file: displayPath(d.file, cwd) },
    );
    return { file: name, diagnostics: [...diagnostics, ...located], source };
  }
  const computed = computeDirection(content);
  return {
    file: name,
    diagnostics: [...diagnostics, ...valueWarnings({ source, computed })],
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
  /** Writes the deck unless the file there already has these bytes (then says 'unchanged' and touches nothing). */
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
  return { path, buffer, layout, save: () => writeIfChanged(path, buffer) };
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
    subject: `${layout.title}. ${content.direction.name}`,
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

/** Lays out and renders a year's summary deck, packaged as a direction's: the same input gives the same bytes. */
export async function buildSummary(summary: YearSummary, outDir = 'output'): Promise<DeckFile> {
  const { city, template } = summary;
  const { layoutSummary } = await import('./layout/summary.js');
  let layout: DeckLayout;
  try {
    layout = layoutSummary(city, template.template);
  } catch (e) {
    // A label the summary uses (closing, continued…) that names one direction: a template problem, said as one.
    if (!(e instanceof UnknownPlaceholderError)) throw e;
    const at = { file: join(template.dir, 'template.yaml'), path: 'labels' };
    throw new ItogiError([
      diagnostic(
        'TemplateInvalid',
        at,
        `в сводной презентации города нет одного направления: подстановка {${e.placeholder}} в строке «${e.label}» здесь недопустима`,
      ),
    ]);
  }
  // Dated by the latest report date of the year.
  return deckFile(layout, template, { subject: layout.title, date: city.date, path: summaryPath(outDir, city.year) });
}
