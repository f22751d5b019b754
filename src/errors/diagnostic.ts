/** A located diagnostic made from the catalogue, and what is asked of a file's diagnostics. */
import { CATALOGUE, type DiagnosticCode, type Entry, type ParamsOf, type Severity } from './data.js';

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
  /** The message template's params. */
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
 * template and hint. Every code takes typed params, never a message written
 * where the error is raised: the Russian text lives in data.ts alone.
 */
export function diagnostic<C extends DiagnosticCode>(
  code: C,
  at: Location,
  params: ParamsOf<C>,
  options: { cause?: string } = {},
): Diagnostic {
  const entry = CATALOGUE[code] as Entry<ParamsOf<C>>;
  const message = entry.message(params);
  const hint = entry.hintFor?.(params) ?? entry.hint;
  return {
    code,
    severity: entry.severity,
    file: at.file,
    line: at.line ?? 0,
    col: at.col ?? 0,
    ...(at.path ? { path: at.path } : {}),
    ...(at.field ? { field: at.field } : {}),
    params,
    message,
    hint,
    ...(options.cause ? { cause: options.cause } : {}),
  };
}

/** Order of a file's diagnostics: by line, then column. */
export const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.col - b.col;

export const hasErrors = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === 'error');
