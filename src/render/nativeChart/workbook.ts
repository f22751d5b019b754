/**
 * The workbook embedded with each native chart, so «Изменить данные» opens
 * the bars in Excel. Fixed zip dates: the same bars give the same bytes.
 */
import type { ExecutionBar } from '../../layout/model.js';
import { categoryLabel } from '../chartConfig.js';
import { writeZip, zipMemo } from '../package/zip.js';
import {
  chartValue,
  escapeXml,
  NS_PKG_REL,
  NS_R,
  NS_SML,
  SHEET,
  seriesName,
  XML_HEAD,
  type NativeChartStyle,
} from './shared.js';

/** Zip dates of the embedded workbook: fixed, so the deck's bytes do not depend on the clock. */
const WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** The workbook's text parts deflated, by name: all but the sheet are the same in every chart. */
const WORKBOOK_PARTS = zipMemo();

/** Column headers of the data sheet; B is the series' name; plan and fact (E, F) when the bars have them. */
const workbookHeaders = (style: Pick<NativeChartStyle, 'axisTitle'>, figures: boolean) => [
  'Показатель',
  seriesName(style),
  'Подпись на диаграмме',
  'Статус',
  ...(figures ? ['План', 'Факт'] : []),
];
const STATUS_TEXT = { achieved: 'достигнуто', missed: 'не достигнуто', pending: 'данные ожидаются' } as const;

/**
 * The data sheet: the bars as rows (A: category, B: execution, the series'
 * values, C: label text, D: status; E: plan and F: fact when the bars have
 * them, so «Изменить данные» shows the indicator's own figures).
 */
function sheetXml(bars: readonly ExecutionBar[], style: Pick<NativeChartStyle, 'axisTitle'>): string {
  const str = (cell: string, text: string) => `<c r="${cell}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
  const num = (cell: string, v: number | null) => (v === null ? '' : `<c r="${cell}"><v>${v}</v></c>`);
  const figures = bars.some((b) => b.figures !== undefined);
  const last = figures ? 'F' : 'D';
  const rows = [
    `<row r="1">${workbookHeaders(style, figures)
      .map((h, i) => str(`${'ABCDEF'[i]}1`, h))
      .join('')}</row>`,
    ...bars.map((b, i) => {
      const r = i + 2;
      const planFact = b.figures ? `${num(`E${r}`, b.figures.plan)}${num(`F${r}`, b.figures.fact)}` : '';
      return `<row r="${r}">${str(`A${r}`, categoryLabel(b.label))}<c r="B${r}"><v>${chartValue(b)}</v></c>${str(`C${r}`, b.display)}${str(`D${r}`, STATUS_TEXT[b.status])}${planFact}</row>`;
    }),
  ];
  const figureCols = figures
    ? '<col min="5" max="5" width="14" customWidth="1"/><col min="6" max="6" width="14" customWidth="1"/>'
    : '';
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_SML}" xmlns:r="${NS_R}"><dimension ref="A1:${last}${bars.length + 1}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="14" customWidth="1"/><col min="2" max="2" width="24" customWidth="1"/><col min="3" max="3" width="22" customWidth="1"/><col min="4" max="4" width="20" customWidth="1"/>${figureCols}</cols>` +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  );
}

/** One font (the deck's) and the default cell format. */
function stylesXml(fontFace: string): string {
  return (
    XML_HEAD +
    `<styleSheet xmlns="${NS_SML}"><fonts count="1"><font><sz val="11"/><name val="${escapeXml(fontFace)}"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
  );
}

/** The embedded workbook: one sheet, the bars as rows (sheetXml). */
export function chartWorkbook(
  bars: readonly ExecutionBar[],
  style: Pick<NativeChartStyle, 'fontFace' | 'axisTitle'>,
): Buffer {
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_SML}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews><sheets><sheet name="${SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
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
    ['xl/worksheets/sheet1.xml', sheetXml(bars, style)],
    ['xl/styles.xml', stylesXml(style.fontFace)],
  ];
  return writeZip(files, WORKBOOK_DATE, WORKBOOK_PARTS);
}
