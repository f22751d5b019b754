/**
 * The library door: check and build directions. Problems in user input come
 * back as diagnostics (or an ItogiError from buildDeck), never as stack traces.
 *
 * load (YAML + positions) → validate (zod) → compute → lay out → render → write
 */
import { join, relative, resolve } from 'node:path';
import { computeDirection, type ComputedDirection } from './compute/direction.js';
import { loadSource, type Source } from './content/load.js';
import { positionOfPath } from './content/locate.js';
import { validateSource } from './content/validate.js';
import { byPosition, diagnostic, hasErrors, ItogiError, type Diagnostic } from './errors.js';
import type { DeckLayout } from './layout/model.js';
import { writeIfChanged } from './output/write.js';
import { loadTemplate, type LoadedTemplate } from './template/load.js';

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
      const what = field === 'plan' ? 'плановое значение равно 0' : 'фактическое значение равно 0 (обратный показатель: исполнение = план / факт)';
      out.push(diagnostic('ZeroDivisor', at(i.index, field), `${what}: процент исполнения не вычисляется`));
    }
    for (const field of ['plan', 'fact'] as const) {
      const value = i.indicator[field];
      if (typeof value === 'number' && value < 0) out.push(diagnostic('NegativeValue', at(i.index, field), `отрицательное значение ${value}`));
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
  return { file: name, diagnostics: [...diagnostics, ...valueWarnings({ source, computed })], computed, template, source };
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

/** Lays out and renders a checked file. The same input gives byte-identical output. */
export async function buildDeck(checked: CheckedFile, outDir = 'output'): Promise<DeckFile> {
  if (!checked.computed || !checked.template || hasErrors(checked.diagnostics)) throw new ItogiError(checked.diagnostics);
  const { computed, template } = checked;
  // Loaded on first build only: `check` never pays for fonts, pptxgenjs, chart.js and the canvas.
  const [{ layoutDeck }, { LANG, renderDeck }, { finalizePptx }] = await Promise.all([
    import('./layout/slides.js'),
    import('./render/pptx.js'),
    import('./render/package.js'),
  ]);
  const layout = layoutDeck(computed, template.template);
  const raw = await renderDeck(layout, template, {
    author: 'itogi',
    subject: `${layout.title}. ${computed.content.direction.name}`,
  });
  const buffer = await finalizePptx(raw, {
    // The report date, not the clock: the same content gives the same bytes.
    modified: new Date(`${computed.content.report.date}T00:00:00Z`),
    title: layout.title,
    lang: LANG,
  });
  const path = outputPath(outDir, computed);
  return { path, buffer, layout, save: () => writeIfChanged(path, buffer) };
}
