/**
 * The generated result line (spec: content-format.md, "The result line").
 *
 * Wording, all upper case, Ё written as Е (as official texts and the spec do):
 *
 * | tally                          | line |
 * | ---                            | --- |
 * | all n achieved (n ≥ 2)         | ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ. |
 * | the only indicator achieved    | ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВОГО ЗНАЧЕНИЯ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ. |
 * | a of n (1 < a < n)             | ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ПЯТИ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ. |
 * | 1 of n                         | ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ОДНОМУ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ. (the spec's opening) |
 * | 0 of n (n ≥ 2)                 | ИТОГ: В 2023 ГОДУ ПЛАНОВЫЕ ЗНАЧЕНИЯ НЕ ДОСТИГНУТЫ НИ ПО ОДНОМУ ИЗ ШЕСТИ ПОКАЗАТЕЛЕЙ. |
 * | 0 of 1                         | ИТОГ: В 2023 ГОДУ ПЛАНОВОЕ ЗНАЧЕНИЕ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ НЕ ДОСТИГНУТО. |
 * | k pending, 0 < k < n           | one of the lines above (the count after ИЗ is every indicator) + «; ПО ОДНОМУ ПОКАЗАТЕЛЮ ДАННЫЕ ОЖИДАЮТСЯ.» |
 * | all n pending (n ≥ 2)          | ИТОГ: ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ. |
 * | the only indicator pending     | ИТОГ: ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ. |
 *
 * Agreement of «показатель» after a numeral in an oblique case: singular when
 * the numeral ends in «один» (ПО ДВАДЦАТИ ОДНОМУ ПОКАЗАТЕЛЮ, ИЗ ДВАДЦАТИ ОДНОГО
 * ПОКАЗАТЕЛЯ; not for 11), genitive plural after a bare тысяча/миллион… (ИЗ
 * ТЫСЯЧИ ПОКАЗАТЕЛЕЙ, ПО ДВУМ ТЫСЯЧАМ ПОКАЗАТЕЛЕЙ), plural of the same case
 * otherwise (ПО ДВУМ ПОКАЗАТЕЛЯМ, ИЗ ДВУХ ПОКАЗАТЕЛЕЙ).
 *
 * City and region totals: 1 000–1 999 read «тысяча …», not the cheque style
 * «одна тысяча …», and a bare тысяча/миллион is a noun that «весь» agrees
 * with: ПО ВСЕЙ ТЫСЯЧЕ ПОКАЗАТЕЛЕЙ, ПО ВСЕМУ МИЛЛИОНУ ПОКАЗАТЕЛЕЙ (but ПО
 * ВСЕМ ТЫСЯЧЕ ДВУМ ПОКАЗАТЕЛЯМ, ПО ВСЕМ ДВУМ ТЫСЯЧАМ ПОКАЗАТЕЛЕЙ).
 * tests/compute/resultLine.morphology.test.ts checks every count to 10 000
 * against OpenCorpora's dictionary (Az.js).
 */
import { numeralize, Case, Gender } from 'numeralize-ru';
import { formatNumber } from './format.js';

/** Counts of one direction's indicators; missed = total − achieved − pending. */
export interface Tally {
  year: number;
  total: number;
  achieved: number;
  pending: number;
}

type ObliqueCase = 'dative' | 'genitive';

const NOUN: Record<ObliqueCase, { singular: string; plural: string }> = {
  dative: { singular: 'ПОКАЗАТЕЛЮ', plural: 'ПОКАЗАТЕЛЯМ' },
  genitive: { singular: 'ПОКАЗАТЕЛЯ', plural: 'ПОКАЗАТЕЛЕЙ' },
};

/** A leading «один» before тысяча/миллион/миллиард in any case: running text drops it. */
const LEADING_ONE = /^(?:одной|одного|одному) (?=(?:тысяч|миллион|миллиард))/;

/** The cardinal in lower case, masculine (показатель): «двадцати одному», «тысяче двумстам». */
function numeralWords(n: number, kase: ObliqueCase): string {
  return numeralize(n, Gender.Masculine, kase === 'dative' ? Case.Dative : Case.Genitive).replace(LEADING_ONE, '');
}

/** The cardinal in upper case, masculine (показатель), Ё → Е. */
function numeral(n: number, kase: ObliqueCase): string {
  return upper(numeralWords(n, kase));
}

/** «ВСЕМ» in the dative before n, or «ВСЕЙ»/«ВСЕМУ» when n is a bare тысяча/миллион/миллиард (a noun). */
function allDative(n: number): string {
  if (n === 1000) return 'ВСЕЙ';
  if (n === 1_000_000 || n === 1_000_000_000) return 'ВСЕМУ';
  return 'ВСЕМ';
}

function upper(s: string): string {
  return s.toUpperCase().replace(/Ё/g, 'Е');
}

/** «показатель» agreeing with the numeral n (n ≥ 1) in an oblique case. */
function indicatorNoun(n: number, kase: ObliqueCase): string {
  if (n % 1000 === 0) return NOUN.genitive.plural; // ТЫСЯЧЕ/ТЫСЯЧИ ПОКАЗАТЕЛЕЙ
  const endsInOne = n % 10 === 1 && n % 100 !== 11;
  return endsInOne ? NOUN[kase].singular : NOUN[kase].plural;
}

/**
 * A count in figures and words, lower case, with «показатель» agreeing:
 * «3 (трём) показателям», «21 (двадцати одного) показателя».
 */
export function countInWords(n: number, kase: ObliqueCase): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`countInWords: n must be a positive integer, got ${n}`);
  return `${formatNumber(n)} (${numeralWords(n, kase)}) ${indicatorNoun(n, kase).toLocaleLowerCase('ru-RU')}`;
}

/** 'ДВАДЦАТИ ОДНОМУ ПОКАЗАТЕЛЮ' etc. */
function counted(n: number, kase: ObliqueCase): string {
  return `${numeral(n, kase)} ${indicatorNoun(n, kase)}`;
}

function checkTally(t: Tally): void {
  const { year, total, achieved, pending } = t;
  for (const [name, v] of Object.entries({ year, total, achieved, pending })) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`tally.${name} must be a non-negative integer, got ${String(v)}`);
  }
  if (total < 1) throw new RangeError('tally.total must be at least 1');
  if (achieved + pending > total) {
    throw new RangeError(`impossible tally: achieved ${achieved} + pending ${pending} > total ${total}`);
  }
}

/** The generated line, upper case, e.g. 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.' */
export function resultLine(t: Tally): string {
  checkTally(t);
  const { year, total, achieved, pending } = t;
  const only = total === 1;

  if (pending === total) {
    const whom = only ? 'ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ' : `${allDative(total)} ${counted(total, 'dative')}`;
    return `ИТОГ: ПО ${whom} ЗА ${year} ГОД ДАННЫЕ ОЖИДАЮТСЯ.`;
  }

  let main: string;
  if (achieved === total) {
    main = only
      ? `ИТОГ: ДОСТИЖЕНИЕ В ${year} ГОДУ ПЛАНОВОГО ЗНАЧЕНИЯ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ`
      : `ИТОГ: ДОСТИЖЕНИЕ В ${year} ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ${allDative(total)} ${counted(total, 'dative')}`;
  } else if (achieved === 0) {
    main = only
      ? `ИТОГ: В ${year} ГОДУ ПЛАНОВОЕ ЗНАЧЕНИЕ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ НЕ ДОСТИГНУТО`
      : `ИТОГ: В ${year} ГОДУ ПЛАНОВЫЕ ЗНАЧЕНИЯ НЕ ДОСТИГНУТЫ НИ ПО ОДНОМУ ИЗ ${counted(total, 'genitive')}`;
  } else {
    // The spec keeps one opening for every "n of total" line, so "ПЛАНОВЫХ ЗНАЧЕНИЙ" even for 1 of n.
    main = `ИТОГ: ДОСТИЖЕНИЕ В ${year} ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ${numeral(achieved, 'dative')} ИЗ ${counted(total, 'genitive')}`;
  }

  const pendingClause = pending > 0 ? `; ПО ${counted(pending, 'dative')} ДАННЫЕ ОЖИДАЮТСЯ` : '';
  return `${main}${pendingClause}.`;
}
