/**
 * The execution chart as a PNG: the configuration of chartConfig.ts drawn by
 * chart.js on @napi-rs/canvas (Skia; prebuilt binaries inside the npm
 * package, no cairo/pango build) with the Arimo font (Arial metrics).
 *
 * Deterministic: the same bars and style give byte-identical PNGs.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartItem } from 'chart.js';
import { fontPath } from '../fonts.js';
import type { ExecutionBar } from '../layout/model.js';
import { CHART_FONT_FAMILY, executionChartConfig, type ChartStyle } from './chartConfig.js';

export {
  barShape,
  categoryLabel,
  formatPercentTick,
  legendEntries,
  valueAxisRange,
  type ChartStyle,
} from './chartConfig.js';
export type { ExecutionBar } from '../layout/model.js';

let initialised = false;
function init(): void {
  if (initialised) return;
  Chart.register(...registerables);
  for (const weight of ['regular', 'bold'] as const) {
    if (GlobalFonts.registerFromPath(fontPath(weight), CHART_FONT_FAMILY) === null) {
      throw new Error(`could not register ${fontPath(weight)} as ${CHART_FONT_FAMILY}`);
    }
  }
  initialised = true;
}

/** Render the execution chart as a PNG. */
export async function renderExecutionChart(bars: ExecutionBar[], style: ChartStyle): Promise<Buffer> {
  init();
  const config = executionChartConfig(bars, style, (text, font) => {
    measure.font = font;
    return measure.measureText(text).width;
  });
  const canvas = createCanvas(style.widthPx, style.heightPx);
  const ctx = canvas.getContext('2d');
  // chart.js takes the 2D context; its BasicPlatform (no DOM) reads .canvas from it.
  const chart = new Chart(ctx as unknown as ChartItem, config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

/** A 1×1 canvas, only for measuring label widths before the chart is drawn. */
const measure = createCanvas(1, 1).getContext('2d');
