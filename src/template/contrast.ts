/**
 * Contrast of the template's colour pairs (WCAG 2.1 §1.4.3, ГОСТ Р 52872-2019):
 * text in a colour on a background must reach 4.5:1. Checked when a
 * template is loaded (a warning naming the pair) and used by `itogi publish`.
 */
import type { Template } from './schema.js';

/** The smallest contrast of normal-size text (WCAG 2.1 AA). */
export const MIN_CONTRAST = 4.5;

/** Relative luminance of an sRGB colour given as RRGGBB (WCAG 2.1 definition). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

type ColorName = keyof Template['colors'];

/** The text-on-background pairs the decks draw: [text, background]. */
const TEXT_PAIRS: readonly (readonly [ColorName, ColorName])[] = [
  ['text', 'background'],
  ['primary', 'background'],
  ['muted', 'background'],
  ['on_primary', 'primary'],
  ['table_header_text', 'table_header'],
  ['text', 'table_stripe'],
  ['missed', 'background'],
  ['missed', 'table_stripe'],
];

export interface LowContrast {
  text: ColorName;
  background: ColorName;
  ratio: number;
}

/** The pairs below MIN_CONTRAST, in TEXT_PAIRS order. */
export function lowContrastPairs(colors: Template['colors']): LowContrast[] {
  return TEXT_PAIRS.flatMap(([text, background]) => {
    const ratio = contrastRatio(colors[text], colors[background]);
    return ratio < MIN_CONTRAST ? [{ text, background, ratio }] : [];
  });
}
