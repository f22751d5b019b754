/**
 * A deck template is data: slide size, fonts, colours, images from its own
 * folder, the slide sequence and every label string with {placeholders}.
 */
import { z } from 'zod';

const color = z
  .string()
  .regex(/^[0-9A-Fa-f]{6}$/, { message: 'цвет задаётся шестью шестнадцатеричными цифрами, например 1F3A68' })
  .transform((s) => s.toUpperCase());

/** Image paths stay inside the template folder: no absolute paths, no `..`. */
const localImage = z.string().regex(/^(?!\/)(?!.*(^|[\\/])\.\.([\\/]|$))[\w./-]+\.(png|jpe?g)$/i, {
  message: 'картинка — файл .png/.jpg внутри папки шаблона (без «..» и абсолютных путей)',
});

export const SLIDE_KINDS = ['title', 'goal', 'tasks', 'events', 'indicators', 'chart', 'result', 'closing'] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];

export const TemplateSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  slide: z.strictObject({
    width_in: z.number().positive().max(56),
    height_in: z.number().positive().max(56),
  }),
  fonts: z.strictObject({
    /** The face written into the deck. Layout measures with a metric-compatible font (Arimo ≡ Arial). */
    face: z.enum(['Arial']),
    title_pt: z.number().min(18).max(60),
    heading_pt: z.number().min(16).max(44),
    body_max_pt: z.number().min(12).max(32),
    body_min_pt: z.number().min(12).max(32),
    table_max_pt: z.number().min(10).max(24),
    table_min_pt: z.number().min(10).max(24),
  }),
  colors: z.strictObject({
    primary: color,
    accent: color,
    text: color,
    muted: color,
    background: color,
    on_primary: color,
    table_header: color,
    table_header_text: color,
    table_stripe: color,
    table_border: color,
    achieved: color,
    missed: color,
    pending: color,
  }),
  images: z
    .strictObject({
      logo: localImage.optional(),
    })
    .default({}),
  /** Title-slide texts, the goal heading and the closing line in capitals, as in the seed deck. */
  uppercase_titles: z.boolean().default(true),
  sequence: z.array(z.enum(SLIDE_KINDS)).min(1),
  /**
   * The execution chart: `native` — a PowerPoint chart with its data in an
   * embedded workbook («Изменить данные» works); `picture` — a PNG drawn by chart.js.
   */
  chart: z.enum(['native', 'picture']).default('native'),
  labels: z.strictObject({
    report_title: z.string().min(1),
    direction: z.string().min(1),
    responsible_heading: z.string().min(1),
    responsible: z.string().min(1),
    goal_heading: z.string().min(1),
    tasks_heading: z.string().min(1),
    events_heading: z.string().min(1),
    indicators_heading: z.string().min(1),
    column_indicator: z.string().min(1),
    column_plan: z.string().min(1),
    column_fact: z.string().min(1),
    column_execution: z.string().min(1),
    chart_heading: z.string().min(1),
    chart_axis: z.string().min(1),
    chart_reference: z.string().min(1),
    chart_alt: z.string().min(1),
    legend_achieved: z.string().min(1),
    legend_missed: z.string().min(1),
    legend_pending: z.string().min(1),
    /** Under the indicator table when a lower-is-better indicator is in it (its name gets the mark). */
    footnote_lower: z
      .string()
      .min(1)
      .default('обратный показатель: чем меньше значение, тем лучше; исполнение = план / факт × 100 %'),
    /** Under the table when an indicator's plan is 0 (its «—» gets the mark). */
    footnote_zero_plan: z
      .string()
      .min(1)
      .default(
        'плановое значение равно 0: процент исполнения не вычисляется; показатель считается достигнутым, если факт не меньше плана',
      ),
    /** Under the table when a lower-is-better indicator's fact is 0 (its «—» gets the mark). */
    footnote_zero_fact: z
      .string()
      .min(1)
      .default(
        'фактическое значение обратного показателя равно 0: процент исполнения (план / факт) не вычисляется; показатель считается достигнутым, если факт не больше плана',
      ),
    result_heading: z.string().min(1),
    continued: z.string().min(1),
    closing: z.string().min(1),
    footer: z.string().optional(),
    // The city summary deck (summary.pptx); defaults keep older templates valid.
    // Only {year}, {date} and {title} make sense here: the summary has no single direction.
    summary_title: z.string().min(1).default('РЕАЛИЗАЦИЯ СТРАТЕГИИ'),
    summary_table_heading: z.string().min(1).default('Целевые показатели направлений Стратегии за {year} год:'),
    summary_column_direction: z.string().min(1).default('Направление'),
    summary_column_responsible: z.string().min(1).default('Ответственный'),
    summary_column_achieved: z.string().min(1).default('Достигнуто / всего'),
    summary_column_pending: z.string().min(1).default('Данные ожидаются'),
    summary_total_row: z.string().min(1).default('Итого по городу'),
    summary_chart_heading: z
      .string()
      .min(1)
      .default('Доля достигнутых плановых значений по направлениям за {year} год'),
    summary_chart_axis: z.string().min(1).default('Достигнуто, % показателей направления'),
    summary_chart_reference: z.string().min(1).default('Все показатели = 100 %'),
    summary_chart_alt: z
      .string()
      .min(1)
      .default(
        'Диаграмма: доля целевых показателей каждого направления Стратегии, плановые значения которых достигнуты в {year} году, в процентах; номера — строки таблицы направлений',
      ),
    summary_legend_achieved: z.string().min(1).default('недостигнутых нет'),
    summary_legend_missed: z.string().min(1).default('есть недостигнутые'),
    summary_legend_pending: z.string().min(1).default('данные ожидаются'),
  }),
});

export type Template = z.output<typeof TemplateSchema>;
export type Labels = Template['labels'];
