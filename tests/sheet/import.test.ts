/**
 * Issue 21: plan and fact through the spreadsheets officials keep. Each test
 * exports the sample year (and a CRLF + BOM fixture) with the real CLI, fills
 * the table the way an office would — with another program (openpyxl), by
 * LibreOffice's save, or as Russian Excel's CSV — imports it, and reads the
 * YAML files back byte by byte.
 */
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE, formatDiagnostic } from '../../src/errors.js';
import { collectFiles } from '../../src/files.js';
import { applyImport, planImport, readTables } from '../../src/sheet/import.js';
import { ROOT, runItogi, useTempDir } from '../helpers/cli.js';
import { hasLibreOfficeCalc, resaveXlsx } from '../helpers/libreoffice.js';
import { editWorkbook } from '../helpers/sheet.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'sheet');

/**
 * Sheets in path order: 0 the CRLF fixture, 1 economy, 2 human-capital,
 * 3 institutional-environment (the seed), 4 urban-environment.
 */
const SHEET = { crlf: 0, seed: 3 } as const;
const SEED = 'content/2023/institutional-environment.yaml';

type Seed = { indicators: { items: { number: number; name: string; unit: string; plan: number; fact: number }[] } };
const CRLF = 'content/2023/crlf-bom.yaml';

/** A temp folder with the sample year and the CRLF + BOM fixture under content/2023/. */
async function year(dir: string): Promise<void> {
  await mkdir(join(dir, 'content', '2023'), { recursive: true });
  await cp(join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023'), join(dir, 'content', '2023'), {
    recursive: true,
  });
  await cp(join(FIXTURES, 'crlf-bom.yaml'), join(dir, CRLF));
}

/** Every YAML file under content/ with its bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const root = join(dir, 'content', '2023');
  const names = (await readdir(root)).filter((n) => n.endsWith('.yaml')).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(root, n))] as const)));
}

/** The lines that differ between two snapshots: [file, line number, before, after]. */
function changedLines(before: Map<string, Buffer>, after: Map<string, Buffer>): [string, number, string, string][] {
  expect([...after.keys()]).toEqual([...before.keys()]);
  const out: [string, number, string, string][] = [];
  for (const [name, bytes] of before) {
    const a = bytes.toString('utf8').split('\n');
    const b = after.get(name)!.toString('utf8').split('\n');
    expect(b.length, name).toBe(a.length);
    a.forEach((line, i) => {
      if (line !== b[i]) out.push([name, i + 1, line, b[i]!]);
    });
  }
  return out;
}

describe('itogi export → itogi import', () => {
  const dir = useTempDir('itogi-sheet-');

  it.each(['xlsx', 'csv'])('%s: export, then import with no change, leaves every YAML byte-identical', async (ext) => {
    await year(dir());
    const before = await snapshot(dir());
    const exported = await runItogi(['export', '--out', `book.${ext}`], dir());
    expect(exported).toEqual({ code: 0, out: [`записано book.${ext}: 5 направлений, 28 показателей`], err: [] });
    const imported = await runItogi(['import', `book.${ext}`], dir());
    expect(imported).toEqual({ code: 0, out: ['Изменений нет: файлы совпадают с таблицей.'], err: [] });
    expect(changedLines(before, await snapshot(dir()))).toEqual([]);
    // The same content, the same bytes: a second export changes nothing.
    const again = await runItogi(['export', '--out', `book.${ext}`], dir());
    expect(again.out).toEqual([`без изменений book.${ext}: 5 направлений, 28 показателей`]);
  });

  it('three facts changed by another program change exactly those three lines', async () => {
    await year(dir());
    const before = await snapshot(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'filled.xlsx'), [
      { sheet: SHEET.seed, cell: 'E2', value: 81.5 },
      // Typed as text, as a number pasted from a letter arrives.
      { sheet: SHEET.seed, cell: 'E3', value: '5 300' },
      // `fact:` with a comment and nothing else, in the CRLF file.
      { sheet: SHEET.crlf, cell: 'E3', value: '4 321,5' },
    ]);
    const { code, out, err } = await runItogi(['import', 'filled.xlsx'], dir());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.at(-1)).toBe('Изменено: 3 значения в 2 файлах.');
    expect(changedLines(before, await snapshot(dir()))).toEqual([
      [
        'crlf-bom.yaml',
        30,
        '      fact:         # ждём данные Росстата\r',
        '      fact: 4321.5         # ждём данные Росстата\r',
      ],
      ['institutional-environment.yaml', 45, '      fact: 80.4', '      fact: 81.5'],
      ['institutional-environment.yaml', 51, '      fact: 5236', '      fact: 5300'],
    ]);
    // What import wrote, check accepts.
    expect((await runItogi(['check', '--no-summary'], dir())).code).toBe(0);
  });

  it('a bad cell is named by sheet and cell, and no file is changed', async () => {
    await year(dir());
    const before = await snapshot(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'bad.xlsx'), [
      { sheet: SHEET.seed, cell: 'E2', value: 81.5 },
      { sheet: SHEET.seed, cell: 'D5', value: '12,3.4' },
      { sheet: SHEET.crlf, cell: 'E2', value: 1.2345678 },
      // The number is the row's identity: changing it is refused, not taken for another indicator.
      { sheet: SHEET.crlf, cell: 'A3', value: 7 },
    ]);
    const { code, out, err } = await runItogi(['import', 'bad.xlsx'], dir());
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'bad.xlsx: ошибка: Лист «Тестовое направление CRLF и BOM», A3: «7» — номер показателя менять нельзя: в этой строке № 2; верните № 2',
      expect.stringMatching(/^bad\.xlsx: ошибка: Лист «Институциональная среда \(гражд…», D5: «12,3\.4» — не число; /),
      'bad.xlsx: ошибка: Лист «Тестовое направление CRLF и BOM», E2: «1,2345678» — не больше 6 знаков после запятой; исправьте ячейку и загрузите таблицу снова; ни один файл не изменён',
      'Ни один файл не изменён: исправьте ошибки и загрузите таблицу снова.',
    ]);
    expect(changedLines(before, await snapshot(dir()))).toEqual([]);
  });

  it('--dry-run prints было → стало and writes nothing', async () => {
    await year(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'filled.xlsx'), [
      { sheet: SHEET.seed, cell: 'E4', value: 'н/д' },
      { sheet: SHEET.seed, cell: 'C3', value: 'человек' },
      // A percent cell: 0,999 shown as 99,9 %.
      { sheet: SHEET.seed, cell: 'E7', value: 0.999, numFmt: '0.0%' },
    ]);
    const seedPath = join(dir(), SEED);
    const mtime = (await stat(seedPath)).mtimeMs;
    const before = await snapshot(dir());
    const { code, out, err } = await runItogi(['import', 'filled.xlsx', '--dry-run'], dir());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      `${SEED} (лист «Институциональная среда (гражд…»):`,
      '  ячейка  №   поле     было       стало',
      '  C3      46  единица  «чел.»  →  «человек»',
      '  E4      47  факт     8       →  н/д',
      '  E7      50  факт     99,75   →  99,9',
      'Будет изменено: 3 значения в 1 файле (--dry-run: ничего не записано).',
    ]);
    expect(changedLines(before, await snapshot(dir()))).toEqual([]);
    expect((await stat(seedPath)).mtimeMs).toBe(mtime);
    expect((await readdir(join(dir(), 'content', '2023'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a CRLF + BOM file keeps every byte but the changed value', async () => {
    await year(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'filled.xlsx'), [
      { sheet: SHEET.crlf, cell: 'E2', value: 79 },
      { sheet: SHEET.crlf, cell: 'C2', value: '% от числа: опрошенных' },
      // № 3 has no `fact:` line at all: one is added after its plan, in the file's line ends.
      { sheet: SHEET.crlf, cell: 'E4', value: 5 },
    ]);
    const original = await readFile(join(FIXTURES, 'crlf-bom.yaml'), 'utf8');
    const { code, err } = await runItogi(['import', 'filled.xlsx'], dir());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const expected = original
      .replace('      fact: 80.4    # предварительно\r\n', '      fact: 79    # предварительно\r\n')
      .replace('      unit: "%"\r\n', '      unit: "% от числа: опрошенных"\r\n')
      .replace('      plan: 6\r\n', '      plan: 6\r\n      fact: 5\r\n');
    expect(expected).not.toBe(original);
    expect(await readFile(join(dir(), CRLF), 'utf8')).toBe(expected);
    expect((await readFile(join(dir(), CRLF))).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('rows sorted in the sheet still find their indicators by the hidden key', async () => {
    await year(dir());
    const before = await snapshot(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    const items = (parse(before.get('institutional-environment.yaml')!.toString('utf8')) as Seed).indicators.items;
    // Rows 2…7 in reverse order (a sort by № descending), the fact of № 45 (now in row 7) changed.
    const edits = items.flatMap((item, i) => {
      const row = 7 - i;
      const fact = item.number === 45 ? 82 : item.fact;
      const values = [item.number, item.name, item.unit, item.plan, fact];
      return [
        ...values.map((value, c) => ({ sheet: SHEET.seed, cell: `${'ABCDE'[c]}${row}`, value })),
        { sheet: SHEET.seed, cell: `G${row}`, value: `2023/institutional-environment/${item.number}` },
      ];
    });
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'sorted.xlsx'), edits);
    const { code, out, err } = await runItogi(['import', 'sorted.xlsx'], dir());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.slice(1, -1)).toEqual(['  ячейка  №   поле  было     стало', '  E7      45  факт  80,4  →  82']);
    expect(changedLines(before, await snapshot(dir()))).toEqual([
      ['institutional-environment.yaml', 45, '      fact: 80.4', '      fact: 82'],
    ]);
  });

  it('a row the YAML lacks and an indicator the sheet lacks are named; the rest is written', async () => {
    await year(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'filled.xlsx'), [
      // Indicator 50's key cleared: its row no longer matches, and 50 is missing from the sheet.
      { sheet: SHEET.seed, cell: 'G7', value: null },
      { sheet: SHEET.seed, cell: 'G6', value: '2023/institutional-environment/99' },
      { sheet: SHEET.seed, cell: 'E2', value: 81 },
    ]);
    const { code, out, err } = await runItogi(['import', 'filled.xlsx'], dir());
    expect(code).toBe(0);
    expect(err).toEqual([
      expect.stringMatching(
        /^filled\.xlsx: предупреждение: Лист «Институциональная среда \(гражд…», строка 6: показателя № 99 направления «institutional-environment» за 2023 год нет в YAML-файлах; строка пропущена; /,
      ),
      expect.stringMatching(
        /^filled\.xlsx: предупреждение: Лист «.+», строка 7: строки нет в выгрузке: столбец «Ключ» пуст; /,
      ),
      expect.stringMatching(
        new RegExp(
          `^${SEED}:65:7: предупреждение: показатель № 49: нет в таблице \\(лист «.+»\\); его значения в файле не изменены$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^${SEED}:70:7: предупреждение: показатель № 50: нет в таблице`)),
    ]);
    expect(out.at(-1)).toBe('Изменено: 1 значение в 1 файле.');
  });

  it('a CSV as Russian Excel saves it (Windows-1251, «;», no BOM) imports', async () => {
    await year(dir());
    await cp(join(FIXTURES, 'windows-1251.csv'), join(dir(), 'excel.csv'));
    const before = await snapshot(dir());
    const { code, out, err } = await runItogi(['import', 'excel.csv'], dir());
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `${CRLF}:`,
      '  ячейка  №  поле  было     стало',
      '  F2      1  факт  80,4  →  81,5',
      '  F5      4  факт  12    →  1\u00a0234,5',
      'Изменено: 2 значения в 1 файле.',
    ]);
    expect(changedLines(before, await snapshot(dir())).map(([f, , , after]) => [f, after])).toEqual([
      ['crlf-bom.yaml', '      fact: 81.5    # предварительно\r'],
      ['crlf-bom.yaml', '    - {number: 4, name: Показатель в одну строку, unit: ед., plan: 10, fact: 1234.5}\r'],
    ]);
  });

  it('a name pasted from Word with its line break (U+000B) is refused at its cell', async () => {
    await year(dir());
    const before = await snapshot(dir());
    await runItogi(['export', CRLF, '--out', 'one.csv'], dir());
    const csv = join(dir(), 'one.csv');
    await writeFile(
      csv,
      (await readFile(csv, 'utf8')).replace(';Показатель без факта;', ';Показатель\u000bбез факта;'),
    );
    const { code, err } = await runItogi(['import', 'one.csv'], dir());
    expect(code).toBe(1);
    expect(err).toEqual([
      'one.csv: ошибка: C4: «Показатель<U+000B>без факта» — недопустимый управляющий символ U+000B (разрыв строки из Word); замените его пробелом или удалите',
      'Ни один файл не изменён: исправьте ошибки и загрузите таблицу снова.',
    ]);
    expect(changedLines(before, await snapshot(dir()))).toEqual([]);
  });

  it('the exported CSV is UTF-8 with a BOM, «;»-separated, CRLF, numbers with a decimal comma', async () => {
    await year(dir());
    await runItogi(['export', CRLF, '--out', 'one.csv'], dir());
    const text = await readFile(join(dir(), 'one.csv'), 'utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFFНаправление;№;Показатель;Единица измерения;План;Факт;Примечание;Ключ',
      'Тестовое направление: CRLF и BOM;1;Показатель в одинарных кавычках;%;72;80,4;;2023/sheet-crlf/1',
      'Тестовое направление: CRLF и BOM;2;Показатель, записанный в две строки;чел.;5176;;данные ожидаются;2023/sheet-crlf/2',
      'Тестовое направление: CRLF и BOM;3;Показатель без факта;ед.;6;;данные ожидаются;2023/sheet-crlf/3',
      'Тестовое направление: CRLF и BOM;4;Показатель в одну строку;ед.;10;12;;2023/sheet-crlf/4',
      '',
    ]);
  });

  it.skipIf(!hasLibreOfficeCalc())(
    'a workbook saved again by LibreOffice imports identically, and its computed formula counts',
    async () => {
      await year(dir());
      const before = await snapshot(dir());
      await runItogi(['export', '--out', 'book.xlsx'], dir());
      const resaved = await resaveXlsx(join(dir(), 'book.xlsx'), join(dir(), 'lo'));
      expect(await readFile(resaved)).not.toEqual(await readFile(join(dir(), 'book.xlsx')));
      expect(await runItogi(['import', 'lo/book.xlsx'], dir())).toEqual({
        code: 0,
        out: ['Изменений нет: файлы совпадают с таблицей.'],
        err: [],
      });
      expect(changedLines(before, await snapshot(dir()))).toEqual([]);

      // Filled by another program (a formula has no value until an office computes it), then saved by LibreOffice.
      await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'filled.xlsx'), [
        { sheet: SHEET.seed, cell: 'E2', value: '=80+1.5' },
        { sheet: SHEET.seed, cell: 'E3', value: '5 300' },
      ]);
      const raw = await runItogi(['import', 'filled.xlsx', '--dry-run'], dir());
      expect(raw.code).toBe(1);
      expect(raw.err[0]).toMatch(/E2: «=80\+1\.5» — формула без вычисленного значения; /);
      const computed = await resaveXlsx(join(dir(), 'filled.xlsx'), join(dir(), 'lo2'));
      const { code, out } = await runItogi(['import', computed], dir());
      expect(code).toBe(0);
      expect(out.at(-1)).toBe('Изменено: 2 значения в 1 файле.');
      expect(changedLines(before, await snapshot(dir())).map(([, , , after]) => after)).toEqual([
        '      fact: 81.5',
        '      fact: 5300',
      ]);
    },
    120_000,
  );
});

describe('the exported workbook', () => {
  const dir = useTempDir('itogi-sheet-book-');

  it('is the same bytes for the same content, and refuses --out that is not .xlsx or .csv', async () => {
    await year(dir());
    await runItogi(['export', '--out', 'a.xlsx'], dir());
    await runItogi(['export', '--out', 'b.xlsx'], dir());
    expect(await readFile(join(dir(), 'a.xlsx'))).toEqual(await readFile(join(dir(), 'b.xlsx')));
    const wrong = await runItogi(['export', '--out', 'book.ods'], dir());
    expect(wrong.code).toBe(2);
    expect(wrong.err[0]).toBe('itogi: --out: «book.ods» — укажите файл .xlsx или .csv, например --out показатели.xlsx');
  });

  it('a table that cannot be written and a content path that does not exist are said once', async () => {
    await year(dir());
    await mkdir(join(dir(), 'taken.xlsx'));
    const taken = await runItogi(['export', '--out', 'taken.xlsx'], dir());
    expect(taken.code).toBe(1);
    expect(taken.err).toEqual([
      'taken.xlsx: ошибка: не удалось записать файл: на месте файла находится папка (EISDIR); проверьте, что файл не открыт в другой программе (Excel, Р7, МойОфис, редактор) и папка доступна для записи',
    ]);
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    const nowhere = await runItogi(['import', 'book.xlsx', 'content/2024'], dir());
    expect(nowhere).toEqual({
      code: 1,
      out: [],
      err: [
        `content/2024: ошибка: нет такого файла или папки; ${CATALOGUE.PathNotFound.hint}`,
        'Ни один файл не изменён: исправьте ошибки и загрузите таблицу снова.',
      ],
    });
  });

  it('a file changed on disk between reading the table and writing is not overwritten', async () => {
    await year(dir());
    await runItogi(['export', '--out', 'book.xlsx'], dir());
    await editWorkbook(join(dir(), 'book.xlsx'), join(dir(), 'filled.xlsx'), [
      { sheet: SHEET.seed, cell: 'E2', value: 81.5 },
      { sheet: SHEET.crlf, cell: 'E2', value: 79 },
    ]);
    const tables = await readTables(join(dir(), 'filled.xlsx'), 'filled.xlsx');
    if (!Array.isArray(tables)) throw new Error(tables.message);
    const { files } = await collectFiles(['content'], dir());
    const plan = await planImport(tables, 'filled.xlsx', files, dir());
    expect(plan.writes).toHaveLength(2);
    // Someone saves the seed in an editor meanwhile.
    const seed = join(dir(), SEED);
    const edited = (await readFile(seed, 'utf8')).replace('plan: 72', 'plan: 73');
    await writeFile(seed, edited);
    const before = await snapshot(dir());
    const problems = await applyImport(plan, dir());
    expect(problems.map((d) => formatDiagnostic(d))).toEqual([
      `${SEED}: ошибка: файл изменился, пока загружалась таблица; ни один файл не изменён, загрузите таблицу ещё раз`,
    ]);
    expect(changedLines(before, await snapshot(dir()))).toEqual([]);
  });

  it('a file with errors is named and left out; the rest is exported', async () => {
    await year(dir());
    const seed = join(dir(), SEED);
    await writeFile(seed, (await readFile(seed, 'utf8')).replace('plan: 72', 'plan: семьдесят два'));
    const { code, out, err } = await runItogi(['export', '--out', 'book.xlsx'], dir());
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(new RegExp(`^${SEED}:\\d+:\\d+: ошибка: показатель № 45 `))]);
    expect(out).toEqual(['записано book.xlsx: 4 направления, 22 показателя']);
  });
});
