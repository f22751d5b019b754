/**
 * Stage 4: computed direction + template → slides as plain data.
 * Every font size and line break is decided here with measured text, so a
 * long list or table continues on further slides instead of overflowing.
 */
import { indicatorLabel, type ComputedDirection, type ComputedIndicator } from '../compute/direction.js';
import { formatDate } from '../compute/format.js';
import { chartPageNote, indicatorNote, spokenResultLine, zeroDivisorOf } from '../compute/notes.js';
import { fill, type Values } from '../template/placeholders.js';
import type { Labels, Template } from '../template/schema.js';
import { chooseFlow, textOfLines, WIDTH_SLACK, type FlowItem } from './flow.js';
import { tableFootnotes, type Footnote, type TableFootnotes } from './footnotes.js';
import { fitFontSize, lineHeightPt, wrapText } from './measure.js';
import {
  boxHeight,
  type Box,
  type ExecutionBar,
  type ChartBox,
  type DeckLayout,
  type Paragraph,
  type SlideLayout,
  type TableBox,
  type TableCell,
  type TextBox,
} from './model.js';

/** Frame of content slides, in points. */
export const FRAME = {
  marginX: 48,
  headingTop: 30,
  headingMaxLines: 3,
  accentGap: 10,
  accentH: 4,
  accentW: 72,
  contentGap: 20,
  bottomMargin: 44,
  bodyLineSpacing: 1.05,
  tableLineSpacing: 1.0,
  /** Below this, lists paginate rather than shrink further (the body minimum still holds). */
  comfortableBodyPt: 16,
  comfortableTablePt: 12,
  /** Bars per chart before the chart continues on another slide (more would be too thin to read). */
  maxBarsPerChart: 10,
} as const;

/** What the shared slide builders need: the template, its labels filled, the slide size, the result line. */
export interface FrameCtx {
  template: Template;
  values: Values;
  /** Every label of the template with its {placeholders} filled. */
  labels: Labels;
  W: number;
  H: number;
  /** The line of the result banner or slide. */
  resultLine: string;
}

interface Ctx extends FrameCtx {
  computed: ComputedDirection;
  /** Marks and footnotes of the indicator table. */
  footnotes: TableFootnotes;
}

export const upper = (ctx: FrameCtx, s: string) => (ctx.template.uppercase_titles ? s.toLocaleUpperCase('ru-RU') : s);

export function text(
  name: string,
  geometry: { x: number; y: number; w: number; h: number },
  paragraphs: Paragraph[],
  style: { sizePt: number; color: string; align?: TextBox['align']; valign?: TextBox['valign']; lineSpacing?: number },
): TextBox {
  return {
    type: 'text',
    name,
    ...geometry,
    sizePt: style.sizePt,
    color: style.color,
    align: style.align ?? 'left',
    valign: style.valign ?? 'top',
    lineSpacing: style.lineSpacing ?? 1,
    paragraphs,
  };
}

/** A single fitted paragraph in a box of fixed width: returns its box height too. */
export function fitted(
  value: string,
  widthPt: number,
  maxLines: number,
  opts: { maxPt: number; minPt: number; bold?: boolean; lineSpacing?: number },
): { sizePt: number; lines: string[]; height: number } {
  const spacing = opts.lineSpacing ?? 1;
  const measureWidth = widthPt * WIDTH_SLACK;
  const maxHeight = (size: number) => maxLines * lineHeightPt({ sizePt: size, bold: opts.bold ?? false }, spacing);
  for (let size = opts.maxPt; size >= opts.minPt - 1e-9; size -= 1) {
    const lines = wrapText(value, measureWidth, { sizePt: size, bold: opts.bold ?? false });
    if (lines.length <= maxLines) return { sizePt: size, lines, height: maxHeight(size) * (lines.length / maxLines) };
  }
  const lines = wrapText(value, measureWidth, { sizePt: opts.minPt, bold: opts.bold ?? false });
  return {
    sizePt: opts.minPt,
    lines,
    height: lines.length * lineHeightPt({ sizePt: opts.minPt, bold: opts.bold ?? false }, spacing),
  };
}

/** Heading + accent line of a content slide; returns the boxes and where content may start. */
export function heading(ctx: FrameCtx, title: string): { boxes: Box[]; contentTop: number } {
  const { template: t } = ctx;
  const w = ctx.W - 2 * FRAME.marginX;
  const f = fitted(title, w, FRAME.headingMaxLines, { maxPt: t.fonts.heading_pt, minPt: 18, bold: true });
  const box = text(
    'Заголовок',
    { x: FRAME.marginX, y: FRAME.headingTop, w, h: f.height },
    [{ text: title, bold: true, lines: f.lines }],
    {
      sizePt: f.sizePt,
      color: t.colors.primary,
    },
  );
  const accentY = FRAME.headingTop + f.height + FRAME.accentGap;
  return {
    boxes: [
      { type: 'rect', name: 'Полоса сверху', x: 0, y: 0, w: ctx.W, h: 8, fill: t.colors.primary },
      box,
      {
        type: 'rect',
        name: 'Акцент',
        x: FRAME.marginX,
        y: accentY,
        w: FRAME.accentW,
        h: FRAME.accentH,
        fill: t.colors.accent,
      },
    ],
    contentTop: accentY + FRAME.accentH + FRAME.contentGap,
  };
}

export function pageNumberBox(ctx: FrameCtx, n: number): TextBox {
  const s = String(n);
  return text(
    'Номер слайда',
    { x: ctx.W - FRAME.marginX - 60, y: ctx.H - 32, w: 60, h: lineHeightPt({ sizePt: 12 }) },
    [{ text: s, lines: [s] }],
    {
      sizePt: 12,
      color: ctx.template.colors.muted,
      align: 'right',
    },
  );
}

/** «… (продолжение)» on every slide after the first; in capitals after a capitalised title. */
export function continued(ctx: FrameCtx, title: string, page: number): string {
  if (page <= 1) return title;
  const capitals = title === title.toLocaleUpperCase('ru-RU');
  return `${title} ${capitals ? ctx.labels.continued.toLocaleUpperCase('ru-RU') : ctx.labels.continued}`;
}

function flowSlides(
  ctx: FrameCtx,
  kind: SlideLayout['kind'],
  title: string,
  items: FlowItem[],
  maxPt: number,
): SlideLayout[] {
  const { template: t } = ctx;
  // The heading of a continued slide is longer: lay content out under the taller one.
  const probe = heading(ctx, continued(ctx, title, 2));
  const top = probe.contentTop;
  const settings = {
    widthPt: ctx.W - 2 * FRAME.marginX,
    heightPt: ctx.H - FRAME.bottomMargin - top,
    lineSpacing: FRAME.bodyLineSpacing,
  };
  const choice = chooseFlow(items, settings, {
    maxPt,
    minPt: t.fonts.body_min_pt,
    comfortablePt: FRAME.comfortableBodyPt,
  });
  return choice.pages.map((paragraphs, i) => {
    const h = heading(ctx, continued(ctx, title, i + 1));
    const body = text('Текст', { x: FRAME.marginX, y: top, w: settings.widthPt, h: settings.heightPt }, paragraphs, {
      sizePt: choice.sizePt,
      color: t.colors.text,
      lineSpacing: FRAME.bodyLineSpacing,
    });
    return {
      kind,
      page: i + 1,
      pages: choice.pages.length,
      background: t.colors.background,
      boxes: [...h.boxes, body],
    };
  });
}

export interface TitleSpec {
  /** The report title, beside the accent bar. */
  title: string;
  /** The big line under it: the direction, or the strategy. */
  subtitle: { name: string; text: string; maxLines: number; maxPt: number };
  /** A block above the date (the responsible official): its boxes and where it starts. */
  footer?: (x: number, w: number, dateY: number) => { boxes: Box[]; top: number };
}

/** A title slide: the title with its accent bar and the subtitle centred above the footer, the date, the logo. */
export function titleSlideOf(ctx: FrameCtx, spec: TitleSpec): SlideLayout[] {
  const { template: t } = ctx;
  const x = 72;
  const w = ctx.W - x - 72;
  const date = String(ctx.values['date']);
  const titleFit = fitted(spec.title, w, 2, { maxPt: t.fonts.title_pt, minPt: 24, bold: true });
  const subFit = fitted(spec.subtitle.text, w, spec.subtitle.maxLines, {
    maxPt: spec.subtitle.maxPt,
    minPt: 16,
    bold: true,
    lineSpacing: 1.05,
  });
  const dateY = ctx.H - 64;
  const footer = spec.footer?.(x, w, dateY) ?? { boxes: [], top: dateY };
  // The title block sits in the middle of the space above the footer.
  const blockH = titleFit.height + 28 + subFit.height;
  const titleY = Math.max(56, (footer.top - 40 - blockH) / 2 + 24);
  const subY = titleY + titleFit.height + 28;
  const white = t.colors.on_primary;
  const boxes: Box[] = [
    { type: 'rect', name: 'Акцент', x: 48, y: titleY + 6, w: 6, h: titleFit.height - 12, fill: t.colors.accent },
    text(
      'Заголовок',
      { x, y: titleY, w, h: titleFit.height },
      [{ text: spec.title, bold: true, lines: titleFit.lines }],
      { sizePt: titleFit.sizePt, color: white },
    ),
    text(
      spec.subtitle.name,
      { x, y: subY, w, h: Math.min(subFit.height, footer.top - subY - 12) },
      [{ text: spec.subtitle.text, bold: true, lines: subFit.lines }],
      {
        sizePt: subFit.sizePt,
        color: white,
        lineSpacing: 1.05,
      },
    ),
    ...footer.boxes,
    text('Дата', { x, y: dateY, w: 300, h: lineHeightPt({ sizePt: 16 }) }, [{ text: date, lines: [date] }], {
      sizePt: 16,
      color: white,
    }),
  ];
  if (t.images.logo)
    boxes.push({
      type: 'image',
      name: 'Логотип',
      x: ctx.W - 72 - 72,
      y: 48,
      w: 72,
      h: 72,
      alt: 'Логотип',
      imageKey: 'logo',
    });
  return [{ kind: 'title', page: 1, pages: 1, background: t.colors.primary, boxes }];
}

function titleSlide(ctx: Ctx): SlideLayout[] {
  const { template: t, computed } = ctx;
  const responsibleHeading = upper(ctx, ctx.labels.responsible_heading);
  const responsible = upper(ctx, ctx.labels.responsible);
  return titleSlideOf(ctx, {
    title: upper(ctx, computed.content.report.title ?? ctx.labels.report_title),
    subtitle: { name: 'Направление', text: upper(ctx, ctx.labels.direction), maxLines: 5, maxPt: 28 },
    // The responsible official above the date.
    footer: (x, w, dateY) => {
      const respHeadFit = fitted(responsibleHeading, w, 2, { maxPt: 14, minPt: 12 });
      const respFit = fitted(responsible, w, 2, { maxPt: 18, minPt: 14, bold: true });
      const respY = dateY - 20 - respFit.height;
      const respHeadY = respY - 4 - respHeadFit.height;
      return {
        top: respHeadY,
        boxes: [
          { type: 'rect', name: 'Разделитель', x, y: respHeadY - 14, w: 120, h: 2, fill: t.colors.accent },
          text(
            'Ответственный: заголовок',
            { x, y: respHeadY, w, h: respHeadFit.height },
            [{ text: responsibleHeading, lines: respHeadFit.lines }],
            {
              sizePt: respHeadFit.sizePt,
              color: t.colors.table_border,
            },
          ),
          text(
            'Ответственный',
            { x, y: respY, w, h: respFit.height },
            [{ text: responsible, bold: true, lines: respFit.lines }],
            { sizePt: respFit.sizePt, color: t.colors.on_primary },
          ),
        ],
      };
    },
  });
}

function goalSlides(ctx: Ctx): SlideLayout[] {
  const { template: t } = ctx;
  const title = upper(ctx, ctx.labels.goal_heading);
  const goal = ctx.computed.content.goal;
  const h = heading(ctx, title);
  const pad = 28;
  const cardX = FRAME.marginX;
  const cardW = ctx.W - 2 * FRAME.marginX;
  const available = ctx.H - FRAME.bottomMargin - h.contentTop;
  const inner = { widthPt: cardW - 2 * pad - 8, heightPt: available - 2 * pad };
  const fit = fitFontSize(
    goal,
    { widthPt: inner.widthPt * WIDTH_SLACK, heightPt: inner.heightPt },
    { maxPt: 28, minPt: Math.max(t.fonts.body_min_pt, FRAME.comfortableBodyPt), spacing: 1.1, stepPt: 1 },
  );
  if (!fit) return flowSlides(ctx, 'goal', title, [{ text: goal }], t.fonts.body_max_pt);
  const textH = fit.lines.length * lineHeightPt({ sizePt: fit.sizePt }, 1.1);
  const cardH = Math.min(available, textH + 2 * pad);
  const cardY = h.contentTop + (available - cardH) / 2;
  return [
    {
      kind: 'goal',
      page: 1,
      pages: 1,
      background: t.colors.background,
      boxes: [
        ...h.boxes,
        { type: 'rect', name: 'Подложка цели', x: cardX, y: cardY, w: cardW, h: cardH, fill: t.colors.table_stripe },
        { type: 'rect', name: 'Черта цели', x: cardX, y: cardY, w: 8, h: cardH, fill: t.colors.accent },
        text(
          'Цель',
          { x: cardX + 8 + pad, y: cardY + pad, w: inner.widthPt, h: textH },
          [{ text: goal, lines: fit.lines }],
          {
            sizePt: fit.sizePt,
            color: t.colors.text,
            lineSpacing: 1.1,
          },
        ),
      ],
    },
  ];
}

function taskItems(ctx: Ctx): FlowItem[] {
  return ctx.computed.content.tasks.map((task) => ({ text: task, bullet: true, spaceBeforeEm: 0.45 }));
}

function eventItems(ctx: Ctx): FlowItem[] {
  const items: FlowItem[] = [];
  ctx.computed.content.events.forEach((group, i) => {
    // As in the seed: a title followed directly by its items ends with a colon; with a label, the label has it.
    const colon = group.items.length > 0 && !group.label && !/[:.!?;]$/.test(group.title) ? ':' : '';
    items.push({
      text: `${i + 1}. ${group.title}${colon}`,
      bold: true,
      color: ctx.template.colors.primary,
      spaceBeforeEm: 0.8,
      keepWithNext: group.items.length > 0 || !!group.label,
    });
    if (group.label)
      items.push({ text: group.label, italic: true, spaceBeforeEm: 0.3, keepWithNext: group.items.length > 0 });
    for (const item of group.items) items.push({ text: item, bullet: true, spaceBeforeEm: 0.25 });
  });
  return items;
}

// ---------------------------------------------------------------- table

/** Column shares of the content width: name, plan, fact, execution. */
export const TABLE_COLUMNS = [0.62, 0.12, 0.12, 0.14] as const;
const TABLE_PADDING = { h: 5, v: 3 };

export function cellLines(value: string, columnW: number, sizePt: number, bold: boolean): string[] {
  return wrapText(value, (columnW - 2 * TABLE_PADDING.h) * WIDTH_SLACK, { sizePt, bold });
}

function tableRowHeight(cells: TableCell[], sizePt: number): number {
  const lines = Math.max(...cells.map((c) => c.lines.length));
  return (
    lines * lineHeightPt({ sizePt, bold: cells.some((c) => c.bold) }, FRAME.tableLineSpacing) + 2 * TABLE_PADDING.v
  );
}

function headerCells(ctx: Ctx, columns: number[], sizePt: number): TableCell[] {
  const { template: t } = ctx;
  const factLabel = ctx.labels.column_fact + ctx.footnotes.factMark;
  const labels = [ctx.labels.column_indicator, ctx.labels.column_plan, factLabel, ctx.labels.column_execution];
  return labels.map((label, i) => ({
    text: label,
    lines: cellLines(label, columns[i]!, sizePt, true),
    bold: true,
    align: i === 0 ? 'left' : 'center',
    color: t.colors.table_header_text,
    fill: t.colors.table_header,
  }));
}

function indicatorCells(
  ctx: Ctx,
  row: ComputedIndicator,
  columns: number[],
  sizePt: number,
  stripe: boolean,
): TableCell[] {
  const t = ctx.template;
  const statusColor = row.status === 'missed' ? t.colors.missed : t.colors.text;
  const nameMark = ctx.footnotes.nameMark(row);
  const values = [
    nameMark ? indicatorLabel(row.indicator, nameMark) : row.label,
    row.planText,
    row.factText,
    row.executionText + ctx.footnotes.executionMark(row),
  ];
  return values.map((value, i) => ({
    text: value,
    lines: cellLines(value, columns[i]!, sizePt, i === 3),
    ...(i === 3 ? { bold: true } : {}),
    align: i === 0 ? 'left' : 'center',
    color: i === 3 ? statusColor : t.colors.text,
    ...(stripe ? { fill: t.colors.table_stripe } : {}),
  }));
}

interface TablePlan<R> {
  sizePt: number;
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
  return { sizePt, pages, splitRows };
}

/**
 * One slide down to a comfortable size, else the fewest slides at no less
 * than it; a row taller than a slide first makes the type smaller (down to
 * the template's minimum), and only then is split.
 */
function chooseTablePlan<R>(t: Template, cells: TableCells<R>, columns: number[], heightPt: number): TablePlan<R> {
  const plans: TablePlan<R>[] = [];
  for (let size = t.fonts.table_max_pt; size >= t.fonts.table_min_pt; size -= 1)
    plans.push(planTable(cells, columns, heightPt, size));
  const comfortable = Math.min(t.fonts.table_max_pt, Math.max(t.fonts.table_min_pt, FRAME.comfortableTablePt));
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
  cells: TableCells<R>;
  /** Notes under the table: room is kept for all of them; a slide shows those its own rows need. */
  footnotes?: { all: readonly Footnote[]; forRows(items: readonly R[]): readonly Footnote[] };
  /** Speaker notes of the slide showing these rows (page is 0-based). */
  notes?: (items: readonly R[], page: number) => string | undefined;
}

/** A table under a heading, continued on further slides with its header repeated (title «… (продолжение)»). */
export function tableSlides<R>(ctx: FrameCtx, spec: TableSpec<R>): SlideLayout[] {
  const { template: t } = ctx;
  const { title } = spec;
  const all = spec.footnotes?.all ?? [];
  const top = heading(ctx, continued(ctx, title, 2)).contentTop;
  const widthPt = ctx.W - 2 * FRAME.marginX;
  const footSize = 12;
  const footLines = new Map(all.map((f) => [f.kind, wrapText(f.line, widthPt * WIDTH_SLACK, { sizePt: footSize })]));
  const footHeight = (notes: readonly Footnote[]) =>
    notes.reduce((sum, f) => sum + footLines.get(f.kind)!.length, 0) * lineHeightPt({ sizePt: footSize });
  // Room for every footnote, so a page that shows them all has it too.
  const reserved = all.length > 0 ? footHeight(all) + 8 : 0;
  const heightPt = ctx.H - FRAME.bottomMargin - top - reserved;

  const columns = spec.shares.map((share) => share * widthPt);
  const chosen = chooseTablePlan(t, spec.cells, columns, heightPt);
  return chosen.pages.map((page, i) => {
    const h = heading(ctx, continued(ctx, title, i + 1));
    const table: TableBox = {
      type: 'table',
      name: spec.name,
      x: FRAME.marginX,
      y: top,
      w: widthPt,
      columns,
      rowHeights: page.heights,
      sizePt: chosen.sizePt,
      lineSpacing: FRAME.tableLineSpacing,
      paddingPt: TABLE_PADDING,
      borderColor: t.colors.table_border,
      rows: page.rows,
    };
    const boxes: Box[] = [...h.boxes, table];
    const footnotes = spec.footnotes?.forRows(page.items) ?? [];
    if (footnotes.length > 0) {
      const paragraphs = footnotes.map((f) => ({ text: f.line, lines: footLines.get(f.kind)! }));
      boxes.push(
        text(
          'Сноска',
          { x: FRAME.marginX, y: top + boxHeight(table) + 8, w: widthPt, h: footHeight(footnotes) },
          paragraphs,
          { sizePt: footSize, color: t.colors.muted },
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

function indicatorSlides(ctx: Ctx): SlideLayout[] {
  const { computed, footnotes } = ctx;
  const ownNotes = computed.content.notes?.indicators;
  return tableSlides<ComputedIndicator>(ctx, {
    kind: 'indicators',
    title: ctx.labels.indicators_heading,
    name: 'Таблица показателей',
    shares: TABLE_COLUMNS,
    footnotes: { all: footnotes.footnotes, forRows: (rows) => footnotes.forRows(rows) },
    // Notes from the content go with the table's first slide; generated ones read each slide's own rows.
    notes: (rows, page) =>
      ownNotes !== undefined ? (page === 0 ? ownNotes : undefined) : rows.map(indicatorNote).join('\n'),
    cells: (columns, sizePt) => ({
      header: headerCells(ctx, columns, sizePt),
      rows: computed.indicators.map((indicator, i) => ({
        cells: indicatorCells(ctx, indicator, columns, sizePt, i % 2 === 1),
        item: indicator,
      })),
    }),
  });
}

// ---------------------------------------------------------------- chart and result

export function executionBars(indicators: ComputedIndicator[]): ExecutionBar[] {
  return indicators.map((i) => {
    const zeroDivisor = zeroDivisorOf(i);
    return {
      label: `№ ${i.indicator.number}`,
      // A percentage too large for a double (plan 1e-300) is drawn as "no bar", never as Infinity.
      value:
        i.execution.kind === 'value' && Number.isFinite(Number(i.execution.percent))
          ? Number(i.execution.percent)
          : null,
      display: i.executionText,
      status: i.status,
      ...(zeroDivisor !== undefined ? { zeroDivisor } : {}),
    };
  });
}

const BANNER_PAD = 14;

function resultBanner(
  ctx: FrameCtx,
  y: number | 'bottom',
  opts: { maxPt: number; maxLines: number },
): { boxes: Box[]; height: number } {
  const { template: t } = ctx;
  const w = ctx.W - 2 * FRAME.marginX;
  const line = ctx.resultLine;
  const f = fitted(line, w - 2 * BANNER_PAD, opts.maxLines, {
    maxPt: opts.maxPt,
    minPt: Math.max(14, t.fonts.body_min_pt),
    bold: true,
  });
  const height = f.height + 2 * BANNER_PAD;
  const top = y === 'bottom' ? ctx.H - FRAME.bottomMargin - height : y;
  return {
    height,
    boxes: [
      { type: 'rect', name: 'Итог: подложка', x: FRAME.marginX, y: top, w, h: height, fill: t.colors.primary },
      text(
        'Итог',
        { x: FRAME.marginX + BANNER_PAD, y: top + BANNER_PAD, w: w - 2 * BANNER_PAD, h: f.height },
        [{ text: line, bold: true, lines: f.lines }],
        {
          sizePt: f.sizePt,
          color: t.colors.on_primary,
          align: 'center',
        },
      ),
    ],
  };
}

/** The chart's texts, filled from the template. */
function chartLabels(ctx: FrameCtx): ChartBox['labels'] {
  const l = ctx.labels;
  return {
    axis: l.chart_axis,
    reference: l.chart_reference,
    legend: { achieved: l.legend_achieved, missed: l.legend_missed, pending: l.legend_pending },
  };
}

/** Which bars one chart slide shows: bars[from, to) on slide `index` of `count`. */
export interface ChartPage {
  index: number;
  count: number;
  from: number;
  to: number;
}

export interface ChartSpec {
  title: string;
  bars: ExecutionBar[];
  alt: string;
  labels: ChartBox['labels'];
  /** Speaker notes of one chart slide. */
  notes?: (page: ChartPage) => string | undefined;
}

/** A direction's execution chart: one bar per indicator. */
function directionChart(ctx: Ctx): ChartSpec {
  const { computed } = ctx;
  const ownNotes = computed.content.notes?.chart;
  return {
    title: ctx.labels.chart_heading,
    bars: executionBars(computed.indicators),
    alt: ctx.labels.chart_alt,
    labels: chartLabels(ctx),
    // Notes from the content go with the first chart slide; generated ones are the result line,
    // and a chart over several slides first counts each slide's indicators.
    notes: ({ index, count, from, to }) => {
      if (ownNotes !== undefined) return index === 0 ? ownNotes : undefined;
      const lines = count > 1 ? [chartPageNote(computed.indicators.slice(from, to))] : [];
      if (index === count - 1) lines.push(spokenResultLine(computed));
      return lines.join('\n');
    },
  };
}

/** Bar charts of at most FRAME.maxBarsPerChart bars per slide, the result line under the last one (or on a slide of its own). */
export function chartSlides(ctx: FrameCtx, spec: ChartSpec): SlideLayout[] {
  const { template: t } = ctx;
  const { title, bars } = spec;
  // Balanced chunks: 16 bars become 8 + 8, not 12 + 4.
  const count = Math.ceil(bars.length / FRAME.maxBarsPerChart);
  const per = Math.ceil(bars.length / count);
  const chunks: ExecutionBar[][] = [];
  for (let i = 0; i < bars.length; i += per) chunks.push(bars.slice(i, i + per));
  const top = heading(ctx, continued(ctx, title, 2)).contentTop;
  const available = ctx.H - FRAME.bottomMargin - top;
  // The result line sits under the last chart unless the template gives it a slide,
  // or it is so long (a hand-written summary) that the chart would be squashed.
  let banner = t.sequence.includes('result') ? undefined : resultBanner(ctx, 'bottom', { maxPt: 20, maxLines: 3 });
  const ownSlide = banner !== undefined && banner.height > available * 0.34;
  if (ownSlide) banner = undefined;
  const slides = chunks.map((chunk, i) => {
    const last = i === chunks.length - 1;
    const h = heading(ctx, continued(ctx, title, i + 1));
    const below = last ? banner : undefined;
    const chartBottom = below ? ctx.H - FRAME.bottomMargin - below.height - 14 : ctx.H - FRAME.bottomMargin;
    const boxes: Box[] = [
      ...h.boxes,
      {
        type: 'chart',
        name: 'Диаграмма исполнения',
        x: FRAME.marginX,
        y: top,
        w: ctx.W - 2 * FRAME.marginX,
        h: chartBottom - top,
        alt: spec.alt,
        bars: chunk,
        labels: spec.labels,
      },
      ...(below?.boxes ?? []),
    ];
    const notes = spec.notes?.({ index: i, count: chunks.length, from: i * per, to: i * per + chunk.length });
    return {
      kind: 'chart' as const,
      page: i + 1,
      pages: chunks.length,
      background: t.colors.background,
      boxes,
      ...(notes ? { notes } : {}),
    };
  });
  return ownSlide ? [...slides, ...resultSlides(ctx)] : slides;
}

/** The result line as a statement of its own; a very long hand-written summary flows like a list. */
export function resultSlides(ctx: FrameCtx): SlideLayout[] {
  const { template: t } = ctx;
  const title = ctx.labels.result_heading;
  const h = heading(ctx, title);
  const available = ctx.H - FRAME.bottomMargin - h.contentTop;
  const maxLines = Math.floor((available - 2 * BANNER_PAD) / lineHeightPt({ sizePt: 28, bold: true }));
  const probe = resultBanner(ctx, 0, { maxPt: 28, maxLines });
  if (probe.height > available) {
    return flowSlides(ctx, 'result', title, [{ text: ctx.resultLine, bold: true }], t.fonts.body_max_pt);
  }
  const banner = resultBanner(ctx, h.contentTop + (available - probe.height) / 2, { maxPt: 28, maxLines });
  return [{ kind: 'result', page: 1, pages: 1, background: t.colors.background, boxes: [...h.boxes, ...banner.boxes] }];
}

export function closingSlides(ctx: FrameCtx): SlideLayout[] {
  const { template: t } = ctx;
  const line = upper(ctx, ctx.labels.closing);
  const w = ctx.W - 2 * 72;
  const f = fitted(line, w, 2, { maxPt: t.fonts.title_pt, minPt: 24, bold: true });
  const y = (ctx.H - f.height) / 2;
  return [
    {
      kind: 'closing',
      page: 1,
      pages: 1,
      background: t.colors.primary,
      boxes: [
        text('Заключение', { x: 72, y, w, h: f.height }, [{ text: line, bold: true, lines: f.lines }], {
          sizePt: f.sizePt,
          color: t.colors.on_primary,
          align: 'center',
        }),
        { type: 'rect', name: 'Акцент', x: (ctx.W - 96) / 2, y: y + f.height + 18, w: 96, h: 4, fill: t.colors.accent },
      ],
    },
  ];
}

export function placeholderValues(computed: ComputedDirection, template: Template): Values {
  const c = computed.content;
  const base: Record<string, string | number> = {
    year: c.report.year,
    date: formatDate(c.report.date),
    'direction.id': c.direction.id,
    'direction.name': c.direction.name,
    'direction.responsible.position': c.direction.responsible.position,
    'direction.responsible.name': c.direction.responsible.name,
  };
  base['title'] = c.report.title ?? fill(template.labels.report_title, base);
  return base;
}

export function layoutDeck(computed: ComputedDirection, template: Template): DeckLayout {
  const values = placeholderValues(computed, template);
  const labels = Object.fromEntries(
    Object.entries(template.labels).map(([k, v]) => [k, v === undefined ? v : fill(v, values)]),
  ) as Labels;
  const footnotes = tableFootnotes(computed, {
    fact: computed.content.indicators.fact_footnote,
    lower: labels.footnote_lower,
    zeroPlan: labels.footnote_zero_plan,
    zeroFact: labels.footnote_zero_fact,
  });
  const ctx: Ctx = {
    computed,
    template,
    values,
    labels,
    footnotes,
    W: template.slide.width_in * 72,
    H: template.slide.height_in * 72,
    resultLine: computed.resultLine,
  };
  const t = template;
  const builders: Record<SlideLayout['kind'], () => SlideLayout[]> = {
    title: () => titleSlide(ctx),
    goal: () => goalSlides(ctx),
    tasks: () => flowSlides(ctx, 'tasks', ctx.labels.tasks_heading, taskItems(ctx), t.fonts.body_max_pt),
    events: () =>
      computed.content.events.length
        ? flowSlides(ctx, 'events', ctx.labels.events_heading, eventItems(ctx), t.fonts.body_max_pt)
        : [],
    indicators: () => indicatorSlides(ctx),
    chart: () => chartSlides(ctx, directionChart(ctx)),
    result: () => resultSlides(ctx),
    closing: () => closingSlides(ctx),
  };
  const slides = t.sequence.flatMap((kind) => builders[kind]());
  // Page numbers on content slides (not on the title and closing slides).
  slides.forEach((s, i) => {
    if (s.kind !== 'title' && s.kind !== 'closing') s.boxes.push(pageNumberBox(ctx, i + 1));
  });
  return { widthPt: ctx.W, heightPt: ctx.H, fontFace: t.fonts.face, title: String(ctx.values['title']), slides };
}
