import { describe, it, expect } from 'vitest';
import { formatDate, formatExecution, formatNumber, formatDecimalString } from '../../src/compute/format.js';
import type { Execution } from '../../src/compute/execution.js';

// Expectations are written with '_' for U+00A0 so a plain space can never pass.
const nb = (s: string) => s.replace(/_/g, '\u00A0');

describe('formatNumber', () => {
  it.each([
    [5176, '5_176'],
    [5236, '5_236'],
    [72, '72'],
    [80.4, '80,4'],
    [99.75, '99,75'],
    [172.7, '172,7'],
    [0, '0'],
    [-0, '0'], // no '−0'
    [999, '999'],
    [1000, '1_000'], // 4 digits are grouped too (the seed's '5 176')
    [12345, '12_345'],
    [123456, '123_456'],
    [1234567.5, '1_234_567,5'],
    [1002.05, '1_002,05'], // shortest repr, no float noise
    [0.1 + 0.2, '0,30000000000000004'], // printed as the double is written, not rounded
    [1.005, '1,005'],
    [0.0000001, '0,0000001'], // never exponent notation (String gives '1e-7')
    [1e21, '1_000_000_000_000_000_000_000'],
    [-3, '\u22123'], // typographic minus U+2212
    [-1234.5, '\u22121_234,5'],
  ])('%s → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(nb(expected));
  });

  it('never contains a plain space, U+202F or U+2009', () => {
    for (const v of [5176, 1234567.5, 1e21, -98765.4321]) expect(formatNumber(v)).not.toMatch(/[ \u202F\u2009]/);
  });

  // Cross-check against ICU for positive values (normalising its group separator).
  it.each([5176, 80.4, 1234567.5, 99.75, 1002.05, 0.5, 100000])('agrees with Intl ru-RU for %s', (v) => {
    const intl = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 20, useGrouping: true })
      .format(v)
      .replace(/[\u202F\u2009 ]/g, '\u00A0');
    expect(formatNumber(v)).toBe(intl);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%s is a RangeError', (v) => {
    expect(() => formatNumber(v)).toThrow(RangeError);
  });
});

describe('formatDecimalString', () => {
  it.each([
    ['101.16', '101,16'],
    ['87.0', '87,0'], // trailing zeros are kept: they carry the precision
    ['112', '112'],
    ['12345.600', '12_345,600'],
    ['-50.0', '\u221250,0'],
    ['-0.0', '0,0'],
  ])('%s → %s', (s, expected) => {
    expect(formatDecimalString(s)).toBe(nb(expected));
  });

  it.each(['1e5', '1,5', '', '.5', 'abc'])('%j is a RangeError', (s) => {
    expect(() => formatDecimalString(s)).toThrow(RangeError);
  });
});

describe('formatExecution', () => {
  it.each<[Execution, string]>([
    [{ kind: 'value', percent: '111.7' }, '111,7_%'],
    [{ kind: 'value', percent: '101.16' }, '101,16_%'],
    [{ kind: 'value', percent: '87.0' }, '87,0_%'],
    [{ kind: 'value', percent: '112' }, '112_%'],
    [{ kind: 'value', percent: '100.000' }, '100,000_%'],
    [{ kind: 'value', percent: '12345.6' }, '12_345,6_%'], // grouped like any number
    [{ kind: 'value', percent: '-50.0' }, '\u221250,0_%'],
    [{ kind: 'pending' }, 'н/д'],
    [{ kind: 'zero-divisor' }, '—'], // em dash, never NaN or Infinity
  ])('%j → %s', (e, expected) => {
    expect(formatExecution(e)).toBe(nb(expected));
  });
});

describe('formatDate', () => {
  it.each([
    ['2023-12-15', '15.12.2023'],
    ['2024-02-29', '29.02.2024'], // leap day
    ['2000-01-01', '01.01.2000'], // leading zeros kept
  ])('%s → %s', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each(['2023-02-30', '15.12.2023', '2023-1-5', '2023-12-15T00:00:00Z', ''])('%j is a RangeError', (iso) => {
    expect(() => formatDate(iso)).toThrow(RangeError);
  });
});
