/**
 * A mark on every slide of a deck that must not pass for a real one: a
 * sample with invented figures, or a city summary that lacks directions.
 * It sits in the band between the top edge and the heading, where no slide
 * kind puts anything, and is repeated in the speaker notes.
 */
import type { Template } from '../template/schema.js';
import { FRAME, fitted, text } from './frame.js';
import type { DeckLayout } from './model.js';

/** The mark of a sample direction's deck (content `sample: true`). */
export const SAMPLE_STAMP = 'ОБРАЗЕЦ: вымышленные данные, не для показа';

const STAMP = { top: 9, maxPt: 14, minPt: 10 } as const;

/** The deck with `stamp` on each slide (one line, shortened with «…» if it must be) and atop its notes. */
export function stampSlides(layout: DeckLayout, stamp: string, template: Template): DeckLayout {
  const w = layout.widthPt - 2 * FRAME.marginX;
  let shown = stamp;
  let fit = fitted(shown, w, 1, { ...STAMP, bold: true });
  // Too long for one line even at the smallest size: words dropped from the end, «…» added.
  for (let words = stamp.split(' '); fit.lines.length > 1 && words.length > 1; ) {
    words = words.slice(0, -1);
    shown = `${words.join(' ')}…`;
    fit = fitted(shown, w, 1, { ...STAMP, bold: true });
  }
  const slides = layout.slides.map((slide) => {
    const onPrimary = slide.background === template.colors.primary;
    const box = text(
      'Отметка',
      { x: FRAME.marginX, y: STAMP.top, w, h: fit.height },
      [{ text: shown, bold: true, lines: fit.lines }],
      { sizePt: fit.sizePt, color: onPrimary ? template.colors.on_primary : template.colors.missed, align: 'right' },
    );
    return { ...slide, boxes: [...slide.boxes, box], notes: slide.notes ? `${stamp}\n${slide.notes}` : stamp };
  });
  return { ...layout, slides };
}

/**
 * The mark of a city summary, if it needs one: the directions it lacks
 * (written with --incomplete-summary) and the sample directions in it.
 */
export function summaryStamp(samples: readonly string[], missing: readonly string[]): string | undefined {
  const parts = [
    ...(missing.length > 0 ? [`НЕПОЛНАЯ СВОДНАЯ: не вошли ${missing.join(', ')}`] : []),
    ...(samples.length > 0 ? [`ОБРАЗЕЦ: вымышленные направления ${samples.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}
