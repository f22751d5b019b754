import { describe, expect, it } from 'vitest';
import { computeCity, directionTotals } from '../../src/compute/city.js';
import { computeDirection, type ComputedDirection } from '../../src/compute/direction.js';
import { resultLine } from '../../src/compute/resultLine.js';
import type { Content, Indicator } from '../../src/content/schema.js';
import { seedContent } from './fixtures/seed.js';

const NBSP = '\u00A0';

/** Indicators by their outcome: 'a' achieved, 'm' missed, 'p' pending (plan 100). */
function direction(
  id: string,
  outcomes: string,
  over: { year?: number; date?: string; summary?: string; order?: number } = {},
): ComputedDirection {
  const items: Indicator[] = [...outcomes].map((o, i) => ({
    number: i + 1,
    name: `Показатель ${i + 1}`,
    unit: '%',
    plan: 100,
    fact: o === 'a' ? 105 : o === 'm' ? 90 : null,
    better: 'higher',
    precision: 1,
  }));
  const content: Content = {
    ...seedContent,
    report: { year: over.year ?? 2023, date: over.date ?? '2023-12-15' },
    direction: {
      ...seedContent.direction,
      id,
      name: `Направление ${id}`,
      ...(over.order !== undefined ? { order: over.order } : {}),
    },
    indicators: { items },
    ...(over.summary ? { summary: over.summary } : {}),
  };
  return computeDirection(content);
}

describe('directionTotals', () => {
  it.each([
    // outcomes, achieved, missed, pending, share, shareText, status
    ['aaaaaa', 6, 0, 0, '100.0', `100,0${NBSP}%`, 'achieved'],
    ['aaaaap', 5, 0, 1, '83.3', `83,3${NBSP}%`, 'achieved'],
    ['aaam', 3, 1, 0, '75.0', `75,0${NBSP}%`, 'missed'],
    ['apm', 1, 1, 1, '33.3', `33,3${NBSP}%`, 'missed'],
    ['aa' + 'm', 2, 1, 0, '66.7', `66,7${NBSP}%`, 'missed'], // 66,666… rounds half up
    ['mm', 0, 2, 0, '0.0', `0,0${NBSP}%`, 'missed'],
    ['pp', 0, 0, 2, null, 'н/д', 'pending'],
    ['p', 0, 0, 1, null, 'н/д', 'pending'],
  ] as const)(
    '%s → %i achieved, %i missed, %i pending, %s',
    (outcomes, achieved, missed, pending, share, shareText, status) => {
      const t = directionTotals(direction('x', outcomes));
      expect(t).toMatchObject({ achieved, missed, pending, total: outcomes.length, share, shareText, status });
    },
  );

  it('carries the id, name and responsible official', () => {
    expect(directionTotals(direction('economy', 'a'))).toMatchObject({
      id: 'economy',
      name: 'Направление economy',
      responsible: { position: 'Заместитель Главы города', name: 'Гуменюк М.А.' },
    });
  });
});

describe('computeCity', () => {
  it.each([
    // directions' outcomes, expected city line
    [['aaaaaa', 'aaaaaa'], 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ДВЕНАДЦАТИ ПОКАЗАТЕЛЯМ.'],
    [
      ['aaaaaa', 'aaaam', 'aaampa', 'aaaaaap'],
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ДВАДЦАТИ ИЗ ДВАДЦАТИ ЧЕТЫРЕХ ПОКАЗАТЕЛЕЙ; ПО ДВУМ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.',
    ],
    [
      ['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaaaaaaa', 'm'],
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ТРИДЦАТИ ИЗ ТРИДЦАТИ ОДНОГО ПОКАЗАТЕЛЯ.',
    ],
    [
      ['aaaaaaaaaa', 'aaaaaaaaaa', 'a', 'mm'],
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ДВАДЦАТИ ОДНОМУ ИЗ ДВАДЦАТИ ТРЕХ ПОКАЗАТЕЛЕЙ.',
    ],
    [['mm', 'm'], 'ИТОГ: В 2023 ГОДУ ПЛАНОВЫЕ ЗНАЧЕНИЯ НЕ ДОСТИГНУТЫ НИ ПО ОДНОМУ ИЗ ТРЕХ ПОКАЗАТЕЛЕЙ.'],
    [['pp', 'p'], 'ИТОГ: ПО ВСЕМ ТРЕМ ПОКАЗАТЕЛЯМ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ.'],
    [['a'], 'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВОГО ЗНАЧЕНИЯ ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ.'],
  ])('%j → %s', (outcomes, line) => {
    const city = computeCity(outcomes.map((o, i) => direction(`d${i}`, o)));
    expect(city.resultLine).toBe(line);
    const all = outcomes.join('');
    const count = (c: string) => [...all].filter((x) => x === c).length;
    expect(city.tally).toEqual({ year: 2023, total: all.length, achieved: count('a'), pending: count('p') });
    expect(city.missed).toBe(count('m'));
    // The same function as a direction's line, over the summed tally.
    expect(city.resultLine).toBe(resultLine(city.tally));
    expect(city.directions.map((d) => d.id)).toEqual(outcomes.map((_, i) => `d${i}`));
  });

  it('ignores a direction’s hand-written summary: the city line is generated', () => {
    const city = computeCity([direction('a', 'aa', { summary: 'ИТОГ: ВСЁ ХОРОШО.' }), direction('b', 'm')]);
    expect(city.resultLine).toBe('ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ДВУМ ИЗ ТРЕХ ПОКАЗАТЕЛЕЙ.');
  });

  it('dates the summary by the latest report date of the year', () => {
    const city = computeCity([
      direction('a', 'a', { date: '2023-12-15' }),
      direction('b', 'a', { date: '2024-01-20' }),
      direction('c', 'a', { date: '2023-12-28' }),
    ]);
    expect(city.date).toBe('2024-01-20');
  });

  it.each([
    [[], /at least one direction/],
    [[direction('a', 'a'), direction('b', 'a', { year: 2024, date: '2024-12-01' })], /different years: 2023 and 2024/],
  ])('refuses %#', (directions, error) => {
    expect(() => computeCity(directions)).toThrow(error);
  });
});

describe('computeCity: the Strategy’s order', () => {
  it('puts directions by direction.order, those without it after them by id, whatever order they come in', () => {
    const city = computeCity([
      direction('b-economy', 'a'),
      direction('z-last', 'a', { order: 3 }),
      direction('a-city', 'a'),
      direction('m-first', 'a', { order: 1 }),
      direction('k-second', 'a', { order: 2 }),
    ]);
    expect(city.directions.map((d) => d.id)).toEqual(['m-first', 'k-second', 'z-last', 'a-city', 'b-economy']);
  });
});
