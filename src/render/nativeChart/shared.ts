/**
 * What the parts of the native chart share: its text language and base size,
 * the XML namespaces, the data sheet's name and what a bar writes there.
 */
import type { ChartBox, ExecutionBar } from '../../layout/model.js';
import type { Template } from '../../template/schema.js';
import { CHART_BASE_PT } from '../chartStyle.js';

export { escapeXml } from '../package/opc.js';

export { LANG } from '../lang.js';
/** Base text size of the chart, the picture's (chartStyle.ts) at the box's scale. */
export const BASE_PT = CHART_BASE_PT;
/**
 * The least space a client leaves between a bar end and an outside data
 * label (LibreOffice 7.4: ~3 pt, measured on its PDF); the placement rule
 * assumes this much, so a label it finds right of the line stays there.
 */
export const CLIENT_LABEL_GAP_PT = 2;
export const SHEET = 'Лист1';
/** c:gapWidth: the space between bars, in percent of a bar's thickness. */
export const GAP_WIDTH = 50;
/** Empty slots and slot swatches: the status colour at this transparency. */
export const SLOT_TRANSPARENCY_PCT = 70;

export const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Texts and colours of a chart, from the template (colours as RRGGBB). */
export interface NativeChartStyle {
  fontFace: string;
  colors: {
    achieved: string;
    missed: string;
    pending: string;
    reference: string;
    text: string;
    grid: string;
    background: string;
  };
  referenceLabel: string;
  axisTitle: string;
  legend: { achieved: string; missed: string; pending: string };
}

export function nativeChartStyle(template: Template, box: Pick<ChartBox, 'labels'>): NativeChartStyle {
  const c = template.colors;
  return {
    fontFace: template.fonts.face,
    colors: {
      achieved: c.achieved,
      missed: c.missed,
      pending: c.pending,
      reference: c.primary,
      text: c.text,
      grid: c.table_border,
      background: c.background,
    },
    referenceLabel: box.labels.reference,
    axisTitle: box.labels.axis,
    legend: { ...box.labels.legend },
  };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
export const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** The value written for a bar: its percentage, 0 for a bar without one (its label says «н/д» or «—»). */
export const chartValue = (b: ExecutionBar): number => (b.value === null ? 0 : b.value);

/** The series' name (the workbook's value column): the axis title, so the summary's chart names its own measure. */
export const seriesName = (style: Pick<NativeChartStyle, 'axisTitle'>) => style.axisTitle || 'Значение';
