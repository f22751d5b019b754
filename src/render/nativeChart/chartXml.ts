/**
 * The chart part (`ppt/charts/chartN.xml`) as text: one bar series, a colour
 * and a label per point, the axes, the plot area where the geometry put it.
 * Pure.
 */
import type { ChartBox, ExecutionBar } from '../../layout/model.js';
import type { NativeChartGeometry } from './geometry.js';
import {
  BASE_PT,
  CLIENT_LABEL_GAP_PT,
  chartValue,
  escapeXml,
  GAP_WIDTH,
  LANG,
  NS_A,
  NS_C,
  NS_R,
  round4,
  SHEET,
  seriesName,
  XML_HEAD,
  type NativeChartStyle,
} from './shared.js';

const fill = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
const noLine = '<a:ln><a:noFill/></a:ln>';
/** The missed bars' (and legend swatch's) wide upward diagonal hatch: the status colour on the background. */
export const missedFill = (rgb: string, background: string) =>
  `<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="${rgb}"/></a:fgClr><a:bgClr><a:srgbClr val="${background}"/></a:bgClr></a:pattFill>`;

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

/** Axis ids: the category axis (the rows) and the value axis (percent). */
const CAT_AX = 1001;
const VAL_AX = 1002;
/** Line widths in EMU (12700 per point): the category axis 1 pt, the grid 0.75 pt. */
const CATEGORY_AXIS_EMU = 12700;
const GRID_EMU = 9525;

/**
 * A colour per point, by status; a missed bar also hatched (missedFill), so
 * a grayscale print or a reader who does not tell red from green still sees it.
 */
function dataPoints(bars: readonly ExecutionBar[], c: NativeChartStyle['colors']): string {
  return bars
    .map((b, i) => {
      const shape =
        b.status === 'missed'
          ? `${missedFill(c.missed, c.background)}<a:ln w="12700">${fill(c.missed)}</a:ln>`
          : `${fill(c[b.status])}${noLine}`;
      return `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${shape}</c:spPr></c:dPt>`;
    })
    .join('');
}

/** A label per point with the table's text, inside or outside the bar, or moved past the 100 % line. */
function dataLabels(box: Pick<ChartBox, 'w' | 'bars'>, style: NativeChartStyle, g: NativeChartGeometry): string {
  const c = style.colors;
  return g.labels
    .map((l, i) => {
      const inside = l.placement === 'inside';
      // On a solid bar the inside label is in the background colour; on a hatched (missed) one, in the text colour.
      const insideColor = box.bars[i]!.status === 'missed' ? c.text : c.background;
      // pastLine: moved right from the outside place (bar end + the client's gap, assumed
      // CLIENT_LABEL_GAP_PT), as a fraction of the chart's width.
      const barEnd = (g.plot.w * Math.min(g.axis.max, Math.max(0, box.bars[i]!.value ?? 0))) / g.axis.max;
      // A row without a bar: its label moved past the marker at zero, as the picture places it.
      const moved = l.placement === 'pastLine' || box.bars[i]!.value === null;
      const dx = moved ? (l.left - barEnd - CLIENT_LABEL_GAP_PT) / box.w : 0;
      const layout =
        dx === 0
          ? ''
          : `<c:layout><c:manualLayout><c:x val="${round4(dx)}"/><c:y val="0"/></c:manualLayout></c:layout>`;
      return (
        `<c:dLbl><c:idx val="${i}"/>${layout}<c:tx>${richText(style, l.text, g.rowPt, l.bold, inside ? insideColor : c.text)}</c:tx>` +
        `<c:spPr><a:noFill/>${noLine}</c:spPr><c:dLblPos val="${inside ? 'inEnd' : 'outEnd'}"/>${SHOW(true)}</c:dLbl>`
      );
    })
    .join('');
}

/** The one bar series: values in column B of the workbook, categories in column A. */
function barSeries(box: Pick<ChartBox, 'w' | 'bars'>, style: NativeChartStyle, g: NativeChartGeometry): string {
  const { bars } = box;
  const n = bars.length;
  const c = style.colors;
  const cats = g.categories.map((c, i) => `<c:pt idx="${i}"><c:v>${escapeXml(c)}</c:v></c:pt>`).join('');
  const vals = bars.map((b, i) => `<c:pt idx="${i}"><c:v>${chartValue(b)}</c:v></c:pt>`).join('');
  return (
    `<c:ser><c:idx val="0"/><c:order val="0"/>` +
    `<c:tx><c:strRef><c:f>${ref('B', 1)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(seriesName(style))}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:spPr>${fill(c.achieved)}${noLine}</c:spPr><c:invertIfNegative val="0"/>${dataPoints(bars, c)}` +
    `<c:dLbls>${dataLabels(box, style, g)}<c:spPr><a:noFill/>${noLine}</c:spPr>${textProps(style, g.rowPt, true, c.text)}<c:dLblPos val="outEnd"/>${SHOW(true)}<c:showLeaderLines val="0"/></c:dLbls>` +
    `<c:cat><c:strRef><c:f>${ref('A', 2, n + 1)}</c:f><c:strCache><c:ptCount val="${n}"/>${cats}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${ref('B', 2, n + 1)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${vals}</c:numCache></c:numRef></c:val>` +
    `</c:ser>`
  );
}

/** The plot area's inner rectangle, as fractions of the chart frame. */
function plotLayout(box: Pick<ChartBox, 'w' | 'h'>, g: NativeChartGeometry): string {
  const fr = (v: number, total: number) => round4(v / total);
  return (
    `<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>` +
    `<c:x val="${fr(g.plot.x, box.w)}"/><c:y val="${fr(g.plot.y, box.h)}"/><c:w val="${fr(g.plot.w, box.w)}"/><c:h val="${fr(g.plot.h, box.h)}"/></c:manualLayout></c:layout>`
  );
}

/** The category axis (rows top to bottom) and the value axis (0 to the range's max, ticks in whole percents). */
function axes(style: NativeChartStyle, g: NativeChartGeometry): string {
  const c = style.colors;
  const axisLine = (rgb: string, w: number) => `<c:spPr><a:ln w="${w}">${fill(rgb)}</a:ln></c:spPr>`;
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `${axisLine(c.text, CATEGORY_AXIS_EMU)}${textProps(style, g.rowPt, true, c.text)}` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="1"/></c:catAx>`;
  const axisTitle =
    style.axisTitle === ''
      ? ''
      : `<c:title><c:tx>${richText(style, style.axisTitle, g.tickPt, false, c.text)}</c:tx><c:overlay val="0"/></c:title>`;
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/><c:max val="${g.axis.max}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:majorGridlines>${axisLine(c.grid, GRID_EMU)}</c:majorGridlines>${axisTitle}` +
    // Whole percents only (steps are 5, 10, 20, …), so no decimal separator to localise.
    `<c:numFmt formatCode="0&quot;\u00a0%&quot;" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:spPr><a:noFill/>${noLine}</c:spPr>${textProps(style, g.tickPt, false, c.text)}` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="${g.axis.step}"/></c:valAx>`;
  return catAx + valAx;
}

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
  const c = style.colors;
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:date1904 val="0"/><c:lang val="${LANG}"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>${plotLayout(box, g)}` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${barSeries(box, style, g)}` +
    `<c:gapWidth val="${GAP_WIDTH}"/><c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>` +
    `${axes(style, g)}<c:spPr><a:noFill/>${noLine}</c:spPr></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill(c.background)}${noLine}</c:spPr>${textProps(style, BASE_PT, false, c.text)}` +
    `<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`
  );
}
