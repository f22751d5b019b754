/** How a diagnostic is printed: one compiler-style line. */
import type { Diagnostic } from './diagnostic.js';
import type { Severity } from './data.js';

const SEVERITY_WORD: Record<Severity, string> = { error: 'ошибка', warning: 'предупреждение' };

export interface FormatOptions {
  /** Also print the English code (and the parser's own code): for developers and bug reports. */
  verbose?: boolean;
}

/**
 * Compiler-style, always one line: `file:line:col: ошибка: field: message; hint`
 * (line/col left out when unknown). With `verbose`, ` [Code: CAUSE]` at the end.
 */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const field = d.field ?? d.path;
  const hint = d.hint && !d.message.includes(d.hint) ? `; ${d.hint}` : '';
  const code = options.verbose ? ` [${d.code}${d.cause ? `: ${d.cause}` : ''}]` : '';
  const line = `${where}: ${SEVERITY_WORD[d.severity]}: ${field ? `${field}: ` : ''}${d.message}${hint}${code}`;
  return line.replace(/\r\n|[\n\r\u2028\u2029]/g, ' ');
}

/** `indicators.items[2].plan` from a zod/yaml path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
