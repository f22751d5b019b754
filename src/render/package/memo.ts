/**
 * What a deck shares with the deck before it in one thread: the template's
 * layouts, master and theme, the closing slide, most relationship parts come
 * out of pptxgenjs as the same text under the same name in every deck of a
 * year (68 of 182 KB of XML in the bench's distinct directions). Checking,
 * repairing and deflating such a part is a pure function of its text, so the
 * result for a part's last text is kept here for the next deck.
 *
 * Kept by part name, one text each, and found only when the new text is
 * equal to it: comparing two texts is a memory compare that stops at the
 * first difference (or at once, for another length), where a memo keyed by
 * the text itself hashes every character of every part, hit or miss. That
 * hashing cost more than the work it saved (measured: 100 decks 3–5 % slower,
 * +30 MB).
 */
export class PartMemo<T> {
  private readonly entries = new Map<string, { text: string; value: T }>();

  /** What was kept for this part when its text was `text`. */
  get(name: string, text: string): T | undefined {
    const entry = this.entries.get(name);
    return entry !== undefined && entry.text === text ? entry.value : undefined;
  }

  /** `compute(text)`, or what it gave for this part's same text last time; the part's one kept text is now `text`. */
  through(name: string, text: string, compute: (text: string) => T): T {
    const kept = this.get(name, text);
    if (kept !== undefined) return kept;
    const value = compute(text);
    this.set(name, text, value);
    return value;
  }

  set(name: string, text: string, value: T): void {
    if (this.entries.size >= MAX_PARTS && !this.entries.has(name)) this.entries.clear();
    this.entries.set(name, { text, value });
  }

  /** Part names kept (tests). */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * Most part names kept: a deck has ~50 parts (a summary of 100 directions
 * ~60); a deck of thousands of slides empties the memo rather than keeping
 * all its slides until the next deck.
 */
export const MAX_PARTS = 1000;
