/**
 * The table as CSV, the way Russian Excel writes «CSV (разделители — точки с
 * запятой)»: «;» between fields, CRLF, numbers with a decimal comma. Written
 * in UTF-8 with a byte-order mark (Excel then opens Cyrillic correctly); read
 * in UTF-8 with or without the mark, or in Windows-1251 (what Excel saves as
 * plain «CSV» on a Russian Windows).
 *
 * Hand-written, not exceljs's CSV: that reader converts fields to numbers and
 * dates by its own rules, and import has to judge each field as it was typed.
 */
import type { CellValue } from './cells.js';
import { COLUMNS, CSV_COLUMNS, PENDING_NOTE, type SheetDirection } from './model.js';
import { columnLetters, columnsOf, type ReadCell, type ReadRow, type ReadTable } from './xlsx.js';

const BOM = '\uFEFF';

/** A number with a decimal comma and no grouping: what Russian Excel reads back as a number. */
const numberText = (n: number) => String(n).replace('.', ',');

function field(text: string): string {
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's text (a BOM first): a header, then one line per indicator, directions in the order given. */
export function writeCsv(directions: readonly SheetDirection[]): string {
  const lines = [CSV_COLUMNS.map((id) => COLUMNS[id]).join(';')];
  for (const d of directions) {
    for (const row of d.rows) {
      const values: Record<(typeof CSV_COLUMNS)[number], string> = {
        direction: d.name,
        number: String(row.number),
        name: row.name,
        unit: row.unit,
        plan: numberText(row.plan),
        fact: row.fact === null ? '' : numberText(row.fact),
        note: row.fact === null ? PENDING_NOTE : '',
        key: row.key,
      };
      lines.push(CSV_COLUMNS.map((id) => field(values[id])).join(';'));
    }
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Bytes → text: UTF-8 (a BOM or valid UTF-8), else Windows-1251. */
function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** Records of fields (RFC 4180: quoted fields may hold «;», quotes doubled, line breaks). */
function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(value);
    value = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else value += c;
      i++;
      continue;
    }
    if (c === '"' && value === '') quoted = true;
    else if (c === separator) endField();
    else if (c === '\n' || c === '\r') {
      endField();
      records.push(record);
      record = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else value += c;
    i++;
  }
  if (value !== '' || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

/** «;» as Russian Excel writes; a file saved with tabs or commas is read with those. */
const SEPARATORS = [';', '\t', ','];

const cellValue = (text: string): CellValue => (text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text });

/** The CSV as a table: its header found by the column names (the key column must be there), every field as text. */
export function readCsv(bytes: Uint8Array): ReadTable | undefined {
  const text = decodeCsv(bytes);
  // The separator is the one that shows a header with the key column.
  let records: string[][] = [];
  let headerIndex = -1;
  for (const separator of SEPARATORS) {
    records = parseCsv(text, separator);
    headerIndex = records.findIndex((r) => [...columnsOf(r).values()].includes('key'));
    if (headerIndex >= 0) break;
  }
  if (headerIndex < 0) return undefined;
  const columns = columnsOf(records[headerIndex]!);
  const rows: ReadRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    const cells: ReadRow['cells'] = {};
    for (const [col, id] of columns) {
      const cell: ReadCell = { address: `${columnLetters(col + 1)}${i + 1}`, value: cellValue(record[col] ?? '') };
      cells[id] = cell;
    }
    rows.push({ row: i + 1, cells });
  }
  return { columns: [...columns.values()], rows };
}
