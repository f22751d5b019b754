/**
 * Table planning: a table under a heading at one font size, paginated over
 * as many slides as it needs with its header repeated, a row taller than a
 * slide split, footnotes under it. Pure; sizes in points.
 */
import { decimalInsets } from './decimals.js';
import { sizesDown } from './fit.js';
import { textOfLines, WIDTH_SLACK } from './flow.js';
import type { Footnote } from './footnotes.js';
import { continued, FRAME, heading, text, type FrameCtx } from './frame.js';
import { lineHeightPt, textWidthPt, wrapText } from './measure.js';
import { typeset } from './typeset.js';
import { boxHeight, type Box, type SlideLayout, type TableBox, type TableCell } from './model.js';

const TABLE_PADDING = { h: 5, v: 3 };
/**
 * A table with room to spare on its slide grows its body rows, each to at
 * most this many times its height: a short table then uses the slide instead
 * of leaving a third of it empty, without turning into a few lone bands.
 */
const MAX_ROW_GROWTH = 2;
/** Footnotes under a table: their size, and the gap between the table and them. */
const FOOTNOTE_PT = 12;
const FOOTNOTE_GAP_PT = 8;

/** A cell's value typeset (typeset.ts) and wrapped to its column, inside the cell padding. */
export function cellText(
  value: string,
  columnW: number,
  sizePt: number,
  bold: boolean,
): { text: string; lines: string[] } {
  const text = typeset(value);
  return { text, lines: wrapText(text, (columnW - 2 * TABLE_PADDING.h) * WIDTH_SLACK, { sizePt, bold }) };
}

function tableRowHeight(cells: TableCell[], sizePt: number): number {
  const lines = Math.max(...cells.map((c) => c.lines.length));
  return (
    lines * lineHeightPt({ sizePt, bold: cells.some((c) => c.bold) }, FRAME.tableLineSpacing) + 2 * TABLE_PADDING.v
  );
}

interface TablePlan<R> {
  sizePt: number;
  /** Column widths at this size. */
  columns: number[];
  /** `items`: the rows' items on the page (a split row counts on the page of its first part). */
  pages: { rows: TableCell[][]; heights: number[]; items: R[] }[];
  /** Rows too tall for a slide, split between slides (only when no size avoids it). */
  splitRows: number;
}

/** A row taller than a whole slide: its name continues in rows of its own, numbers on the first part. */
function splitRow(cells: TableCell[], sizePt: number, roomPt: number): TableCell[][] {
  const lineH = lineHeightPt({ sizePt, bold: false }, FRAME.tableLineSpacing);
  const perPart = Math.max(1, Math.floor((roomPt - 2 * TABLE_PADDING.v) / lineH));
  const name = cells[0]!;
  const parts: TableCell[][] = [];
  for (let from = 0; from < name.lines.length; from += perPart) {
    const lines = name.lines.slice(from, from + perPart);
    const first = from === 0;
    parts.push([
      { ...name, lines, text: textOfLines(name.text, name.lines, from, from + lines.length) },
      ...cells.slice(1).map((c) => (first ? c : { ...c, text: '', lines: [] })),
    ]);
  }
  return parts;
}

/**
 * A table's cells for columns of the given widths at one font size: the
 * header (repeated on every slide) and the body rows, each with the item it
 * shows (an indicator, a direction) so a page knows its own footnotes and notes.
 */
export type TableCells<R> = (
  columns: number[],
  sizePt: number,
) => { header: TableCell[]; rows: { cells: TableCell[]; item: R }[] };

function planTable<R>(cells: TableCells<R>, columns: number[], heightPt: number, sizePt: number): TablePlan<R> {
  const { header, rows: body } = cells(columns, sizePt);
  const headerH = tableRowHeight(header, sizePt);
  const pages: TablePlan<R>['pages'] = [];
  let rows: TableCell[][] = [header];
  let heights = [headerH];
  let items: R[] = [];
  let used = headerH;
  let splitRows = 0;
  const place = (cells: TableCell[], item?: { of: R }) => {
    const h = tableRowHeight(cells, sizePt);
    if (used + h > heightPt && rows.length > 1) {
      pages.push({ rows, heights, items });
      rows = [header];
      heights = [headerH];
      items = [];
      used = headerH;
    }
    rows.push(cells);
    heights.push(h);
    if (item) items.push(item.of);
    used += h;
  };
  body.forEach(({ cells, item }) => {
    if (tableRowHeight(cells, sizePt) <= heightPt - headerH) {
      place(cells, { of: item });
      return;
    }
    splitRows++;
    for (const [n, part] of splitRow(cells, sizePt, heightPt - headerH).entries())
      place(part, n === 0 ? { of: item } : undefined);
  });
  pages.push({ rows, heights, items });
  return { sizePt, columns, pages, splitRows };
}

/**
 * One slide down to a comfortable size, else the fewest slides at no less
 * than it; a row taller than a slide first makes the type smaller (down to
 * the template's minimum), and only then is split.
 */
function chooseTablePlan<R>(
  range: { maxPt: number; minPt: number },
  cells: TableCells<R>,
  columnsAt: (sizePt: number) => number[],
  heightPt: number,
): TablePlan<R> {
  const plans = sizesDown(range).map((size) => planTable(cells, columnsAt(size), heightPt, size));
  const comfortable = Math.min(range.maxPt, Math.max(range.minPt, FRAME.comfortableTablePt));
  const whole = plans.filter((p) => p.splitRows === 0);
  const pool = whole.some((p) => p.sizePt >= comfortable) ? whole.filter((p) => p.sizePt >= comfortable) : whole;
  const onePage = pool.find((p) => p.pages.length === 1);
  if (onePage) return onePage;
  if (pool.length > 0) return pool.reduce((best, p) => (p.pages.length < best.pages.length ? p : best));
  return plans[plans.length - 1]!;
}

export interface TableSpec<R> {
  kind: SlideLayout['kind'];
  title: string;
  /** Shape name of the table. */
  name: string;
  /** Column shares of the content width. */
  shares: readonly number[];
  /**
   * Columns widened so their header and every value stay on one line where
   * the slide allows (`columns`); the `donor` column gives up the room, down
   * to `minShare` of the width.
   */
  oneLine?: { columns: readonly number[]; donor: number; minShare: number };
  cells: TableCells<R>;
  /** Notes under the table: room is kept for all of them; a slide shows those its own rows need. */
  footnotes?: { all: readonly Footnote[]; forRows(items: readonly R[]): readonly Footnote[] };
  /** Speaker notes of the slide showing these rows (page is 0-based). */
  notes?: (items: readonly R[], page: number) => string | undefined;
  /** Columns of figures: right-aligned with their decimal commas in line (decimals.ts). */
  numeric?: readonly number[];
  /** The largest size this table may take: another table of the deck chose a smaller one (`tableSizePt`). */
  maxPt?: number;
}

/**
 * Column widths at a size: the shares, with the `oneLine.columns` widened to
 * their widest text on one line (header included), taken from the donor
 * column; when that would leave it less than `minShare` of the width, the
 * widening is scaled down to what is left. Shares stay where they are wider
 * already.
 */
export function oneLineColumns(
  shares: readonly number[],
  oneLine: NonNullable<TableSpec<unknown>['oneLine']>,
  widthPt: number,
  texts: readonly (readonly { text: string; bold?: boolean; padRightPt?: number }[])[],
  sizePt: number,
): number[] {
  const columns = shares.map((share) => share * widthPt);
  const { donor } = oneLine;
  const extra = columns.map((w, i) => {
    if (i === donor || !oneLine.columns.includes(i)) return 0;
    const widest = Math.max(
      0,
      ...texts.map((row) => {
        const cell = row[i];
        return cell ? textWidthPt(cell.text, { sizePt, bold: cell.bold ?? false }) + (cell.padRightPt ?? 0) : 0;
      }),
    );
    // The measure keeps WIDTH_SLACK in hand (see cellText); a hair more against rounding.
    const need = widest / WIDTH_SLACK + 2 * TABLE_PADDING.h + 1;
    return Math.max(0, need - w);
  });
  const wanted = extra.reduce((s, e) => s + e, 0);
  if (wanted === 0) return columns;
  const room = Math.max(0, columns[donor]! - oneLine.minShare * widthPt);
  const scale = Math.min(1, room / wanted);
  const widened = columns.map((w, i) => w + extra[i]! * scale);
  widened[donor] = widthPt - widened.reduce((s, w, i) => (i === donor ? s : s + w), 0);
  return widened;
}

/** Footnotes wrapped to the content width once, and the height any set of them takes. */
function footnoteBlock(all: readonly Footnote[], widthPt: number) {
  const lines = new Map(
    all.map((f) => [f.kind, wrapText(typeset(f.line), widthPt * WIDTH_SLACK, { sizePt: FOOTNOTE_PT })]),
  );
  const height = (notes: readonly Footnote[]) =>
    notes.reduce((sum, f) => sum + lines.get(f.kind)!.length, 0) * lineHeightPt({ sizePt: FOOTNOTE_PT });
  // Room for every footnote, so a page that shows them all has it too.
  const reserved = all.length > 0 ? height(all) + FOOTNOTE_GAP_PT : 0;
  return { lines, height, reserved };
}

/** The body cells of the numeric columns right-aligned, each inset so the column's decimal commas line up. */
function alignedCells<R>(cells: TableCells<R>, numeric: readonly number[] | undefined): TableCells<R> {
  if (numeric === undefined || numeric.length === 0) return cells;
  return (columns, sizePt) => {
    const { header, rows } = cells(columns, sizePt);
    const aligned = rows.map((r) => ({ ...r, cells: [...r.cells] }));
    for (const i of numeric) {
      const insets = decimalInsets(
        rows.map((r) => r.cells[i]!),
        sizePt,
      );
      aligned.forEach((r, n) => {
        const cell = r.cells[i]!;
        // Never more than the column leaves beside the text: a figure too long to line up still fits.
        const free =
          columns[i]! -
          2 * TABLE_PADDING.h -
          textWidthPt(cell.text, { sizePt, bold: cell.bold ?? false }) / WIDTH_SLACK;
        const pad = Math.min(insets[n]!, Math.max(0, free - 1));
        r.cells[i] = {
          ...cell,
          align: 'right',
          ...(pad > 0 ? { padRightPt: pad } : {}),
          lines:
            cell.text === '' ? cell.lines : cellText(cell.text, columns[i]! - pad, sizePt, cell.bold ?? false).lines,
        };
      });
    }
    return { header, rows: aligned };
  };
}

/** The size range a table is chosen in: the template's, one fixed size when it asks (`fonts.table_pt`), under `maxPt`. */
function sizeRange(t: FrameCtx['template'], maxPt: number | undefined): { maxPt: number; minPt: number } {
  const fixed = t.fonts.table_pt;
  const range =
    fixed === undefined ? { maxPt: t.fonts.table_max_pt, minPt: t.fonts.table_min_pt } : { maxPt: fixed, minPt: fixed };
  return maxPt === undefined
    ? range
    : { maxPt: Math.max(range.minPt, Math.min(range.maxPt, maxPt)), minPt: range.minPt };
}

/** Where a table goes and the plan chosen for it. */
function planned<R>(ctx: FrameCtx, spec: TableSpec<R>) {
  const { template: t } = ctx;
  const top = heading(ctx, continued(ctx, spec.title, 2)).contentTop;
  const widthPt = ctx.W - 2 * FRAME.marginX;
  const foot = footnoteBlock(spec.footnotes?.all ?? [], widthPt);
  const heightPt = ctx.H - FRAME.bottomMargin - top - foot.reserved;
  const cells = alignedCells(spec.cells, spec.numeric);

  const shareColumns = spec.shares.map((share) => share * widthPt);
  const { oneLine } = spec;
  const columnsAt = (sizePt: number) => {
    if (oneLine === undefined) return shareColumns;
    // Measured as if each column had the whole width: the decimal insets unclipped (the texts are the same).
    const { header, rows } = cells(
      shareColumns.map(() => widthPt),
      sizePt,
    );
    return oneLineColumns(spec.shares, oneLine, widthPt, [header, ...rows.map((r) => r.cells)], sizePt);
  };
  const chosen = chooseTablePlan(sizeRange(t, spec.maxPt), cells, columnsAt, heightPt);
  return { top, widthPt, foot, heightPt, chosen };
}

/**
 * The size a table chooses on its own: a deck with several tables (the
 * summary) gives them all the smallest of these (`maxPt`).
 */
export function tableSizePt<R>(ctx: FrameCtx, spec: TableSpec<R>): number {
  return planned(ctx, spec).chosen.sizePt;
}

/**
 * Body rows grown by one factor on every page, up to MAX_ROW_GROWTH, as far
 * as the fullest page allows: a short table fills its slide, a long one
 * keeps the same row heights from slide to slide.
 */
function rowGrowth(pages: readonly { heights: number[] }[], heightPt: (page: number) => number): number {
  let factor = MAX_ROW_GROWTH;
  for (const [i, { heights }] of pages.entries()) {
    const body = heights.slice(1).reduce((s, h) => s + h, 0);
    if (body <= 0) continue;
    const room = heightPt(i) - heights.reduce((s, h) => s + h, 0);
    factor = Math.min(factor, 1 + Math.max(0, room) / body);
  }
  return Math.max(1, factor);
}

/** A table under a heading, continued on further slides with its header repeated (title «… (продолжение)»). */
export function tableSlides<R>(ctx: FrameCtx, spec: TableSpec<R>): SlideLayout[] {
  const { template: t } = ctx;
  const { title } = spec;
  const { top, widthPt, foot, heightPt, chosen } = planned(ctx, spec);
  // Rows are planned under the taller «(продолжение)» heading; each table starts under its own
  // (the first slide's is often a line shorter), with that much more room to grow into.
  const headings = chosen.pages.map((_, i) => heading(ctx, continued(ctx, title, i + 1)));
  const tops = headings.map((h) => Math.min(top, h.contentTop));
  const grow = rowGrowth(chosen.pages, (i) => heightPt + top - tops[i]!);
  return chosen.pages.map((page, i) => {
    const h = headings[i]!;
    const y = tops[i]!;
    const table: TableBox = {
      type: 'table',
      name: spec.name,
      x: FRAME.marginX,
      y,
      w: widthPt,
      columns: chosen.columns,
      rowHeights: page.heights.map((h, r) => (r === 0 ? h : h * grow)),
      sizePt: chosen.sizePt,
      lineSpacing: FRAME.tableLineSpacing,
      paddingPt: TABLE_PADDING,
      borderColor: t.colors.table_border,
      rows: page.rows,
    };
    const boxes: Box[] = [...h.boxes, table];
    const footnotes = spec.footnotes?.forRows(page.items) ?? [];
    if (footnotes.length > 0) {
      const paragraphs = footnotes.map((f) => ({ text: typeset(f.line), lines: foot.lines.get(f.kind)! }));
      boxes.push(
        text(
          'Сноска',
          { x: FRAME.marginX, y: y + boxHeight(table) + FOOTNOTE_GAP_PT, w: widthPt, h: foot.height(footnotes) },
          paragraphs,
          { sizePt: FOOTNOTE_PT, color: t.colors.muted },
        ),
      );
    }
    const notes = spec.notes?.(page.items, i);
    return {
      kind: spec.kind,
      page: i + 1,
      pages: chosen.pages.length,
      background: t.colors.background,
      boxes,
      ...(notes ? { notes } : {}),
    };
  });
}
