/**
 * What an office types into a plan or fact cell, judged: a number, «pending»
 * (an empty cell, «н/д», «—»: the same words `check` recognises as a pending
 * fact), or why it is neither. Accepts «1 234,5», «80,4»,
 * «80.4», a minus as «-» or «−», a trailing «%» (the unit column says what
 * the number measures), numbers stored as text and percent-formatted cells.
 */
import Big from 'big.js';
import { NO_DATA as PENDING_WORDS } from '../content/validate.js';
import type { NotNumber } from '../errors.js';
import { typedLines } from '../source/text.js';

/** A cell as the readers give it: a number (percent-formatted or not), text, nothing, or something else. */
export type CellValue =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'text'; text: string }
  /** A date, a boolean, an error value (#ДЕЛ/0!), a formula without a computed value: what it shows. */
  | { kind: 'other'; shown: string; why: NotNumber };

/** A rejected cell says why (the catalogue's SheetValue words it). */
export type Judged = { kind: 'number'; value: number } | { kind: 'pending' } | { kind: 'rejected'; why: NotNumber };

/** Spaces a number is grouped with: space, no-break space, narrow no-break space, thin space. */
const GROUP = '[ \\u00a0\\u202f\\u2009]';
/** «1 234 567,5», «1234567.5», «-3», «−3», «80,4 %». */
const NUMBER = new RegExp(`^([-\\u2212]?)(\\d{1,3}(?:${GROUP}\\d{3})+|\\d+)(?:[.,](\\d+))?(?:${GROUP}*%)?$`);

/**
 * A binary number as a person would read it: 15 significant digits, as spreadsheets show them
 * (a formula's 79.20000000000002 is 79.2).
 */
function readable(value: number): number {
  return Number(value.toPrecision(15));
}

/** Text typed into a cell → number, pending, or why not. */
export function judgeText(raw: string): Judged {
  const text = raw.trim();
  if (text === '' || PENDING_WORDS.test(text)) return { kind: 'pending' };
  const m = NUMBER.exec(text);
  if (!m) return { kind: 'rejected', why: 'text' };
  const [, sign = '', int = '', frac] = m;
  const decimal = `${sign ? '-' : ''}${int.replace(new RegExp(GROUP, 'g'), '')}${frac !== undefined ? `.${frac}` : ''}`;
  // A decimal string converts to the nearest double exactly as YAML's `80.4` does; -0 is 0.
  return { kind: 'number', value: Number(decimal) || 0 };
}

/** A cell → number, pending, or why not. A percent cell holds a fraction (0,804 shown as 80,4 %): its number is ×100. */
export function judgeCell(cell: CellValue): Judged {
  switch (cell.kind) {
    case 'empty':
      return { kind: 'pending' };
    case 'text':
      return judgeText(cell.text);
    case 'number':
      if (!Number.isFinite(cell.value)) return { kind: 'rejected', why: 'other' };
      return {
        kind: 'number',
        value: cell.percent ? readable(Number(new Big(cell.value).times(100).toString())) : readable(cell.value) || 0,
      };
    case 'other':
      return { kind: 'rejected', why: cell.why };
  }
}

/** What a cell shows, for messages: «12,3.4», «45», «(пусто)». */
export function shownText(cell: CellValue): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return cell.percent
        ? `${String(readable(cell.value * 100)).replace('.', ',')} %`
        : String(cell.value).replace('.', ',');
    case 'other':
      return cell.shown;
  }
}

/** Text of a text column (name, unit): numbers as they read, trimmed; undefined when the cell is empty. */
export function cellText(cell: CellValue): string | undefined {
  if (cell.kind === 'empty') return undefined;
  const text = cell.kind === 'text' ? cell.text : shownText(cell);
  const trimmed = typedLines(text).trim();
  return trimmed === '' ? undefined : trimmed;
}
