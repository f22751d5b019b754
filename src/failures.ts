/**
 * An unexpected failure is one line naming the file, not a stack trace
 * (ITOGI_DEBUG=1 shows it): while checking it is an internal error, while
 * rendering a deck it is a failed build.
 */
import { diagnostic, type Diagnostic } from './errors.js';

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function checkFailed(file: string, e: unknown): Diagnostic {
  if (process.env['ITOGI_DEBUG']) console.error(e);
  return diagnostic('InternalError', { file }, { stage: 'check', detail: why(e) });
}

export function renderFailed(file: string, e: unknown): Diagnostic {
  if (process.env['ITOGI_DEBUG']) console.error(e);
  return diagnostic('RenderFailed', { file }, { stage: 'deck', detail: why(e) });
}
