/**
 * `itogi export` and `itogi import`: the table officials fill, out of and
 * back into the direction files. The rules are src/sheet/'s; this prints
 * them: located lines, the было → стало table, one closing line, the exit code.
 */
import { plural } from '../compute/plural.js';
import { resolve } from 'node:path';
import { displayPath } from '../api.js';
import { formatNumber } from '../compute/format.js';
import { type Diagnostic, diagnostic, formatDiagnostic, hasErrors } from '../errors.js';
import { collectFiles } from '../files.js';
import { writeIfChanged } from '../output/write.js';
import { shorten } from '../source/quote.js';
import type { Change, Field } from '../sheet/import.js';
import type { Io } from '../cli.js';
import type { CliRequest } from './options.js';

type ExportRequest = Extract<CliRequest, { kind: 'export' }>;
type ImportRequest = Extract<CliRequest, { kind: 'import' }>;

function report(io: Io, ds: readonly Diagnostic[], verbose?: boolean) {
  for (const d of ds) io.err(formatDiagnostic(d, { verbose: verbose === true }));
}

export async function runExport(request: ExportRequest, io: Io): Promise<number> {
  const { files, diagnostics: pathProblems } = await collectFiles(request.paths, io.cwd);
  report(io, pathProblems, request.verbose);
  const { exportTable, tableFormat } = await import('../sheet/export.js');
  const format = tableFormat(request.out)!;
  const exported: Awaited<ReturnType<typeof exportTable>> =
    files.length > 0 ? await exportTable(files, format, io.cwd) : { diagnostics: [] };
  report(io, exported.diagnostics, request.verbose);
  if (exported.bytes === undefined) {
    if (files.length > 0) io.err('itogi: таблица не записана: нет ни одного файла без ошибок');
    return 1;
  }
  const path = resolve(io.cwd, request.out);
  let status: 'written' | 'unchanged';
  try {
    status = await writeIfChanged(path, exported.bytes);
  } catch (e) {
    const { code } = e as NodeJS.ErrnoException;
    report(io, [diagnostic('SheetWriteFailed', { file: displayPath(path, io.cwd) }, { code })], request.verbose);
    return 1;
  }
  const rows = exported.directions.reduce((n, d) => n + d.rows.length, 0);
  const n = exported.directions.length;
  io.out(
    `${status === 'written' ? 'записано' : 'без изменений'} ${displayPath(path, io.cwd)}: ${n} ${plural(n, 'направление', 'направления', 'направлений')}, ${rows} ${plural(rows, 'показатель', 'показателя', 'показателей')}`,
  );
  return hasErrors(pathProblems) || hasErrors(exported.diagnostics) ? 1 : 0;
}

const FIELD_NAMES: Record<Field, string> = { plan: 'план', fact: 'факт', name: 'наименование', unit: 'единица' };

function valueText(v: string | number | null): string {
  if (v === null) return 'н/д';
  if (typeof v === 'number') return formatNumber(v);
  return `«${shorten(v, 40)}»`;
}

/** The changes as a table per file: cell, №, field, было → стало. */
export function changeTable(changes: readonly Change[]): string[] {
  const lines: string[] = [];
  const files = [...new Set(changes.map((c) => c.file))];
  for (const file of files) {
    const own = changes.filter((c) => c.file === file);
    const sheets = [...new Set(own.flatMap((c) => (c.sheet === undefined ? [] : [c.sheet])))];
    lines.push(`${file}${sheets.length > 0 ? ` (${sheets.map((s) => `лист «${s}»`).join(', ')})` : ''}:`);
    const rows = [
      ['ячейка', '№', 'поле', 'было', '', 'стало'],
      ...own.map((c) => [
        c.address,
        String(c.number),
        FIELD_NAMES[c.field],
        valueText(c.before),
        '→',
        valueText(c.after),
      ]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) lines.push(`  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  }
  return lines;
}

export async function runImport(request: ImportRequest, io: Io): Promise<number> {
  const { files, diagnostics: pathProblems } = await collectFiles(request.paths, io.cwd);
  report(io, pathProblems, request.verbose);
  if (files.length === 0) {
    // Without a direction file every row would be «not found»: the path is the problem, said once.
    io.err('Ни один файл не изменён: исправьте ошибки и загрузите таблицу снова.');
    return 1;
  }
  const { applyImport, planImport, readTables } = await import('../sheet/import.js');
  const tableName = displayPath(request.table, io.cwd);
  const tables = await readTables(resolve(io.cwd, request.table), tableName);
  if (!Array.isArray(tables)) {
    report(io, [tables], request.verbose);
    return 1;
  }
  const plan = await planImport(tables, tableName, files, io.cwd);
  report(io, plan.diagnostics, request.verbose);
  const count = plan.changes.length;
  const fileCount = new Set(plan.changes.map((c) => c.file)).size;
  const values = `${count} ${plural(count, 'значение', 'значения', 'значений')} в ${fileCount} ${plural(fileCount, 'файле', 'файлах', 'файлах')}`;
  if (hasErrors(pathProblems) || hasErrors(plan.diagnostics)) {
    io.err('Ни один файл не изменён: исправьте ошибки и загрузите таблицу снова.');
    return 1;
  }
  if (count === 0) {
    io.out('Изменений нет: файлы совпадают с таблицей.');
    return 0;
  }
  for (const line of changeTable(plan.changes)) io.out(line);
  if (request.dryRun) {
    io.out(`Будет изменено: ${values} (--dry-run: ничего не записано).`);
    return 0;
  }
  const failed = await applyImport(plan, io.cwd);
  if (failed.length > 0) {
    report(io, failed, request.verbose);
    return 1;
  }
  io.out(`Изменено: ${values}.`);
  return 0;
}
