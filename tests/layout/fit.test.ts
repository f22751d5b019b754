import { describe, expect, it } from 'vitest';
import { largestFitting, sizesDown } from '../../src/layout/fit.js';

describe('sizesDown', () => {
  it.each([
    { range: { maxPt: 14, minPt: 10 }, sizes: [14, 13, 12, 11, 10] },
    // A range that is not whole points stops above the minimum rather than go under it.
    { range: { maxPt: 13.5, minPt: 11 }, sizes: [13.5, 12.5, 11.5] },
    { range: { maxPt: 12, minPt: 12 }, sizes: [12] },
    { range: { maxPt: 10, minPt: 12 }, sizes: [] },
  ])('$range.maxPt → $range.minPt', ({ range, sizes }) => {
    expect(sizesDown(range)).toEqual(sizes);
  });

  it('takes another step', () => {
    expect(sizesDown({ maxPt: 12, minPt: 10 }, 0.5)).toEqual([12, 11.5, 11, 10.5, 10]);
  });
});

describe('largestFitting', () => {
  // "Fits" as a heading does: a text of `chars` characters, `perLine(size)` of them to a line, within `maxLines`.
  const linesAt = (chars: number, size: number) => Math.ceil(chars / Math.floor(240 / size));
  it.each([
    { name: 'the largest size when it fits', chars: 20, maxLines: 1, sizePt: 12, tried: 1 },
    { name: 'shrinks until it fits', chars: 25, maxLines: 1, sizePt: 9, tried: 4 },
    { name: 'a second line before the minimum', chars: 25, maxLines: 2, sizePt: 12, tried: 1 },
    { name: 'nothing at all', chars: 400, maxLines: 1, sizePt: undefined, tried: 5 },
  ])('$name', ({ chars, maxLines, sizePt, tried }) => {
    const { fit, trials } = largestFitting(
      { maxPt: 12, minPt: 8 },
      (size) => linesAt(chars, size),
      (lines) => lines <= maxLines,
    );
    expect(fit?.sizePt).toBe(sizePt);
    expect(trials.map((t) => t.sizePt)).toEqual([12, 11, 10, 9, 8].slice(0, tried));
  });

  it('takes the first fitting size from the top even when fitting is not monotonic', () => {
    const fitsAt = new Set([11, 9]);
    const { fit } = largestFitting(
      { maxPt: 12, minPt: 8 },
      (size) => size,
      (size) => fitsAt.has(size),
    );
    expect(fit).toEqual({ sizePt: 11, result: 11 });
  });
});
