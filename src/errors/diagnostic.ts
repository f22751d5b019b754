/** A located diagnostic made from the catalogue, and what is asked of a file's diagnostics. */
import { CATALOGUE, type DiagnosticCode, type Entry, type ParamsOf, type Reason, type Severity } from './data.js';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  col: number;
  /** Field path such as `indicators.items[2].plan`, when the problem is in one field. */
  path?: string;
  /** The field as people name it: «показатель № 64 (indicators.items[3]).fact»; printed instead of `path`. */
  field?: string;
  /** The message template's params (absent for a diagnostic built from free text). */
  params?: unknown;
  /** What is wrong (without the hint). */
  message: string;
  /** What to do (always set by `diagnostic()`). */
  hint?: string;
  /** The underlying parser's or validator's own code (TAB_AS_INDENT, too_big), shown only with --verbose. */
  cause?: string;
}

export interface Location {
  file: string;
  line?: number;
  col?: number;
  path?: string;
  field?: string;
}

/**
 * A located diagnostic from the catalogue: `params` fill the code's message
 * template and hint. A string instead of params is a message written where
 * the error is raised (the code's hint is still added, once).
 */
export function diagnostic<C extends DiagnosticCode>(
  code: C,
  at: Location,
  params: ParamsOf<C> | (ParamsOf<C> extends Reason ? string : never),
  options: { cause?: string } = {},
): Diagnostic {
  const entry = CATALOGUE[code] as Entry<ParamsOf<C>>;
  const typed = typeof params !== 'string';
  const message = typed ? entry.message(params) : params;
  const hint = (typed ? entry.hintFor?.(params) : undefined) ?? entry.hint;
  return {
    code,
    severity: entry.severity,
    file: at.file,
    line: at.line ?? 0,
    col: at.col ?? 0,
    ...(at.path ? { path: at.path } : {}),
    ...(at.field ? { field: at.field } : {}),
    ...(typed ? { params } : {}),
    message,
    hint,
    ...(options.cause ? { cause: options.cause } : {}),
  };
}

/** Order of a file's diagnostics: by line, then column. */
export const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.col - b.col;

export const hasErrors = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === 'error');
