/**
 * The year's city summary in the preview, live: after each rebuild the
 * year's directions (as the core's rules judge them, src/core/years.ts) are
 * summed again and the summary deck's slides shown at /d/<year>/summary/
 * (`summary` is a reserved direction id, so no direction has that address).
 * A year with a direction whose file has errors shows the summary of the
 * others, every slide stamped «НЕПОЛНАЯ СВОДНАЯ» with the missing ones, as
 * `build --incomplete-summary` would write it. The .pptx is built when
 * downloaded (the same bytes as `itogi build` would write for that summary).
 */
import { buildSummary, layoutYearSummary, type DeckFile } from '../api.js';
import { missingNames, type YearPlan } from '../core/years.js';
import { hasErrors, type Diagnostic } from '../errors.js';
import { renderFailed } from '../failures.js';
import { renderSlidesHtml } from '../render/html.js';
import type { Direction, Directions } from './directions.js';

/** The title the list and the page give a year's summary. */
const titleOf = (year: number) => `Сводная по городу за ${year} год`;

/**
 * Shows every year's summary as the files are now; `changed` is told of each
 * summary whose slides changed (or that appeared or went), to tell the pages.
 */
export async function showSummaries(o: {
  directions: Directions;
  years: YearPlan[];
  outDir: string;
  changed(d: Direction): void;
  err(line: string): void;
  /** The years a save may have changed (the workspace's update says which); default every year. */
  redo?: ReadonlySet<number>;
}): Promise<void> {
  const shown = new Set<number>();
  for (const plan of o.years) {
    if (!plan.summary) continue;
    const summary = plan.summary;
    shown.add(plan.year);
    const d = o.directions.ofSummary(plan.year, titleOf(plan.year));
    // A year no save touched keeps the summary shown: laying it out again would give the same slides.
    if (o.redo && !o.redo.has(plan.year) && d.good && !d.gone) continue;
    // Named as `build --incomplete-summary` names them on its slides.
    const missing = plan.state === 'incomplete' ? missingNames(plan) : [];
    let slides: string;
    let slideCount: number;
    const diagnostics: Diagnostic[] = [];
    try {
      const layout = await layoutYearSummary(summary, missing);
      slides = renderSlidesHtml(layout, summary.template);
      slideCount = layout.slides.length;
    } catch (e) {
      diagnostics.push(renderFailed(titleOf(plan.year), e));
      slides = '';
      slideCount = 0;
    }
    if (!d.gone && d.good?.slides === slides && !hasErrors(d.diagnostics) && diagnostics.length === 0) continue;
    let built: Promise<DeckFile> | undefined;
    d.gone = false;
    d.diagnostics = diagnostics;
    if (slides !== '')
      d.good = {
        slides,
        slideCount,
        fileName: 'summary.pptx',
        deck: () => {
          built ??= buildSummary(summary, o.outDir, missing);
          // A summary that cannot be built is a line on the terminal; the page says it is not built.
          return built.catch((e: unknown) => {
            o.err(`${titleOf(plan.year)}: не собрана: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
          });
        },
      };
    d.version++;
    o.directions.listVersion++;
    for (const x of diagnostics) o.err(x.message);
    o.changed(d);
  }
  // A year that has no summary any more (fewer than two valid directions): its page says so.
  for (const d of o.directions.summaries()) {
    if (shown.has(d.year!) || d.gone) continue;
    d.gone = true;
    d.good = undefined;
    d.version++;
    o.directions.listVersion++;
    o.changed(d);
  }
}
