/**
 * A bound on nesting, checked before parsing: the YAML parser recurses once
 * per level, so 2 500 `- ` on one line (or `[[[[…`, or a staircase of
 * indentation) would overflow the stack inside it. One pass over the lexer's
 * tokens (a generator, flat in memory and stack), stopped at the first
 * place the bound is crossed.
 */
import { CST, Lexer } from 'yaml';

/** Far above any direction file (three or four levels) and far below what overflows the parser (~2 000). */
export const MAX_NESTING = 64;

/** The lexer's markers that stand for structure but are not text of the source. */
const MARKERS = new Set(['\x02', '\x18', '\uFEFF']);
const SCALAR_MARKER = '\x1f';

/** Tokens that begin a value or an item: the columns of such tokens nested on a line make the depth. */
const OPENS_LEVEL = new Set(['seq-item-ind', 'explicit-key-ind']);
const CONTENT = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'anchor',
  'tag',
  'alias',
  'flow-seq-start',
  'flow-map-start',
]);

export interface TooDeep {
  /** Offset of the token that crosses the bound. */
  offset: number;
  /** Crossed inside [ ] / { } or by block structure (indentation, «- » on one line). */
  what: 'flow' | 'block';
}

/**
 * An upper bound on the depth without lexing: block levels sit at strictly
 * increasing columns, each where a line's text starts or an indicator
 * (`-`, `?`, `:` before a space) or the text after it starts, so there are
 * at most as many as the furthest such column + 2; each bracket adds at most one. Most files are
 * far below the bound and skip the lexer.
 */
function depthBound(text: string): number {
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) brackets++;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) brackets++;
  let furthest = 0;
  let lineStart = 0;
  for (const m of text.matchAll(/\n|^[ \t]+|[-?:](?:[ \t]+|$)/gm)) {
    if (m[0] === '\n') lineStart = m.index + 1;
    else furthest = Math.max(furthest, m.index + m[0].length - lineStart);
  }
  return furthest + 2 + brackets;
}

/**
 * Block depth is the stack of columns where structure starts (indentation
 * of lines, and each `- `/`? ` on a line); flow depth the open brackets.
 * Their sum is what the parser recurses on.
 */
export function findTooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  if (depthBound(text) <= max) return undefined;
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let firstOnLine = true;
  let afterIndicator = false;
  let scalarText = false;
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) continue;
    if (token === SCALAR_MARKER) {
      scalarText = true;
      continue;
    }
    const type = scalarText ? 'scalar' : (CST.tokenType(token) ?? undefined);
    scalarText = false;
    const start = offset;
    offset += token.length;
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (columns.length + ++flow > max) return { offset: start, what: 'flow' };
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
    const opens = type !== undefined && OPENS_LEVEL.has(type);
    if (flow === 0 && (opens || (type !== undefined && CONTENT.has(type) && (firstOnLine || afterIndicator)))) {
      const col = start - lineStart;
      if (firstOnLine) while (columns.length > 0 && columns[columns.length - 1]! >= col) columns.pop();
      if (columns.length === 0 || columns[columns.length - 1]! < col) columns.push(col);
      if (columns.length > max) return { offset: start, what: 'block' };
      firstOnLine = false;
    }
    if (type !== 'space' && type !== 'comment') afterIndicator = opens;
    const nl = token.lastIndexOf('\n');
    if (nl >= 0) {
      lineStart = start + nl + 1;
      firstOnLine = true;
      afterIndicator = false;
    }
  }
  return undefined;
}
