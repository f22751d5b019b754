/**
 * The execution chart as a native PowerPoint chart: a chart part
 * (`ppt/charts/chartN.xml`) whose data live in an embedded workbook
 * (`ppt/embeddings/Microsoft_Excel_WorksheetN.xlsx`), so «Изменить данные»
 * opens them in Excel.
 *
 * Written here rather than with pptxgenjs' `addChart`: 4.0.1's bar chart
 * fails the chart schema (a third `c:axId`; `c:dPt` after `c:dLbls`), has
 * no per-point label text (the table's «111,7 %» beside «101,16 %», «н/д»),
 * no 100 % line, and embeds a workbook stamped with the clock (two builds
 * differ). Repairing that would mean rewriting all of it.
 *
 * How a deck gets its charts: `addNativeChart` puts a placeholder shape
 * (named with a marker) on the slide through pptxgenjs, plus the 100 % line
 * and its label, the legend and the tinted slots of rows without a bar as
 * ordinary slide shapes; after `pptx.write`,
 * `embedNativeCharts` replaces each placeholder by a graphic frame and adds
 * the chart part, its workbook, the relationships and the content types.
 * Part names are numbered across the deck, so several charts per deck (a
 * chart continued on further slides) each get their own.
 *
 * The plot area has a fixed inner layout and the value axis a fixed range,
 * so where 100 % falls is known here: the line is drawn there, and each value
 * label is placed by `placeValueLabel` (chartConfig.ts), the rule the picture
 * uses too, so no label crosses the line.
 *
 * Deterministic: the same layout gives the same XML and the same workbook
 * bytes (fixed zip dates, no clock).
 */
import JSZip from 'jszip';
import { posix } from 'node:path';
import type PptxGenJSModule from 'pptxgenjs';
import type { ChartBox, DeckLayout, ExecutionBar, ExecutionStatus } from '../layout/model.js';
import { textWidthPt } from '../layout/measure.js';
import type { Template } from '../template/schema.js';
import {
  barShape,
  categoryLabel,
  legendEntries,
  placeValueLabel,
  valueAxisRange,
  type LegendEntry,
  type PlacedLabel,
} from './chartConfig.js';

type Pptx = InstanceType<typeof PptxGenJSModule.default>;
type PptxSlide = ReturnType<Pptx['addSlide']>;

const LANG = 'ru-RU';
/** Base text size of the chart, as the picture's (13 pt at the box's scale). */
const BASE_PT = 13;
const PLAN_LINE_PT = 1.5;
/**
 * The least space a client leaves between a bar end and an outside data
 * label (LibreOffice 7.4: ~3 pt, measured on its PDF); the placement rule
 * assumes this much, so a label it finds right of the line stays there.
 */
const CLIENT_LABEL_GAP_PT = 2;
/** Marker in the placeholder's name: `itogi-native-chart:<index of the box on its slide>`. */
const MARKER = 'itogi-native-chart:';
/** Zip dates of the embedded workbook: fixed, so the deck's bytes do not depend on the clock. */
const WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const SHEET = 'Лист1';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CHART_CT = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const XLSX_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REL_CHART = `${NS_R}/chart`;
const REL_PACKAGE = `${NS_R}/package`;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------- geometry (pure)

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

export interface RowLabel extends PlacedLabel {
  text: string;
  bold: boolean;
}

/** Everything positioned, in points from the chart frame's top left. */
export interface NativeChartGeometry {
  /** Inner plot area (the bars' rectangle). */
  plot: { x: number; y: number; w: number; h: number };
  axis: { max: number; step: number };
  rowPt: number;
  tickPt: number;
  referencePt: number;
  /** The 100 % line: x and its vertical extent. */
  line: { x: number; top: number; bottom: number; widthPt: number };
  /** The «План = 100 %» text box above the plot. */
  lineLabel: { x: number; y: number; w: number; h: number };
  /** Per bar: where its value label goes, in points from the plot's left edge. */
  labels: RowLabel[];
  /** Space between a label and a bar end or the line's band. */
  gap: number;
  legend: LegendItem[];
  /**
   * Rows without a bar (pending, or plan 0) as the picture draws them: an
   * empty, lightly tinted slot across the plot, where the bar would be.
   */
  slots: Array<{ x: number; y: number; w: number; h: number; status: ExecutionStatus }>;
}

/** c:gapWidth: the space between bars, in percent of a bar's thickness. */
const GAP_WIDTH = 50;

/** A legend entry drawn on the slide under the chart: a swatch and its text. */
export interface LegendItem extends LegendEntry {
  swatchBox: { x: number; y: number; w: number; h: number };
  textBox: { x: number; y: number; w: number; h: number };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Lays the chart out in the frame: bands for the plan label (top), category
 * labels (left), value labels (right), ticks, axis title and legend
 * (bottom); the rest is the plot. Text sizes shrink when rows get tight.
 */
export function nativeChartGeometry(
  box: Pick<ChartBox, 'w' | 'h' | 'bars'>,
  style: NativeChartStyle,
): NativeChartGeometry {
  const { w, h, bars } = box;
  const f = BASE_PT;
  const tickPt = Math.round(f * 0.85);
  const referencePt = Math.round(f * 0.9);
  const legend = legendEntries(bars, style.legend);
  const top = f * 0.4 + referencePt * 1.2 + f * 0.4;
  const bottom =
    tickPt * 1.2 +
    f * 0.4 +
    (style.axisTitle === '' ? 0 : tickPt * 1.2 + f * 0.3) +
    (legend.length > 0 ? tickPt * 1.2 + f * 0.9 : 0) +
    f * 0.2;
  const rowPitch = (h - top - bottom) / Math.max(1, bars.length);
  const rowPt = Math.max(8, Math.min(f, Math.floor(rowPitch * 0.6)));
  // Wider than the picture's (0.4 em): the client places outside labels itself, a point or two either way.
  const gap = round2(rowPt * 0.6);
  // PowerPoint pads a label's text a little on each side.
  const labelWidth = (b: ExecutionBar) => textWidthPt(b.display, { sizePt: rowPt, bold: true }) + rowPt * 0.3;
  const categoryWidth = Math.max(
    0,
    ...bars.map((b) => textWidthPt(categoryLabel(b.label), { sizePt: rowPt, bold: true })),
  );
  const left = f * 0.3 + categoryWidth + f * 0.7;
  const right = Math.max(0, ...bars.map(labelWidth)) + gap + f * 0.6;
  const plot = { x: round2(left), y: round2(top), w: round2(w - left - right), h: round2(h - top - bottom) };
  if (plot.w < 50 || plot.h < 20) throw new RangeError(`chart frame ${w}×${h} pt is too small for ${bars.length} bars`);
  const axis = valueAxisRange(bars);
  const lineX = (plot.w * 100) / axis.max;
  const labels = bars.map((b) => ({
    text: b.display,
    bold: b.value !== null,
    ...placeValueLabel({
      barEnd: b.value === null ? 0 : (plot.w * Math.min(axis.max, Math.max(0, b.value))) / axis.max,
      lineX,
      lineHalfWidth: PLAN_LINE_PT / 2,
      labelWidth: labelWidth(b),
      gap,
      outsideGap: CLIENT_LABEL_GAP_PT,
    }),
  }));
  // Legend: one line centred at the bottom of the frame.
  const sw = Math.round(tickPt * 0.85);
  const itemWidths = legend.map((e) => sw + f * 0.4 + textWidthPt(e.text, { sizePt: tickPt }) + tickPt * 0.2);
  const legendWidth = itemWidths.reduce((a, b) => a + b, 0) + f * (legend.length - 1);
  const legendY = h - f * 0.2 - tickPt * 1.2;
  let cursor = Math.max(0, (w - legendWidth) / 2);
  const legendItems = legend.map((e, k) => {
    const x = cursor;
    cursor += itemWidths[k]! + f;
    return {
      ...e,
      swatchBox: { x: round2(x), y: round2(legendY + (tickPt * 1.2 - sw) / 2), w: sw, h: sw },
      textBox: {
        x: round2(x + sw + f * 0.4),
        y: round2(legendY),
        w: round2(itemWidths[k]! - sw - f * 0.4),
        h: round2(tickPt * 1.2),
      },
    };
  });
  const refW = textWidthPt(style.referenceLabel, { sizePt: referencePt, bold: true }) + referencePt;
  const refH = referencePt * 1.2;
  const lineAbs = plot.x + lineX;
  return {
    plot,
    axis,
    rowPt,
    tickPt,
    referencePt,
    line: { x: round2(lineAbs), top: round2(plot.y - f * 0.3), bottom: round2(plot.y + plot.h), widthPt: PLAN_LINE_PT },
    lineLabel: {
      x: round2(Math.min(Math.max(0, lineAbs - refW / 2), w - refW)),
      y: round2(f * 0.3),
      w: round2(refW),
      h: round2(refH),
    },
    labels,
    gap,
    legend: legendItems,
    slots: bars.flatMap((b, i) => {
      if (b.value !== null) return [];
      const pitch = plot.h / bars.length;
      const thickness = pitch / (1 + GAP_WIDTH / 100);
      // Rows run top to bottom (the category axis is reversed).
      // A pending row is a grey slot; a row whose percentage is not computed (plan 0) keeps its status colour.
      const status = barShape(b) === 'pending-slot' ? 'pending' : b.status;
      return [
        { x: plot.x, y: round2(plot.y + (i + 0.5) * pitch - thickness / 2), w: plot.w, h: round2(thickness), status },
      ];
    }),
  };
}

// ---------------------------------------------------------------- chart XML (pure)

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const fill = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
const noLine = '<a:ln><a:noFill/></a:ln>';

function runProps(
  tag: 'defRPr' | 'rPr',
  style: NativeChartStyle,
  sizePt: number,
  bold: boolean,
  color: string,
): string {
  const face = escapeXml(style.fontFace);
  return `<a:${tag} lang="${LANG}" sz="${Math.round(sizePt * 100)}" b="${bold ? 1 : 0}">${fill(color)}<a:latin typeface="${face}"/><a:cs typeface="${face}"/></a:${tag}>`;
}

function textProps(style: NativeChartStyle, sizePt: number, bold: boolean, color: string): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runProps('defRPr', style, sizePt, bold, color)}</a:pPr><a:endParaRPr lang="${LANG}"/></a:p></c:txPr>`;
}

function richText(style: NativeChartStyle, text: string, sizePt: number, bold: boolean, color: string): string {
  return `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runProps('defRPr', style, sizePt, bold, color)}</a:pPr><a:r>${runProps('rPr', style, sizePt, bold, color)}<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`;
}

const SHOW = (val: boolean) =>
  `<c:showLegendKey val="0"/><c:showVal val="${val ? 1 : 0}"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>`;

/** A cell reference on the data sheet. */
const ref = (col: string, from: number, to?: number) =>
  `${SHEET}!$${col}$${from}${to === undefined ? '' : `:$${col}$${to}`}`;

/** The value written for a bar: its percentage, 0 for a bar without one (its label says «н/д» or «—»). */
const chartValue = (b: ExecutionBar): number => (b.value === null ? 0 : b.value);

/** The series' name (the workbook's value column): the axis title, so the summary's chart names its own measure. */
const seriesName = (style: Pick<NativeChartStyle, 'axisTitle'>) => style.axisTitle || 'Значение';

/**
 * The chart part. One bar series (values in column B of the workbook,
 * categories in column A), a colour per point by status, a label per point
 * with the table's text. No chart legend: one series cannot show three
 * colours, and legend-only empty series came out differently in LibreOffice
 * (entries reversed, the wrong one hidden); the legend is drawn on the slide.
 */
export function chartXml(
  box: Pick<ChartBox, 'w' | 'h' | 'bars'>,
  style: NativeChartStyle,
  g: NativeChartGeometry,
): string {
  const { bars } = box;
  const n = bars.length;
  const c = style.colors;
  const statusColor = (b: ExecutionBar) => c[b.status];

  const dPts = bars
    .map(
      (b, i) =>
        `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${fill(statusColor(b))}${noLine}</c:spPr></c:dPt>`,
    )
    .join('');

  const dLbls = g.labels
    .map((l, i) => {
      const inside = l.placement === 'inside';
      // pastLine: moved right from the outside place (bar end + the client's gap, assumed
      // CLIENT_LABEL_GAP_PT), as a fraction of the chart's width.
      const barEnd = (g.plot.w * Math.min(g.axis.max, Math.max(0, bars[i]!.value ?? 0))) / g.axis.max;
      const dx = l.placement === 'pastLine' ? (l.left - barEnd - CLIENT_LABEL_GAP_PT) / box.w : 0;
      const layout =
        dx === 0
          ? ''
          : `<c:layout><c:manualLayout><c:x val="${round4(dx)}"/><c:y val="0"/></c:manualLayout></c:layout>`;
      return (
        `<c:dLbl><c:idx val="${i}"/>${layout}<c:tx>${richText(style, l.text, g.rowPt, l.bold, inside ? c.background : c.text)}</c:tx>` +
        `<c:spPr><a:noFill/>${noLine}</c:spPr><c:dLblPos val="${inside ? 'inEnd' : 'outEnd'}"/>${SHOW(true)}</c:dLbl>`
      );
    })
    .join('');

  const cats = bars.map((b, i) => `<c:pt idx="${i}"><c:v>${escapeXml(categoryLabel(b.label))}</c:v></c:pt>`).join('');
  const vals = bars.map((b, i) => `<c:pt idx="${i}"><c:v>${chartValue(b)}</c:v></c:pt>`).join('');

  const mainSeries =
    `<c:ser><c:idx val="0"/><c:order val="0"/>` +
    `<c:tx><c:strRef><c:f>${ref('B', 1)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(seriesName(style))}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:spPr>${fill(c.achieved)}${noLine}</c:spPr><c:invertIfNegative val="0"/>${dPts}` +
    `<c:dLbls>${dLbls}<c:spPr><a:noFill/>${noLine}</c:spPr>${textProps(style, g.rowPt, true, c.text)}<c:dLblPos val="outEnd"/>${SHOW(true)}<c:showLeaderLines val="0"/></c:dLbls>` +
    `<c:cat><c:strRef><c:f>${ref('A', 2, n + 1)}</c:f><c:strCache><c:ptCount val="${n}"/>${cats}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${ref('B', 2, n + 1)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${vals}</c:numCache></c:numRef></c:val>` +
    `</c:ser>`;

  const fr = (v: number, total: number) => round4(v / total);
  const plotLayout =
    `<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>` +
    `<c:x val="${fr(g.plot.x, box.w)}"/><c:y val="${fr(g.plot.y, box.h)}"/><c:w val="${fr(g.plot.w, box.w)}"/><c:h val="${fr(g.plot.h, box.h)}"/></c:manualLayout></c:layout>`;

  const axisLine = (rgb: string, w: number) => `<c:spPr><a:ln w="${w}">${fill(rgb)}</a:ln></c:spPr>`;
  const catAx =
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `${axisLine(c.text, 12700)}${textProps(style, g.rowPt, true, c.text)}` +
    `<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="1"/></c:catAx>`;
  const axisTitle =
    style.axisTitle === ''
      ? ''
      : `<c:title><c:tx>${richText(style, style.axisTitle, g.tickPt, false, c.text)}</c:tx><c:overlay val="0"/></c:title>`;
  const valAx =
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:max val="${g.axis.max}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:majorGridlines>${axisLine(c.grid, 9525)}</c:majorGridlines>${axisTitle}` +
    // Whole percents only (steps are 5, 10, 20, …), so no decimal separator to localise.
    `<c:numFmt formatCode="0&quot;\u00a0%&quot;" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:spPr><a:noFill/>${noLine}</c:spPr>${textProps(style, g.tickPt, false, c.text)}` +
    `<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="${g.axis.step}"/></c:valAx>`;

  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:date1904 val="0"/><c:lang val="${LANG}"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>${plotLayout}` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${mainSeries}` +
    `<c:gapWidth val="${GAP_WIDTH}"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `${catAx}${valAx}<c:spPr><a:noFill/>${noLine}</c:spPr></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill(c.background)}${noLine}</c:spPr>${textProps(style, BASE_PT, false, c.text)}` +
    `<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`
  );
}

// ---------------------------------------------------------------- workbook

/** Column headers of the data sheet; B is the series' name. */
export const workbookHeaders = (style: Pick<NativeChartStyle, 'axisTitle'>) =>
  ['Показатель', seriesName(style), 'Подпись на диаграмме', 'Статус'] as const;
const STATUS_TEXT = { achieved: 'достигнуто', missed: 'не достигнуто', pending: 'данные ожидаются' } as const;

/** The embedded workbook: one sheet, the bars as rows (A: category, B: value, C: label text, D: status). */
export async function chartWorkbook(
  bars: readonly ExecutionBar[],
  style: Pick<NativeChartStyle, 'fontFace' | 'axisTitle'>,
): Promise<Buffer> {
  const { fontFace } = style;
  const str = (cell: string, text: string) => `<c r="${cell}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
  const rows = [
    `<row r="1">${workbookHeaders(style)
      .map((h, i) => str(`${'ABCD'[i]}1`, h))
      .join('')}</row>`,
    ...bars.map((b, i) => {
      const r = i + 2;
      return `<row r="${r}">${str(`A${r}`, categoryLabel(b.label))}<c r="B${r}"><v>${chartValue(b)}</v></c>${str(`C${r}`, b.display)}${str(`D${r}`, STATUS_TEXT[b.status])}</row>`;
    }),
  ];
  const sheet =
    XML_HEAD +
    `<worksheet xmlns="${NS_SML}" xmlns:r="${NS_R}"><dimension ref="A1:D${bars.length + 1}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="14" customWidth="1"/><col min="2" max="2" width="24" customWidth="1"/><col min="3" max="3" width="22" customWidth="1"/><col min="4" max="4" width="20" customWidth="1"/></cols>` +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`;
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_SML}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews><sheets><sheet name="${SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const styles =
    XML_HEAD +
    `<styleSheet xmlns="${NS_SML}"><fonts count="1"><font><sz val="11"/><name val="${escapeXml(fontFace)}"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const files: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      XML_HEAD +
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      XML_HEAD +
        `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    ['xl/workbook.xml', workbook],
    [
      'xl/_rels/workbook.xml.rels',
      XML_HEAD +
        `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/styles.xml', styles],
  ];
  const zip = new JSZip();
  for (const [name, text] of files) zip.file(name, text, { date: WORKBOOK_DATE, createFolders: false });
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}

// ---------------------------------------------------------------- on the slide

const inch = (pt: number) => Math.round((pt / 72) * 10000) / 10000;

/** Chart boxes placed so far per slide: the placeholder's index, matched in `embedNativeCharts`. */
const placedOn = new WeakMap<PptxSlide, number>();

/**
 * Puts the chart's placeholder on the slide (replaced by the chart in
 * `embedNativeCharts`) and, over it, the 100 % line with its label. Chart
 * boxes must be added in the layout's order.
 */
export function addNativeChart(slide: PptxSlide, box: ChartBox, template: Template): void {
  const index = placedOn.get(slide) ?? 0;
  placedOn.set(slide, index + 1);
  const style = nativeChartStyle(template, box);
  const g = nativeChartGeometry(box, style);
  slide.addShape('rect', {
    x: inch(box.x),
    y: inch(box.y),
    w: inch(box.w),
    h: inch(box.h),
    objectName: `${MARKER}${index}`,
    fill: { color: style.colors.background },
    line: { type: 'none' },
  });
  for (const [k, slot] of g.slots.entries()) {
    slide.addShape('rect', {
      x: inch(box.x + slot.x),
      y: inch(box.y + slot.y),
      w: inch(slot.w),
      h: inch(slot.h),
      objectName: `Нет значения ${k + 1}`,
      fill: { color: style.colors[slot.status], transparency: 70 },
      line: { color: style.colors[slot.status], width: 0.75 },
    });
  }
  slide.addShape('line', {
    x: inch(box.x + g.line.x),
    y: inch(box.y + g.line.top),
    w: 0,
    h: inch(g.line.bottom - g.line.top),
    objectName: `${style.referenceLabel}: линия`,
    line: { color: style.colors.reference, width: g.line.widthPt },
  });
  slide.addText([{ text: style.referenceLabel, options: { lang: LANG, bold: true } }], {
    x: inch(box.x + g.lineLabel.x),
    y: inch(box.y + g.lineLabel.y),
    w: inch(g.lineLabel.w),
    h: inch(g.lineLabel.h),
    objectName: style.referenceLabel,
    fontFace: style.fontFace,
    fontSize: g.referencePt,
    color: style.colors.reference,
    align: 'center',
    valign: 'bottom',
    margin: 0,
    lang: LANG,
    wrap: false,
  });
  for (const item of g.legend) {
    const slot = item.swatch === 'slot';
    const color = item.swatch === 'slot' ? style.colors.pending : style.colors[item.swatch];
    slide.addShape('rect', {
      x: inch(box.x + item.swatchBox.x),
      y: inch(box.y + item.swatchBox.y),
      w: inch(item.swatchBox.w),
      h: inch(item.swatchBox.h),
      objectName: `Легенда: ${item.text}: знак`,
      fill: slot ? { color, transparency: 70 } : { color },
      line: slot ? { color, width: 0.75 } : { type: 'none' },
    });
    slide.addText([{ text: item.text, options: { lang: LANG } }], {
      x: inch(box.x + item.textBox.x),
      y: inch(box.y + item.textBox.y),
      w: inch(item.textBox.w),
      h: inch(item.textBox.h),
      objectName: `Легенда: ${item.text}`,
      fontFace: style.fontFace,
      fontSize: g.tickPt,
      color: style.colors.text,
      align: 'left',
      valign: 'middle',
      margin: 0,
      lang: LANG,
      wrap: false,
    });
  }
}

// ---------------------------------------------------------------- into the package

const parseAttrs = (tag: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out.set(m[1]!, m[2]!);
  return out;
};

const relsPartOf = (part: string) => `${posix.dirname(part)}/_rels/${posix.basename(part)}.rels`;

function nextRelId(rels: string): string {
  const ids = [...rels.matchAll(/\bId="rId(\d+)"/g)].map((m) => Number(m[1]));
  return `rId${Math.max(0, ...ids) + 1}`;
}

function addRelationship(rels: string | undefined, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  if (rels === undefined) return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rel}</Relationships>`;
  return rels.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`);
}

function graphicFrame(placeholder: string, box: ChartBox, relId: string): string {
  const cNvPr = /<p:cNvPr\s[^>]*>/.exec(placeholder)?.[0];
  const off = /<a:off\s[^>]*>/.exec(placeholder)?.[0];
  const ext = /<a:ext\s[^>]*>/.exec(placeholder)?.[0];
  if (!cNvPr || !off || !ext) throw new Error(`embedNativeCharts: placeholder of «${box.name}» has no id or position`);
  const id = parseAttrs(cNvPr).get('id');
  const o = parseAttrs(off);
  const e = parseAttrs(ext);
  return (
    `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="${escapeXml(box.name)}" descr="${escapeXml(box.alt)}"/>` +
    `<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>` +
    `<p:xfrm><a:off x="${o.get('x')}" y="${o.get('y')}"/><a:ext cx="${e.get('cx')}" cy="${e.get('cy')}"/></p:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${relId}"/></a:graphicData></a:graphic></p:graphicFrame>`
  );
}

/**
 * Replaces the placeholders `addNativeChart` left on the slides of `deck`
 * (slide i of the layout is pptxgenjs' `ppt/slides/slide{i+1}.xml`) by
 * charts, with their parts, workbooks, relationships and content types.
 * A package without placeholders comes back unchanged (the same buffer).
 */
export async function embedNativeCharts(raw: Buffer, deck: DeckLayout, template: Template): Promise<Buffer> {
  const perSlide = deck.slides.map((s) => s.boxes.filter((b): b is ChartBox => b.type === 'chart'));
  if (template.chart !== 'native' || perSlide.every((c) => c.length === 0)) return raw;

  const zip = await JSZip.loadAsync(raw);
  const read = async (name: string) => zip.file(name)?.async('string');
  let ct = await read('[Content_Types].xml');
  if (ct === undefined) throw new Error('embedNativeCharts: not a package, [Content_Types].xml is missing');
  let next =
    1 + Math.max(0, ...Object.keys(zip.files).map((n) => Number(/^ppt\/charts\/chart(\d+)\.xml$/.exec(n)?.[1] ?? 0)));

  for (const [i, charts] of perSlide.entries()) {
    if (charts.length === 0) continue;
    const slideName = `ppt/slides/slide${i + 1}.xml`;
    let slide = await read(slideName);
    if (slide === undefined) throw new Error(`embedNativeCharts: ${slideName} is missing`);
    const relsName = relsPartOf(slideName);
    let rels = await read(relsName);
    for (const [index, box] of charts.entries()) {
      const marker = `name="${MARKER}${index}"`;
      const sp: RegExpMatchArray | undefined = [...slide.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].find((m) =>
        m[0].includes(marker),
      );
      if (!sp || sp.index === undefined)
        throw new Error(`embedNativeCharts: the placeholder of chart ${index} is not on ${slideName}`);
      const n = next++;
      const chartName = `ppt/charts/chart${n}.xml`;
      const workbookName = `ppt/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`;
      const relId = nextRelId(rels ?? '');
      rels = addRelationship(rels, relId, REL_CHART, `../charts/chart${n}.xml`);
      slide = slide.slice(0, sp.index) + graphicFrame(sp[0], box, relId) + slide.slice(sp.index + sp[0].length);

      const style = nativeChartStyle(template, box);
      zip.file(chartName, chartXml(box, style, nativeChartGeometry(box, style)));
      zip.file(
        relsPartOf(chartName),
        addRelationship(undefined, 'rId1', REL_PACKAGE, `../embeddings/Microsoft_Excel_Worksheet${n}.xlsx`),
      );
      zip.file(workbookName, await chartWorkbook(box.bars, style));
      ct = ct.replace(/<\/Types>\s*$/, `<Override PartName="/${chartName}" ContentType="${CHART_CT}"/></Types>`);
    }
    zip.file(slideName, slide);
    zip.file(relsName, rels!);
  }
  if (!/<Default\s[^>]*Extension="xlsx"/i.test(ct))
    ct = ct.replace(/<\/Types>\s*$/, `<Default Extension="xlsx" ContentType="${XLSX_CT}"/></Types>`);
  zip.file('[Content_Types].xml', ct);
  // Stored, not compressed: finalizePptx re-packs the whole package anyway.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
