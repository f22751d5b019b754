/**
 * ru-RU formatting (spec: content-format.md, "Formatting (ru-RU)").
 *
 * Numbers are formatted by hand, not with Intl: the output must not depend on
 * the ICU version (some use U+202F for grouping, some skip 4-digit groups).
 * - decimal comma; thousands grouped with U+00A0 from 4 digits on: '5 176';
 * - negative numbers use the typographic minus U+2212 ('−3'), as Russian
 *   typesetting does; Arimo (the template font) has the glyph;
 * - the number is printed as written: its shortest round-trip representation,
 *   no rounding to a fixed number of digits, never exponent notation.
 */
import Big from 'big.js';
import { isCalendarDate } from '../content/schema.js';
import type { Execution } from './execution.js';

/** No-break space: the only space ever used inside a number or before %. */
export const NBSP = '\u00A0';
/** Typographic minus sign U+2212. */
const MINUS = '\u2212';
/** Execution cell (and fact cell) of an indicator without a fact. */
export const NO_DATA = 'н/д';
/** Execution cell when the divisor is zero. */
const DASH = '—';

/**
 * Formats a plain decimal string ('-1234567.50', '101.16', '112') as ru-RU:
 * grouped integer part, decimal comma, fraction kept verbatim.
 */
export function formatDecimalString(decimal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) throw new RangeError(`not a plain decimal: ${JSON.stringify(decimal)}`);
  const [, sign = '', int = '', frac] = m;
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+$)/g, NBSP) : int;
  const isZero = /^0*$/.test(int) && (frac === undefined || /^0*$/.test(frac));
  return (sign && !isZero ? MINUS : '') + grouped + (frac !== undefined ? `,${frac}` : '');
}

/** 5176 → '5 176', 80.4 → '80,4', 1234567.5 → '1 234 567,5', -3 → '−3' (U+00A0, U+2212). */
export function formatNumber(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`cannot format ${String(value)}`);
  }
  // Big(value) reads String(value), the shortest round-trip form; toFixed()
  // without arguments writes all of its digits in normal notation.
  return formatDecimalString(new Big(value).toFixed());
}

/** value → '111,7 %' (U+00A0 before %), pending → 'н/д', zero-divisor → '—'. */
export function formatExecution(e: Execution): string {
  switch (e.kind) {
    case 'value':
      return `${formatDecimalString(e.percent)}${NBSP}%`;
    case 'pending':
      return NO_DATA;
    case 'zero-divisor':
      return DASH;
  }
}

/** '2023-12-15' → '15.12.2023'. Throws RangeError for anything but a real YYYY-MM-DD date. */
export function formatDate(isoDate: string): string {
  if (!isCalendarDate(isoDate)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}
