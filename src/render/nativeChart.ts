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
 *
 * The pure parts are in nativeChart/: geometry.ts (where everything goes),
 * chartXml.ts (the chart part), workbook.ts (the embedded workbook); this
 * module puts them on the slides and into the package.
 */
import type PptxGenJSModule from 'pptxgenjs';
import type { ChartBox, DeckLayout } from '../layout/model.js';
import type { Template } from '../template/schema.js';
import { chartXml, missedFill } from './nativeChart/chartXml.js';
import { nativeChartGeometry, type NativeChartGeometry } from './nativeChart/geometry.js';
import {
  escapeXml,
  LANG,
  NS_C,
  NS_PKG_REL,
  NS_R,
  nativeChartStyle,
  SLOT_TRANSPARENCY_PCT,
  XML_HEAD,
  type NativeChartStyle,
} from './nativeChart/shared.js';
import { chartWorkbook } from './nativeChart/workbook.js';
import { parseAttrs, relsPartOf } from './package/opc.js';
import { type PackageParts, partText } from './package/zip.js';

export { chartWorkbook, chartXml, nativeChartGeometry, nativeChartStyle, type NativeChartStyle };

type Pptx = InstanceType<typeof PptxGenJSModule.default>;
type PptxSlide = ReturnType<Pptx['addSlide']>;

/** Marker in the placeholder's name: `itogi-native-chart:<index of the box on its slide>`. */
const MARKER = 'itogi-native-chart:';
const CHART_CT = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const XLSX_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REL_CHART = `${NS_R}/chart`;
const REL_PACKAGE = `${NS_R}/package`;

/** Empty slots and slot swatches are outlined in a 0.75 pt line of their colour. */
const SLOT_OUTLINE_PT = 0.75;

// ---------------------------------------------------------------- on the slide

/** Points per inch; pptxgenjs takes inches, rounded here to 1/10000 in. */
const PT_PER_IN = 72;
const inch = (pt: number) => Math.round((pt / PT_PER_IN) * 10000) / 10000;

/** Chart boxes placed so far per slide: the placeholder's index, matched in `embedNativeCharts`. */
const placedOn = new WeakMap<PptxSlide, number>();

/**
 * Puts the chart's placeholder on the slide (replaced by the chart in
 * `embedNativeCharts`) and, over it, the tinted slots of rows without a bar,
 * the 100 % line with its label and the legend. Chart boxes must be added in
 * the layout's order.
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
  addSlots(slide, box, style, g);
  addReferenceLine(slide, box, style, g);
  addLegend(slide, box, style, g);
}

/** Rows without a bar: a tinted slot where the bar would be. */
function addSlots(slide: PptxSlide, box: ChartBox, style: NativeChartStyle, g: NativeChartGeometry): void {
  for (const [k, slot] of g.slots.entries()) {
    slide.addShape('rect', {
      x: inch(box.x + slot.x),
      y: inch(box.y + slot.y),
      w: inch(slot.w),
      h: inch(slot.h),
      objectName: `Нет значения ${k + 1}`,
      fill: { color: style.colors[slot.status], transparency: SLOT_TRANSPARENCY_PCT },
      line: { color: style.colors[slot.status], width: SLOT_OUTLINE_PT },
    });
  }
}

/** The 100 % line across the plot and its label above it. */
function addReferenceLine(slide: PptxSlide, box: ChartBox, style: NativeChartStyle, g: NativeChartGeometry): void {
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
}

/** The legend under the chart: a swatch and a text per entry. */
function addLegend(slide: PptxSlide, box: ChartBox, style: NativeChartStyle, g: NativeChartGeometry): void {
  for (const item of g.legend) {
    const slot = item.swatch === 'slot';
    const color = item.swatch === 'slot' ? style.colors.pending : style.colors[item.swatch];
    slide.addShape('rect', {
      x: inch(box.x + item.swatchBox.x),
      y: inch(box.y + item.swatchBox.y),
      w: inch(item.swatchBox.w),
      h: inch(item.swatchBox.h),
      objectName: `Легенда: ${item.text}: знак`,
      fill: slot ? { color, transparency: SLOT_TRANSPARENCY_PCT } : { color },
      line: slot ? { color, width: SLOT_OUTLINE_PT } : { type: 'none' },
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

function nextRelId(rels: string): string {
  const ids = [...rels.matchAll(/\bId="rId(\d+)"/g)].map((m) => Number(m[1]));
  return `rId${Math.max(0, ...ids) + 1}`;
}

function addRelationship(rels: string | undefined, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  if (rels === undefined) return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rel}</Relationships>`;
  return rels.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`);
}

/**
 * Replaces the placeholder at `at` (of `length` characters) by the chart's
 * frame and wraps it with the `count` shapes that follow it in a group
 * (p:grpSp) whose frame is their bounding box, child space = slide space.
 */
function groupChart(slide: string, at: number, frame: string, length: number, count: number, box: ChartBox): string {
  const rest = slide.slice(at + length);
  const shape = /^\s*<p:sp>[\s\S]*?<\/p:sp>/;
  let taken = 0;
  let end = 0;
  for (let k = 0; k < count; k++) {
    const m = shape.exec(rest.slice(end));
    if (!m) throw new Error(`embedNativeCharts: the shapes of «${box.name}» do not follow its placeholder`);
    end += m[0].length;
    taken++;
  }
  const members = frame + rest.slice(0, end);
  const boxes = [...members.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/g)].map((m) =>
    m.slice(1, 5).map(Number),
  );
  if (taken !== count || boxes.length === 0) return slide.slice(0, at) + frame + rest;
  const x = Math.min(...boxes.map((b) => b[0]!));
  const y = Math.min(...boxes.map((b) => b[1]!));
  const cx = Math.max(...boxes.map((b) => b[0]! + b[2]!)) - x;
  const cy = Math.max(...boxes.map((b) => b[1]! + b[3]!)) - y;
  const id = 1 + Math.max(0, ...[...slide.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => Number(m[1])));
  const xfrm = `<a:xfrm><a:off x="${x}" y="${y}"/><a:ext cx="${cx}" cy="${cy}"/><a:chOff x="${x}" y="${y}"/><a:chExt cx="${cx}" cy="${cy}"/></a:xfrm>`;
  const group =
    `<p:grpSp><p:nvGrpSpPr><p:cNvPr id="${id}" name="${escapeXml(`${box.name}: группа`)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
    `<p:grpSpPr>${xfrm}</p:grpSpPr>${members}</p:grpSp>`;
  return slide.slice(0, at) + group + rest.slice(end);
}

/** The hatched swatch's outline: 0.75 pt, as a slot's. */
const SWATCH_OUTLINE_EMU = 9525;

/**
 * The legend's «не достигнуто» swatch hatched like the missed bars
 * (pptxgenjs writes only solid fills): its solid fill replaced by the pattern.
 */
function hatchMissedSwatch(slide: string, box: ChartBox, style: NativeChartStyle): string {
  const name = `name="${escapeXml(`Легенда: ${style.legend.missed}: знак`)}"`;
  if (!box.bars.some((b) => b.status === 'missed')) return slide;
  return slide.replace(/<p:sp>[\s\S]*?<\/p:sp>/g, (sp) =>
    sp.includes(name)
      ? sp.replace(
          /<a:solidFill><a:srgbClr val="[0-9A-Fa-f]{6}"\/><\/a:solidFill>(?:<a:ln><\/a:ln>|<a:ln\/>|<a:ln><a:noFill\/><\/a:ln>)?/,
          `${missedFill(style.colors.missed, style.colors.background)}<a:ln w="${SWATCH_OUTLINE_EMU}"><a:solidFill><a:srgbClr val="${style.colors.missed}"/></a:solidFill></a:ln>`,
        )
      : sp,
  );
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
 * charts, with their parts, workbooks, relationships and content types,
 * in `parts` (pptxgenjs' package, read once by `renderDeck`). A package
 * without placeholders is left as it is.
 */
export function embedNativeCharts(parts: PackageParts, deck: DeckLayout, template: Template): void {
  const perSlide = deck.slides.map((s) => s.boxes.filter((b): b is ChartBox => b.type === 'chart'));
  if (template.chart !== 'native' || perSlide.every((c) => c.length === 0)) return;

  const read = (name: string) => {
    const data = parts.get(name);
    return data === undefined ? undefined : partText(data);
  };
  let ct = read('[Content_Types].xml');
  if (ct === undefined) throw new Error('embedNativeCharts: not a package, [Content_Types].xml is missing');
  let next =
    1 + Math.max(0, ...[...parts.keys()].map((n) => Number(/^ppt\/charts\/chart(\d+)\.xml$/.exec(n)?.[1] ?? 0)));

  for (const [i, charts] of perSlide.entries()) {
    if (charts.length === 0) continue;
    const slideName = `ppt/slides/slide${i + 1}.xml`;
    let slide = read(slideName);
    if (slide === undefined) throw new Error(`embedNativeCharts: ${slideName} is missing`);
    const relsName = relsPartOf(slideName);
    let rels = read(relsName);
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
      const style = nativeChartStyle(template, box);
      const g = nativeChartGeometry(box, style);
      // The chart and the shapes addNativeChart put after its placeholder (slots, the 100 % line
      // and its label, the legend) in one group: moving the chart moves them too.
      const companions = g.slots.length + 2 + 2 * g.legend.length;
      slide = groupChart(slide, sp.index, graphicFrame(sp[0], box, relId), sp[0].length, companions, box);
      slide = hatchMissedSwatch(slide, box, style);
      parts.set(chartName, chartXml(box, style, g));
      parts.set(
        relsPartOf(chartName),
        addRelationship(undefined, 'rId1', REL_PACKAGE, `../embeddings/Microsoft_Excel_Worksheet${n}.xlsx`),
      );
      parts.set(workbookName, chartWorkbook(box.bars, style));
      ct = ct.replace(/<\/Types>\s*$/, `<Override PartName="/${chartName}" ContentType="${CHART_CT}"/></Types>`);
    }
    parts.set(slideName, slide);
    parts.set(relsName, rels!);
  }
  if (!/<Default\s[^>]*Extension="xlsx"/i.test(ct))
    ct = ct.replace(/<\/Types>\s*$/, `<Default Extension="xlsx" ContentType="${XLSX_CT}"/></Types>`);
  parts.set('[Content_Types].xml', ct);
}
