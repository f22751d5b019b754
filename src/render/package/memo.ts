/**
 * The decks of a year share many parts as the same text under the same name
 * (layouts, master, theme, closing slide); checking, repairing and deflating
 * a part depends on its text alone, so the result for a part's last text is
 * kept for the next deck. Kept by name and compared with `===`: a memo keyed
 * by the text would hash every part, which cost more than it saved.
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
