/**
 * Speaker notes read the figures aloud. Golden sentences: the brief's example
 * for indicator 45 of the seed, and one per kind of row.
 */
import { describe, expect, it } from 'vitest';
import { computeDirection, computeIndicator } from '../../src/compute/direction.js';
import { chartPageNote, indicatorNote, spokenResultLine, zeroDivisorOf } from '../../src/compute/notes.js';
import type { Indicator } from '../../src/content/schema.js';
import { seedContent } from './fixtures/seed.js';

const plain = (s: string) => s.replace(/\u00A0/g, ' ');
const ind = (
  number: number,
  plan: number,
  fact: number | null | undefined,
  more: Partial<Indicator> = {},
): Indicator => ({
  number,
  name: `Показатель ${number}`,
  unit: 'ед.',
  plan,
  fact,
  better: 'higher',
  precision: 1,
  ...more,
});

describe('indicatorNote', () => {
  it.each([
    [
      'the seed’s indicator 45',
      seedContent.indicators.items[0]!,
      'Показатель 45 — удовлетворенность горожан созданными условиями для участия в развитии города, % от числа опрошенных: план 72 %, факт 80,4 %, исполнение 111,7 %.',
      undefined,
    ],
    [
      'grouped plan, two decimals',
      seedContent.indicators.items[1]!,
      'Показатель 46 — количество горожан, участвующих в осуществлении территориального общественного самоуправления, собраниях и конференциях по вопросам ТОС, публичных слушаниях: план 5 176 чел., факт 5 236 чел., исполнение 101,16 %.',
      undefined,
    ],
    [
      'missed',
      ind(7, 100, 95),
      'Показатель 7 — показатель 7: план 100 ед., факт 95 ед., исполнение 95,0 %; плановое значение не достигнуто.',
      undefined,
    ],
    ['pending (null)', ind(8, 350, null), 'Показатель 8 — показатель 8: план 350 ед., данные ожидаются.', undefined],
    ['pending (absent)', ind(9, 4, undefined), 'Показатель 9 — показатель 9: план 4 ед., данные ожидаются.', undefined],
    [
      'lower, achieved',
      ind(10, 12.5, 11.8, { better: 'lower' }),
      'Показатель 10 — показатель 10 (обратный: чем меньше, тем лучше): план 12,5 ед., факт 11,8 ед., исполнение 105,9 %.',
      undefined,
    ],
    [
      'lower, missed',
      ind(11, 30, 33, { better: 'lower' }),
      'Показатель 11 — показатель 11 (обратный: чем меньше, тем лучше): план 30 ед., факт 33 ед., исполнение 90,9 %; плановое значение не достигнуто.',
      undefined,
    ],
    [
      'plan 0, achieved',
      ind(12, 0, 2),
      'Показатель 12 — показатель 12: план 0 ед., факт 2 ед.; процент исполнения не вычисляется, так как план равен нулю; плановое значение достигнуто: факт не меньше плана.',
      'plan',
    ],
    [
      'plan 0, missed',
      ind(13, 0, -2),
      'Показатель 13 — показатель 13: план 0 ед., факт −2 ед.; процент исполнения не вычисляется, так как план равен нулю; плановое значение не достигнуто: факт меньше плана.',
      'plan',
    ],
    [
      'lower, fact 0, achieved',
      ind(14, 3, 0, { better: 'lower' }),
      'Показатель 14 — показатель 14 (обратный: чем меньше, тем лучше): план 3 ед., факт 0 ед.; процент исполнения не вычисляется, так как факт равен нулю; плановое значение достигнуто: факт не больше плана.',
      'fact',
    ],
    [
      'lower, fact 0, plan below 0: missed',
      ind(15, -1, 0, { better: 'lower' }),
      'Показатель 15 — показатель 15 (обратный: чем меньше, тем лучше): план −1 ед., факт 0 ед.; процент исполнения не вычисляется, так как факт равен нулю; плановое значение не достигнуто: факт больше плана.',
      'fact',
    ],
    // lower with plan 0 is not a zero divisor: 0 / fact = 0 %
    [
      'lower, plan 0',
      ind(16, 0, 4, { better: 'lower' }),
      'Показатель 16 — показатель 16 (обратный: чем меньше, тем лучше): план 0 ед., факт 4 ед., исполнение 0,0 %; плановое значение не достигнуто.',
      undefined,
    ],
    [
      'a long unit once after the name, an abbreviation kept',
      ind(17, 10, 12, { name: 'ВРП на душу населения', unit: 'тыс. руб. в ценах 2023 года' }),
      'Показатель 17 — ВРП на душу населения, тыс. руб. в ценах 2023 года: план 10, факт 12, исполнение 120,0 %.',
      undefined,
    ],
    [
      'a bare percent after each figure',
      ind(18, 40, 42, { name: 'Доля жителей', unit: '%' }),
      'Показатель 18 — доля жителей: план 40 %, факт 42 %, исполнение 105,0 %.',
      undefined,
    ],
  ] as const)('%s', (_name, indicator, sentence, zero) => {
    const computed = computeIndicator(indicator, 0);
    expect(plain(indicatorNote(computed))).toBe(sentence);
    expect(zeroDivisorOf(computed)).toBe(zero);
  });
});

describe('spokenResultLine', () => {
  it('the generated line in sentence case', () => {
    expect(spokenResultLine(computeDirection(seedContent))).toBe(
      'Итог: достижение в 2023 году плановых значений по всем шести показателям.',
    );
  });

  it('a hand-written summary as written', () => {
    expect(spokenResultLine(computeDirection({ ...seedContent, summary: 'ИТОГ: Сургут справился.' }))).toBe(
      'ИТОГ: Сургут справился.',
    );
  });
});

describe('chartPageNote', () => {
  const items = [ind(101, 10, 12), ind(102, 10, 8), ind(103, 10, null), ind(104, 0, 1), ind(105, 10, 10)].map(
    computeIndicator,
  );
  it.each([
    [items, 'Показатели № 101–105: достигнуто — 3, не достигнуто — 1, данные ожидаются — 1.'],
    [items.slice(0, 1), 'Показатель № 101: достигнуто — 1.'],
    [items.slice(1, 3), 'Показатели № 102–103: не достигнуто — 1, данные ожидаются — 1.'],
    [[], ''],
  ])('%#', (rows, sentence) => {
    expect(chartPageNote(rows)).toBe(sentence);
  });
});
