/**
 * Decimal commas in a column, lined up: every figure right-aligned, and each
 * cell's right inset grown by what its "tail" lacks against the column's
 * widest tail. The tail is what follows the units digit: «,4», «,45 %»,
 * « %*»; a value without a comma ends its tail at the last digit, so 72 sits
 * under 80,4 with its units digit under the 0. A text without digits
 * («н/д», «—») has no tail and ends where the units digits end. The text
 * itself is untouched (no padding characters), so editing and copying a
 * figure give the figure.
 */
import { textWidthPt } from './measure.js';

/** What follows the integer part: from the decimal comma, else after the last digit; '' without digits. */
export function decimalTail(text: string): string {
  const comma = /\d,\d/.exec(text);
  if (comma) return text.slice(comma.index + 1);
  const lastDigit = text.search(/\d\D*$/);
  return lastDigit < 0 ? '' : text.slice(lastDigit + 1);
}

/**
 * The extra right inset of each text of one column so that their integer
 * parts end at one x, in points at the size given (bold per cell).
 */
export function decimalInsets(cells: readonly { text: string; bold?: boolean }[], sizePt: number): number[] {
  const tails = cells.map((c) =>
    c.text === '' ? 0 : textWidthPt(decimalTail(c.text), { sizePt, bold: c.bold ?? false }),
  );
  const widest = Math.max(0, ...tails);
  return cells.map((c, i) => (c.text === '' ? 0 : widest - tails[i]!));
}
