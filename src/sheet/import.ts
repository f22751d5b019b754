/**
 * A filled table back into the direction files: each row found by its key
 * (year/direction.id/number, whatever the row's place after sorting), each
 * changed plan, fact, name or unit written through the one edit primitive
 * (src/source/edit.ts), so only those values' bytes change.
 *
 * All or nothing: the plan is made first (every cell judged, every edited
 * file validated as `check` validates it) and nothing is written while any
 * error stands. A bad cell is named by sheet and cell; a row that matches no
 * indicator and an indicator the table lacks are named as warnings.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { checkFiles, displayPath } from '../api.js';
import { parseSource } from '../content/load.js';
import { positionOfPath } from '../content/locate.js';
import type { Content } from '../content/schema.js';
import { validateSource } from '../content/validate.js';
import {
  type Diagnostic,
  diagnostic,
  formatPath,
  hasErrors,
  type ParamsOf,
  type SheetValueProblem,
} from '../errors.js';
import { checkFailed } from '../failures.js';
import { WriteError, writeAtomic } from '../output/write.js';
import { EditError, type ScalarEdit, setScalars } from '../source/edit.js';
import { FORBIDDEN_CHAR } from '../source/forbidden.js';
import { oneLine, shorten } from '../source/quote.js';
import { type CellValue, cellText, judgeCell, shownText } from './cells.js';
import { readCsv } from './csv.js';
import { parseKey } from './model.js';
import { type ReadCell, type ReadRow, type ReadTable, readWorkbook } from './xlsx.js';

export type Field = 'name' | 'unit' | 'plan' | 'fact';

const FORBIDDEN_ALL = new RegExp(FORBIDDEN_CHAR.source, 'g');

/** A cell's text for a one-line message: line breaks as «↵», control characters named, at most 60 characters. */
function quoted(value: CellValue): string {
  const visible = shownText(value).replace(
    FORBIDDEN_ALL,
    (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
  return shorten(oneLine(visible), 60);
}

/** One value that changes: where in the table, which file and indicator, before and after. */
export interface Change {
  /** The direction file, as messages name it. */
  file: string;
  /** «Лист «Экономика», E7» (a CSV: «E7»). */
  cell: string;
  /** The sheet's name (none for a CSV) and the cell's address, E7. */
  sheet?: string;
  address: string;
  number: number;
  field: Field;
  before: string | number | null;
  after: string | number | null;
}

/** A file's text before and after the import. */
interface FileWrite {
  path: string;
  file: string;
  before: string;
  after: string;
}

export interface ImportPlan {
  changes: Change[];
  /** Errors stop every write; warnings (unknown rows, indicators the table lacks) do not. */
  diagnostics: Diagnostic[];
  writes: FileWrite[];
}

/** A table's name in messages: «Лист «Экономика»», or nothing for a CSV. */
const sheetLabel = (table: ReadTable) => (table.sheet === undefined ? undefined : `Лист «${table.sheet}»`);
const cellLabel = (table: ReadTable, cell: ReadCell) =>
  [sheetLabel(table), cell.address].filter((x) => x !== undefined).join(', ');
const rowLabel = (table: ReadTable, row: ReadRow) =>
  [sheetLabel(table), `строка ${row.row}`].filter((x) => x !== undefined).join(', ');

/** The tables of an .xlsx or .csv file, or why it cannot be read. */
export async function readTables(path: string, name: string): Promise<ReadTable[] | Diagnostic> {
  const ext = extname(path).toLowerCase();
  const unreadable = (why: ParamsOf<'SheetUnreadable'>) => diagnostic('SheetUnreadable', { file: name }, why);
  if (ext !== '.xlsx' && ext !== '.csv') return unreadable({ kind: 'extension' });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return unreadable(code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code });
  }
  let tables: ReadTable[];
  if (ext === '.csv') {
    const table = readCsv(bytes);
    tables = table ? [table] : [];
  } else {
    try {
      tables = await readWorkbook(bytes);
    } catch {
      return unreadable({ kind: 'notXlsx' });
    }
  }
  if (tables.length === 0) return unreadable({ kind: 'notExport' });
  return tables;
}

interface Target {
  /** Absolute path of the direction file. */
  path: string;
  file: string;
  content: Content;
  source: NonNullable<Awaited<ReturnType<typeof checkFiles>>[number]['source']>;
  /** Indicator number → index in indicators.items. */
  byNumber: Map<number, number>;
  seen: Set<number>;
  edits: (ScalarEdit & { change: Change; shown: string })[];
  /** The tables its rows came from, for the message about indicators they lack. */
  tables: Set<string>;
}

const same = (a: string | number | null, b: string | number | null) => a === b;

/**
 * Judges every row of `tables` against the direction files and makes the new
 * texts; writes nothing. `files` are the YAML files to match rows with
 * (absolute, as collectFiles gives them).
 */
export async function planImport(
  tables: readonly ReadTable[],
  tableName: string,
  files: readonly string[],
  cwd: string,
): Promise<ImportPlan> {
  const diagnostics: Diagnostic[] = [];
  const checked = await checkFiles(files, { cwd });
  const targets = new Map<string, Target>();
  for (const [i, file] of checked.entries()) {
    diagnostics.push(...file.diagnostics.filter((d) => d.severity === 'error'));
    const content = file.computed?.content;
    if (!content || !file.source || hasErrors(file.diagnostics)) continue;
    targets.set(`${content.report.year}/${content.direction.id}`, {
      path: resolve(cwd, files[i]!),
      file: file.file,
      content,
      source: file.source,
      byNumber: new Map(content.indicators.items.map((item, index) => [item.number, index])),
      seen: new Set(),
      edits: [],
      tables: new Set(),
    });
  }
  const at = (table: ReadTable, cell: ReadCell) => ({ file: tableName, field: cellLabel(table, cell) });
  const reject = (table: ReadTable, cell: ReadCell, problem: SheetValueProblem) =>
    diagnostics.push(diagnostic('SheetValue', at(table, cell), { shown: quoted(cell.value), ...problem }));
  const unknown = (table: ReadTable, row: ReadRow, why: ParamsOf<'SheetUnknownRow'>) =>
    diagnostics.push(diagnostic('SheetUnknownRow', { file: tableName, field: rowLabel(table, row) }, why));
  const keyRows = new Map<string, string>();

  for (const table of tables) {
    for (const row of table.rows) {
      const { cells } = row;
      const keyText = cells.key ? cellText(cells.key.value) : undefined;
      if (keyText === undefined) {
        const filled = (['number', 'name', 'unit', 'plan', 'fact'] as const).some(
          (id) => cells[id] && cells[id].value.kind !== 'empty',
        );
        if (filled) unknown(table, row, { kind: 'noKey' });
        continue;
      }
      const key = parseKey(keyText);
      const target = key ? targets.get(`${key.year}/${key.id}`) : undefined;
      const index = key && target ? target.byNumber.get(key.number) : undefined;
      if (!key || !target || index === undefined) {
        unknown(table, row, key ? { kind: 'notInYaml', ...key } : { kind: 'foreignKey', key: keyText });
        continue;
      }
      const first = keyRows.get(keyText);
      if (first !== undefined) {
        reject(table, cells.key!, { kind: 'duplicateRow', number: key.number, first });
        continue;
      }
      keyRows.set(keyText, rowLabel(table, row));
      target.seen.add(key.number);
      target.tables.add(table.sheet === undefined ? 'таблица' : `лист «${table.sheet}»`);
      rowEdits(table, row, target, key.number, index, reject);
    }
  }

  for (const target of targets.values()) {
    if (target.tables.size === 0) continue;
    for (const [number, index] of target.byNumber) {
      if (target.seen.has(number)) continue;
      const path = ['indicators', 'items', index];
      const where = { file: target.file, ...positionOfPath(target.source, path), field: `показатель № ${number}` };
      diagnostics.push(diagnostic('SheetMissingIndicator', where, { sheet: [...target.tables].join(', ') }));
    }
  }

  const writes: FileWrite[] = [];
  const changes: Change[] = [];
  for (const target of targets.values()) {
    if (target.edits.length === 0) continue;
    const made = await newText(target, tableName);
    if ('diagnostics' in made) diagnostics.push(...made.diagnostics);
    else writes.push(made);
    changes.push(...target.edits.map((e) => e.change));
  }
  return { changes, diagnostics, writes };
}

/** The row's changed values as edits of its target file; a cell that is no value is rejected. */
function rowEdits(
  table: ReadTable,
  row: ReadRow,
  target: Target,
  number: number,
  index: number,
  reject: (table: ReadTable, cell: ReadCell, problem: SheetValueProblem) => void,
): void {
  const { cells } = row;
  const item = target.content.indicators.items[index]!;
  if (cells.number) {
    const judged = judgeCell(cells.number.value);
    if (judged.kind !== 'number' || judged.value !== number) {
      reject(table, cells.number, { kind: 'numberChanged', number });
      return;
    }
  }
  const add = (field: Field, cell: ReadCell, after: string | number | null, edit?: { after?: string }) => {
    const before = field === 'fact' ? (item.fact ?? null) : item[field];
    if (same(before, after)) return;
    const change: Change = {
      file: target.file,
      cell: cellLabel(table, cell),
      ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
      address: cell.address,
      number,
      field,
      before,
      after,
    };
    target.edits.push({
      path: ['indicators', 'items', index, field],
      value: after,
      ...edit,
      change,
      shown: quoted(cell.value),
    });
  };
  for (const field of ['name', 'unit'] as const) {
    const cell = cells[field];
    if (!cell) continue;
    const text = cellText(cell.value) ?? '';
    // Word's Shift+Enter pastes U+000B: the deck's XML cannot hold it (src/source/forbidden.ts).
    const bad = FORBIDDEN_CHAR.exec(text)?.[0];
    if (bad === undefined) add(field, cell, text);
    else reject(table, cell, { kind: 'forbiddenChar', char: bad.charCodeAt(0) });
  }
  for (const field of ['plan', 'fact'] as const) {
    const cell = cells[field];
    if (!cell) continue;
    const judged = judgeCell(cell.value);
    if (judged.kind === 'rejected') reject(table, cell, { kind: 'notNumber', cell: judged.why });
    else if (judged.kind === 'pending' && field === 'plan') reject(table, cell, { kind: 'emptyPlan' });
    else add(field, cell, judged.kind === 'number' ? judged.value : null, field === 'fact' ? { after: 'plan' } : {});
  }
}

/** The target's new text, validated as `check` validates a file; errors on an edited value point to its cell. */
async function newText(target: Target, tableName: string): Promise<FileWrite | { diagnostics: Diagnostic[] }> {
  const before = await readFile(target.path, 'utf8');
  let after: string;
  // The edited text parsed once, as the loader parses a file: for the edit's own check and for validation.
  let reparsed: ReturnType<typeof parseSource> | undefined;
  const reparse = (text: string) => {
    reparsed = parseSource(target.file, text);
    return reparsed.source?.doc;
  };
  try {
    after = setScalars(before, target.edits, { parsed: target.source, reparse });
  } catch (e) {
    if (!(e instanceof EditError)) return { diagnostics: [checkFailed(target.file, e)] };
    const edit = target.edits.find((x) => formatPath(x.path) === formatPath(e.path)) ?? target.edits[0]!;
    // Said at a cell: the edited text did not parse (what the loader refuses, such as a control character).
    const why = reparsed?.source ? e.message : (reparsed?.diagnostics[0]?.message ?? e.message);
    return {
      diagnostics: [
        diagnostic(
          'SheetValue',
          { file: tableName, field: edit.change.cell },
          { shown: edit.shown, kind: 'notWritten', file: target.file, detail: why },
        ),
      ],
    };
  }
  const problems = reparsed?.source
    ? validateSource(reparsed.source).diagnostics.filter((d) => d.severity === 'error')
    : [];
  if (problems.length === 0) return { path: target.path, file: target.file, before, after };
  return { diagnostics: cellProblems(target, tableName, problems) };
}

/** The edited file's problems: each one on an edited value is said at its cell, the rest as they are. */
function cellProblems(target: Target, tableName: string, problems: readonly Diagnostic[]): Diagnostic[] {
  return problems.map((d) => {
    const edit = target.edits.find((x) => formatPath(x.path) === d.path);
    if (!edit) return d;
    const where = { file: tableName, field: edit.change.cell };
    return diagnostic('SheetValue', where, {
      shown: edit.shown,
      kind: 'problem',
      problem: { message: d.message, hint: d.hint },
    });
  });
}

/**
 * Writes the planned texts, each file atomically (temp file + rename), after
 * checking that none changed on disk since it was read. Nothing is written
 * when the plan has an error or any file changed. The problems, if any.
 */
export async function applyImport(plan: ImportPlan, cwd: string): Promise<Diagnostic[]> {
  if (hasErrors(plan.diagnostics)) return [];
  const changed: Diagnostic[] = [];
  for (const w of plan.writes) {
    const now = await readFile(w.path, 'utf8').catch(() => undefined);
    if (now !== w.before) changed.push(diagnostic('SheetFileChanged', { file: displayPath(w.path, cwd) }, {}));
  }
  if (changed.length > 0) return changed;
  const failed: Diagnostic[] = [];
  for (const w of plan.writes) {
    try {
      await writeAtomic(w.path, Buffer.from(w.after, 'utf8'));
    } catch (e) {
      const code = e instanceof WriteError ? e.code : (e as NodeJS.ErrnoException).code;
      failed.push(diagnostic('SheetWriteFailed', { file: w.file }, { code }));
    }
  }
  return failed;
}
