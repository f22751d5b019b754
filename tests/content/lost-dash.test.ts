/**
 * The messages for what officials most often break in YAML by hand: a lost
 * «- » before a list item (a task glued to the one above; an indicator whose
 * fields now repeat), and a field indented too far. Each is said as what it
 * is, on its own line, with advice that loses no data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { formatDiagnostic } from '../../src/errors.js';
import { SEED_CONTENT } from '../deck/build.js';
import { useTempDir } from '../helpers/cli.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const seed = readFileSync(SEED_CONTENT, 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a lost «- » and a field indented too far', () => {
  const tmp = useTempDir('itogi-lost-dash-');
  const check = async (text: string) => {
    await writeFile(join(tmp(), 'x.yaml'), text);
    return (await checkFile('x.yaml', { cwd: tmp() })).diagnostics;
  };

  it('a task that lost its «- »: a warning on that line, the deck still built', async () => {
    const text = seed.replace(
      '  - повышение эффективности муниципального управления;',
      '    повышение эффективности муниципального управления;',
    );
    const ds = await check(text);
    expect(ds.map((d) => [d.code, d.severity, d.line, d.col])).toEqual([
      ['GluedListItem', 'warning', lineOf(text, '    повышение эффективности муниципального'), 5],
    ]);
  });

  it('an indicator that lost its «- »: one error where the lost item starts, advice that deletes nothing', async () => {
    const text = seed.replace('    - number: 46', '      number: 46');
    const ds = await check(text);
    expect(ds.map((d) => [d.code, d.line])).toEqual([['LostListDash', lineOf(text, '      number: 46')]]);
    expect(formatDiagnostic(ds[0]!)).toContain(
      'поля «number», «name», «unit», «plan», «fact» повторяются в одном пункте списка: похоже, у этой строки потерян «- »',
    );
    expect(formatDiagnostic(ds[0]!)).toContain('ничего не удаляйте');
    expect(formatDiagnostic(ds[0]!)).not.toContain('оставьте одно');
  });

  it('one key really written twice stays a duplicate key', async () => {
    const text = seed.replace('      plan: 72\n', '      plan: 72\n      plan: 73\n');
    expect((await check(text)).map((d) => d.code)).toEqual(['DuplicateKey']);
  });

  it('a field indented two spaces too far: an indentation error on that line, not advice to quote the line above', async () => {
    const text = seed.replace('      unit: "% от числа опрошенных"', '        unit: "% от числа опрошенных"');
    expect(text).not.toBe(seed);
    const ds = await check(text);
    expect(ds.map((d) => [d.code, d.line, d.col])).toEqual([['YamlSyntax', lineOf(text, '        unit:'), 9]]);
    expect(ds[0]!.message).toBe(
      'лишний отступ: поле «unit» начинается правее поля «name» и читается как продолжение его значения',
    );
    expect(formatDiagnostic(ds[0]!)).not.toContain('кавычки');
  });
});

describe('bidi controls in a text', () => {
  const tmp = useTempDir('itogi-bidi-');

  it.each([
    ['written as is', 'Гуменюк\u202EА.М'],
    ['written as an escape in double quotes', '"Гуменюк\\u202EА.М"'],
  ])('U+202E %s: refused, located, named', async (_, value) => {
    await writeFile(join(tmp(), 'x.yaml'), seed.replace('name: Гуменюк М.А.', `name: ${value}`));
    const ds = (await checkFile('x.yaml', { cwd: tmp() })).diagnostics;
    expect(ds.map((d) => [d.code, d.line])).toEqual([['ForbiddenCharacter', lineOf(seed, 'name: Гуменюк М.А.')]]);
    expect(ds[0]!.message).toContain('U+202E (принудительно справа налево');
  });
});
