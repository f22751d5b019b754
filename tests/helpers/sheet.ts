/**
 * Filling an exported workbook the way an office would: with another program.
 * openpyxl (Debian's python3-openpyxl, for /usr/bin/python3) is a writer
 * independent of ours; where it is missing, exceljs stands in.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PYTHON = '/usr/bin/python3';

function hasOpenpyxl(): boolean {
  return spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}

/** One cell to set: the sheet by its place (0-based), the cell by its address, the value (a number or text). */
export interface CellEdit {
  sheet: number;
  cell: string;
  value: number | string | null;
  /** A number format for the cell, e.g. '0.0%'. */
  numFmt?: string;
}

const OPENPYXL_SCRIPT = `
import json, sys
import openpyxl
src, dst, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
for e in edits:
    cell = wb.worksheets[e['sheet']][e['cell']]
    cell.value = e['value']
    if e.get('numFmt'):
        cell.number_format = e['numFmt']
wb.save(dst)
`;

/** Opens `src`, sets the cells, saves as `dst`; says which program did it. */
export async function editWorkbook(
  src: string,
  dst: string,
  edits: readonly CellEdit[],
): Promise<'openpyxl' | 'exceljs'> {
  if (hasOpenpyxl()) {
    await run(PYTHON, ['-c', OPENPYXL_SCRIPT, src, dst, JSON.stringify(edits)], { timeout: 60_000 });
    return 'openpyxl';
  }
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  await workbook.xlsx.load((await readFile(src)) as unknown as ArrayBuffer);
  for (const e of edits) {
    const cell = workbook.worksheets[e.sheet]!.getCell(e.cell);
    cell.value = e.value;
    if (e.numFmt) cell.numFmt = e.numFmt;
  }
  await writeFile(dst, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return 'exceljs';
}
