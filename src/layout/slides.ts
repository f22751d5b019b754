/**
 * Stage 4: computed direction + template → slides as plain data.
 * Every font size and line break is decided in the layout with measured
 * text, so a long list or table continues on further slides instead of
 * overflowing. This module holds what is particular to a direction's deck
 * (its title slide, the indicator table, its chart and notes); the slide
 * machinery it shares with the city summary is in frame.ts, title.ts,
 * textSlides.ts, table.ts and chartSlides.ts.
 */
import { indicatorLabel, type ComputedDirection, type ComputedIndicator } from '../compute/direction.js';
import { executionChartAlt } from './chartAlt.js';
import { formatDate } from '../compute/format.js';
import { chartPageNote, indicatorNote, spokenResultLine, zeroDivisorOf } from '../compute/notes.js';
import { fill, type Values } from '../template/placeholders.js';
import type { Labels, Template } from '../template/schema.js';
import { chartSlides, resultSlides, type ChartSpec } from './chartSlides.js';
import { tableFootnotes, type TableFootnotes } from './footnotes.js';
import { numberPages, PT_PER_IN, upper, type FrameCtx } from './frame.js';
import type { ChartBox, DeckLayout, ExecutionBar, SlideLayout, TableCell } from './model.js';
import { SAMPLE_STAMP, stampSlides } from './stamp.js';
import { cellText, tableSlides } from './table.js';
import { eventItems, flowSlides, goalSlides, taskItems } from './textSlides.js';
import { closingSlides, placeLogos, responsibleFooter, titleSlideOf } from './title.js';

interface Ctx extends FrameCtx {
  computed: ComputedDirection;
  /** Marks and footnotes of the indicator table. */
  footnotes: TableFootnotes;
}

/** The direction under the report title: at most five lines, from 28 pt down. */
const DIRECTION_SUBTITLE = { maxLines: 5, maxPt: 28 } as const;

function titleSlide(ctx: Ctx): SlideLayout[] {
  const { computed } = ctx;
  return titleSlideOf(ctx, {
    title: upper(ctx, computed.content.report.title ?? ctx.labels.report_title),
    subtitle: { name: 'Направление', text: upper(ctx, ctx.labels.direction), ...DIRECTION_SUBTITLE },
    footer: responsibleFooter(ctx, upper(ctx, ctx.labels.responsible_heading), upper(ctx, ctx.labels.responsible)),
  });
}

// ---------------------------------------------------------------- indicator table

/** Column shares of the content width: name, plan, fact, execution. */
const TABLE_COLUMNS = [0.62, 0.12, 0.12, 0.14] as const;
/** The execution column: bold, in the status colour. */
const EXECUTION_COLUMN = 3;

function headerCells(ctx: Ctx, columns: number[], sizePt: number): TableCell[] {
  const { template: t } = ctx;
  const factLabel = ctx.labels.column_fact + ctx.footnotes.factMark;
  const labels = [ctx.labels.column_indicator, ctx.labels.column_plan, factLabel, ctx.labels.column_execution];
  return labels.map((label, i) => ({
    ...cellText(label, columns[i]!, sizePt, true),
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
    ...cellText(value, columns[i]!, sizePt, i === EXECUTION_COLUMN),
    ...(i === EXECUTION_COLUMN ? { bold: true } : {}),
    align: i === 0 ? 'left' : 'center',
    color: i === EXECUTION_COLUMN ? statusColor : t.colors.text,
    ...(stripe ? { fill: t.colors.table_stripe } : {}),
  }));
}

function indicatorSlides(ctx: Ctx): SlideLayout[] {
  const { computed, footnotes } = ctx;
  const ownNotes = computed.content.notes?.indicators;
  return tableSlides<ComputedIndicator>(ctx, {
    kind: 'indicators',
    title: ctx.labels.indicators_heading,
    name: 'Таблица показателей',
    shares: TABLE_COLUMNS,
    // «План 2023 год», «Исполнение %» and the figures each on one line where the slide allows.
    oneLine: { columns: [1, 2, 3], donor: 0, minShare: 0.45 },
    numeric: [1, 2, 3],
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

// ---------------------------------------------------------------- chart

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
      figures: { plan: i.indicator.plan, fact: i.indicator.fact ?? null },
    };
  });
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

/** A direction's execution chart: one bar per indicator. */
function directionChart(ctx: Ctx): ChartSpec {
  const { computed } = ctx;
  const ownNotes = computed.content.notes?.chart;
  return {
    title: ctx.labels.chart_heading,
    bars: executionBars(computed.indicators),
    alt: (bars) => `${ctx.labels.chart_alt}. ${executionChartAlt(bars)}`,
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

function placeholderValues(computed: ComputedDirection, template: Template): Values {
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
    W: template.slide.width_in * PT_PER_IN,
    H: template.slide.height_in * PT_PER_IN,
    resultLine: computed.resultLine,
  };
  const t = template;
  const builders: Record<SlideLayout['kind'], () => SlideLayout[]> = {
    title: () => titleSlide(ctx),
    goal: () => goalSlides(ctx, upper(ctx, ctx.labels.goal_heading), computed.content.goal),
    tasks: () =>
      flowSlides(ctx, 'tasks', ctx.labels.tasks_heading, taskItems(computed.content.tasks), t.fonts.body_max_pt),
    events: () =>
      computed.content.events.length
        ? flowSlides(
            ctx,
            'events',
            ctx.labels.events_heading,
            eventItems(computed.content.events, t.colors.primary, ctx.labels.continued),
            t.fonts.body_max_pt,
          )
        : [],
    indicators: () => indicatorSlides(ctx),
    chart: () => chartSlides(ctx, directionChart(ctx)),
    result: () => resultSlides(ctx),
    closing: () => closingSlides(ctx),
  };
  const slides = t.sequence.flatMap((kind) => builders[kind]());
  numberPages(ctx, slides);
  placeLogos(ctx, slides);
  // The document title (a PDF reader's window, a screen reader's first words) reads as the title slide does,
  // but in the labels' own case: the slide's capitals are the template's uppercase_titles.
  const title = `${String(ctx.values['title'])}. ${labels.direction}`;
  const deck = { widthPt: ctx.W, heightPt: ctx.H, fontFace: t.fonts.face, title, slides };
  return computed.content.sample ? stampSlides(deck, SAMPLE_STAMP, t) : deck;
}
