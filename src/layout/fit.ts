/**
 * The one size search of the layout: try font sizes from the largest down
 * and take the first that fits. Headings, flowing lists and tables each say
 * what "fits" means for them; the order of the sizes is decided only here.
 * Pure; sizes in points.
 */

/** A whole point: the step between sizes tried, as PowerPoint's own size list goes. */
const SIZE_STEP_PT = 1;

/** Slack for sizes that are not whole points (a template may give 10.5 pt). */
const SIZE_EPS_PT = 1e-9;

/** Sizes to try, largest first: maxPt, maxPt − step, … while not below minPt. */
export function sizesDown(range: { maxPt: number; minPt: number }, stepPt = SIZE_STEP_PT): number[] {
  const sizes: number[] = [];
  for (let size = range.maxPt; size >= range.minPt - SIZE_EPS_PT; size -= stepPt) sizes.push(size);
  return sizes;
}

/** One size tried and what it gave. */
interface SizeTrial<T> {
  sizePt: number;
  result: T;
}

/**
 * The largest size in the range whose attempt fits (tried from the top down,
 * so the answer is right even where fitting is not monotonic in size), and
 * every trial made, in order, for a caller that falls back on the best of
 * them when none fits.
 */
export function largestFitting<T>(
  range: { maxPt: number; minPt: number },
  attempt: (sizePt: number) => T,
  fits: (result: T) => boolean,
): { fit: SizeTrial<T> | undefined; trials: SizeTrial<T>[] } {
  const trials: SizeTrial<T>[] = [];
  for (const sizePt of sizesDown(range)) {
    const trial = { sizePt, result: attempt(sizePt) };
    trials.push(trial);
    if (fits(trial.result)) return { fit: trial, trials };
  }
  return { fit: undefined, trials };
}
