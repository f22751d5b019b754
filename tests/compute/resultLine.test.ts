import { describe, it, expect } from 'vitest';
import { resultLine, type Tally } from '../../src/compute/resultLine.js';

// Every expectation below is written out by hand; none is produced by the code under test.
const A = 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ'; // several values reached
const A1 = 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ'; // one opening for every n-of-total line, as in the spec
const NONE = 'ИТОГ: В 2023 ГОДУ ПЛАНОВЫЕ ЗНАЧЕНИЯ НЕ ДОСТИГНУТЫ';

const t = (achieved: number, total: number, pending = 0, year = 2023): Tally => ({ year, total, achieved, pending });

describe('resultLine: the spec table', () => {
  it.each([
    [t(6, 6), 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.'],
    [t(5, 6), `${A} ПО ПЯТИ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ.`],
    [t(1, 6), `${A1} ПО ОДНОМУ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ.`], // the spec's row, with the spec's opening
    [t(21, 25), `${A} ПО ДВАДЦАТИ ОДНОМУ ИЗ ДВАДЦАТИ ПЯТИ ПОКАЗАТЕЛЕЙ.`],
    [t(0, 6), `${NONE} НИ ПО ОДНОМУ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ.`],
    // The total after ИЗ counts the pending one too; Ё is written Е (ЧЕТЫРЁМ → ЧЕТЫРЕМ).
    [t(4, 7, 1), `${A} ПО ЧЕТЫРЕМ ИЗ СЕМИ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.`],
  ])('%j', (tally, line) => {
    expect(resultLine(tally)).toBe(line);
  });
});

describe('resultLine: all achieved — ПО ВСЕМ + dative; singular noun after …ОДНОМУ', () => {
  it.each([
    [t(1, 1), 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВОГО ЗНАЧЕНИЯ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ.'],
    [t(2, 2), `${A} ПО ВСЕМ ДВУМ ПОКАЗАТЕЛЯМ.`],
    [t(4, 4), `${A} ПО ВСЕМ ЧЕТЫРЕМ ПОКАЗАТЕЛЯМ.`],
    [t(5, 5), `${A} ПО ВСЕМ ПЯТИ ПОКАЗАТЕЛЯМ.`],
    [t(11, 11), `${A} ПО ВСЕМ ОДИННАДЦАТИ ПОКАЗАТЕЛЯМ.`], // 11 is not «один»
    [t(21, 21), `${A} ПО ВСЕМ ДВАДЦАТИ ОДНОМУ ПОКАЗАТЕЛЮ.`],
    [t(22, 22), `${A} ПО ВСЕМ ДВАДЦАТИ ДВУМ ПОКАЗАТЕЛЯМ.`],
    [t(25, 25), `${A} ПО ВСЕМ ДВАДЦАТИ ПЯТИ ПОКАЗАТЕЛЯМ.`],
    [t(100, 100), `${A} ПО ВСЕМ СТА ПОКАЗАТЕЛЯМ.`],
    [t(101, 101), `${A} ПО ВСЕМ СТА ОДНОМУ ПОКАЗАТЕЛЮ.`],
    [t(111, 111), `${A} ПО ВСЕМ СТА ОДИННАДЦАТИ ПОКАЗАТЕЛЯМ.`],
    [t(999, 999), `${A} ПО ВСЕМ ДЕВЯТИСТАМ ДЕВЯНОСТА ДЕВЯТИ ПОКАЗАТЕЛЯМ.`],
    [t(6, 6, 0, 2031), 'ИТОГ: ДОСТИЖЕНИЕ В 2031 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.'], // the year is the tally's
  ])('%j', (tally, line) => {
    expect(resultLine(tally)).toBe(line);
  });
});

describe('resultLine: some achieved — ПО <dative> ИЗ <genitive of the total> + noun agreeing with the total', () => {
  it.each([
    [t(1, 2), `${A1} ПО ОДНОМУ ИЗ ДВУХ ПОКАЗАТЕЛЕЙ.`],
    [t(1, 21), `${A1} ПО ОДНОМУ ИЗ ДВАДЦАТИ ОДНОГО ПОКАЗАТЕЛЯ.`], // genitive singular after …ОДНОГО
    [t(2, 3), `${A} ПО ДВУМ ИЗ ТРЕХ ПОКАЗАТЕЛЕЙ.`], // ТРЁХ → ТРЕХ
    [t(4, 11), `${A} ПО ЧЕТЫРЕМ ИЗ ОДИННАДЦАТИ ПОКАЗАТЕЛЕЙ.`],
    [t(5, 21), `${A} ПО ПЯТИ ИЗ ДВАДЦАТИ ОДНОГО ПОКАЗАТЕЛЯ.`],
    [t(11, 12), `${A} ПО ОДИННАДЦАТИ ИЗ ДВЕНАДЦАТИ ПОКАЗАТЕЛЕЙ.`],
    [t(21, 22), `${A} ПО ДВАДЦАТИ ОДНОМУ ИЗ ДВАДЦАТИ ДВУХ ПОКАЗАТЕЛЕЙ.`],
    [t(22, 31), `${A} ПО ДВАДЦАТИ ДВУМ ИЗ ТРИДЦАТИ ОДНОГО ПОКАЗАТЕЛЯ.`],
    [t(25, 30), `${A} ПО ДВАДЦАТИ ПЯТИ ИЗ ТРИДЦАТИ ПОКАЗАТЕЛЕЙ.`],
    [t(100, 101), `${A} ПО СТА ИЗ СТА ОДНОГО ПОКАЗАТЕЛЯ.`],
    [t(101, 111), `${A} ПО СТА ОДНОМУ ИЗ СТА ОДИННАДЦАТИ ПОКАЗАТЕЛЕЙ.`],
    [t(111, 121), `${A} ПО СТА ОДИННАДЦАТИ ИЗ СТА ДВАДЦАТИ ОДНОГО ПОКАЗАТЕЛЯ.`],
    [t(200, 201), `${A} ПО ДВУМСТАМ ИЗ ДВУХСОТ ОДНОГО ПОКАЗАТЕЛЯ.`],
    [t(999, 999 + 1), `${A} ПО ДЕВЯТИСТАМ ДЕВЯНОСТА ДЕВЯТИ ИЗ ОДНОЙ ТЫСЯЧИ ПОКАЗАТЕЛЕЙ.`], // after ТЫСЯЧИ: genitive plural
  ])('%j', (tally, line) => {
    expect(resultLine(tally)).toBe(line);
  });
});

describe('resultLine: none achieved', () => {
  it.each([
    [t(0, 1), 'ИТОГ: В 2023 ГОДУ ПЛАНОВОЕ ЗНАЧЕНИЕ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ НЕ ДОСТИГНУТО.'],
    [t(0, 2), `${NONE} НИ ПО ОДНОМУ ИЗ ДВУХ ПОКАЗАТЕЛЕЙ.`],
    [t(0, 11), `${NONE} НИ ПО ОДНОМУ ИЗ ОДИННАДЦАТИ ПОКАЗАТЕЛЕЙ.`],
    [t(0, 21), `${NONE} НИ ПО ОДНОМУ ИЗ ДВАДЦАТИ ОДНОГО ПОКАЗАТЕЛЯ.`],
  ])('%j', (tally, line) => {
    expect(resultLine(tally)).toBe(line);
  });
});

describe('resultLine: pending clause — ПО <dative> ПОКАЗАТЕЛЮ/ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ', () => {
  it.each([
    // 1, 2, 5, 21 pending
    [t(4, 7, 1), `${A} ПО ЧЕТЫРЕМ ИЗ СЕМИ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.`],
    [t(3, 7, 2), `${A} ПО ТРЕМ ИЗ СЕМИ ПОКАЗАТЕЛЕЙ; ПО ДВУМ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.`],
    [t(2, 10, 5), `${A} ПО ДВУМ ИЗ ДЕСЯТИ ПОКАЗАТЕЛЕЙ; ПО ПЯТИ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.`],
    [t(4, 25, 21), `${A} ПО ЧЕТЫРЕМ ИЗ ДВАДЦАТИ ПЯТИ ПОКАЗАТЕЛЕЙ; ПО ДВАДЦАТИ ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.`],
    [t(1, 30, 11), `${A1} ПО ОДНОМУ ИЗ ТРИДЦАТИ ПОКАЗАТЕЛЕЙ; ПО ОДИННАДЦАТИ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.`],
    // Every indicator with a fact achieved: still «ПО n ИЗ total», not «ПО ВСЕМ».
    [t(5, 6, 1), `${A} ПО ПЯТИ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.`],
    [t(1, 2, 1), `${A1} ПО ОДНОМУ ИЗ ДВУХ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.`],
    // Nothing achieved among the indicators with facts.
    [t(0, 6, 2), `${NONE} НИ ПО ОДНОМУ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ; ПО ДВУМ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.`],
    [t(0, 2, 1), `${NONE} НИ ПО ОДНОМУ ИЗ ДВУХ ПОКАЗАТЕЛЕЙ; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.`],
  ])('%j', (tally, line) => {
    expect(resultLine(tally)).toBe(line);
  });
});

describe('resultLine: everything pending', () => {
  it.each([
    [t(0, 1, 1), 'ИТОГ: ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ.'],
    [t(0, 2, 2), 'ИТОГ: ПО ВСЕМ ДВУМ ПОКАЗАТЕЛЯМ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ.'],
    [t(0, 6, 6), 'ИТОГ: ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ.'],
    [t(0, 21, 21), 'ИТОГ: ПО ВСЕМ ДВАДЦАТИ ОДНОМУ ПОКАЗАТЕЛЮ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ.'],
  ])('%j', (tally, line) => {
    expect(resultLine(tally)).toBe(line);
  });
});

describe('resultLine: never prints Ё, lower case or a zero numeral', () => {
  it('for every tally with total ≤ 40', () => {
    for (let total = 1; total <= 40; total++)
      for (let achieved = 0; achieved <= total; achieved++)
        for (let pending = 0; achieved + pending <= total; pending++) {
          const line = resultLine(t(achieved, total, pending));
          expect(line).not.toMatch(/[ёЁа-я]|НУЛ/);
          expect(line).toMatch(/^ИТОГ: .*\.$/);
        }
  });
});

describe('resultLine: impossible tallies are a RangeError', () => {
  it.each([
    ['achieved + pending > total', t(5, 6, 2)],
    ['achieved > total', t(7, 6)],
    ['negative achieved', t(-1, 6)],
    ['negative pending', t(1, 6, -1)],
    ['fractional achieved', t(1.5, 6)],
    ['NaN total', t(1, Number.NaN)],
    ['no indicators at all', t(0, 0)],
    ['fractional year', t(1, 6, 0, 2023.5)],
  ])('%s', (_why, tally) => {
    expect(() => resultLine(tally)).toThrow(RangeError);
  });
});
