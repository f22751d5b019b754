/**
 * The frame every content slide shares: margins, the heading with its
 * accent line, the page number, «(продолжение)» on continued slides, and the
 * text box and fitted-paragraph helpers the slide builders use. Pure; sizes
 * in points (1/72 in).
 */
import type { Values } from '../template/placeholders.js';
import type { Labels, Template } from '../template/schema.js';
import { largestFitting } from './fit.js';
import { WIDTH_SLACK } from './flow.js';
import { lineHeightPt, textWidthPt, wrapText } from './measure.js';
import type { Box, Paragraph, TextBox } from './model.js';
import { typeset } from './typeset.js';

/** Frame of content slides, in points. */
export const FRAME = {
  marginX: 48,
  headingTop: 30,
  headingMaxLines: 3,
  accentGap: 10,
  accentH: 4,
  accentW: 72,
  contentGap: 20,
  bottomMargin: 44,
  bodyLineSpacing: 1.05,
  tableLineSpacing: 1.0,
  /** Below this, lists paginate rather than shrink further (the body minimum still holds). */
  comfortableBodyPt: 16,
  comfortableTablePt: 12,
  /** Bars per chart before the chart continues on another slide (more would be too thin to read). */
  maxBarsPerChart: 10,
} as const;

/** The smallest a heading shrinks to before it takes another line. */
const HEADING_MIN_PT = 18;
/** The band across the top edge of a content slide. */
const TOP_BAR_H_PT = 8;
/** The page number: its size, box width, and its top edge measured up from the slide's bottom. */
const PAGE_NUMBER_PT = 12;
const PAGE_NUMBER_W_PT = 60;
const PAGE_NUMBER_FROM_BOTTOM_PT = 32;

/** The logo right of every heading when the template asks (`logo_on_every_slide`): a square, the gap before it. */
export const CORNER_LOGO = { sizePt: 44, gapPt: 16 } as const;

/** Whether the template puts its logo on every slide (it has a logo, and asks). */
export const logoOnEverySlide = (t: Template): boolean => t.logo_on_every_slide && t.images.logo !== undefined;

/** Points per inch: template sizes are in inches, the layout in points. */
export const PT_PER_IN = 72;

/** What the shared slide builders need: the template, its labels filled, the slide size, the result line. */
export interface FrameCtx {
  template: Template;
  values: Values;
  /** Every label of the template with its {placeholders} filled. */
  labels: Labels;
  W: number;
  H: number;
  /** The line of the result banner or slide. */
  resultLine: string;
}

export const upper = (ctx: FrameCtx, s: string) => (ctx.template.uppercase_titles ? s.toLocaleUpperCase('ru-RU') : s);

export function text(
  name: string,
  geometry: { x: number; y: number; w: number; h: number },
  paragraphs: Paragraph[],
  style: { sizePt: number; color: string; align?: TextBox['align']; valign?: TextBox['valign']; lineSpacing?: number },
): TextBox {
  return {
    type: 'text',
    name,
    ...geometry,
    sizePt: style.sizePt,
    color: style.color,
    align: style.align ?? 'left',
    valign: style.valign ?? 'top',
    lineSpacing: style.lineSpacing ?? 1,
    paragraphs,
  };
}

/** Steps of the search for a balanced width: 1/2^12 of the box, well under a point. */
const BALANCE_STEPS = 12;

/**
 * The narrowest measure width at which the text still takes `lines.length`
 * lines: its lines then come out of even length («ИТОГ: … ПО ВСЕМ ШЕСТИ /
 * ПОКАЗАТЕЛЯМ.» becomes two halves). Bisection: more width never gives more
 * lines to a greedy wrap.
 */
function balanced(value: string, measureWidth: number, font: { sizePt: number; bold: boolean }, lines: string[]) {
  if (lines.length < 2) return { lines, measureWidth };
  let lo = measureWidth / lines.length;
  let hi = measureWidth;
  let best = { lines, measureWidth };
  for (let i = 0; i < BALANCE_STEPS; i++) {
    const mid = (lo + hi) / 2;
    const trial = wrapText(value, mid, font);
    // Only breaks between words: a narrower width must not split a word.
    if (trial.length <= lines.length && trial.every((l) => textWidthPt(l, font) <= mid * (1 + 1e-9))) {
      best = { lines: trial, measureWidth: mid };
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/**
 * A single paragraph in a box of fixed width at the largest size that keeps
 * it within `maxLines`; at the minimum size it may take more lines. Returns
 * the text typeset (typeset.ts), the one to draw, and its box height too.
 * With `balance`, the lines are evened out (`balanced`) and `widthPt` is the
 * narrower box that wraps them so: centre it, or keep its left edge.
 */
export function fitted(
  raw: string,
  widthPt: number,
  maxLines: number,
  opts: { maxPt: number; minPt: number; bold?: boolean; lineSpacing?: number; balance?: boolean },
): { text: string; sizePt: number; lines: string[]; height: number; widthPt: number } {
  const f = fittedLines(raw, widthPt, maxLines, opts);
  if (!opts.balance) return { ...f, widthPt };
  const b = balanced(f.text, widthPt * WIDTH_SLACK, { sizePt: f.sizePt, bold: opts.bold ?? false }, f.lines);
  // A hair wider than the measure: rounding must not make the client take one word fewer.
  return { ...f, lines: b.lines, widthPt: Math.min(widthPt, b.measureWidth / WIDTH_SLACK + 1) };
}

function fittedLines(
  raw: string,
  widthPt: number,
  maxLines: number,
  opts: { maxPt: number; minPt: number; bold?: boolean; lineSpacing?: number },
): { text: string; sizePt: number; lines: string[]; height: number } {
  const value = typeset(raw);
  const spacing = opts.lineSpacing ?? 1;
  const measureWidth = widthPt * WIDTH_SLACK;
  const font = (sizePt: number) => ({ sizePt, bold: opts.bold ?? false });
  const maxHeight = (size: number) => maxLines * lineHeightPt(font(size), spacing);
  const { fit } = largestFitting(
    opts,
    (size) => wrapText(value, measureWidth, font(size)),
    (lines) => lines.length <= maxLines,
  );
  if (fit)
    return {
      text: value,
      sizePt: fit.sizePt,
      lines: fit.result,
      height: maxHeight(fit.sizePt) * (fit.result.length / maxLines),
    };
  const lines = wrapText(value, measureWidth, font(opts.minPt));
  return { text: value, sizePt: opts.minPt, lines, height: lines.length * lineHeightPt(font(opts.minPt), spacing) };
}

/** Heading + accent line of a content slide; returns the boxes and where content may start. */
export function heading(ctx: FrameCtx, title: string): { boxes: Box[]; contentTop: number } {
  const { template: t } = ctx;
  // The corner logo, when there is one on every slide, keeps the heading's right end.
  const logo = logoOnEverySlide(t) ? CORNER_LOGO.sizePt + CORNER_LOGO.gapPt : 0;
  const w = ctx.W - 2 * FRAME.marginX - logo;
  const f = fitted(title, w, FRAME.headingMaxLines, {
    maxPt: t.fonts.heading_pt,
    minPt: HEADING_MIN_PT,
    bold: true,
    balance: true,
  });
  const box = text(
    'Заголовок',
    { x: FRAME.marginX, y: FRAME.headingTop, w: f.widthPt, h: f.height },
    [{ text: f.text, bold: true, lines: f.lines }],
    {
      sizePt: f.sizePt,
      color: t.colors.primary,
    },
  );
  box.title = true;
  const accentY = FRAME.headingTop + f.height + FRAME.accentGap;
  return {
    boxes: [
      { type: 'rect', name: 'Полоса сверху', x: 0, y: 0, w: ctx.W, h: TOP_BAR_H_PT, fill: t.colors.primary },
      box,
      {
        type: 'rect',
        name: 'Акцент',
        x: FRAME.marginX,
        y: accentY,
        w: FRAME.accentW,
        h: FRAME.accentH,
        fill: t.colors.accent,
      },
    ],
    contentTop: accentY + FRAME.accentH + FRAME.contentGap,
  };
}

function pageNumberBox(ctx: FrameCtx, n: number): TextBox {
  const s = String(n);
  return text(
    'Номер слайда',
    {
      x: ctx.W - FRAME.marginX - PAGE_NUMBER_W_PT,
      y: ctx.H - PAGE_NUMBER_FROM_BOTTOM_PT,
      w: PAGE_NUMBER_W_PT,
      h: lineHeightPt({ sizePt: PAGE_NUMBER_PT }),
    },
    [{ text: s, lines: [s] }],
    {
      sizePt: PAGE_NUMBER_PT,
      color: ctx.template.colors.muted,
      align: 'right',
    },
  );
}

/** Page numbers on content slides (not on the title and closing slides), counting every slide. */
export function numberPages(ctx: FrameCtx, slides: readonly { kind: string; boxes: Box[] }[]): void {
  slides.forEach((s, i) => {
    if (s.kind !== 'title' && s.kind !== 'closing') s.boxes.push(pageNumberBox(ctx, i + 1));
  });
}

/**
 * «… (продолжение)» on every slide after the first; in capitals after a
 * capitalised title. A colon ending the title goes: «направления: (продолжение)»
 * is no Russian.
 */
export function continued(ctx: FrameCtx, title: string, page: number): string {
  if (page <= 1) return title;
  return continuedTitle(title, ctx.labels.continued);
}

/** The title with the continuation mark after it, its closing colon dropped. */
export function continuedTitle(title: string, mark: string): string {
  const capitals = title === title.toLocaleUpperCase('ru-RU');
  return `${title.replace(/\s*:\s*$/, '')} ${capitals ? mark.toLocaleUpperCase('ru-RU') : mark}`;
}
