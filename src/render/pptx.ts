/**
 * Stage 5: the laid-out deck → PowerPoint (pptxgenjs); the chart as a native
 * PowerPoint chart (nativeChart.ts) or a chart.js picture (chart.ts), as the
 * template says. A translation of the layout: every position, font size and
 * line break comes from it. Only what the layout does not model is set here:
 * the table border width and the bullet character (TABLE_BORDER_PT, BULLET).
 */
import { join } from 'node:path';
import PptxGenJSModule from 'pptxgenjs';
import { WIDTH_SLACK } from '../layout/flow.js';
import type { Box, DeckLayout, SlideLayout, TableBox, TextBox } from '../layout/model.js';
import { diagnostic, ItogiError } from '../errors.js';
import type { LoadedTemplate } from '../template/load.js';
import { chartStyle } from './chartStyle.js';
import { addNativeChart, embedNativeCharts } from './nativeChart.js';
import { markAccessible } from './accessible.js';
import { pptxParts } from './package/pptxParts.js';
import type { PackageParts } from './package/zip.js';
import { containedIn, pictureSizeOf, pictureType, type PictureType } from '../pictures.js';

/** Every run is Russian: without it PowerPoint marks every word as misspelt (pptxgenjs defaults to en-US). */
import { LANG } from './lang.js';

export { LANG };

// pptxgenjs ships CommonJS-style typings for its ES build: at run time the
// default export is the class itself, which TypeScript sees as `.default`.
const PptxGenJS = PptxGenJSModule as unknown as typeof PptxGenJSModule.default;
type Pptx = InstanceType<typeof PptxGenJS>;

/** Points per inch; pptxgenjs takes inches, rounded here to 1/10000 in. */
const PT_PER_IN = 72;
const inch = (pt: number) => Math.round((pt / PT_PER_IN) * 10000) / 10000;

/** The hairline between table cells, in points. */
const TABLE_BORDER_PT = 0.75;
/** The list bullet: an en dash (U+2013), as in the seed deck. */
const BULLET = '2013';

type PptxSlide = ReturnType<Pptx['addSlide']>;

/**
 * The part of a box's width the layout keeps in hand (WIDTH_SLACK: it wraps
 * at 96 %), given to the client as an inset on the side the text does not
 * align to (both halves for centred text), so the client wraps where the
 * layout and the preview do: without it LibreOffice filled the last 4 % and
 * broke 1 line in 9 elsewhere. [left, right] in points.
 */
function slackInsets(widthPt: number, align: 'left' | 'center' | 'right'): [number, number] {
  const slack = Math.round(widthPt * (1 - WIDTH_SLACK) * 100) / 100;
  if (align === 'center') return [slack / 2, slack / 2];
  return align === 'right' ? [slack, 0] : [0, slack];
}

/**
 * The one slide master and layout: a title placeholder, which every slide's
 * title fills. pptxgenjs takes a text's position from the placeholder when
 * the placeholder has one, so it is given none here: each slide keeps its
 * heading's own measured box, and accessible.ts gives the layout's
 * placeholder the content slides' heading frame afterwards.
 */
export const MASTER = 'ITOGI';
const TITLE_PLACEHOLDER = 'title';

function addText(slide: PptxSlide, box: TextBox, fontFace: string) {
  const last = box.paragraphs.length - 1;
  const runs = box.paragraphs.map((p, i) => ({
    text: p.text,
    options: {
      lang: LANG,
      ...(p.bold ? { bold: true } : {}),
      ...(p.italic ? { italic: true } : {}),
      ...(p.color ? { color: p.color } : {}),
      ...(p.bullet ? { bullet: { characterCode: BULLET, indent: p.indentPt ?? box.sizePt } } : {}),
      ...(p.spaceBeforePt ? { paraSpaceBefore: Math.round(p.spaceBeforePt * 10) / 10 } : {}),
      ...(i < last ? { breakLine: true } : {}),
    },
  }));
  slide.addText(runs, {
    // The slide's title fills the layout's title placeholder (MASTER): a heading to every reader.
    ...(box.title ? { placeholder: TITLE_PLACEHOLDER } : {}),
    x: inch(box.x),
    y: inch(box.y),
    w: inch(box.w),
    h: inch(box.h),
    objectName: box.name,
    fontFace,
    fontSize: box.sizePt,
    color: box.color,
    align: box.align,
    valign: box.valign,
    // pptxgenjs reads a text box's margin as [left, right, bottom, top], in points.
    margin: [...slackInsets(box.w, box.align), 0, 0],
    lineSpacingMultiple: box.lineSpacing,
    lang: LANG,
    wrap: true,
  });
}

const cellMargin = (v: number, h: number, [left, right]: [number, number]): [number, number, number, number] => [
  v,
  h + right,
  v,
  h + left,
];

function addTable(slide: PptxSlide, box: TableBox, fontFace: string) {
  const { v, h } = box.paddingPt;
  const rows = box.rows.map((row) =>
    row.map((cell, i) => {
      // Decimal commas in line: the cell's own right inset, on top of the slack the layout wrapped within.
      const pad = cell.padRightPt ?? 0;
      const [left, right] = slackInsets((box.columns[i] ?? 0) - 2 * h - pad, cell.align);
      return {
        text: cell.text,
        options: {
          // Points (pptxgenjs reads values >= 1 as points): top, right, bottom, left; the slack as for text boxes.
          margin: cellMargin(v, h, [left, right + pad]),
          lang: LANG,
          bold: cell.bold ?? false,
          color: cell.color,
          align: cell.align,
          valign: 'middle' as const,
          ...(cell.fill ? { fill: { color: cell.fill } } : {}),
        },
      };
    }),
  );
  slide.addTable(rows, {
    x: inch(box.x),
    y: inch(box.y),
    w: inch(box.w),
    colW: box.columns.map(inch),
    rowH: box.rowHeights.map(inch),
    objectName: box.name,
    fontFace,
    fontSize: box.sizePt,
    // Points (pptxgenjs reads values >= 1 as points): top, right, bottom, left.
    margin: [box.paddingPt.v, box.paddingPt.h, box.paddingPt.v, box.paddingPt.h],
    border: { type: 'solid', pt: TABLE_BORDER_PT, color: box.borderColor },
    autoPage: false,
  });
}

async function addBox(slide: PptxSlide, box: Box, deck: DeckLayout, loaded: LoadedTemplate) {
  switch (box.type) {
    case 'text':
      return addText(slide, box, deck.fontFace);
    case 'rect':
      return slide.addShape('rect', {
        x: inch(box.x),
        y: inch(box.y),
        w: inch(box.w),
        h: inch(box.h),
        objectName: box.name,
        fill: { color: box.fill },
        line: { type: 'none' },
      });
    case 'table':
      return addTable(slide, box, deck.fontFace);
    case 'chart': {
      if (loaded.template.chart === 'native') return addNativeChart(slide, box, loaded.template);
      // Loaded for a picture chart only: a native chart (the default) never loads chart.js and the canvas.
      const { renderExecutionChart } = await import('./chart.js');
      const png = await renderExecutionChart(box.bars, chartStyle(loaded, box));
      const type = pictureType(png);
      if (type === undefined) throw new Error(`диаграмма «${box.name}» получилась не PNG (${describeBytes(png)})`);
      return addPicture(slide, png, type, box);
    }
    case 'image': {
      const bytes = loaded.images[box.imageKey];
      if (bytes === undefined) return undefined;
      const type = pictureType(bytes);
      if (type === undefined) {
        const file = join(loaded.dir, 'template.yaml');
        const name = loaded.template.images[box.imageKey] ?? box.imageKey;
        throw new ItogiError([
          diagnostic(
            'TemplateInvalid',
            { file, path: `images.${box.imageKey}` },
            { kind: 'picture', file: name, problem: { kind: 'notPicture', found: describeBytes(bytes) } },
          ),
        ]);
      }
      // Inside its box with its own proportions (a header that does not read: the box as it is).
      const size = await pictureSizeOf(bytes);
      return addPicture(slide, bytes, type, size ? containedIn(box, size) : box);
    }
  }
}

function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'файл пуст';
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  return `файл начинается с байтов ${head}`;
}

/** pptxgenjs names the media part after the data URL's type: image/jpeg → .jpeg, content type image/jpeg. */
function addPicture(
  slide: PptxSlide,
  bytes: Buffer,
  type: PictureType,
  box: { x: number; y: number; w: number; h: number; alt: string; name: string },
) {
  slide.addImage({
    data: `${type};base64,${bytes.toString('base64')}`,
    x: inch(box.x),
    y: inch(box.y),
    w: inch(box.w),
    h: inch(box.h),
    altText: box.alt,
    objectName: box.name,
  });
}

async function addSlide(pptx: Pptx, layout: SlideLayout, deck: DeckLayout, loaded: LoadedTemplate) {
  const slide = pptx.addSlide({ masterName: MASTER });
  slide.background = { color: layout.background };
  // The title first in reading order (the order of the shape tree); nothing overlaps it.
  const boxes = [...layout.boxes.filter(isTitle), ...layout.boxes.filter((b) => !isTitle(b))];
  for (const box of boxes) await addBox(slide, box, deck, loaded);
  if (layout.notes) slide.addNotes(layout.notes);
}

const isTitle = (b: Box) => b.type === 'text' && b.title === true;

export interface DeckMeta {
  author: string;
  subject: string;
}

/**
 * The parts of the raw pptxgenjs package with the native charts embedded (not
 * yet deterministic nor repaired: see package.ts, which zips them once).
 */
export async function renderDeck(deck: DeckLayout, loaded: LoadedTemplate, meta: DeckMeta): Promise<PackageParts> {
  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: 'ITOGI', width: inch(deck.widthPt), height: inch(deck.heightPt) });
  pptx.layout = 'ITOGI';
  pptx.theme = { headFontFace: deck.fontFace, bodyFontFace: deck.fontFace };
  pptx.title = deck.title;
  pptx.subject = meta.subject;
  pptx.author = meta.author;
  pptx.company = meta.author;
  pptx.defineSlideMaster({
    title: MASTER,
    objects: [{ placeholder: { options: { name: TITLE_PLACEHOLDER, type: 'title' }, text: '' } }],
  });
  for (const slide of deck.slides) await addSlide(pptx, slide, deck, loaded);
  // The parts pptxgenjs has made, without its zip (package/pptxParts.ts).
  const parts: PackageParts = await pptxParts(pptx);
  embedNativeCharts(parts, deck, loaded.template);
  markAccessible(parts, deck);
  return parts;
}
