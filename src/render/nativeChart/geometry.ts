/**
 * Where everything of a native chart goes, in points from the chart frame's
 * top left: bands for the plan label (top), category labels (left), value
 * labels (right), ticks, axis title and legend (bottom); the rest is the
 * plot. Text sizes shrink when rows get tight. Pure.
 */
import type { ChartBox, ExecutionBar, ExecutionStatus } from '../../layout/model.js';
import { textWidthPt, wrapText } from '../../layout/measure.js';
import {
  barShape,
  categoryLabel,
  legendEntries,
  MARKER_EM,
  placeValueLabel,
  valueAxisRange,
  type LegendEntry,
  type PlacedLabel,
} from '../chartConfig.js';
import { BASE_PT, CLIENT_LABEL_GAP_PT, GAP_WIDTH, round2, type NativeChartStyle } from './shared.js';

const PLAN_LINE_PT = 1.5;

/** Text sizes, as shares of the base size: tick and legend text (14 pt at 16), the «План = 100 %» label. */
const TICK_SHARE = 0.875;
const REFERENCE_SHARE = 0.9;
/** A line of text, as a multiple of its own size. */
export const LINE_EM = 1.2;
/** Spaces around the bands, in ems of the base size. */
export const SPACE_EM = {
  /** Above and below the plan label's band; between tick labels and what follows. */
  band: 0.4,
  /** Between the tick labels and the axis title. */
  axisTitle: 0.3,
  /** Between the axis title (or ticks) and the legend. */
  legend: 0.9,
  /** Under the legend, at the frame's bottom edge. */
  bottom: 0.2,
  /** Left of the category labels, and between them and the plot. */
  left: 0.3,
  categoryToPlot: 0.7,
  /** Right of the value labels. */
  right: 0.6,
  /** How far the 100 % line reaches above the plot; the plan label's top. */
  lineAbovePlot: 0.3,
  /** Between a legend swatch and its text; after the text (in ems of the tick size); between entries. */
  swatchToText: 0.4,
  legendItemEnd: 0.2,
  legendItemGap: 1,
} as const;
/** Row text: the bar labels' size as a share of the row pitch, never under ROW_MIN_PT nor over the base size. */
const ROW_TEXT_SHARE = 0.6;
/** The least a hall reads at the back. */
const ROW_MIN_PT = 14;
/**
 * Space between a value label and a bar end or the line's band, in ems of the
 * row text: wider than the picture's (0.4 em), since the client places
 * outside labels itself, a point or two either way.
 */
const LABEL_GAP_EM = 0.6;
/** PowerPoint pads a label's text a little on each side, in ems of the row text. */
const LABEL_PADDING_EM = 0.3;
/** The legend swatch: a square, as a share of the tick size. */
const SWATCH_SHARE = 0.85;
/** The plan label's box is this many ems of its own size wider than its text. */
const REFERENCE_PADDING_EM = 1;
/** A category name (the summary's direction names) wraps to lines at most this share of the frame's width. */
const CATEGORY_MAX_SHARE = 0.36;
/** Our wrap must never be wider than the client's: measure a little narrower (as layout/flow.ts). */
const CATEGORY_SLACK = 0.94;
/** The smallest plot the bars can be read in. */
const MIN_PLOT = { w: 50, h: 20 } as const;

type Rect = { x: number; y: number; w: number; h: number };

interface RowLabel extends PlacedLabel {
  text: string;
  bold: boolean;
}

/** A legend entry drawn on the slide under the chart: a swatch and its text. */
interface LegendItem extends LegendEntry {
  swatchBox: Rect;
  textBox: Rect;
}

/** Everything positioned, in points from the chart frame's top left. */
export interface NativeChartGeometry {
  /** Inner plot area (the bars' rectangle). */
  plot: Rect;
  /** The category labels as drawn: «№ 45», or a long name wrapped with '\n'. */
  categories: string[];
  axis: { max: number; step: number };
  rowPt: number;
  tickPt: number;
  referencePt: number;
  /** The 100 % line: x and its vertical extent. */
  line: { x: number; top: number; bottom: number; widthPt: number };
  /** The «План = 100 %» text box above the plot. */
  lineLabel: Rect;
  /** Per bar: where its value label goes, in points from the plot's left edge. */
  labels: RowLabel[];
  /** Space between a label and a bar end or the line's band. */
  gap: number;
  legend: LegendItem[];
  /**
   * Rows without a bar (pending, or plan 0) as the picture draws them: a
   * short, lightly tinted marker at zero, their label beside it.
   */
  slots: Array<Rect & { status: ExecutionStatus }>;
}

/** Heights of the band above the plot (the plan label) and below it (ticks, axis title, legend). */
function verticalBands(
  style: NativeChartStyle,
  legendCount: number,
  tickPt: number,
  referencePt: number,
): { top: number; bottom: number } {
  const f = BASE_PT;
  const top = f * SPACE_EM.band + referencePt * LINE_EM + f * SPACE_EM.band;
  const bottom =
    tickPt * LINE_EM +
    f * SPACE_EM.band +
    (style.axisTitle === '' ? 0 : tickPt * LINE_EM + f * SPACE_EM.axisTitle) +
    (legendCount > 0 ? tickPt * LINE_EM + f * SPACE_EM.legend : 0) +
    f * SPACE_EM.bottom;
  return { top, bottom };
}

/** Value labels beside or inside their bars, placed by the picture's rule (placeValueLabel). */
function valueLabels(
  bars: readonly ExecutionBar[],
  plotW: number,
  axis: { max: number },
  lineX: number,
  labelWidth: (b: ExecutionBar) => number,
  gap: number,
  markerW: number,
): RowLabel[] {
  return bars.map((b) => ({
    text: b.display,
    bold: b.value !== null,
    ...placeValueLabel({
      barEnd: b.value === null ? markerW : (plotW * Math.min(axis.max, Math.max(0, b.value))) / axis.max,
      lineX,
      lineHalfWidth: PLAN_LINE_PT / 2,
      labelWidth: labelWidth(b),
      gap,
      outsideGap: CLIENT_LABEL_GAP_PT,
    }),
  }));
}

/** The legend: one line centred at the bottom of the frame. */
function legendLine(legend: readonly LegendEntry[], w: number, h: number, tickPt: number): LegendItem[] {
  const f = BASE_PT;
  const sw = Math.round(tickPt * SWATCH_SHARE);
  const itemWidths = legend.map(
    (e) => sw + f * SPACE_EM.swatchToText + textWidthPt(e.text, { sizePt: tickPt }) + tickPt * SPACE_EM.legendItemEnd,
  );
  const itemGap = f * SPACE_EM.legendItemGap;
  const legendWidth = itemWidths.reduce((a, b) => a + b, 0) + itemGap * (legend.length - 1);
  const legendY = h - f * SPACE_EM.bottom - tickPt * LINE_EM;
  let cursor = Math.max(0, (w - legendWidth) / 2);
  return legend.map((e, k) => {
    const x = cursor;
    cursor += itemWidths[k]! + itemGap;
    return {
      ...e,
      swatchBox: { x: round2(x), y: round2(legendY + (tickPt * LINE_EM - sw) / 2), w: sw, h: sw },
      textBox: {
        x: round2(x + sw + f * SPACE_EM.swatchToText),
        y: round2(legendY),
        w: round2(itemWidths[k]! - sw - f * SPACE_EM.swatchToText),
        h: round2(tickPt * LINE_EM),
      },
    };
  });
}

/** Rows without a bar: a short marker at zero (rows run top to bottom: the category axis is reversed). */
function emptySlots(bars: readonly ExecutionBar[], plot: Rect, markerW: number): NativeChartGeometry['slots'] {
  return bars.flatMap((b, i) => {
    if (b.value !== null) return [];
    const pitch = plot.h / bars.length;
    const thickness = pitch / (1 + GAP_WIDTH / 100);
    // A pending row is a grey slot; a row whose percentage is not computed (plan 0) keeps its status colour.
    const status = barShape(b) === 'pending-slot' ? 'pending' : b.status;
    return [
      { x: plot.x, y: round2(plot.y + (i + 0.5) * pitch - thickness / 2), w: markerW, h: round2(thickness), status },
    ];
  });
}

/**
 * Lays the chart out in the frame: bands for the plan label (top), category
 * labels (left), value labels (right), ticks, axis title and legend
 * (bottom); the rest is the plot. Text sizes shrink when rows get tight.
 */
export function nativeChartGeometry(
  box: Pick<ChartBox, 'w' | 'h' | 'bars'> & { axis?: ChartBox['axis'] },
  style: NativeChartStyle,
): NativeChartGeometry {
  const { w, h, bars } = box;
  const f = BASE_PT;
  const tickPt = Math.round(f * TICK_SHARE);
  const referencePt = Math.round(f * REFERENCE_SHARE);
  const legend = legendEntries(bars, style.legend);
  const { top, bottom } = verticalBands(style, legend.length, tickPt, referencePt);
  const rowPitch = (h - top - bottom) / Math.max(1, bars.length);
  const maxCategoryW = w * CATEGORY_MAX_SHARE;
  const wrapped = (sizePt: number) =>
    bars.map((b) => wrapText(categoryLabel(b.label), maxCategoryW * CATEGORY_SLACK, { sizePt, bold: true }));
  // Row text shrinks (not under ROW_MIN_PT) until a wrapped name fits its row.
  let rowPt = Math.max(ROW_MIN_PT, Math.min(f, Math.floor(rowPitch * ROW_TEXT_SHARE)));
  let lines = wrapped(rowPt);
  const tallest = () => Math.max(1, ...lines.map((l) => l.length));
  while (rowPt > ROW_MIN_PT && tallest() * rowPt * LINE_EM > rowPitch) {
    rowPt -= 1;
    lines = wrapped(rowPt);
  }
  const categories = lines.map((l) => l.join('\n'));
  const gap = round2(rowPt * LABEL_GAP_EM);
  const markerW = round2(rowPt * MARKER_EM);
  const labelWidth = (b: ExecutionBar) =>
    textWidthPt(b.display, { sizePt: rowPt, bold: true }) + rowPt * LABEL_PADDING_EM;
  const categoryWidth = Math.max(0, ...categories.map((c) => textWidthPt(c, { sizePt: rowPt, bold: true })));
  const left = f * SPACE_EM.left + categoryWidth + f * SPACE_EM.categoryToPlot;
  const right = Math.max(0, ...bars.map(labelWidth)) + gap + f * SPACE_EM.right;
  const plot = { x: round2(left), y: round2(top), w: round2(w - left - right), h: round2(h - top - bottom) };
  if (plot.w < MIN_PLOT.w || plot.h < MIN_PLOT.h)
    throw new RangeError(`chart frame ${w}×${h} pt is too small for ${bars.length} bars`);
  const axis = box.axis ?? valueAxisRange(bars);
  const lineX = (plot.w * 100) / axis.max;
  const refW =
    textWidthPt(style.referenceLabel, { sizePt: referencePt, bold: true }) + referencePt * REFERENCE_PADDING_EM;
  const lineAbs = plot.x + lineX;
  return {
    plot,
    categories,
    axis,
    rowPt,
    tickPt,
    referencePt,
    line: {
      x: round2(lineAbs),
      top: round2(plot.y - f * SPACE_EM.lineAbovePlot),
      bottom: round2(plot.y + plot.h),
      widthPt: PLAN_LINE_PT,
    },
    lineLabel: {
      x: round2(Math.min(Math.max(0, lineAbs - refW / 2), w - refW)),
      y: round2(f * SPACE_EM.lineAbovePlot),
      w: round2(refW),
      h: round2(referencePt * LINE_EM),
    },
    labels: valueLabels(bars, plot.w, axis, lineX, labelWidth, gap, markerW),
    gap,
    legend: legendLine(legend, w, h, tickPt),
    slots: emptySlots(bars, plot, markerW),
  };
}
