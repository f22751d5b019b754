/**
 * The error catalogue, in its own modules under src/errors/ (Astro's
 * core/errors shape): data.ts the codes, their params and Russian messages;
 * diagnostic.ts a located diagnostic; format.ts the one-line printing;
 * error.ts the error the library throws; grammar.ts plural forms and bounds;
 * system.ts a system error code (EBUSY…) in words; zodMap.ts the zod error map.
 * Imported through this file, except zodMap.ts: it loads zod, and this file is
 * on every path (`itogi --help` too), so its two users import it directly.
 */
export { boundPhrase } from './errors/grammar.js';
export {
  CATALOGUE,
  pdfFailureText,
  type DiagnosticCode,
  type NotNumber,
  type ParamsOf,
  type PdfFailure,
  type PictureProblem,
  type SheetValueProblem,
} from './errors/data.js';
export { byPosition, diagnostic, hasErrors, type Diagnostic } from './errors/diagnostic.js';
export { formatDiagnostic, formatPath } from './errors/format.js';
export { ItogiError } from './errors/error.js';
export { writeFailureReason } from './errors/system.js';
