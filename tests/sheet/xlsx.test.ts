/**
 * The exported workbook as another reader (openpyxl) sees it: a sheet per
 * direction, the header frozen, Russian number formats, plan and fact
 * validated, number and name locked by sheet protection, the key hidden.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, runItogi, useTempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const hasOpenpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;

const READ = `
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    p = ws.protection
    out.append({
        'title': ws.title,
        'freeze': ws.freeze_panes,
        'filter': ws.auto_filter.ref,
        'hidden': [c for c, d in ws.column_dimensions.items() if d.hidden],
        'protected': p.sheet, 'sortLocked': p.sort, 'filterLocked': p.autoFilter, 'password': p.password,
        'validations': sorted((str(dv.sqref), dv.type, dv.errorStyle, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation),
        'rows': [[c.value for c in row] for row in ws.iter_rows()],
        'formats': [[ws.cell(r, 4).number_format, ws.cell(r, 5).number_format] for r in range(2, ws.max_row + 1)],
        'locked': {col: ws[col + '2'].protection.locked for col in 'ABCDEFG'},
    })
print(json.dumps(out, ensure_ascii=False))
`;

describe.skipIf(!hasOpenpyxl)('the exported workbook, read by openpyxl', () => {
  const dir = useTempDir('itogi-xlsx-');

  it('one sheet per direction, in path order, laid out for filling in', async () => {
    await mkdir(join(dir(), 'content'), { recursive: true });
    await cp(join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023'), join(dir(), 'content', '2023'), {
      recursive: true,
    });
    expect((await runItogi(['export', '--out', 'book.xlsx'], dir())).code).toBe(0);
    const { stdout } = await run(PYTHON, ['-c', READ, join(dir(), 'book.xlsx')]);
    const sheets = JSON.parse(stdout) as {
      title: string;
      freeze: string;
      filter: string;
      hidden: string[];
      protected: boolean;
      sortLocked: boolean;
      filterLocked: boolean;
      password: string | null;
      validations: [string, string, string, string, string][];
      rows: unknown[][];
      formats: string[][];
      locked: Record<string, boolean>;
    }[];
    expect(sheets.map((s) => s.title)).toEqual([
      'Экономика (инвестиции, предпри…',
      'Человеческий капитал',
      'Институциональная среда (гражд…',
      'Городская среда (благоустройст…',
    ]);
    const seed = sheets[2]!;
    expect(seed.freeze).toBe('A2');
    expect(seed.filter).toBe('A1:G7');
    expect(seed.hidden).toEqual(['G']);
    // Protected without a password; sorting and the filter stay allowed.
    expect([seed.protected, seed.sortLocked, seed.filterLocked, seed.password]).toEqual([true, false, false, null]);
    expect(seed.locked).toEqual({ A: true, B: true, C: false, D: false, E: false, F: true, G: true });
    expect(seed.validations).toEqual([
      ['D2:D7', 'decimal', 'warning', '-1000000000000', '1000000000000'],
      ['E2:E7', 'decimal', 'warning', '-1000000000000', '1000000000000'],
    ]);
    expect(seed.rows[0]).toEqual(['№', 'Показатель', 'Единица измерения', 'План', 'Факт', 'Примечание', 'Ключ']);
    expect(seed.rows[1]).toEqual([
      45,
      'Удовлетворенность горожан созданными условиями для участия в развитии города',
      '% от числа опрошенных',
      72,
      80.4,
      '=IF(ISNUMBER(E2),"","данные ожидаются")',
      '2023/institutional-environment/45',
    ]);
    // As many decimals as the row's plan and fact have, grouped: «5 176», «80,4», «99,75».
    expect(seed.formats).toEqual([
      ['#,##0.0', '#,##0.0'],
      ['#,##0', '#,##0'],
      ['#,##0', '#,##0'],
      ['#,##0.0', '#,##0.0'],
      ['#,##0.0', '#,##0.0'],
      ['#,##0.00', '#,##0.00'],
    ]);
  });
});
