/**
 * Characters a deck's XML cannot hold, found in the text (as written) or in
 * a double-quoted value (as an escape), each located.
 */
import { diagnostic, type Diagnostic } from '../errors.js';

/**
 * Characters XML 1.0 forbids: C0 controls except tab, LF and CR; DEL; the
 * non-characters U+FFFE/U+FFFF; a surrogate without its pair. One of them in
 * a deck's XML makes PowerPoint refuse the file (Word's Shift+Enter pastes U+000B).
 * Also the bidi embedding, override and isolate controls (U+202A–U+202E,
 * U+2066–U+2069): invisible, they reorder what the audience reads («Trojan Source»).
 */
export const FORBIDDEN_CHAR =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every forbidden character written as is, located (the first of each line, at most 20 lines). */
export function forbiddenChars(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pattern = new RegExp(FORBIDDEN_CHAR.source, 'g');
  let line = 1;
  let lineStart = 0;
  for (let m = pattern.exec(text); m && out.length < 20; m = pattern.exec(text)) {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < m.index; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    out.push(
      diagnostic('ForbiddenCharacter', { file, line, col: m.index - lineStart + 1 }, { char: m[0].charCodeAt(0) }),
    );
    // One per line: go on from the next line.
    const next = text.indexOf('\n', m.index);
    if (next < 0) break;
    pattern.lastIndex = next;
  }
  return out;
}

const SIMPLE_ESCAPES: Partial<Record<string, number>> = { '0': 0x00, a: 0x07, b: 0x08, v: 0x0b, f: 0x0c, e: 0x1b };

/**
 * A forbidden character written as an escape in double quotes ("\v", "\x0B",
 * "\uD800"): located on the backslash. A surrogate pair of escapes is one
 * valid character.
 */
function forbiddenEscape(raw: string): { index: number; code: number; escape: string } | undefined {
  const escapes = [...raw.matchAll(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S])/g)].map((m) => {
    const e = m[1]!;
    const code = e.length > 1 ? Number.parseInt(e.slice(1), 16) : (SIMPLE_ESCAPES[e] ?? -1);
    return { index: m.index, end: m.index + m[0].length, code, escape: m[0] };
  });
  for (let i = 0; i < escapes.length; i++) {
    const e = escapes[i]!;
    const next = escapes[i + 1];
    if (
      e.code >= 0xd800 &&
      e.code <= 0xdbff &&
      next &&
      next.index === e.end &&
      next.code >= 0xdc00 &&
      next.code <= 0xdfff
    ) {
      i++;
      continue;
    }
    if (e.code >= 0 && e.code <= 0xffff && FORBIDDEN_CHAR.test(String.fromCharCode(e.code))) return e;
  }
  return undefined;
}

/**
 * A forbidden character in a double-quoted value written as an escape (it
 * passes the text check): located on the backslash. `raw` is the value's
 * source text starting at `start`; `value` its parsed text.
 */
export function forbiddenInQuoted(
  file: string,
  value: string,
  raw: string,
  start: number,
  linePos: (offset: number) => { line: number; col: number },
): Diagnostic | undefined {
  const bad = FORBIDDEN_CHAR.exec(value);
  if (!bad) return undefined;
  const found = forbiddenEscape(raw);
  const { line, col } = linePos(start + (found?.index ?? 0));
  const params = found ? { char: found.code, escape: found.escape } : { char: bad[0].charCodeAt(0) };
  return diagnostic('ForbiddenCharacter', { file, line, col }, params);
}
