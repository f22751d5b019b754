import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NBSP, plainSpaces, typeset } from '../../src/layout/typeset.js';

/** Shows the non-breaking spaces as «⍽». */
const shown = (s: string) => typeset(s).replaceAll(NBSP, '⍽');

describe('typeset', () => {
  it.each([
    ['жителей в развитии города', 'жителей в⍽развитии города'],
    ['на 10 тыс. населения', 'на⍽10⍽тыс. населения'],
    ['ПРИЧИНЫ НЕВЫПОЛНЕНИЯ ИЗ ДВУХ ПОКАЗАТЕЛЕЙ', 'ПРИЧИНЫ НЕВЫПОЛНЕНИЯ ИЗ⍽ДВУХ ПОКАЗАТЕЛЕЙ'],
    ['условий для участия', 'условий для⍽участия'],
    ['План 2023 год', 'План 2023⍽год'],
    ['Факт 2023 год*', 'Факт 2023⍽год*'],
    ['Исполнение %', 'Исполнение⍽%'],
    ['80,4 %', '80,4⍽%'],
    ['Соколов Д.И.', 'Соколов⍽Д.И.'],
    ['ГУМЕНЮК М. А.', 'ГУМЕНЮК⍽М.⍽А.'],
    ['Д. И. Соколов', 'Д.⍽И.⍽Соколов'],
    ['№ 45', '№⍽45'],
    ['Целевые показатели за 2023 год:', 'Целевые показатели за⍽2023⍽год:'],
    ['ИТОГИ 2023 ГОДА', 'ИТОГИ 2023⍽ГОДА'],
    ['ГЛАВЫ ГОРОДА – ГУМЕНЮК', 'ГЛАВЫ ГОРОДА⍽– ГУМЕНЮК'],
    ['«Мой город – мой дом»;', '«Мой город⍽– мой⍽дом»;'],
    ['из-за погоды', 'из-за⍽погоды'],
    ['город, % от числа опрошенных', 'город,⍽% от⍽числа опрошенных'],
  ])('%s', (input, expected) => {
    expect(shown(input)).toBe(expected);
  });

  it('leaves long words, multiple spaces and line ends alone', () => {
    expect(typeset('повышение эффективности муниципального управления')).toBe(
      'повышение эффективности муниципального управления',
    );
    expect(shown('в  городе')).toBe('в  городе');
    // A line break is not a space: the short word before it stays put (and holds on to the word before it).
    expect(shown('городское и\nвласть')).toBe('городское⍽и\nвласть');
  });

  it('keeps a paragraph from ending in a short word alone', () => {
    expect(shown('строительство нового моста через реку')).toBe('строительство нового моста через⍽реку');
    expect(shown('одна строка\nвторая строка год')).toBe('одна строка\nвторая строка⍽год');
  });

  it('changes only spaces, and a typeset text no further', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('в', 'на', 'д', 'Д', '.', ' ', '2', '%', '№', '–', 'город', '\n') }),
        (s) => {
          const once = typeset(s);
          expect(once.length).toBe(s.length);
          expect(plainSpaces(once)).toBe(plainSpaces(s));
          expect([...once].filter((c, i) => c !== s[i]).every((c) => c === NBSP)).toBe(true);
          expect(typeset(once)).toBe(once);
        },
      ),
    );
  });
});
