/**
 * The table officials fill: what its columns are, how a row is keyed back to
 * its indicator, and the rows of a checked direction. The workbook (xlsx.ts)
 * and the CSV (csv.ts) are two spellings of it.
 *
 * One sheet per direction (xlsx): each direction has its own responsible
 * official, who fills only their sheet; a sheet is as long as its direction
 * (6–16 rows, not a year's hundreds), its name says whose it is, and a
 * message «Лист «Экономика», E7» points to one person's cell. A CSV has no
 * sheets, so it is one table with a «Направление» column.
 */
import type { Content } from '../content/schema.js';

/** The columns by what they hold; headers are what rows are matched by on import (any order). */
export const COLUMNS = {
  direction: 'Направление',
  number: '№',
  name: 'Показатель',
  unit: 'Единица измерения',
  plan: 'План',
  fact: 'Факт',
  note: 'Примечание',
  key: 'Ключ',
} as const;

export type ColumnId = keyof typeof COLUMNS;

/** The workbook's columns in order (A…G); the key last and hidden. */
export const XLSX_COLUMNS: readonly ColumnId[] = ['number', 'name', 'unit', 'plan', 'fact', 'note', 'key'];
/** The CSV's columns: the direction first, as a sheet name would be. */
export const CSV_COLUMNS: readonly ColumnId[] = ['direction', ...XLSX_COLUMNS];

/** The pending note: what the «Примечание» column says of a row without a fact. */
export const PENDING_NOTE = 'данные ожидаются';

/** One indicator as a row: the key ties it to its file's year, direction and number. */
interface SheetRow {
  key: string;
  number: number;
  name: string;
  unit: string;
  plan: number;
  /** null: pending. */
  fact: number | null;
}

export interface SheetDirection {
  /** The direction file, as messages name it. */
  file: string;
  year: number;
  id: string;
  name: string;
  rows: SheetRow[];
}

/** «2023/institutional-environment/45»: year, direction.id, indicator number. */
const rowKey = (year: number, id: string, number: number) => `${year}/${id}/${number}`;

const KEY = /^(\d{4})\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(\d{1,4})$/;

export function parseKey(text: string): { year: number; id: string; number: number } | undefined {
  const m = KEY.exec(text.trim());
  return m ? { year: Number(m[1]), id: m[2]!, number: Number(m[3]) } : undefined;
}

export function directionRows(file: string, content: Content): SheetDirection {
  const { year } = content.report;
  const { id, name } = content.direction;
  return {
    file,
    year,
    id,
    name,
    rows: content.indicators.items.map((i) => ({
      key: rowKey(year, id, i.number),
      number: i.number,
      name: i.name,
      unit: i.unit,
      plan: i.plan,
      fact: i.fact ?? null,
    })),
  };
}

/** Digits after the decimal point of a number as written (80.4 → 1). */
export function decimals(value: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

/** Characters a sheet name cannot hold (Excel's rule), and its length. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
const SHEET_NAME_MAX = 31;

/**
 * A sheet name per direction: its name, cut to Excel's 31 characters (with «…»), made
 * unique by « (2)»; with more than one year the year goes first.
 */
export function sheetNames(directions: readonly SheetDirection[]): string[] {
  const years = new Set(directions.map((d) => d.year));
  const taken = new Set<string>();
  return directions.map((d) => {
    const base = `${years.size > 1 ? `${d.year} ` : ''}${d.name}`
      .replace(SHEET_NAME_FORBIDDEN, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim();
    const cut = (s: string, room: number) => (s.length <= room ? s : `${s.slice(0, room - 1).trimEnd()}…`);
    let name = cut(base || d.id, SHEET_NAME_MAX);
    for (let n = 2; taken.has(name.toLowerCase()); n++)
      name = `${cut(base || d.id, SHEET_NAME_MAX - 4 - String(n).length)} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}
