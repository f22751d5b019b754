/**
 * Chart slides and the result line: bar charts of at most
 * FRAME.maxBarsPerChart bars per slide, the result banner under the last
 * one or on a slide of its own. Pure; sizes in points.
 */
import { valueAxisRange } from './chartScale.js';
import { flowSlides } from './textSlides.js';
import { continued, FRAME, fitted, heading, text, type FrameCtx } from './frame.js';
import { lineHeightPt } from './measure.js';
import type { Box, ChartBox, ExecutionBar, SlideLayout } from './model.js';

/** Padding inside the result banner. */
const BANNER_PAD_PT = 14;
/** The smallest the result line shrinks to (the template's body minimum when that is larger). */
const BANNER_MIN_PT = 14;
/** The result line under a chart: its largest size and lines; the gap between the chart and it. */
const BANNER_UNDER_CHART = { maxPt: 20, maxLines: 3 } as const;
const BANNER_GAP_PT = 14;
/** A banner taller than this share of the chart area gets a slide of its own, so the chart is not squashed. */
const BANNER_MAX_SHARE = 0.34;
/** The result line on a slide of its own. */
const RESULT_SLIDE_PT = 28;

function resultBanner(
  ctx: FrameCtx,
  y: number | 'bottom',
  opts: { maxPt: number; maxLines: number },
): { boxes: Box[]; height: number } {
  const { template: t } = ctx;
  const w = ctx.W - 2 * FRAME.marginX;
  const line = ctx.resultLine;
  const f = fitted(line, w - 2 * BANNER_PAD_PT, opts.maxLines, {
    maxPt: opts.maxPt,
    minPt: Math.max(BANNER_MIN_PT, t.fonts.body_min_pt),
    bold: true,
    balance: true,
  });
  // The balanced lines in a box of their own width, centred on the banner.
  const textX = FRAME.marginX + (w - f.widthPt) / 2;
  const height = f.height + 2 * BANNER_PAD_PT;
  const top = y === 'bottom' ? ctx.H - FRAME.bottomMargin - height : y;
  return {
    height,
    boxes: [
      { type: 'rect', name: 'Итог: подложка', x: FRAME.marginX, y: top, w, h: height, fill: t.colors.primary },
      text(
        'Итог',
        { x: textX, y: top + BANNER_PAD_PT, w: f.widthPt, h: f.height },
        [{ text: f.text, bold: true, lines: f.lines }],
        {
          sizePt: f.sizePt,
          color: t.colors.on_primary,
          align: 'center',
        },
      ),
    ],
  };
}

/** Which bars one chart slide shows: bars[from, to) on slide `index` of `count`. */
interface ChartPage {
  index: number;
  count: number;
  from: number;
  to: number;
}

export interface ChartSpec {
  title: string;
  bars: ExecutionBar[];
  /** Bars per slide at most; by default FRAME.maxBarsPerChart. */
  maxBars?: number;
  /** The value axis of every slide; by default the range of all the bars (chartScale.ts). */
  axis?: ChartBox['axis'];
  /** The alternative text of one slide's chart, from its bars (compute/chartAlt.ts). */
  alt: (bars: ExecutionBar[]) => string;
  labels: ChartBox['labels'];
  /** Speaker notes of one chart slide. */
  notes?: (page: ChartPage) => string | undefined;
}

/** Balanced chunks of at most `max` bars: 16 bars become 8 + 8, not 10 + 6. */
function chartChunks(bars: ExecutionBar[], max: number): { chunks: ExecutionBar[][]; per: number } {
  const count = Math.ceil(bars.length / max);
  const per = Math.ceil(bars.length / count);
  const chunks: ExecutionBar[][] = [];
  for (let i = 0; i < bars.length; i += per) chunks.push(bars.slice(i, i + per));
  return { chunks, per };
}

/** Bar charts of at most FRAME.maxBarsPerChart bars per slide, the result line under the last one (or on a slide of its own). */
export function chartSlides(ctx: FrameCtx, spec: ChartSpec): SlideLayout[] {
  const { template: t } = ctx;
  const { title } = spec;
  const { chunks, per } = chartChunks(spec.bars, spec.maxBars ?? FRAME.maxBarsPerChart);
  // One scale for all the slides: the range of every bar, not of each slide's own.
  const axis = spec.axis ?? valueAxisRange(spec.bars);
  const top = heading(ctx, continued(ctx, title, 2)).contentTop;
  const available = ctx.H - FRAME.bottomMargin - top;
  // The result line sits under the last chart unless the template gives it a slide,
  // or it is so long (a hand-written summary) that the chart would be squashed.
  let banner = t.sequence.includes('result') ? undefined : resultBanner(ctx, 'bottom', BANNER_UNDER_CHART);
  const ownSlide = banner !== undefined && banner.height > available * BANNER_MAX_SHARE;
  if (ownSlide) banner = undefined;
  const slides = chunks.map((chunk, i) => {
    const last = i === chunks.length - 1;
    const h = heading(ctx, continued(ctx, title, i + 1));
    const below = last ? banner : undefined;
    const chartBottom = below ? ctx.H - FRAME.bottomMargin - below.height - BANNER_GAP_PT : ctx.H - FRAME.bottomMargin;
    const boxes: Box[] = [
      ...h.boxes,
      {
        type: 'chart',
        name: 'Диаграмма исполнения',
        x: FRAME.marginX,
        y: top,
        w: ctx.W - 2 * FRAME.marginX,
        h: chartBottom - top,
        alt: spec.alt(chunk),
        bars: chunk,
        axis,
        labels: spec.labels,
      },
      ...(below?.boxes ?? []),
    ];
    const notes = spec.notes?.({ index: i, count: chunks.length, from: i * per, to: i * per + chunk.length });
    return {
      kind: 'chart' as const,
      page: i + 1,
      pages: chunks.length,
      background: t.colors.background,
      boxes,
      ...(notes ? { notes } : {}),
    };
  });
  return ownSlide ? [...slides, ...resultSlides(ctx)] : slides;
}

/** The result line as a statement of its own; a very long hand-written summary flows like a list. */
export function resultSlides(ctx: FrameCtx): SlideLayout[] {
  const { template: t } = ctx;
  const title = ctx.labels.result_heading;
  const h = heading(ctx, title);
  const available = ctx.H - FRAME.bottomMargin - h.contentTop;
  const maxLines = Math.floor((available - 2 * BANNER_PAD_PT) / lineHeightPt({ sizePt: RESULT_SLIDE_PT, bold: true }));
  const probe = resultBanner(ctx, 0, { maxPt: RESULT_SLIDE_PT, maxLines });
  if (probe.height > available) {
    return flowSlides(ctx, 'result', title, [{ text: ctx.resultLine, bold: true }], t.fonts.body_max_pt);
  }
  const banner = resultBanner(ctx, h.contentTop + (available - probe.height) / 2, { maxPt: RESULT_SLIDE_PT, maxLines });
  return [{ kind: 'result', page: 1, pages: 1, background: t.colors.background, boxes: [...h.boxes, ...banner.boxes] }];
}
