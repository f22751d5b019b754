/**
 * A PDF page's content stream as a list of operations (ISO 32000-1 §7.8.2),
 * each with its place in the text, so that marked content can be changed
 * without touching anything else: a tagged Figure made an Artifact, drawing
 * left outside any marked content wrapped as an Artifact (pdfua.ts).
 *
 * The lexer knows the syntax of operands (numbers, names, strings with
 * nested parentheses and escapes, hex strings, arrays, dictionaries) and
 * skips inline image data; it never interprets an operation.
 */

export interface Operation {
  /** The operator, e.g. `BDC`, `f*`, `TJ`. */
  op: string;
  /** The operands' text, as written. */
  operands: string;
  /** Where the operation (its first operand) starts and where its operator ends. */
  start: number;
  end: number;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const KEYWORDS = new Set(['true', 'false', 'null']);

/** The operations of a content stream given as latin1 text (one character per byte). */
export function parseOperations(s: string): Operation[] {
  const ops: Operation[] = [];
  let i = 0;
  let operandStart = -1;
  /** Depth of arrays and dictionaries: a bare word inside one is an operand. */
  let nesting = 0;
  const operand = (at: number) => {
    if (operandStart < 0) operandStart = at;
  };
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (WHITE.has(c)) {
      i++;
      continue;
    }
    const ch = s[i]!;
    if (ch === '%') {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
      continue;
    }
    if (ch === '(') {
      operand(i);
      let depth = 0;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) break;
      }
      i++;
      continue;
    }
    if (ch === '<' && s[i + 1] === '<') {
      operand(i);
      nesting++;
      i += 2;
      continue;
    }
    if (ch === '>' && s[i + 1] === '>') {
      nesting--;
      i += 2;
      continue;
    }
    if (ch === '<') {
      operand(i);
      const close = s.indexOf('>', i);
      i = close < 0 ? s.length : close + 1;
      continue;
    }
    if (ch === '[') {
      operand(i);
      nesting++;
      i++;
      continue;
    }
    if (ch === ']') {
      nesting--;
      i++;
      continue;
    }
    // A name or a bare word: up to the next white space or delimiter.
    const from = i;
    i++;
    while (i < s.length && !WHITE.has(s.charCodeAt(i)) && !DELIMITERS.has(s.charCodeAt(i))) i++;
    const word = s.slice(from, i);
    if (ch === '/' || nesting > 0 || NUMBER.test(word) || KEYWORDS.has(word)) {
      operand(from);
      continue;
    }
    const start = operandStart < 0 ? from : operandStart;
    if (word === 'ID') {
      // Inline image data runs to «EI» after white space.
      const ei = /\sEI(?=[\s]|$)/g;
      ei.lastIndex = i;
      const m = ei.exec(s);
      i = m ? m.index + m[0].length : s.length;
      ops.push({ op: 'ID', operands: s.slice(start, from).trim(), start, end: i });
    } else {
      ops.push({ op: word, operands: s.slice(start, from).trim(), start, end: i });
    }
    operandStart = -1;
  }
  return ops;
}
