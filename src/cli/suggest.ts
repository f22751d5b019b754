/**
 * «Возможно, вы имели в виду…»: the known word nearest to a mistyped one, by
 * edit distance with a swap of two neighbouring letters counted as one edit
 * (biuld → build), case ignored.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const x = [...a.toLowerCase()];
  const y = [...b.toLowerCase()];
  // d[i][j]: distance between the first i letters of x and the first j of y.
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/**
 * The candidate a typo most likely meant, or undefined when none is close:
 * at most one edit for a word of up to four letters, two for a longer one
 * (so «frobnicate» suggests nothing, and «foo» is not taken for «out»).
 * Ties go to the earlier candidate.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const allowed = [...word].length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** The Latin letter on each key of the Russian (ЙЦУКЕН) layout of a QWERTY keyboard. */
const QWERTY_KEY: Readonly<Record<string, string>> = Object.fromEntries(
  [...'йцукенгшщзхъфывапролджэячсмитьбюё'].map((c, i) => [c, "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"[i]!]),
);

/** A word typed with the Russian layout on, as the same keys give it in the Latin one («ишдв» → «bild»). */
export function fromRussianLayout(word: string): string {
  return [...word.toLowerCase()].map((c) => QWERTY_KEY[c] ?? c).join('');
}

/**
 * What a mistyped command most likely meant: a near miss of a command, the
 * same keys typed in the Russian layout, or a Russian word for it
 * (`words`: «сборка» → build); `layout` when the keyboard was the cause.
 */
export function closestCommand(
  word: string,
  commands: readonly string[],
  words: Readonly<Record<string, readonly string[]>>,
): { command: string; layout?: string } | undefined {
  const near = closest(word, commands);
  if (near) return { command: near };
  const latin = fromRussianLayout(word);
  const typed = latin === word.toLowerCase() ? undefined : closest(latin, commands);
  if (typed) return { command: typed, layout: latin };
  const names = Object.entries(words).flatMap(([command, list]) => list.map((w) => ({ command, w })));
  const russian = closest(
    word,
    names.map((n) => n.w),
  );
  return russian === undefined ? undefined : { command: names.find((n) => n.w === russian)!.command };
}
