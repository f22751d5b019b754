/**
 * The error catalogue, in its own modules under src/errors/ (Astro's
 * core/errors shape): data.ts the codes, their params and Russian messages;
 * diagnostic.ts a located diagnostic; format.ts the one-line printing;
 * error.ts the error the library throws; grammar.ts plural forms and bounds;
 * system.ts a system error code (EBUSY…) in words.
 * Imported through this file.
 */
export { boundPhrase } from './errors/grammar.js';
export {
  CATALOGUE,
  pdfFailureText,
  type BoundParams,
  type DiagnosticCode,
  type ParamsOf,
  type PdfFailure,
  type PictureProblem,
} from './errors/data.js';
export { byPosition, diagnostic, hasErrors, type Diagnostic } from './errors/diagnostic.js';
export { formatDiagnostic, formatPath } from './errors/format.js';
export { ItogiError } from './errors/error.js';
export { writeFailureReason } from './errors/system.js';
