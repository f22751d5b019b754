import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { computeDirection } from '../../src/compute/direction.js';
import { ContentSchema, type Content, type Indicator } from '../../src/content/schema.js';
import { SEED_ROWS } from '../fixtures/seed/rows.js';
import { WORKSPACE } from '../helpers/cli.js';
import { seedContent } from './fixtures/seed.js';

const SEED_YAML = join(WORKSPACE, 'content', '2023', 'institutional-environment.yaml');

// The seed transcript uses plain spaces; the deck uses U+00A0 inside numbers.
const plain = (s: string) => s.replace(/\u00A0/g, ' ');

describe('computeDirection on the seed', () => {
  const computed = computeDirection(seedContent);

  it('the fixture is what the schema makes of the seed YAML (defaults included)', () => {
    expect(ContentSchema.parse(parse(readFileSync(SEED_YAML, 'utf8')))).toEqual(seedContent);
  });

  it.each(SEED_ROWS.map((row, i) => [i, ...row] as const))(
    'row %i matches the seed table',
    (i, label, plan, fact, exec) => {
      const row = computed.indicators[i]!;
      expect(row.index).toBe(i);
      expect(row.label).toBe(label);
      expect(plain(row.planText)).toBe(plan);
      expect(plain(row.factText)).toBe(fact);
      expect(plain(row.executionText)).toBe(exec);
      expect(row.status).toBe('achieved');
    },
  );

  it('uses a no-break space in numbers and before %', () => {
    const row46 = computed.indicators[1]!;
    expect(row46.planText).toBe('5\u00A0176');
    expect(row46.executionText).toBe('101,16\u00A0%');
  });

  it('tally and result line match the seed', () => {
    expect(computed.tally).toEqual({ year: 2023, total: 6, achieved: 6, pending: 0 });
    expect(computed.resultLine).toBe('ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.');
    expect(computed.generatedResultLine).toBe(computed.resultLine);
    expect(computed.content).toBe(seedContent);
  });
});

// A variant of the seed with the given indicators.
function withItems(items: Indicator[], extra: Partial<Content> = {}): Content {
  return { ...seedContent, ...extra, indicators: { items } };
}
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

describe('computeDirection: mixed statuses', () => {
  const items: Indicator[] = [
    ind(1, 100, 87), // missed, 87,0 %
    ind(2, 10, 8, { better: 'lower', note: 'обратный' }), // reverse: achieved, 125,0 %
    ind(3, 5, null), // pending
    ind(4, 0, 3), // zero divisor, achieved (3 ≥ 0)
    ind(5, 1000, 1002.05, { precision: 2 }), // the float trap
    ind(6, 4, undefined), // pending (absent)
    ind(7, 12345.5, 23456, { precision: 0 }),
  ];
  const c = computeDirection(withItems(items));

  it.each([
    [0, '1. Показатель 1, ед.', '100', '87', '87,0 %', 'missed'],
    [1, '2. Показатель 2, ед. (обратный)', '10', '8', '125,0 %', 'achieved'],
    [2, '3. Показатель 3, ед.', '5', 'н/д', 'н/д', 'pending'],
    [3, '4. Показатель 4, ед.', '0', '3', '—', 'achieved'],
    [4, '5. Показатель 5, ед.', '1 000', '1 002,05', '100,21 %', 'achieved'],
    [5, '6. Показатель 6, ед.', '4', 'н/д', 'н/д', 'pending'],
    [6, '7. Показатель 7, ед.', '12 345,5', '23 456', '190 %', 'achieved'], // 189.99…
  ])('row %i', (i, label, plan, fact, exec, st) => {
    const row = c.indicators[i]!;
    expect([row.label, plain(row.planText), plain(row.factText), plain(row.executionText), row.status]).toEqual([
      label,
      plan,
      fact,
      exec,
      st,
    ]);
    expect(row.indicator).toBe(items[i]);
  });

  it('tallies and writes the line with the pending clause', () => {
    expect(c.tally).toEqual({ year: 2023, total: 7, achieved: 4, pending: 2 });
    expect(c.resultLine).toBe(
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ЧЕТЫРЕМ ИЗ СЕМИ ПОКАЗАТЕЛЕЙ; ПО ДВУМ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.',
    );
  });
});

describe('computeDirection: summary', () => {
  it('content.summary replaces the line; the generated one stays available', () => {
    const c = computeDirection({ ...seedContent, summary: 'ИТОГ: ВСЁ ХОРОШО.' });
    expect(c.resultLine).toBe('ИТОГ: ВСЁ ХОРОШО.');
    expect(c.generatedResultLine).toBe('ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.');
  });

  it('the year of the line is report.year', () => {
    const c = computeDirection({ ...seedContent, report: { year: 2024, date: '2024-12-16' } });
    expect(c.resultLine).toBe('ИТОГ: ДОСТИЖЕНИЕ В 2024 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.');
  });

  it('a single pending indicator', () => {
    const c = computeDirection(withItems([ind(1, 5, null)]));
    expect(c.resultLine).toBe('ИТОГ: ПО ЕДИНСТВЕННОМУ ПОКАЗАТЕЛЮ ЗА 2023 ГОД ДАННЫЕ ОЖИДАЮТСЯ.');
  });
});
