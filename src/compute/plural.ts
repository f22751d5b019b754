/**
 * A count with its noun in the nominative: «21 показатель», «3 направления»,
 * «27 показателей» (the one/few/many rule of Russian cardinals; the test
 * checks it against OpenCorpora through Az.js).
 */
import { formatNumber } from './format.js';

/** The form of a noun after the number n: one (1, 21, 101…), few (2–4, 22–24…) or many (0, 5–20, 25…). */
export function plural(n: number, one: string, few: string, many: string): string {
  const [m10, m100] = [n % 10, n % 100];
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** «21 показатель», the figure grouped as on the slides. */
export function countOf(n: number, one: string, few: string, many: string): string {
  return `${formatNumber(n)} ${plural(n, one, few, many)}`;
}
