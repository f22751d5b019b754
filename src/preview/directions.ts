/**
 * What the preview knows about each direction file: its address (year/id),
 * its latest problems with the source lines they point at, and the last good
 * deck: its slides as HTML at once, its .pptx when first asked for. Pages
 * read it; rebuilds replace it whole.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { outputPath, type DeckFile } from '../api.js';
import { diagnostic, hasErrors, type Diagnostic } from '../errors.js';
import { renderFailed } from '../failures.js';
import { renderSlidesHtml } from '../render/html.js';
import type { ListEntry } from './page.js';
import type { LastRead, Rebuilt } from './rebuild.js';

export interface Direction {
  file: string;
  name: string;
  key: string;
  version: number;
  diagnostics: Diagnostic[];
  sources: Map<string, string[]>;
  title?: string;
  year?: number;
  gone: boolean;
  good?: GoodDeck;
  /** What the last rebuild read, and when: a report may have nothing new (rebuild.ts: seenAlready). */
  last?: LastRead;
  /** The year's city summary (summaries.ts): made from the directions' files, no file of its own to edit. */
  summary?: true;
}

/** The last version checked without errors: its slides as HTML, its download name, its .pptx. */
export interface GoodDeck extends ShownSlides {
  /**
   * The .pptx of these slides (the same bytes as `itogi build`), built once,
   * on the first call; undefined when it could not be built and there is no
   * earlier deck to offer.
   */
  deck(): Promise<DeckFile | undefined>;
}

/** What the page shows of a version without errors, before its .pptx exists. */
export interface ShownSlides {
  slides: string;
  fileName: string;
  slideCount: number;
}

const SLUG = /^[A-Za-z0-9_-]{1,80}$/;

/** year/id from the content, validated or raw (a broken file still keeps its address). */
function keyOf(r: Rebuilt): string | undefined {
  const content = r.checked?.computed?.content;
  if (content) return `${content.report.year}/${content.direction.id}`;
  const data = r.checked?.source?.data as { report?: { year?: unknown }; direction?: { id?: unknown } } | undefined;
  const year = data?.report?.year;
  const id = data?.direction?.id;
  if (typeof year === 'number' && Number.isInteger(year) && typeof id === 'string' && SLUG.test(id))
    return `${year}/${id}`;
  return undefined;
}

/** Every direction of the preview, by absolute file and by address; the summaries by year; the list's version. */
export class Directions {
  /** The direction files only: a summary has no file of its own. */
  readonly byFile = new Map<string, Direction>();
  readonly byKey = new Map<string, Direction>();
  private readonly summaryByYear = new Map<number, Direction>();
  listVersion = 0;
  private fileCounter = 0;

  /** The direction of a file, made on its first rebuild with an address of its own. */
  of(file: string, r: Rebuilt): Direction {
    const known = this.byFile.get(file);
    if (known) return known;
    let key = keyOf(r) ?? `f/${++this.fileCounter}`;
    for (let n = 2; this.byKey.has(key); n++) key = `${keyOf(r) ?? 'f'}-${n}`;
    const d: Direction = { file, name: r.file, key, version: 0, diagnostics: [], sources: new Map(), gone: false };
    this.byFile.set(file, d);
    this.byKey.set(key, d);
    return d;
  }

  /** A year's city summary, at /d/<year>/summary/ (no direction may take the id «summary»). */
  ofSummary(year: number, title: string): Direction {
    const known = this.summaryByYear.get(year);
    if (known) return known;
    const key = `${year}/summary`;
    const d: Direction = {
      file: `summary:${year}`,
      name: title,
      key,
      version: 0,
      diagnostics: [],
      sources: new Map(),
      gone: false,
      title,
      year,
      summary: true,
    };
    this.summaryByYear.set(year, d);
    this.byKey.set(key, d);
    return d;
  }

  summaries(): Direction[] {
    return [...this.summaryByYear.values()];
  }

  /** The list page's rows: files that still exist, by name. */
  entries(): ListEntry[] {
    return [...this.byFile.values(), ...this.summaryByYear.values()]
      .filter((d) => !d.gone)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((d) => ({
        key: d.key,
        file: d.name,
        ...(d.title ? { title: d.title } : {}),
        ...(d.year ? { year: d.year } : {}),
        errors: d.diagnostics.filter((x) => x.severity === 'error').length,
      }));
  }

  first(): Direction | undefined {
    return this.byFile.values().next().value;
  }
}

/**
 * The slides of a file checked without errors, laid out as its deck is and
 * drawn as HTML, without building the .pptx (rebuild.ts: withDeck). A layout
 * that fails is the failure the deck would report; when only the page fails,
 * that is one more problem on the page. Nothing to show (errors, or a
 * failure): no `shown`, and the page keeps the last good slides.
 */
export async function slidesOf(
  r: Rebuilt,
  outDir: string,
): Promise<{ shown?: ShownSlides; diagnostics: Diagnostic[] }> {
  const diagnostics = [...r.diagnostics];
  const checked = r.checked;
  if (!checked?.computed || !checked.template || hasErrors(diagnostics)) return { diagnostics };
  const { layoutDeck } = await import('../layout/slides.js');
  let layout: DeckFile['layout'];
  try {
    layout = layoutDeck(checked.computed, checked.template.template);
  } catch (e) {
    return { diagnostics: [...diagnostics, renderFailed(r.file, e)] };
  }
  try {
    const slides = renderSlidesHtml(layout, checked.template);
    const fileName = basename(outputPath(outDir, checked.computed));
    return { shown: { slides, fileName, slideCount: layout.slides.length }, diagnostics };
  } catch (e) {
    // The deck itself can still be built (and downloaded); only its page failed.
    if (process.env['ITOGI_DEBUG']) console.error(e);
    diagnostics.push(
      diagnostic(
        'RenderFailed',
        { file: r.file },
        { stage: 'page', detail: e instanceof Error ? e.message : String(e) },
      ),
    );
    return { diagnostics };
  }
}

/** The lines of every file a problem points into, to quote them on the page. */
export async function sourceLines(r: Rebuilt, cwd: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const d of r.diagnostics) {
    if (d.line <= 0 || out.has(d.file)) continue;
    // The checked file's text is at hand; a template's is read back (it is the file the diagnostic names).
    let text = d.file === r.file ? r.checked?.source?.text : undefined;
    if (text === undefined && /\.ya?ml$/i.test(d.file))
      text = await readFile(resolve(cwd, d.file), 'utf8').catch(() => undefined);
    if (text !== undefined) out.set(d.file, text.split(/\r?\n/));
  }
  return out;
}
