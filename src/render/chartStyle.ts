/**
 * The execution chart's style from the template, shared by both renderers:
 * the .pptx draws it as a PNG (chart.ts), the preview page draws it with
 * chart.js in the browser (html.ts). Types only: no Node, no DOM.
 */
import type { ChartBox } from '../layout/model.js';
import type { LoadedTemplate } from '../template/load.js';
import type { ChartStyle } from './chartConfig.js';

/** Chart pixels per point: 2 gives a sharp picture on a 1080p projector without a heavy file. */
const CHART_PX_PER_PT = 2;
/**
 * Base text size of the chart (category and value labels), in points: the
 * picture and the native chart alike; ticks, axis title and legend are 14 pt.
 */
export const CHART_BASE_PT = 16;

/**
 * The chart's style from the template: size from the box (2 px per point),
 * colours from `colors`, texts from the box's labels (the layout fills their
 * {placeholders}) or, for a box without them, the template's raw labels.
 */
export function chartStyle(
  loaded: LoadedTemplate,
  box: { w: number; h: number; labels?: ChartBox['labels']; axis?: ChartBox['axis'] },
): ChartStyle {
  const { colors, labels } = loaded.template;
  const texts = box.labels ?? {
    axis: labels.chart_axis,
    reference: labels.chart_reference,
    legend: { achieved: labels.legend_achieved, missed: labels.legend_missed, pending: labels.legend_pending },
  };
  return {
    widthPx: Math.round(box.w * CHART_PX_PER_PT),
    heightPx: Math.round(box.h * CHART_PX_PER_PT),
    fontSizePx: CHART_BASE_PT * CHART_PX_PER_PT,
    colors: {
      achieved: `#${colors.achieved}`,
      missed: `#${colors.missed}`,
      pending: `#${colors.pending}`,
      reference: `#${colors.primary}`,
      text: `#${colors.text}`,
      grid: `#${colors.table_border}`,
    },
    referenceLabel: texts.reference,
    axisTitle: texts.axis,
    legend: { ...texts.legend },
    ...(box.axis ? { axis: box.axis } : {}),
  };
}
