/**
 * Execution of one indicator (spec: content-format.md, "Computation").
 *
 * All arithmetic is decimal (big.js): a number from the YAML is taken by its
 * shortest round-trip string (`Big(1002.05)` is exactly 1002.05), so binary
 * float artefacts never change a printed digit.
 */
import Big from 'big.js';

export type Status = 'achieved' | 'missed' | 'pending';

export type Execution =
  /** `percent`: rounded half-up at `precision`, exactly `precision` decimals, '.' separator: '101.16', '87.0', '112'. */
  | { kind: 'value'; percent: string }
  /** The fact is null/undefined: no data yet. */
  | { kind: 'pending' }
  /** plan = 0 (`higher`) or fact = 0 (`lower`): the cell shows "—", never NaN/Infinity. */
  | { kind: 'zero-divisor' };

export interface Measured {
  plan: number;
  fact: number | null | undefined;
  better: 'higher' | 'lower';
  precision: number;
}

/** Largest accepted `precision` (the schema allows 0–3; the maths is exact well beyond). */
const MAX_PRECISION = 20;

/**
 * A private constructor: the quotient is *truncated* at 30 decimals, then
 * rounded half-up at `precision` (≤ 20). Truncation far below the rounding
 * digit can never move a value across a half-way point, whereas rounding it
 * twice could (…4999…9|7 → …5 → up). The global Big stays untouched.
 */
const Dec = Big();
Dec.DP = 30;
Dec.RM = Big.roundDown;

function hasFact(fact: number | null | undefined): fact is number {
  return fact !== null && fact !== undefined;
}

function checkFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
}

function checkPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) {
    throw new RangeError(`precision must be an integer 0–${MAX_PRECISION}, got ${String(precision)}`);
  }
}

/**
 * `higher`: fact / plan × 100; `lower`: plan / fact × 100.
 *
 * Negative inputs are computed as written (e.g. plan 10, fact −5 → '-50.0');
 * ties round half away from zero (big.js roundHalfUp), and a result that
 * rounds to zero is always '0…', never '-0…'.
 */
export function execution(m: Measured): Execution {
  checkPrecision(m.precision);
  checkFinite('plan', m.plan);
  if (!hasFact(m.fact)) return { kind: 'pending' };
  checkFinite('fact', m.fact);

  const [numerator, divisor] = m.better === 'lower' ? [m.plan, m.fact] : [m.fact, m.plan];
  if (divisor === 0) return { kind: 'zero-divisor' }; // also catches -0

  // Multiply first (exact in decimal), divide once.
  let rounded = new Dec(numerator).times(100).div(divisor).round(m.precision, Big.roundHalfUp);
  if (rounded.eq(0)) rounded = rounded.abs(); // no '-0.0'
  return { kind: 'value', percent: rounded.toFixed(m.precision) };
}

/** achieved: fact ≥ plan (`higher`) / fact ≤ plan (`lower`); pending: no fact; else missed. */
export function status(m: Measured): Status {
  checkFinite('plan', m.plan);
  if (!hasFact(m.fact)) return 'pending';
  checkFinite('fact', m.fact);
  // Comparing doubles is exact: both values are the numbers the YAML wrote.
  const achieved = m.better === 'lower' ? m.fact <= m.plan : m.fact >= m.plan;
  return achieved ? 'achieved' : 'missed';
}
