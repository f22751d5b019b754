/**
 * A template's warning (colours of too low a contrast) comes with every file
 * that uses the template, located at the template's line: twelve directions
 * would print it twelve times. A runner says such a warning with the first
 * file that has it and not again, until the template is read afresh (a save
 * of it). A warning located in another file than the one checked is the
 * template's; the file's own warnings are always said.
 */
import type { Diagnostic } from '../errors.js';

const keyOf = (d: Diagnostic) => JSON.stringify([d.code, d.file, d.line, d.col, d.message]);

export class SaidOnce {
  private readonly said = new Set<string>();

  /** What to say of a file: its diagnostics, less the warnings of another file already said. */
  unsaid(file: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.filter((d) => {
      if (d.severity !== 'warning' || d.file === file) return true;
      const key = keyOf(d);
      if (this.said.has(key)) return false;
      this.said.add(key);
      return true;
    });
  }

  /** The templates are read again: their warnings are news again. */
  forget(): void {
    this.said.clear();
  }
}
