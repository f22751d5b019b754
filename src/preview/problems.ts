/**
 * Located problems on the page: the same line the terminal prints
 * (formatDiagnostic), then the offending source line with a marker under the
 * column. Pure: the source lines are passed in.
 */
import { formatDiagnostic, hasErrors, type Diagnostic } from '../errors.js';
import { escapeHtml } from '../render/html.js';

/** The renderer's escaping, for the page shell too. */
export { escapeHtml } from '../render/html.js';

/** The marker line under `col` (1-based): tabs kept so it lines up with the source line as shown. */
export function markerLine(sourceLine: string, col: number): string {
  const before = sourceLine.slice(0, Math.max(0, col - 1));
  return `${before.replace(/[^\t]/g, ' ')}^`;
}

/** Lines of a file by its name as diagnostics give it. */
export type SourceLines = ReadonlyMap<string, readonly string[]>;

function excerpt(d: Diagnostic, sources: SourceLines): string {
  const line = d.line > 0 ? sources.get(d.file)?.[d.line - 1] : undefined;
  if (line === undefined) return '';
  const gutter = `${d.line} | `;
  const blank = `${' '.repeat(String(d.line).length)} | `;
  return (
    `<pre class="itogi-source"><span class="itogi-gutter">${escapeHtml(gutter)}</span>${escapeHtml(line)}\n` +
    `<span class="itogi-gutter">${escapeHtml(blank)}</span><span class="itogi-marker">${escapeHtml(markerLine(line, d.col))}</span></pre>`
  );
}

/** The problems block above the slides; '' when there is nothing to say. */
export function problemsHtml(diagnostics: readonly Diagnostic[], sources: SourceLines, hasSlides: boolean): string {
  if (diagnostics.length === 0) return '';
  const errors = hasErrors(diagnostics);
  const heading = errors
    ? hasSlides
      ? 'В файле ошибки: ниже — слайды последней версии без ошибок'
      : 'В файле ошибки: слайды появятся после сохранения без ошибок'
    : 'Предупреждения';
  const items = diagnostics.map(
    (d) =>
      `<li class="itogi-problem itogi-${d.severity}"><p class="itogi-problem-line">${escapeHtml(formatDiagnostic(d))}</p>${excerpt(d, sources)}</li>`,
  );
  return `<section class="itogi-problems${errors ? ' itogi-has-errors' : ''}" role="alert"><h2>${heading}</h2><ul>${items.join('')}</ul></section>`;
}
