/**
 * The execution chart as a chart.js configuration: one horizontal bar per
 * indicator, execution in percent on the value axis (one unit only), a 100 %
 * reference line, bars coloured by status, the pre-formatted ru-RU values at
 * the bar ends.
 *
 * Pure: no Node and no DOM. The .pptx renderer draws it on @napi-rs/canvas
 * (chart.ts); the preview page draws the very same configuration with
 * chart.js in the browser. Only chart.js *types* are imported, so the page
 * can use chart.js' own UMD build.
 *
 * Horizontal bars because the categories are indicator numbers ('№ 45') and
 * there can be ~20 of them: stacked rows stay readable where 20 vertical
 * columns would squeeze their labels.
 */
import type { BarProps, ChartConfiguration, Plugin } from 'chart.js';
import { formatNumber, NBSP } from '../compute/format.js';
import { valueAxisRange } from '../layout/chartScale.js';
import type { ExecutionBar, ExecutionStatus } from '../layout/model.js';

/** The family the chart's texts are drawn in: Arimo (Arial metrics), registered under this name by both renderers. */
export const CHART_FONT_FAMILY = 'Arimo';

/** The part of a 2D context the plugins use: @napi-rs/canvas and the browser's both have it. */
interface Ctx2D {
  save(): void;
  restore(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  rect(x: number, y: number, w: number, h: number): void;
  clip(): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  setLineDash(segments: number[]): void;
  measureText(text: string): { width: number };
  fillText(text: string, x: number, y: number): void;
  strokeText(text: string, x: number, y: number): void;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineJoin: string;
  font: string;
  textBaseline: string;
  textAlign: string;
}

/** Width in pixels of a text in a CSS font, measured by whichever canvas draws the chart. */
export type MeasureText = (text: string, cssFont: string) => number;

export type ExecutionChartConfig = ChartConfiguration<'bar', (number | null)[], string | string[]>;

export interface ChartStyle {
  widthPx: number;
  heightPx: number;
  colors: { achieved: string; missed: string; pending: string; reference: string; text: string; grid: string };
  /** Base font size: category labels, value labels, ticks. Legend and axis title derive from it. */
  fontSizePx: number;
  /** Drawn at the top of the 100 % line, e.g. 'План = 100 %'. */
  referenceLabel: string;
  /** Value axis title, e.g. 'Исполнение, %'. */
  axisTitle: string;
  /** Legend texts, see `legendEntries`; defaults «достигнуто / не достигнуто / нет данных». */
  legend?: Partial<Record<LegendKey, string>>;
  /** The value axis, the deck's one scale (layout/chartScale.ts); by default the bars' own. */
  axis?: { max: number; step: number };
}

type LegendKey = ExecutionStatus;

const DEFAULT_LEGEND: Record<LegendKey, string> = {
  achieved: 'достигнуто',
  missed: 'не достигнуто',
  pending: 'нет данных',
};

/**
 * How a bar is drawn, for every chart kind: a bar of its length in its
 * status colour; a slot in its status colour when it has a status but no
 * percentage (zero divisor: plan 0, or fact 0 of a lower-is-better
 * indicator; or a percentage too large for a double); the empty grey slot
 * when its data are pending.
 */
export type BarShape = 'bar' | 'status-slot' | 'pending-slot';
export function barShape(bar: ExecutionBar): BarShape {
  if (bar.status === 'pending') return 'pending-slot';
  return bar.value === null ? 'status-slot' : 'bar';
}

/** What a legend swatch shows: a solid bar in a status colour, or the empty tinted slot. */
type LegendSwatch = 'achieved' | 'missed' | 'slot';
export interface LegendEntry {
  swatch: LegendSwatch;
  text: string;
}

/**
 * The legend lists the statuses drawn, in the order achieved, missed,
 * pending (the grey slot); only what is present. A bar without a percentage
 * but with a status (plan 0) counts as its status, as in the result line.
 */
export function legendEntries(bars: readonly ExecutionBar[], labels: ChartStyle['legend'] = {}): LegendEntry[] {
  const text = (key: LegendKey) => labels[key] ?? DEFAULT_LEGEND[key];
  const out: LegendEntry[] = [];
  for (const status of ['achieved', 'missed'] as const) {
    if (bars.some((b) => b.status === status)) out.push({ swatch: status, text: text(status) });
  }
  if (bars.some((b) => barShape(b) === 'pending-slot')) out.push({ swatch: 'slot', text: text('pending') });
  return out;
}

const BACKGROUND = '#FFFFFF';
/**
 * A row without a bar («н/д», «—») is a short marker at zero, this many ems
 * of its row text wide, its label beside it: never a bar, which a reader
 * would take for a value.
 */
export const MARKER_EM = 0.6;
/** Opacity of a slot's fill: clearly lighter than any bar. */
const SLOT_ALPHA = 0.3;

const cssFont = (sizePx: number, bold: boolean): string => `${bold ? 'bold ' : ''}${sizePx}px ${CHART_FONT_FAMILY}`;

/** '#rgb' / '#rrggbb' with an alpha as rgba(); any other colour string unchanged. */
function translucent(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (m === null) return color;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** '45' → '№ 45' (no-break space). */
export function categoryLabel(label: string): string {
  return /^\d/.test(label) ? `№\u00a0${label}` : label;
}

/** A category name wider than `maxPx` (the summary's direction names) as lines for chart.js; a short one as it is. */
function wrapCategory(label: string, maxPx: number, font: string, measureText: MeasureText): string | string[] {
  if (measureText(label, font) <= maxPx) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measureText(next, font) > maxPx) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Category names wrap to lines at most this share of the picture's width. */
const CATEGORY_MAX_SHARE = 0.36;

/**
 * 120 → '120 %', 1250 → '1 250 %', 12.5 → '12,5 %': ru-RU by compute/format
 * (U+00A0 grouping and before %, decimal comma), not Intl, so the picture
 * does not change with the ICU version. At most one decimal, which also drops
 * floating-point noise from tick arithmetic (0.30000000000000004 → '0,3').
 */
export function formatPercentTick(value: number): string {
  return `${formatNumber(Math.round(value * 10) / 10)}${NBSP}%`;
}

export { valueAxisRange };

/**
 * Where a value label goes on its row. `outside`: just past the bar end (the
 * usual place); `inside`: right-aligned inside the bar end, in white, when
 * the outside place would touch the 100 % line (a bar ending a little left of
 * it: 95 %); `pastLine`: just right of the line when the bar is too short to
 * hold its label. One label per row, so labels of different bars never meet;
 * the rule only has to keep each clear of the line.
 */
type LabelPlacement = 'outside' | 'inside' | 'pastLine';

/** One row's geometry in one unit (px or pt), measured from the plot's left edge (value 0). */
export interface LabelGeometry {
  /** Where the bar ends: 0 for a row without a value. */
  barEnd: number;
  /** Where the 100 % line stands. */
  lineX: number;
  /** Half the line's stroke width. */
  lineHalfWidth: number;
  labelWidth: number;
  /** Space between a label and a bar end or the line; must exceed lineHalfWidth. */
  gap: number;
  /**
   * Where an outside label starts past the bar end, when the client decides it
   * (a native chart: LibreOffice leaves ~3 pt); default `gap`. Give the
   * smallest the client may use: a label found clear to the right of the line
   * then only lands further right.
   */
  outsideGap?: number;
}

export interface PlacedLabel {
  placement: LabelPlacement;
  /** The label's horizontal extent, same unit and origin as the geometry. */
  left: number;
  right: number;
}

/** The band around the line that no label may enter. */
export function lineBand(g: Pick<LabelGeometry, 'lineX' | 'lineHalfWidth' | 'gap'>): { left: number; right: number } {
  const clear = g.lineHalfWidth + g.gap / 2;
  return { left: g.lineX - clear, right: g.lineX + clear };
}

/** Deterministic: the same geometry always gives the same place. */
export function placeValueLabel(g: LabelGeometry): PlacedLabel {
  if (!(g.gap > g.lineHalfWidth))
    throw new RangeError(`label gap ${g.gap} must exceed half the line width ${g.lineHalfWidth}`);
  const band = lineBand(g);
  const clear = (left: number, right: number) => right <= band.left || left >= band.right;
  const end = Math.max(0, g.barEnd);
  const outsideGap = g.outsideGap ?? g.gap;
  const outside = { left: end + outsideGap, right: end + outsideGap + g.labelWidth };
  if (clear(outside.left, outside.right)) return { placement: 'outside', ...outside };
  const inside = { left: end - g.gap - g.labelWidth, right: end - g.gap };
  if (inside.left >= g.gap && clear(inside.left, inside.right)) return { placement: 'inside', ...inside };
  const left = Math.max(end, g.lineX) + g.gap;
  return { placement: 'pastLine', left, right: left + g.labelWidth };
}

function validateChart(bars: readonly ExecutionBar[], style: ChartStyle): void {
  if (
    !Number.isInteger(style.widthPx) ||
    !Number.isInteger(style.heightPx) ||
    style.widthPx < 100 ||
    style.heightPx < 100
  ) {
    throw new RangeError(`chart size must be whole pixels, at least 100×100 (got ${style.widthPx}×${style.heightPx})`);
  }
  if (!(style.fontSizePx > 0)) throw new RangeError(`fontSizePx must be positive (got ${style.fontSizePx})`);
  for (const b of bars) {
    if (b.value !== null && !Number.isFinite(b.value)) {
      throw new RangeError(`bar ${b.label}: value must be a finite number or null (got ${b.value})`);
    }
    if (b.status === 'pending' && b.value !== null) {
      throw new RangeError(`bar ${b.label}: a pending bar has no value (got ${b.value})`);
    }
    if (b.zeroDivisor !== undefined && (b.value !== null || b.status === 'pending')) {
      throw new RangeError(
        `bar ${b.label}: a zero-divisor bar has a status and no value (got ${b.status}, ${b.value})`,
      );
    }
  }
}

/** Sizes of the picture, in ems of its base font size unless named otherwise. */
const EM = {
  /** What ticks, axis title and legend take from the height before rows are sized. */
  chrome: 7,
  /** Tick, axis-title and legend text, and the legend's swatch: 14 pt at the 16 pt base, the least a hall reads. */
  tick: 0.875,
  /** The «План = 100 %» label. */
  reference: 0.9,
  /** The band above the plot for that label. */
  referenceBand: 1.6,
  /** Above the reference band; between ticks and the axis; the label's baseline above the plot. */
  space: 0.4,
  /** How far the line reaches above the plot; the left and bottom padding; above the axis title. */
  small: 0.3,
  /** Right of the widest value label. */
  right: 0.6,
  /** Between legend entries. */
  legendGap: 1.0,
} as const;
/** Row text (category and value labels) as a share of the row pitch, never under ROW_MIN_PX nor over the base size. */
const ROW_TEXT_SHARE = 0.72;
/** 14 pt at 2 px per point (chartStyle.ts). */
const ROW_MIN_PX = 28;
/** Between a value label and a bar end or the line, in ems of the row text. */
const LABEL_GAP_EM = 0.4;
/** The 100 % line is a 1/8 of the base size wide (at least 2 px); the category axis line 1/16 (at least 1 px). */
const LINE_WIDTH_DIVISOR = 8;
const AXIS_WIDTH_DIVISOR = 16;
/** chart.js bar sizing: share of a category's band, share of that for the bar, thickest bar in ems of the row text. */
const CATEGORY_PERCENTAGE = 0.8;
const BAR_PERCENTAGE = 0.85;
const MAX_BAR_EM = 2.2;

/** Sizes every part of the picture derives from the base font size and the row pitch. */
interface PictureSizes {
  f: number;
  rowFontPx: number;
  valueFont: string;
  pendingFont: string;
  referenceFont: string;
  tickPx: number;
  labelGap: number;
  lineWidth: number;
  referenceBand: number;
}

function pictureSizes(bars: readonly ExecutionBar[], style: ChartStyle): PictureSizes {
  const f = style.fontSizePx;
  // Row text (category and value labels) shrinks when the rows get too tight
  // for it (many indicators in a short chart); ~7 f go to ticks, title, legend.
  const rowPitch = (style.heightPx - f * EM.chrome) / Math.max(1, bars.length);
  const rowFontPx = Math.max(ROW_MIN_PX, Math.min(f, Math.floor(rowPitch * ROW_TEXT_SHARE)));
  return {
    f,
    rowFontPx,
    valueFont: cssFont(rowFontPx, true),
    pendingFont: cssFont(rowFontPx, false),
    referenceFont: cssFont(Math.round(f * EM.reference), true),
    tickPx: Math.round(f * EM.tick),
    labelGap: Math.round(rowFontPx * LABEL_GAP_EM),
    lineWidth: Math.max(2, Math.round(f / LINE_WIDTH_DIVISOR)),
    referenceBand: Math.round(f * EM.referenceBand),
  };
}

/** A white background (a PNG is transparent otherwise); a new plugin object per chart, as before. */
function backgroundPlugin(): Plugin<'bar'> {
  return {
    id: 'itogiBackground',
    beforeDraw(chart) {
      const c = chart.ctx as unknown as Ctx2D;
      c.save();
      c.fillStyle = BACKGROUND;
      c.fillRect(0, 0, chart.width, chart.height);
      c.restore();
    },
  };
}

/** A row without a value is a short tinted marker at zero: grey when pending, in its status colour for a zero divisor. */
function pendingSlotsPlugin(
  bars: readonly ExecutionBar[],
  colors: ChartStyle['colors'],
  z: PictureSizes,
): Plugin<'bar'> {
  const pendingFill = translucent(colors.pending, SLOT_ALPHA);
  return {
    id: 'itogiPendingSlots',
    beforeDatasetsDraw(chart) {
      const c = chart.ctx as unknown as Ctx2D;
      const area = chart.chartArea;
      const meta = chart.getDatasetMeta(0);
      c.save();
      c.lineWidth = 1;
      bars.forEach((bar, i) => {
        const element = meta.data[i] as unknown as BarProps | undefined;
        if (barShape(bar) === 'bar' || element === undefined || element.y === null) return;
        c.fillStyle = bar.status === 'pending' ? pendingFill : translucent(colors[bar.status], SLOT_ALPHA);
        c.strokeStyle = colors[bar.status];
        const top = Math.round(element.y - element.height / 2);
        const left = Math.round(area.left);
        const w = Math.max(2, Math.round(z.rowFontPx * MARKER_EM));
        const h = Math.round(element.height);
        c.fillRect(left, top, w, h);
        c.strokeRect(left + 0.5, top + 0.5, w - 1, h - 1);
      });
      c.restore();
    },
  };
}

/** The hatch of a missed bar: lines this many pixels apart. */
const HATCH_SPACING_PX = 8;

/**
 * A missed bar is drawn hatched (diagonal lines in the status colour on the
 * background, outlined), as the native chart's pattern: a second cue besides
 * the colour, for a grayscale print and for readers who do not tell red from green.
 */
function hatchPlugin(bars: readonly ExecutionBar[], colors: ChartStyle['colors']): Plugin<'bar'> {
  return {
    id: 'itogiHatch',
    afterDatasetsDraw(chart) {
      const c = chart.ctx as unknown as Ctx2D;
      const meta = chart.getDatasetMeta(0);
      c.save();
      bars.forEach((bar, i) => {
        const el = meta.data[i] as unknown as BarProps | undefined;
        if (bar.status !== 'missed' || barShape(bar) !== 'bar' || el === undefined || el.x === null || el.y === null)
          return;
        const left = Math.min(el.base, el.x);
        const w = Math.abs(el.x - el.base);
        const top = el.y - el.height / 2;
        c.save();
        c.beginPath();
        c.rect(left, top, w, el.height);
        c.clip();
        c.strokeStyle = colors.missed;
        c.lineWidth = 2;
        c.setLineDash([]);
        c.beginPath();
        for (let x = left - el.height; x < left + w; x += HATCH_SPACING_PX) {
          c.moveTo(x, top + el.height);
          c.lineTo(x + el.height, top);
        }
        c.stroke();
        c.restore();
        c.strokeStyle = colors.missed;
        c.lineWidth = 2;
        c.strokeRect(left + 1, top + 1, w - 2, el.height - 2);
      });
      c.restore();
    },
  };
}

/**
 * The 100 % reference line over the bars with its label in the band above
 * the plot, and the value labels at the bar ends (pending rows at the axis),
 * kept clear of the line by placeValueLabel: inside the bar end or past the line.
 */
function annotationsPlugin(bars: readonly ExecutionBar[], style: ChartStyle, z: PictureSizes): Plugin<'bar'> {
  const { colors } = style;
  const { f } = z;
  return {
    id: 'itogiAnnotations',
    afterDatasetsDraw(chart) {
      const c = chart.ctx as unknown as Ctx2D;
      const x = chart.scales['x']!;
      const area = chart.chartArea;
      c.save();

      const x100 = Math.round(x.getPixelForValue(100)) + 0.5;
      c.strokeStyle = colors.reference;
      c.lineWidth = z.lineWidth;
      c.setLineDash([]);
      c.beginPath();
      c.moveTo(x100, area.top - Math.round(f * EM.small));
      c.lineTo(x100, area.bottom);
      c.stroke();

      c.font = z.referenceFont;
      c.fillStyle = colors.reference;
      c.textBaseline = 'bottom';
      const refWidth = c.measureText(style.referenceLabel).width;
      const refX = Math.min(Math.max(x100 - refWidth / 2, 0), chart.width - refWidth);
      c.textAlign = 'left';
      c.fillText(style.referenceLabel, refX, area.top - Math.round(f * EM.space));

      const meta = chart.getDatasetMeta(0);
      const zero = x.getPixelForValue(0);
      c.textBaseline = 'middle';
      c.textAlign = 'left';
      bars.forEach((bar, i) => {
        const element = meta.data[i];
        if (element === undefined) return;
        // A row without a bar: its label beside the marker at zero.
        const end =
          bar.value === null
            ? zero + Math.max(2, Math.round(z.rowFontPx * MARKER_EM))
            : x.getPixelForValue(Math.max(0, bar.value));
        // 'н/д' in regular weight: the empty row already says "no bar".
        c.font = bar.value === null ? z.pendingFont : z.valueFont;
        const place = placeValueLabel({
          barEnd: end - zero,
          lineX: x100 - zero,
          lineHalfWidth: z.lineWidth / 2,
          labelWidth: c.measureText(bar.display).width,
          gap: z.labelGap,
        });
        // Inside a solid bar in the background colour; inside a hatched (missed) one in the text colour.
        c.fillStyle = place.placement === 'inside' && bar.status !== 'missed' ? BACKGROUND : colors.text;
        c.fillText(bar.display, Math.round(zero + place.left), Math.round(element.y));
      });
      c.restore();
    },
  };
}

/** The value axis (percent, ticks landing on 100) and the category axis (the rows). */
function chartScales(bars: readonly ExecutionBar[], style: ChartStyle, z: PictureSizes) {
  const { colors } = style;
  const { f } = z;
  const { max, step } = style.axis ?? valueAxisRange(bars);
  return {
    x: {
      type: 'linear' as const,
      min: 0,
      max,
      border: { display: false },
      grid: { color: colors.grid, lineWidth: 1, drawTicks: false },
      ticks: {
        stepSize: step,
        color: colors.text,
        font: { family: CHART_FONT_FAMILY, size: z.tickPx },
        padding: Math.round(f * EM.space),
        callback: (value: number | string) => formatPercentTick(Number(value)),
      },
      title: {
        display: style.axisTitle !== '',
        text: style.axisTitle,
        color: colors.text,
        font: { family: CHART_FONT_FAMILY, size: z.tickPx },
        padding: { top: Math.round(f * EM.small), bottom: 0 },
      },
    },
    y: {
      type: 'category' as const,
      border: { display: true, color: colors.text, width: Math.max(1, Math.round(f / AXIS_WIDTH_DIVISOR)) },
      grid: { display: false },
      ticks: {
        color: colors.text,
        font: { family: CHART_FONT_FAMILY, size: z.rowFontPx, weight: 'bold' as const },
        padding: Math.round(f * EM.space),
        // Every row keeps its name, even a wrapped one taller than its row.
        autoSkip: false,
      },
    },
  };
}

/** The legend under the plot: the statuses drawn, a tinted slot for pending rows. */
function chartLegend(bars: readonly ExecutionBar[], style: ChartStyle, z: PictureSizes) {
  const { colors } = style;
  const legend = legendEntries(bars, style.legend);
  const pendingFill = translucent(colors.pending, SLOT_ALPHA);
  return {
    display: legend.length > 0,
    position: 'bottom' as const,
    align: 'center' as const,
    labels: {
      color: colors.text,
      font: { family: CHART_FONT_FAMILY, size: z.tickPx },
      boxWidth: z.tickPx,
      boxHeight: z.tickPx,
      padding: Math.round(z.f * EM.legendGap),
      generateLabels: () =>
        legend.map(({ swatch, text }) => ({
          text,
          // The missed swatch outlined on the background, as its hatched bars are.
          fillStyle: swatch === 'slot' ? pendingFill : swatch === 'missed' ? BACKGROUND : colors[swatch],
          strokeStyle: swatch === 'slot' ? colors.pending : colors[swatch],
          lineWidth: swatch === 'achieved' ? 0 : swatch === 'missed' ? 2 : 1,
          hidden: false,
          datasetIndex: 0,
        })),
    },
  };
}

/**
 * The chart.js configuration (with its drawing plugins) for the bars. The
 * caller registers chart.js' controllers and the Arimo font, and supplies
 * the canvas' text measurement.
 */
export function executionChartConfig(
  bars: readonly ExecutionBar[],
  style: ChartStyle,
  measureText: MeasureText,
): ExecutionChartConfig {
  validateChart(bars, style);
  const { colors } = style;
  const z = pictureSizes(bars, style);
  const { f } = z;
  // Room right of the plot for the value labels of the longest bars.
  const widestLabel = Math.max(0, ...bars.map((b) => measureText(b.display, z.valueFont)));
  return {
    type: 'bar',
    data: {
      labels: bars.map((b) =>
        wrapCategory(categoryLabel(b.label), style.widthPx * CATEGORY_MAX_SHARE, z.valueFont, measureText),
      ),
      datasets: [
        {
          data: bars.map((b) => b.value),
          // Missed bars: the background, hatched over by hatchPlugin.
          backgroundColor: bars.map((b) => (b.status === 'missed' ? BACKGROUND : colors[b.status])),
          borderWidth: 0,
          categoryPercentage: CATEGORY_PERCENTAGE,
          barPercentage: BAR_PERCENTAGE,
          maxBarThickness: Math.round(z.rowFontPx * MAX_BAR_EM),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      events: [],
      layout: {
        padding: {
          top: Math.round(f * EM.space) + z.referenceBand,
          right: Math.ceil(widestLabel) + z.labelGap + Math.round(f * EM.right),
          bottom: Math.round(f * EM.small),
          left: Math.round(f * EM.small),
        },
      },
      scales: chartScales(bars, style, z),
      plugins: {
        legend: chartLegend(bars, style, z),
        title: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [
      backgroundPlugin(),
      pendingSlotsPlugin(bars, colors, z),
      hatchPlugin(bars, colors),
      annotationsPlugin(bars, style, z),
    ],
  };
}
