/**
 * The city summary deck as plain data: title, a table of every direction
 * (achieved / total, pending) with the city totals and the missed and pending
 * counts in words, a chart of each direction's share achieved (named, to
 * 100 %), every missed indicator listed, the city result line, the closing
 * slide — in the same template, with the table and chart machinery of a
 * direction deck. Every slide has speaker notes.
 */
import { summaryChartAlt } from './chartAlt.js';
import { cityCountsLine, type CityTotals, type DirectionTotals } from '../compute/city.js';
import type { ComputedIndicator } from '../compute/direction.js';
import { formatDate } from '../compute/format.js';
import { countOf } from '../compute/plural.js';
import { fill, type Values } from '../template/placeholders.js';
import type { Labels, Template } from '../template/schema.js';
import { indicatorNote, spokenLine } from '../compute/notes.js';
import type { ChartBox, DeckLayout, ExecutionBar, SlideLayout, TableCell } from './model.js';
import { SHARE_AXIS } from './chartScale.js';
import { chartSlides, resultSlides } from './chartSlides.js';
import { numberPages, PT_PER_IN, upper, type FrameCtx } from './frame.js';
import { cellText, tableSizePt, tableSlides, type TableCells, type TableSpec } from './table.js';
import { closingSlides, placeLogos, titleSlideOf } from './title.js';

/** Column shares of the content width: direction, responsible, achieved / total, pending. */
const SUMMARY_TABLE_COLUMNS = [0.44, 0.3, 0.13, 0.13] as const;

/** The strategy under the report title: at most four lines, from 32 pt down. */
const STRATEGY_SUBTITLE = { maxLines: 4, maxPt: 32 } as const;

/** Labels the summary fills: a {direction.…} placeholder in one of them is an error, not a literal on a slide. */
const SUMMARY_USES = ['report_title', 'continued', 'closing', 'result_heading'] as const;

function summaryValues(city: CityTotals, template: Template): Values {
  const base = { year: city.year, date: formatDate(city.date) };
  return { ...base, title: fill(template.labels.report_title, base) };
}

function summaryLabels(template: Template, values: Values): Labels {
  const filled = Object.entries(template.labels).map(([key, label]) => {
    if (label === undefined) return [key, label];
    const strict = key.startsWith('summary_') || (SUMMARY_USES as readonly string[]).includes(key);
    if (strict) return [key, fill(label, values)];
    // Direction-only labels (the title slide's «direction», the indicator columns) are not on the summary.
    try {
      return [key, fill(label, values)];
    } catch {
      return [key, label];
    }
  });
  return Object.fromEntries(filled) as Labels;
}

/** Column shares of the missed list: direction, number, indicator, plan, fact, execution. */
const MISSED_TABLE_COLUMNS = [0.22, 0.06, 0.36, 0.11, 0.11, 0.14] as const;
/**
 * Bars per summary chart slide: a direction's name takes two lines beside its
 * bar, and LibreOffice drops a category label that would touch the next.
 */
const SUMMARY_BARS_PER_CHART = 4;

/** One bar per direction, named by the direction (the chart wraps a long name): its share achieved, coloured by whether a plan was missed. */
function summaryBars(city: CityTotals): ExecutionBar[] {
  return city.directions.map((d) => ({
    label: d.name,
    value: d.share === null ? null : Number(d.share),
    display: d.shareText,
    status: d.status,
  }));
}

/** «Заместитель Главы города – Гуменюк М.А.», by the template's `responsible` label. */
function responsibleText(template: Template, values: Values, d: DirectionTotals): string {
  return fill(template.labels.responsible, {
    ...values,
    'direction.id': d.id,
    'direction.name': d.name,
    'direction.responsible.position': d.responsible.position,
    'direction.responsible.name': d.responsible.name,
  });
}

/** Rows of the directions table; the totals row shows no single direction. */
function summaryCells(ctx: FrameCtx, city: CityTotals): TableCells<DirectionTotals | null> {
  const t = ctx.template;
  const l = ctx.labels;
  return (columns, sizePt) => {
    const cell = (
      value: string,
      i: number,
      style: { bold?: boolean; color?: string; fill?: string | undefined },
    ): TableCell => ({
      ...cellText(value, columns[i]!, sizePt, style.bold ?? false),
      ...(style.bold ? { bold: true } : {}),
      align: i < 2 ? 'left' : 'center',
      color: style.color ?? t.colors.text,
      ...(style.fill ? { fill: style.fill } : {}),
    });
    const header = [
      l.summary_column_direction,
      l.summary_column_responsible,
      l.summary_column_achieved,
      l.summary_column_pending,
    ].map((label, i) => cell(label, i, { bold: true, color: t.colors.table_header_text, fill: t.colors.table_header }));
    const rows = city.directions.map((d, i) => {
      const fillColor = i % 2 === 1 ? t.colors.table_stripe : undefined;
      const values = [
        `${i + 1}. ${d.name}`,
        responsibleText(t, ctx.values, d),
        `${d.achieved} / ${d.total}`,
        String(d.pending),
      ];
      return {
        cells: values.map((v, c) =>
          cell(v, c, {
            bold: c === 2,
            color: c === 2 && d.missed > 0 ? t.colors.missed : t.colors.text,
            fill: fillColor,
          }),
        ),
        item: d,
      };
    });
    const { achieved, total, pending } = city.tally;
    const totalFill = city.directions.length % 2 === 1 ? t.colors.table_stripe : undefined;
    const totals = [l.summary_total_row, '', `${achieved} / ${total}`, String(pending)].map((v, c) =>
      cell(v, c, { bold: true, color: c === 2 && city.missed > 0 ? t.colors.missed : t.colors.text, fill: totalFill }),
    );
    return { header, rows: [...rows, { cells: totals, item: null }] };
  };
}

/** One missed indicator with its direction: a row of the missed list. */
interface MissedRow {
  direction: DirectionTotals;
  /** The direction's row in the directions table (1-based). */
  row: number;
  indicator: ComputedIndicator;
}

function missedRows(city: CityTotals): MissedRow[] {
  return city.directions.flatMap((direction, i) =>
    direction.missedIndicators.map((indicator) => ({ direction, row: i + 1, indicator })),
  );
}

/** The missed list: direction, number, name with unit, plan, fact, execution in the missed colour. */
function missedCells(ctx: FrameCtx, rows: readonly MissedRow[]): TableCells<MissedRow> {
  const t = ctx.template;
  const l = ctx.labels;
  return (columns, sizePt) => {
    const cell = (value: string, i: number, style: { bold?: boolean; color?: string; fill?: string | undefined }) => ({
      ...cellText(value, columns[i]!, sizePt, style.bold ?? false),
      ...(style.bold ? { bold: true } : {}),
      align: i < 3 ? ('left' as const) : ('right' as const),
      color: style.color ?? t.colors.text,
      ...(style.fill ? { fill: style.fill } : {}),
    });
    const header = [
      l.summary_column_direction,
      '№',
      l.column_indicator,
      l.column_plan,
      l.column_fact,
      l.column_execution,
    ].map((label, i) => cell(label, i, { bold: true, color: t.colors.table_header_text, fill: t.colors.table_header }));
    return {
      header,
      rows: rows.map((r, n) => {
        const fillColor = n % 2 === 1 ? t.colors.table_stripe : undefined;
        const { indicator: i } = r;
        const values = [
          `${r.row}. ${r.direction.name}`,
          String(i.indicator.number),
          `${i.indicator.name}, ${i.indicator.unit}`,
          i.planText,
          i.factText,
          i.executionText,
        ];
        return {
          cells: values.map((v, c) =>
            cell(v, c, { bold: c === 5, color: c === 5 ? t.colors.missed : t.colors.text, fill: fillColor }),
          ),
          item: r,
        };
      }),
    };
  };
}

/** Every missed indicator, paginated; its heading counts them in figures and words (cityCountsLine). */
function missedSpec(ctx: FrameCtx, city: CityTotals): TableSpec<MissedRow> | undefined {
  const rows = missedRows(city);
  if (rows.length === 0) return undefined;
  return {
    kind: 'indicators',
    title: ctx.labels.summary_missed_heading,
    name: 'Недостигнутые показатели',
    shares: MISSED_TABLE_COLUMNS,
    // The name column gives the room: the direction's name wraps, «Исполнение %» does not.
    oneLine: { columns: [1, 3, 4, 5], donor: 2, minShare: 0.24 },
    numeric: [1, 3, 4, 5],
    cells: missedCells(ctx, rows),
    notes: (items, page) =>
      [
        ...(page === 0 ? [cityCountsLine(city)] : []),
        ...items.map((r) => `${r.direction.name}. ${indicatorNote(r.indicator)}`),
      ].join('\n'),
  };
}

/** «1. Экономика: достигнуто 5 из 6; данные ожидаются по одному.» for the directions table's notes. */
function directionNote(d: DirectionTotals, row: number): string {
  const parts = [`достигнуто ${d.achieved} из ${d.total}`];
  if (d.missed > 0) parts.push(`не достигнуто ${d.missed}`);
  if (d.pending > 0) parts.push(`данные ожидаются по ${d.pending}`);
  return `${row}. ${d.name}: ${parts.join(', ')}.`;
}

function titleSlide(ctx: FrameCtx): SlideLayout[] {
  return titleSlideOf(ctx, {
    title: upper(ctx, ctx.labels.report_title),
    subtitle: { name: 'Стратегия', text: upper(ctx, ctx.labels.summary_title), ...STRATEGY_SUBTITLE },
  });
}

function chartLabels(l: Labels): ChartBox['labels'] {
  return {
    axis: l.summary_chart_axis,
    reference: l.summary_chart_reference,
    legend: { achieved: l.summary_legend_achieved, missed: l.summary_legend_missed, pending: l.summary_legend_pending },
  };
}

/** The summary deck of one year. Title and closing slides as the template's sequence has them. */
export function layoutSummary(city: CityTotals, template: Template): DeckLayout {
  const values = summaryValues(city, template);
  const labels = summaryLabels(template, values);
  const ctx: FrameCtx = {
    template,
    values,
    labels,
    W: template.slide.width_in * PT_PER_IN,
    H: template.slide.height_in * PT_PER_IN,
    resultLine: city.resultLine,
  };
  const t = template;
  const counts = { kind: 'counts' as const, mark: '', line: cityCountsLine(city) };
  const directionsTable: TableSpec<DirectionTotals | null> = {
    kind: 'indicators',
    title: labels.summary_table_heading,
    name: 'Таблица направлений',
    shares: SUMMARY_TABLE_COLUMNS,
    numeric: [2, 3],
    cells: summaryCells(ctx, city),
    // The year's missed and pending indicators in figures and words, under the table.
    footnotes: { all: [counts], forRows: () => [counts] },
    notes: (items) =>
      [
        ...items.flatMap((d) => (d === null ? [] : [directionNote(d, city.directions.indexOf(d) + 1)])),
        counts.line,
      ].join('\n'),
  };
  const missedTable = missedSpec(ctx, city);
  // Both tables at one size: the smaller of the two each would choose.
  const maxPt = Math.min(tableSizePt(ctx, directionsTable), ...(missedTable ? [tableSizePt(ctx, missedTable)] : []));
  const slides: SlideLayout[] = [
    ...(t.sequence.includes('title') ? titleSlide(ctx) : []),
    ...tableSlides(ctx, { ...directionsTable, maxPt }),
    // Without a result slide in the sequence, the city line sits under the last chart.
    ...chartSlides(ctx, {
      title: labels.summary_chart_heading,
      bars: summaryBars(city),
      maxBars: SUMMARY_BARS_PER_CHART,
      axis: SHARE_AXIS,
      alt: (bars) => `${labels.summary_chart_alt}. ${summaryChartAlt(bars)}`,
      labels: chartLabels(labels),
      notes: ({ from, to, index, count }) =>
        [
          ...city.directions.slice(from, to).map((d) => `${d.name}: ${d.shareText}.`),
          ...(index === count - 1 ? [spokenLine(city.resultLine)] : []),
        ].join('\n'),
    }),
    ...(missedTable ? tableSlides(ctx, { ...missedTable, maxPt }) : []),
    ...(t.sequence.includes('result') ? resultSlides(ctx) : []),
    ...(t.sequence.includes('closing') ? closingSlides(ctx) : []),
  ];
  // The slides without notes of their own: the title, the result and the closing slide.
  const overview = `${String(values['title'])}. ${labels.summary_title}: ${countOf(city.directions.length, 'направление', 'направления', 'направлений')}, ${countOf(city.tally.total, 'показатель', 'показателя', 'показателей')}. ${counts.line}`;
  for (const s of slides) {
    if (s.notes !== undefined) continue;
    if (s.kind === 'title') s.notes = overview;
    else if (s.kind === 'result' || s.kind === 'chart') s.notes = `${spokenLine(city.resultLine)}\n${counts.line}`;
    else if (s.kind === 'closing') s.notes = `${spokenLine(city.resultLine)} ${counts.line}`;
  }
  numberPages(ctx, slides);
  placeLogos(ctx, slides);
  return {
    widthPt: ctx.W,
    heightPt: ctx.H,
    fontFace: t.fonts.face,
    title: `${String(values['title'])}. ${labels.summary_title}`,
    slides,
  };
}
