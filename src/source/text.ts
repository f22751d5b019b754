/**
 * A direction file's text as written and as the parser reads it: the one
 * place that knows the byte-order mark and the three line ends people's
 * files have (LF, CRLF, and a lone CR as old Mac editors and some
 * spreadsheet exports write). The loader, the edits (edit.ts, listEdit.ts)
 * and the preview's editor all go through it, so an offset in the parsed
 * text is the same offset in the text as written.
 */

const BOM = '\uFEFF';

export interface FileText {
  /** The byte-order mark the file starts with, or ''. */
  bom: string;
  /** The text after the mark, every line end as written. */
  written: string;
  /** `written` with each lone CR as LF: what the parser is given. Same length, same offsets. */
  parsed: string;
}

export function fileText(text: string): FileText {
  const bom = text.startsWith(BOM) ? BOM : '';
  const written = text.slice(bom.length);
  // A lone CR is no line break to the yaml parser: the rest of the file would be one comment line.
  return { bom, written, parsed: written.replace(/\r(?!\n)/g, '\n') };
}

/** The text the parser is given for a file's text (see FileText.parsed). */
export const parserText = (text: string): string => fileText(text).parsed;

const LINE_END = /\r\n|\r|\n/g;

/**
 * The line end, as written, of the line holding `offset` in `written`; for a
 * last line without one, the file's first line end (LF in a one-line file).
 * New lines end as their neighbours do, whatever the file mixes.
 */
export function eolAt(written: string, offset: number): string {
  LINE_END.lastIndex = offset;
  const here = LINE_END.exec(written);
  if (here) return here[0];
  LINE_END.lastIndex = 0;
  return LINE_END.exec(written)?.[0] ?? '\n';
}

/** Whether `s` ends with a line end (LF, or the CR of a lone-CR file). */
export const endsLine = (s: string): boolean => /[\r\n]$/.test(s);

/** Text as typed (a form field, a table cell): every line end as LF. */
export const typedLines = (s: string): string => s.replace(/\r\n?/g, '\n');
