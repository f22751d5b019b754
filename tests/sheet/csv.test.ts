/** CSV as offices save it: «;», quotes, line breaks inside a field, UTF-8 with or without a BOM, Windows-1251, tabs. */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/sheet/csv.js';

const HEADER = 'Направление;№;Показатель;Единица измерения;План;Факт;Примечание;Ключ';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readCsv', () => {
  it('reads quoted fields with «;», doubled quotes and a line break, UTF-8 without a BOM', () => {
    const text = `${HEADER}\n"Экономика; рынок";20;"Объём ""инвестиций""\nв капитал";млрд руб.;95;"101,3";;2023/economy/20\n`;
    const table = readCsv(utf8(text))!;
    expect(table.columns).toEqual(['direction', 'number', 'name', 'unit', 'plan', 'fact', 'note', 'key']);
    expect(table.rows).toHaveLength(1);
    const row = table.rows[0]!;
    expect(row.row).toBe(2);
    expect(row.cells.name).toEqual({ address: 'C2', value: { kind: 'text', text: 'Объём "инвестиций"\nв капитал' } });
    expect(row.cells.fact).toEqual({ address: 'F2', value: { kind: 'text', text: '101,3' } });
    expect(row.cells.note).toEqual({ address: 'G2', value: { kind: 'empty' } });
    expect(row.cells.key?.value).toEqual({ kind: 'text', text: '2023/economy/20' });
  });

  it('finds the columns by their headers in any order, with tabs instead of «;» and a title line above', () => {
    const text = '\uFEFFПоказатели 2023\nКлюч\tФакт\tлишний\n2023/economy/20\t101,3\tx\n';
    const table = readCsv(utf8(text))!;
    expect(table.columns).toEqual(['key', 'fact']);
    expect(table.rows[0]!.cells.fact).toEqual({ address: 'B3', value: { kind: 'text', text: '101,3' } });
  });

  it('decodes Windows-1251 when the bytes are not UTF-8', () => {
    // «Ключ;Факт» and «2023/x/1;н/д» in Windows-1251.
    const bytes = Uint8Array.from([
      0xca,
      0xeb,
      0xfe,
      0xf7,
      0x3b,
      0xd4,
      0xe0,
      0xea,
      0xf2,
      0x0d,
      0x0a,
      ...utf8('2023/x/1;'),
      0xed,
      0x2f,
      0xe4,
    ]);
    const table = readCsv(bytes)!;
    expect(table.rows[0]!.cells.fact?.value).toEqual({ kind: 'text', text: 'н/д' });
  });

  it('is undefined for a CSV without the key column', () => {
    expect(readCsv(utf8('a;b\n1;2\n'))).toBeUndefined();
  });
});
