/**
 * The value axis of the execution charts, decided once per deck in the
 * layout: every chart slide of a direction (a chart continued over several
 * slides) gets the same range, so the 100 % line stands in one place on all
 * of them. Pure.
 */
import type { ExecutionBar } from './model.js';

const NICE_STEPS = [5, 10, 20, 25, 50];

/** Axis maximum and step: past the largest value and 100, ticks landing on 100. */
export function valueAxisRange(bars: readonly ExecutionBar[]): { max: number; step: number } {
  const top = Math.max(100, ...bars.map((b) => (b.value !== null && Number.isFinite(b.value) ? b.value : 0)));
  const rawStep = top / 6;
  let step = 0;
  for (let scale = 1; step === 0; scale *= 10) {
    for (const s of NICE_STEPS) {
      if (s * scale >= rawStep) {
        step = s * scale;
        break;
      }
    }
  }
  return { max: (Math.floor(top / step) + 1) * step, step };
}

/** A share of a whole (the summary's share of indicators achieved) cannot pass 100 %: the axis ends there. */
export const SHARE_AXIS = { max: 100, step: 20 } as const;
