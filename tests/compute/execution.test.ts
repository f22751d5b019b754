import { describe, it, expect } from 'vitest';
import { execution, status, type Measured } from '../../src/compute/execution.js';

const hi = (plan: number, fact: number | null | undefined, precision = 1): Measured => ({
  plan,
  fact,
  better: 'higher',
  precision,
});
const lo = (plan: number, fact: number | null | undefined, precision = 1): Measured => ({
  plan,
  fact,
  better: 'lower',
  precision,
});

describe('execution: value', () => {
  it.each([
    // The seed's six rows (fact / plan × 100).
    ['seed 45', hi(72, 80.4), '111.7'],
    ['seed 46', hi(5176, 5236, 2), '101.16'], // 101.1591…
    ['seed 47', hi(6, 8, 2), '133.33'],
    ['seed 48', hi(140, 172.7), '123.4'], // 123.357…
    ['seed 49', hi(67, 74.9), '111.8'],
    ['seed 50', hi(90, 99.75), '110.8'],
    // Exactly `precision` decimals, trailing zeros kept.
    ['87 → 87.0 at precision 1', hi(100, 87), '87.0'],
    ['100 % at precision 3', hi(5, 5, 3), '100.000'],
    ['precision 0: no decimal point', hi(100, 112, 0), '112'],
    ['precision 0 rounds half up', hi(2, 2.01, 0), '101'], // exactly 100.5
    ['precision 0 rounds down below half', hi(3, 2, 0), '67'], // 66.66…
    ['precision 3 repeating decimal', hi(7, 1, 3), '14.286'], // 14.285714…
    ['precision 2 repeating decimal', hi(3, 2, 2), '66.67'],
    ['big quotient keeps normal notation', hi(0.001, 1e6, 1), '100000000000.0'],
    ['tiny quotient', hi(1e6, 0.001, 3), '0.000'],
    ['zero fact is a real 0 %', hi(50, 0), '0.0'],
  ])('%s', (_why, m, percent) => {
    expect(execution(m)).toEqual({ kind: 'value', percent });
  });
});

describe('execution: decimal rounding, not binary', () => {
  // Each of these goes wrong with (fact / plan * 100).toFixed(p) or Math.round,
  // because the double quotient lands just below the half-way point.
  it.each([
    ['spec: 1000 → 1002.05 @2 (double 100.20499999999998)', hi(1000, 1002.05, 2), '100.21'],
    ['1 → 1.005 @0 (double 100.49999999999999)', hi(1, 1.005, 0), '101'],
    ['1 → 1.3355 @1 (double 133.54999999999998)', hi(1, 1.3355, 1), '133.6'],
    ['2 → 3.001 @1 (double 150.04999999999998)', hi(2, 3.001, 1), '150.1'],
    ['10 → 12.34565 @3 (double 123.45649999999999)', hi(10, 12.34565, 3), '123.457'],
    ['spec: 101.155 → 101.16 @2', hi(1000, 1011.55, 2), '101.16'],
    ['lower: plan 100.205 / fact 100 @2 (double 100.20499999999998)', lo(100.205, 100, 2), '100.21'],
    ['lower: plan 1.005 / fact 1 @0', lo(1.005, 1, 0), '101'],
  ])('%s', (_why, m, percent) => {
    expect(execution(m)).toEqual({ kind: 'value', percent });
  });
});

describe('execution: reverse indicators (better: lower) use plan / fact', () => {
  it.each([
    ['fact below plan is over 100 %', lo(10, 8), '125.0'],
    ['fact above plan is under 100 %', lo(8, 10), '80.0'],
    ['equal is 100 %', lo(3.5, 3.5, 2), '100.00'],
    ['plan 0 is not a divisor here: 0 %', lo(0, 5), '0.0'],
    ['repeating, precision 2', lo(2, 3, 2), '66.67'],
  ])('%s', (_why, m, percent) => {
    expect(execution(m)).toEqual({ kind: 'value', percent });
  });
});

describe('execution: negative values are computed as written', () => {
  it.each([
    ['negative fact', hi(10, -5), '-50.0'],
    ['both negative: ratio is positive', hi(-10, -5), '50.0'],
    ['negative plan, positive fact', hi(-10, 5), '-50.0'],
    ['lower with negative fact', lo(5, -10), '-50.0'],
    // Half rounds away from zero, symmetric to positives (big.js roundHalfUp).
    ['negative half rounds away from zero', hi(1000, -0.5), '-0.1'], // -0.05
    // Rounds to zero: never print '-0.0'.
    ['negative rounding to zero loses its sign', hi(10000, -4), '0.0'], // -0.04
    ['negative zero fact', hi(10, -0), '0.0'],
  ])('%s', (_why, m, percent) => {
    expect(execution(m)).toEqual({ kind: 'value', percent });
  });
});

describe('execution: pending and zero divisor', () => {
  it.each([
    ['null fact', hi(72, null), { kind: 'pending' }],
    ['absent fact', hi(72, undefined), { kind: 'pending' }],
    ['pending wins over a zero plan', hi(0, null), { kind: 'pending' }],
    ['lower, absent fact', lo(5, undefined), { kind: 'pending' }],
    ['higher, plan 0', hi(0, 5), { kind: 'zero-divisor' }],
    ['higher, plan 0 and fact 0', hi(0, 0), { kind: 'zero-divisor' }],
    ['higher, plan -0', hi(-0, 5), { kind: 'zero-divisor' }],
    ['lower, fact 0', lo(5, 0), { kind: 'zero-divisor' }],
    ['lower, fact -0', lo(5, -0), { kind: 'zero-divisor' }],
  ])('%s', (_why, m, expected) => {
    expect(execution(m)).toEqual(expected);
  });
});

describe('execution: bad input is a RangeError', () => {
  it.each([
    ['precision 1.5', hi(1, 1, 1.5)],
    ['precision -1', hi(1, 1, -1)],
    ['precision 21', hi(1, 1, 21)],
    ['NaN plan', hi(Number.NaN, 1)],
    ['infinite fact', hi(1, Number.POSITIVE_INFINITY)],
  ])('%s', (_why, m) => {
    expect(() => execution(m)).toThrow(RangeError);
  });
});

describe('status', () => {
  it.each([
    ['higher: above plan', hi(72, 80.4), 'achieved'],
    ['higher: exactly plan', hi(72, 72), 'achieved'],
    ['higher: below plan', hi(72, 71.9), 'missed'],
    ['lower: below plan', lo(10, 8), 'achieved'],
    ['lower: exactly plan', lo(10, 10), 'achieved'],
    ['lower: above plan', lo(10, 10.1), 'missed'],
    ['no fact (null)', hi(10, null), 'pending'],
    ['no fact (undefined)', lo(10, undefined), 'pending'],
    // Zero divisor prints '—' but the comparison still decides the status.
    ['higher, plan 0, fact 5', hi(0, 5), 'achieved'],
    ['lower, fact 0, plan 5', lo(5, 0), 'achieved'],
    // Negative values compare as numbers: -5 ≥ -10 although the ratio is 50 %.
    ['higher, both negative', hi(-10, -5), 'achieved'],
    ['higher, negative fact', hi(10, -5), 'missed'],
    // No float trap: 0.1 + 0.2 is not exactly 0.3, but the YAML gives plain numbers.
    ['higher, 0.3 vs 0.3', hi(0.3, 0.3), 'achieved'],
  ])('%s', (_why, m, expected) => {
    expect(status(m)).toBe(expected);
  });
});
