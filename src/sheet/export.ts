/**
 * Direction files → the table officials fill (.xlsx or .csv by the name
 * asked for). Only valid files are exported; a file with errors is reported
 * with its located errors and left out. The same files give the same bytes.
 */
import { extname } from 'node:path';
import { type CheckedFile, checkFiles } from '../api.js';
import { type Diagnostic, hasErrors } from '../errors.js';
import { writeCsv } from './csv.js';
import { directionRows, type SheetDirection } from './model.js';
import { writeWorkbook } from './xlsx.js';

export type TableFormat = 'xlsx' | 'csv';

/** .xlsx or .csv by the file name; undefined for anything else. */
export function tableFormat(path: string): TableFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : undefined;
}

export interface ExportedTable {
  bytes: Uint8Array;
  directions: SheetDirection[];
  /** The problems of files left out (errors), and their warnings. */
  diagnostics: Diagnostic[];
}

/** The table of every valid file among `files` (in path order, as given), or undefined when none is valid. */
export async function exportTable(
  files: readonly string[],
  format: TableFormat,
  cwd: string,
): Promise<ExportedTable | { diagnostics: Diagnostic[]; bytes?: undefined }> {
  return tableOf(await checkFiles(files, { cwd }), format);
}

/** The table of files already checked (`itogi publish` has checked them for its pages). */
export async function tableOf(
  checked: readonly CheckedFile[],
  format: TableFormat,
): Promise<ExportedTable | { diagnostics: Diagnostic[]; bytes?: undefined }> {
  const diagnostics = checked.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error'));
  const directions = checked.flatMap((f) =>
    f.computed && !hasErrors(f.diagnostics) ? [directionRows(f.file, f.computed.content)] : [],
  );
  if (directions.length === 0) return { diagnostics };
  if (format === 'csv') return { bytes: Buffer.from(writeCsv(directions), 'utf8'), directions, diagnostics };
  // Dated by the latest report date, never the clock: the same files give the same workbook.
  const latest = checked
    .flatMap((f) => (f.computed && !hasErrors(f.diagnostics) ? [f.computed.content.report.date] : []))
    .sort()
    .at(-1);
  return { bytes: await writeWorkbook(directions, new Date(`${latest}T00:00:00Z`)), directions, diagnostics };
}
