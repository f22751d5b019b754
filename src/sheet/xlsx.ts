/**
 * The table as an .xlsx workbook (exceljs): written for officials to fill,
 * read back from whatever saved it last (Excel, LibreOffice, Р7, МойОфис).
 *
 * Written: a sheet per direction (model.ts says why); the header frozen with
 * a filter; numbers formatted as Russian Excel shows them («5 176», «80,4»);
 * plan and fact checked as numbers (a warning, so «н/д» can still be typed);
 * number, name and the hidden key locked by sheet protection without a
 * password (Рецензирование → Снять защиту lifts it); the «Примечание» column
 * a formula that says «данные ожидаются» while the fact is empty. The bytes
 * are the same for the same content: the zip is written again with the
 * report's date (exceljs dates every zip entry with the clock).
 */
import type { Cell, CellValue as ExcelValue, Workbook, Worksheet } from 'exceljs';
import { readZip, writeZip } from '../render/package/zip.js';
import type { CellValue } from './cells.js';
import {
  COLUMNS,
  type ColumnId,
  decimals,
  PENDING_NOTE,
  type SheetDirection,
  sheetNames,
  XLSX_COLUMNS,
} from './model.js';

/**
 * exceljs is loaded when a workbook is written or read: check and build never load it.
 * Its Workbook module alone: the package's index also loads the streaming reader and writer
 * (unzipper, tmp…), about half of its load time, which a workbook of a few sheets does not use.
 */
async function newWorkbook(): Promise<Workbook> {
  const { default: WorkbookClass } = await import('exceljs/lib/doc/workbook.js');
  return new WorkbookClass();
}

const WIDTHS: Record<ColumnId, number> = {
  direction: 30,
  number: 7,
  name: 70,
  unit: 18,
  plan: 16,
  fact: 16,
  note: 20,
  key: 12,
};

/** Plan and fact: what the deck accepts (LIMITS.magnitude in the content schema). */
const MAGNITUDE = 1e12;

/** «5 176», «80,4», «1 234 567,50» in a Russian spreadsheet: grouped, as many decimals as the row's values have. */
function numberFormat(places: number): string {
  return places === 0 ? '#,##0' : `#,##0.${'0'.repeat(places)}`;
}

const letter = (id: ColumnId) => String.fromCharCode(65 + XLSX_COLUMNS.indexOf(id));

function addDirection(workbook: Workbook, name: string, direction: SheetDirection): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: `${letter('fact')}2` }],
  });
  sheet.columns = XLSX_COLUMNS.map((id) => ({
    header: COLUMNS[id],
    key: id,
    width: WIDTHS[id],
    hidden: id === 'key',
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  const factColumn = letter('fact');
  for (const row of direction.rows) {
    const places = Math.max(decimals(row.plan), row.fact === null ? 0 : decimals(row.fact));
    const added = sheet.addRow({
      number: row.number,
      name: row.name,
      unit: row.unit,
      plan: row.plan,
      fact: row.fact,
      key: row.key,
    });
    const r = added.number;
    added.getCell('note').value = {
      formula: `IF(ISNUMBER(${factColumn}${r}),"","${PENDING_NOTE}")`,
      result: row.fact === null ? PENDING_NOTE : '',
    };
    added.getCell('name').alignment = { vertical: 'top', wrapText: true };
    added.getCell('unit').protection = { locked: false };
    for (const id of ['plan', 'fact'] as const) {
      const cell = added.getCell(id);
      cell.numFmt = numberFormat(places);
      cell.protection = { locked: false };
      cell.dataValidation = numberValidation(id);
    }
  }
  sheet.autoFilter = `A1:${letter('key')}${Math.max(1, direction.rows.length + 1)}`;
  return sheet;
}

function numberValidation(id: 'plan' | 'fact') {
  return {
    type: 'decimal' as const,
    operator: 'between' as const,
    formulae: [-MAGNITUDE, MAGNITUDE],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: id === 'plan' ? 'План' : 'Факт',
    prompt:
      id === 'plan'
        ? 'Число, например 72 или 80,4'
        : 'Число, например 80,4. Данных ещё нет — оставьте пустым или напишите «н/д»',
    showErrorMessage: true,
    // A warning, not a stop: «н/д» in a fact cell is allowed after it.
    errorStyle: 'warning' as const,
    errorTitle: 'Не число',
    error: 'Нужно число, например 1 234,5 (не больше 1 000 000 000 000 по модулю). Оставить как есть?',
  };
}

/** The workbook's bytes: one sheet per direction, in the order given; `modified` dates it (not the clock). */
export async function writeWorkbook(directions: readonly SheetDirection[], modified: Date): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'itogi';
  workbook.lastModifiedBy = 'itogi';
  workbook.created = modified;
  workbook.modified = modified;
  const names = sheetNames(directions);
  for (const [i, direction] of directions.entries()) {
    const sheet = addDirection(workbook, names[i]!, direction);
    // No password: protection keeps hands off the number and name, it is not a lock (and a password's salt is random).
    await sheet.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      sort: true,
      autoFilter: true,
    });
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return writeZip(readZip(bytes), modified);
}

// ---------------------------------------------------------------- reading

/** One cell read back: where it is (E7) and what it holds. */
export interface ReadCell {
  address: string;
  value: CellValue;
}

export interface ReadRow {
  /** 1-based, as the spreadsheet numbers it. */
  row: number;
  cells: Partial<Record<ColumnId, ReadCell>>;
}

/** A table read back: a sheet of a workbook (its name) or a CSV (no name). */
export interface ReadTable {
  sheet?: string;
  /** Which columns were found by their header. */
  columns: ColumnId[];
  rows: ReadRow[];
}

const HEADERS = new Map(Object.entries(COLUMNS).map(([id, header]) => [header.toLowerCase(), id as ColumnId]));

/** A header row's columns by their text (any order; unknown columns ignored). */
export function columnsOf(headers: readonly (string | undefined)[]): Map<number, ColumnId> {
  const found = new Map<number, ColumnId>();
  for (const [i, text] of headers.entries()) {
    const id = text === undefined ? undefined : HEADERS.get(text.trim().toLowerCase());
    if (id && ![...found.values()].includes(id)) found.set(i, id);
  }
  return found;
}

/** A column number (1-based) → its letters: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let out = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as a Russian spreadsheet shows it (the cell holds one where a number was meant). */
const dateText = (d: Date) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;

const isPercent = (numFmt: string | undefined) => numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"/g, ''));

/** exceljs's value of a cell (or a formula's cached result) → what it holds. */
function heldIn(value: ExcelValue | undefined, numFmt: string | undefined, formula?: string): CellValue {
  if (value === null || value === undefined) {
    if (formula !== undefined)
      return {
        kind: 'other',
        shown: `=${formula}`,
        why: 'formula',
      };
    return { kind: 'empty' };
  }
  if (typeof value === 'number') return { kind: 'number', value, percent: isPercent(numFmt) };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'other', shown: value ? 'ИСТИНА' : 'ЛОЖЬ', why: 'boolean' };
  if (value instanceof Date) return { kind: 'other', shown: dateText(value), why: 'date' };
  if ('error' in value) return { kind: 'other', shown: String(value.error), why: 'error' };
  if ('richText' in value) return heldIn(value.richText.map((r) => r.text).join(''), numFmt);
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
    return heldIn(f.result as ExcelValue, numFmt, f.formula ?? f.sharedFormula ?? '');
  }
  if ('text' in value && typeof value.text === 'string') return heldIn(value.text, numFmt);
  return { kind: 'other', shown: '?', why: 'other' };
}

function readCell(cell: Cell): CellValue {
  return heldIn(cell.value, cell.numFmt);
}

/** How many top rows are searched for the header (a title row or two above it is allowed). */
const HEADER_SEARCH = 5;

/** The sheets that carry the key column, read into tables; sheets without it are not the export's and are left out. */
export async function readWorkbook(bytes: Uint8Array): Promise<ReadTable[]> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const tables: ReadTable[] = [];
  for (const sheet of workbook.worksheets) {
    let headerRow = 0;
    let columns = new Map<number, ColumnId>();
    for (let r = 1; r <= Math.min(HEADER_SEARCH, sheet.rowCount); r++) {
      const row = sheet.getRow(r);
      const texts: (string | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const v = readCell(cell);
        texts[col] = v.kind === 'text' ? v.text : undefined;
      });
      const found = columnsOf(texts);
      if ([...found.values()].includes('key')) {
        headerRow = r;
        columns = found;
        break;
      }
    }
    if (headerRow === 0) continue;
    const rows: ReadRow[] = [];
    // Rows that hold a value only: a sheet formatted down to its millionth row is not walked row by row.
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      if (r <= headerRow) return;
      const cells: Partial<Record<ColumnId, ReadCell>> = {};
      for (const [col, id] of columns) {
        cells[id] = { address: `${columnLetters(col)}${r}`, value: readCell(row.getCell(col)) };
      }
      rows.push({ row: r, cells });
    });
    tables.push({ sheet: sheet.name, columns: [...columns.values()], rows });
  }
  return tables;
}
