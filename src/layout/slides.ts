/**
 * Stage 4: computed direction + template → slides as plain data.
 * Every font size and line break is decided here with measured text, so a
 * long list or table continues on further slides instead of overflowing.
 */
import type { ComputedDirection, ComputedIndicator } from '../compute/direction.js';
import { formatDate } from '../compute/format.js';
import type { ExecutionBar } from '../render/chart.js';
import { fill, type Values } from '../template/placeholders.js';
import type { Template } from '../template/schema.js';
import { chooseFlow, paginate, WIDTH_SLACK, type FlowItem } from './flow.js';
import { fitFontSize, lineHeightPt, wrapText } from './measure.js';
import type { Box, DeckLayout, Paragraph, SlideLayout, TableBox, TableCell, TextBox } from './model.js';

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

interface Ctx {
  computed: ComputedDirection;
  template: Template;
  values: Values;
  W: number;
  H: number;
}

const upper = (ctx: Ctx, s: string) => (ctx.template.uppercase_titles ? s.toLocaleUpperCase('ru-RU') : s);

function text(
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
function fitted(
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
  return { sizePt: opts.minPt, lines, height: lines.length * lineHeightPt({ sizePt: opts.minPt, bold: opts.bold ?? false }, spacing) };
}

/** Heading + accent line of a content slide; returns the boxes and where content may start. */
function heading(ctx: Ctx, title: string): { boxes: Box[]; contentTop: number } {
  const { template: t } = ctx;
  const w = ctx.W - 2 * FRAME.marginX;
  const f = fitted(title, w, FRAME.headingMaxLines, { maxPt: t.fonts.heading_pt, minPt: 18, bold: true });
  const box = text('Заголовок', { x: FRAME.marginX, y: FRAME.headingTop, w, h: f.height }, [{ text: title, bold: true, lines: f.lines }], {
    sizePt: f.sizePt,
    color: t.colors.primary,
  });
  const accentY = FRAME.headingTop + f.height + FRAME.accentGap;
  return {
    boxes: [
      { type: 'rect', name: 'Полоса сверху', x: 0, y: 0, w: ctx.W, h: 8, fill: t.colors.primary },
      box,
      { type: 'rect', name: 'Акцент', x: FRAME.marginX, y: accentY, w: FRAME.accentW, h: FRAME.accentH, fill: t.colors.accent },
    ],
    contentTop: accentY + FRAME.accentH + FRAME.contentGap,
  };
}

function pageNumberBox(ctx: Ctx, n: number): TextBox {
  const s = String(n);
  return text('Номер слайда', { x: ctx.W - FRAME.marginX - 60, y: ctx.H - 32, w: 60, h: lineHeightPt({ sizePt: 12 }) }, [{ text: s, lines: [s] }], {
    sizePt: 12,
    color: ctx.template.colors.muted,
    align: 'right',
  });
}

const continued = (ctx: Ctx, title: string, page: number) => (page > 1 ? `${title} ${ctx.template.labels.continued}` : title);

function flowSlides(ctx: Ctx, kind: SlideLayout['kind'], title: string, items: FlowItem[], maxPt: number): SlideLayout[] {
  const { template: t } = ctx;
  // The heading of a continued slide is longer: lay content out under the taller one.
  const probe = heading(ctx, `${title} ${t.labels.continued}`);
  const top = probe.contentTop;
  const settings = { widthPt: ctx.W - 2 * FRAME.marginX, heightPt: ctx.H - FRAME.bottomMargin - top, lineSpacing: FRAME.bodyLineSpacing };
  const choice = chooseFlow(items, settings, { maxPt, minPt: t.fonts.body_min_pt, comfortablePt: FRAME.comfortableBodyPt });
  return choice.pages.map((paragraphs, i) => {
    const h = heading(ctx, continued(ctx, title, i + 1));
    const body = text('Текст', { x: FRAME.marginX, y: top, w: settings.widthPt, h: settings.heightPt }, paragraphs, {
      sizePt: choice.sizePt,
      color: t.colors.text,
      lineSpacing: FRAME.bodyLineSpacing,
    });
    return { kind, page: i + 1, pages: choice.pages.length, background: t.colors.background, boxes: [...h.boxes, body] };
  });
}

function titleSlide(ctx: Ctx): SlideLayout[] {
  const { template: t, computed } = ctx;
  const c = computed.content;
  const x = 72;
  const w = ctx.W - x - 72;
  const reportTitle = upper(ctx, c.report.title ?? fill(t.labels.report_title, ctx.values));
  const direction = upper(ctx, fill(t.labels.direction, ctx.values));
  const responsibleHeading = upper(ctx, fill(t.labels.responsible_heading, ctx.values));
  const responsible = upper(ctx, fill(t.labels.responsible, ctx.values));
  const date = String(ctx.values['date']);

  const titleFit = fitted(reportTitle, w, 2, { maxPt: t.fonts.title_pt, minPt: 24, bold: true });
  const dirFit = fitted(direction, w, 5, { maxPt: 28, minPt: 16, bold: true, lineSpacing: 1.05 });
  const respHeadFit = fitted(responsibleHeading, w, 2, { maxPt: 14, minPt: 12 });
  const respFit = fitted(responsible, w, 2, { maxPt: 18, minPt: 14, bold: true });

  const dateY = ctx.H - 64;
  const respY = dateY - 20 - respFit.height;
  const respHeadY = respY - 4 - respHeadFit.height;
  // The title block sits in the middle of the space above the responsible official.
  const blockH = titleFit.height + 28 + dirFit.height;
  const titleY = Math.max(56, (respHeadY - 40 - blockH) / 2 + 24);
  const dirY = titleY + titleFit.height + 28;
  const white = t.colors.on_primary;
  const boxes: Box[] = [
    { type: 'rect', name: 'Акцент', x: 48, y: titleY + 6, w: 6, h: titleFit.height - 12, fill: t.colors.accent },
    text('Заголовок', { x, y: titleY, w, h: titleFit.height }, [{ text: reportTitle, bold: true, lines: titleFit.lines }], { sizePt: titleFit.sizePt, color: white }),
    text('Направление', { x, y: dirY, w, h: Math.min(dirFit.height, respHeadY - dirY - 12) }, [{ text: direction, bold: true, lines: dirFit.lines }], {
      sizePt: dirFit.sizePt,
      color: white,
      lineSpacing: 1.05,
    }),
    { type: 'rect', name: 'Разделитель', x, y: respHeadY - 14, w: 120, h: 2, fill: t.colors.accent },
    text('Ответственный: заголовок', { x, y: respHeadY, w, h: respHeadFit.height }, [{ text: responsibleHeading, lines: respHeadFit.lines }], {
      sizePt: respHeadFit.sizePt,
      color: t.colors.table_border,
    }),
    text('Ответственный', { x, y: respY, w, h: respFit.height }, [{ text: responsible, bold: true, lines: respFit.lines }], { sizePt: respFit.sizePt, color: white }),
    text('Дата', { x, y: dateY, w: 300, h: lineHeightPt({ sizePt: 16 }) }, [{ text: date, lines: [date] }], { sizePt: 16, color: white }),
  ];
  if (t.images.logo) boxes.push({ type: 'image', name: 'Логотип', x: ctx.W - 72 - 72, y: 48, w: 72, h: 72, alt: 'Логотип', imageKey: 'logo' });
  return [{ kind: 'title', page: 1, pages: 1, background: t.colors.primary, boxes }];
}

function goalSlides(ctx: Ctx): SlideLayout[] {
  const { template: t } = ctx;
  const title = upper(ctx, fill(t.labels.goal_heading, ctx.values));
  const goal = ctx.computed.content.goal;
  const h = heading(ctx, title);
  const pad = 28;
  const cardX = FRAME.marginX;
  const cardW = ctx.W - 2 * FRAME.marginX;
  const available = ctx.H - FRAME.bottomMargin - h.contentTop;
  const inner = { widthPt: cardW - 2 * pad - 8, heightPt: available - 2 * pad };
  const fit = fitFontSize(goal, { widthPt: inner.widthPt * WIDTH_SLACK, heightPt: inner.heightPt }, { maxPt: 28, minPt: t.fonts.body_min_pt, spacing: 1.1, stepPt: 1 });
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
        text('Цель', { x: cardX + 8 + pad, y: cardY + pad, w: inner.widthPt, h: textH }, [{ text: goal, lines: fit.lines }], {
          sizePt: fit.sizePt,
          color: t.colors.text,
          lineSpacing: 1.1,
        }),
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
    items.push({ text: `${i + 1}. ${group.title}${colon}`, bold: true, color: ctx.template.colors.primary, spaceBeforeEm: 0.8, keepWithNext: group.items.length > 0 || !!group.label });
    if (group.label) items.push({ text: group.label, italic: true, spaceBeforeEm: 0.3, keepWithNext: group.items.length > 0 });
    for (const item of group.items) items.push({ text: item, bullet: true, spaceBeforeEm: 0.25 });
  });
  return items;
}

// ---------------------------------------------------------------- table

/** Column shares of the content width: name, plan, fact, execution. */
export const TABLE_COLUMNS = [0.62, 0.12, 0.12, 0.14] as const;
const TABLE_PADDING = { h: 5, v: 3 };

function cellLines(value: string, columnW: number, sizePt: number, bold: boolean): string[] {
  return wrapText(value, (columnW - 2 * TABLE_PADDING.h) * WIDTH_SLACK, { sizePt, bold });
}

function tableRowHeight(cells: TableCell[], sizePt: number): number {
  const lines = Math.max(...cells.map((c) => c.lines.length));
  return lines * lineHeightPt({ sizePt, bold: cells.some((c) => c.bold) }, FRAME.tableLineSpacing) + 2 * TABLE_PADDING.v;
}

function headerCells(ctx: Ctx, columns: number[], sizePt: number): TableCell[] {
  const { template: t, computed } = ctx;
  const factLabel = fill(t.labels.column_fact, ctx.values) + (computed.content.indicators.fact_footnote ? '*' : '');
  const labels = [t.labels.column_indicator, fill(t.labels.column_plan, ctx.values), factLabel, fill(t.labels.column_execution, ctx.values)];
  return labels.map((label, i) => ({
    text: label,
    lines: cellLines(label, columns[i]!, sizePt, true),
    bold: true,
    align: i === 0 ? 'left' : 'center',
    color: t.colors.table_header_text,
    fill: t.colors.table_header,
  }));
}

function indicatorCells(ctx: Ctx, row: ComputedIndicator, columns: number[], sizePt: number, stripe: boolean): TableCell[] {
  const t = ctx.template;
  const statusColor = row.status === 'missed' ? t.colors.missed : t.colors.text;
  const values = [row.label, row.planText, row.factText, row.executionText];
  return values.map((value, i) => ({
    text: value,
    lines: cellLines(value, columns[i]!, sizePt, i === 3),
    ...(i === 3 ? { bold: true } : {}),
    align: i === 0 ? 'left' : 'center',
    color: i === 3 ? statusColor : t.colors.text,
    ...(stripe ? { fill: t.colors.table_stripe } : {}),
  }));
}

interface TablePlan {
  sizePt: number;
  pages: { rows: TableCell[][]; heights: number[] }[];
}

function planTable(ctx: Ctx, widthPt: number, heightPt: number, sizePt: number): TablePlan {
  const columns = TABLE_COLUMNS.map((share) => share * widthPt);
  const header = headerCells(ctx, columns, sizePt);
  const headerH = tableRowHeight(header, sizePt);
  const pages: TablePlan['pages'] = [];
  let rows: TableCell[][] = [header];
  let heights = [headerH];
  let used = headerH;
  ctx.computed.indicators.forEach((indicator, i) => {
    const cells = indicatorCells(ctx, indicator, columns, sizePt, i % 2 === 1);
    const h = tableRowHeight(cells, sizePt);
    if (used + h > heightPt && rows.length > 1) {
      pages.push({ rows, heights });
      rows = [header];
      heights = [headerH];
      used = headerH;
    }
    rows.push(cells);
    heights.push(h);
    used += h;
  });
  pages.push({ rows, heights });
  return { sizePt, pages };
}

function indicatorSlides(ctx: Ctx): SlideLayout[] {
  const { template: t, computed } = ctx;
  const title = fill(t.labels.indicators_heading, ctx.values);
  const top = heading(ctx, `${title} ${t.labels.continued}`).contentTop;
  const widthPt = ctx.W - 2 * FRAME.marginX;
  const footnote = computed.content.indicators.fact_footnote ? `* ${computed.content.indicators.fact_footnote}` : undefined;
  const footSize = 12;
  const footLines = footnote ? wrapText(footnote, widthPt * WIDTH_SLACK, { sizePt: footSize }) : [];
  const footH = footLines.length * lineHeightPt({ sizePt: footSize });
  const heightPt = ctx.H - FRAME.bottomMargin - top - (footnote ? footH + 8 : 0);

  // As with lists: one slide down to a comfortable size, else the fewest slides at no less than it.
  const floor = Math.min(t.fonts.table_max_pt, Math.max(t.fonts.table_min_pt, FRAME.comfortableTablePt));
  let plan: TablePlan | undefined;
  for (let size = t.fonts.table_max_pt; size >= floor; size -= 1) {
    const p = planTable(ctx, widthPt, heightPt, size);
    if (p.pages.length === 1) {
      plan = p;
      break;
    }
    if (!plan || p.pages.length < plan.pages.length) plan = p;
  }
  const chosen = plan!;
  const columns = TABLE_COLUMNS.map((share) => share * widthPt);
  return chosen.pages.map((page, i) => {
    const h = heading(ctx, continued(ctx, title, i + 1));
    const table: TableBox = {
      type: 'table',
      name: 'Таблица показателей',
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
    if (footnote) {
      const tableH = page.heights.reduce((s, x) => s + x, 0);
      boxes.push(text('Сноска', { x: FRAME.marginX, y: top + tableH + 8, w: widthPt, h: footH }, [{ text: footnote, lines: footLines }], { sizePt: footSize, color: t.colors.muted }));
    }
    return { kind: 'indicators' as const, page: i + 1, pages: chosen.pages.length, background: t.colors.background, boxes };
  });
}

// ---------------------------------------------------------------- chart and result

export function executionBars(indicators: ComputedIndicator[]): ExecutionBar[] {
  return indicators.map((i) => ({
    label: `№ ${i.indicator.number}`,
    value: i.execution.kind === 'value' ? Number(i.execution.percent) : null,
    display: i.executionText,
    status: i.status,
  }));
}

function resultBanner(ctx: Ctx, y: number | 'bottom', maxPt = 20): { boxes: Box[]; height: number } {
  const { template: t } = ctx;
  const w = ctx.W - 2 * FRAME.marginX;
  const pad = 14;
  const line = ctx.computed.resultLine;
  const f = fitted(line, w - 2 * pad, 3, { maxPt, minPt: 14, bold: true });
  const height = f.height + 2 * pad;
  const top = y === 'bottom' ? ctx.H - FRAME.bottomMargin - height : y;
  return {
    height,
    boxes: [
      { type: 'rect', name: 'Итог: подложка', x: FRAME.marginX, y: top, w, h: height, fill: t.colors.primary },
      text('Итог', { x: FRAME.marginX + pad, y: top + pad, w: w - 2 * pad, h: f.height }, [{ text: line, bold: true, lines: f.lines }], {
        sizePt: f.sizePt,
        color: t.colors.on_primary,
        align: 'center',
      }),
    ],
  };
}

function chartSlides(ctx: Ctx): SlideLayout[] {
  const { template: t } = ctx;
  const title = fill(t.labels.chart_heading, ctx.values);
  const bars = executionBars(ctx.computed.indicators);
  // Balanced chunks: 16 bars become 8 + 8, not 12 + 4.
  const count = Math.ceil(bars.length / FRAME.maxBarsPerChart);
  const per = Math.ceil(bars.length / count);
  const chunks: ExecutionBar[][] = [];
  for (let i = 0; i < bars.length; i += per) chunks.push(bars.slice(i, i + per));
  const top = heading(ctx, `${title} ${t.labels.continued}`).contentTop;
  return chunks.map((chunk, i) => {
    const last = i === chunks.length - 1;
    const h = heading(ctx, continued(ctx, title, i + 1));
    const banner = last && !ctx.template.sequence.includes('result') ? resultBanner(ctx, 'bottom') : undefined;
    const chartBottom = banner ? ctx.H - FRAME.bottomMargin - banner.height - 14 : ctx.H - FRAME.bottomMargin;
    const boxes: Box[] = [
      ...h.boxes,
      {
        type: 'chart',
        name: 'Диаграмма исполнения',
        x: FRAME.marginX,
        y: top,
        w: ctx.W - 2 * FRAME.marginX,
        h: chartBottom - top,
        alt: fill(t.labels.chart_alt, ctx.values),
        bars: chunk,
      },
      ...(banner?.boxes ?? []),
    ];
    return { kind: 'chart' as const, page: i + 1, pages: chunks.length, background: t.colors.background, boxes };
  });
}

function resultSlides(ctx: Ctx): SlideLayout[] {
  const { template: t } = ctx;
  const h = heading(ctx, fill(t.labels.result_heading, ctx.values));
  const available = ctx.H - FRAME.bottomMargin - h.contentTop;
  const probe = resultBanner(ctx, 0, 28);
  const banner = resultBanner(ctx, h.contentTop + Math.max(0, (available - probe.height) / 2), 28);
  return [{ kind: 'result', page: 1, pages: 1, background: t.colors.background, boxes: [...h.boxes, ...banner.boxes] }];
}

function closingSlides(ctx: Ctx): SlideLayout[] {
  const { template: t } = ctx;
  const line = upper(ctx, fill(t.labels.closing, ctx.values));
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
        text('Заключение', { x: 72, y, w, h: f.height }, [{ text: line, bold: true, lines: f.lines }], { sizePt: f.sizePt, color: t.colors.on_primary, align: 'center' }),
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
  const ctx: Ctx = { computed, template, values: placeholderValues(computed, template), W: template.slide.width_in * 72, H: template.slide.height_in * 72 };
  const t = template;
  const builders: Record<SlideLayout['kind'], () => SlideLayout[]> = {
    title: () => titleSlide(ctx),
    goal: () => goalSlides(ctx),
    tasks: () => flowSlides(ctx, 'tasks', fill(t.labels.tasks_heading, ctx.values), taskItems(ctx), t.fonts.body_max_pt),
    events: () => (computed.content.events.length ? flowSlides(ctx, 'events', fill(t.labels.events_heading, ctx.values), eventItems(ctx), t.fonts.body_max_pt) : []),
    indicators: () => indicatorSlides(ctx),
    chart: () => chartSlides(ctx),
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

// Exposed for tests: how pagination decides.
export const _internal = { paginate, planTable };
