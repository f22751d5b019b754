/** The error the library throws: a file's diagnostics, never a stack trace for users. */
import type { Diagnostic } from './diagnostic.js';
import { formatDiagnostic } from './format.js';

/** What the library API throws: the file's diagnostics, never a stack trace for users. */
export class ItogiError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'ItogiError';
    this.diagnostics = diagnostics;
  }
}
