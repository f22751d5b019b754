/**
 * Quoting what the user wrote inside a one-line message: line breaks shown
 * as «↵», long text shortened by whole characters as people see them
 * (grapheme clusters: an emoji or a letter with its accent is never cut in half).
 */
// Made on first use: ICU's first service costs ~20 ms, which a run that quotes nothing (a clean check) need not pay.
let segmenter: Intl.Segmenter | undefined;
function graphemes(s: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter('ru', { granularity: 'grapheme' });
  return segmenter.segment(s);
}

/** The first `n` characters (graphemes) of `s`, and whether there were more. */
function headOf(s: string, n: number): { text: string; cut: boolean } {
  let text = '';
  let count = 0;
  for (const { segment } of graphemes(s)) {
    if (count === n) return { text, cut: true };
    text += segment;
    count++;
  }
  return { text, cut: false };
}

/** The last `n` characters (graphemes) of `s`; reads only the end of a long text. */
function tailOf(s: string, n: number): string {
  // A grapheme is rarely longer than a few code units; a generous window, with its first (maybe cut) one dropped.
  const start = Math.max(0, s.length - n * 16);
  const parts = Array.from(graphemes(s.slice(start)), (x) => x.segment);
  if (start > 0) parts.shift();
  return parts.slice(-n).join('');
}

/** Line breaks as «↵» (with the next line's indentation dropped), so a quote stays on one line. */
export function oneLine(s: string): string {
  return s.replace(/[ \t]*(?:\r\n|[\n\r\u2028\u2029\u0085])[ \t]*/g, ' ↵ ');
}

/** At most `max` characters (graphemes), «…» in place of the rest. */
export function shorten(s: string, max: number): string {
  const { text, cut } = headOf(s, max - 1);
  if (!cut) return s;
  // `max - 1` graphemes and more follow: exactly one more still fits whole.
  return headOf(s.slice(text.length), 1).cut ? `${text}…` : s;
}

/** A value as written, for «получено «…»»: one line, at most 60 characters. */
export function quoteWritten(raw: string): string {
  return shorten(oneLine(raw.trim()), 58);
}

/** `"text"` as YAML, shortened in the middle when long (the closing quote stays visible). */
export function quotedSuggestion(value: string): string {
  let shown = oneLine(value);
  if (headOf(shown, 70).cut) {
    // Cut at spaces: the start, «…», the last words (so the closing quote's place is seen).
    const head = headOf(shown, 45).text;
    const tail = tailOf(shown, 25);
    const headCut = head.lastIndexOf(' ') > 20 ? head.slice(0, head.lastIndexOf(' ')) : head;
    const tailCut = tail.indexOf(' ') >= 0 && tail.indexOf(' ') < 15 ? tail.slice(tail.indexOf(' ') + 1) : tail;
    shown = `${headCut.trimEnd()} … ${tailCut.trimStart()}`;
  }
  return /["\\]/.test(shown) ? `'${shown.replace(/'/g, "''")}'` : `"${shown}"`;
}
