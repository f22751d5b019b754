/**
 * A deck template is data: slide size, fonts, colours, images from its own
 * folder, the slide sequence and every label string with {placeholders}.
 */
import * as z from 'zod';

const color = z
  .string()
  .regex(/^[0-9A-Fa-f]{6}$/, { message: 'цвет задаётся шестью шестнадцатеричными цифрами, например 1F3A68' })
  .transform((s) => s.toUpperCase());

/** Image paths stay inside the template folder: no absolute paths, no `..`. */
const localImage = z.string().regex(/^(?!\/)(?!.*(^|[\\/])\.\.([\\/]|$))[\w./-]+\.(png|jpe?g)$/i, {
  message: 'картинка — файл .png/.jpg внутри папки шаблона (без «..» и абсолютных путей)',
});

/**
 * What the layout places, measured by building the reference directions and
 * the city summary with every font at its maximum, every label this long and
 * the content at its own bounds (src/content/schema.ts): a 10 × 5.625 in slide
 * builds with labels of 150 characters and fails with 300 (the chart gets too
 * little height under a long heading); a 7.5 in wide one fails on the title
 * slide (the title, direction and responsible blocks overlap into a negative
 * height). PowerPoint itself allows 1–56 in.
 */
export const LIMITS = {
  slideMinWidthIn: 10,
  slideMinHeightIn: 5.625,
  slideMaxIn: 56,
  /** Characters of a label as written, its {placeholders} unfilled. */
  label: 150,
  /** The goal slide sizes its text from 28 pt down to the body minimum (at least 16 pt). */
  bodyMinPt: 28,
} as const;

const label = () => z.string().min(1).max(LIMITS.label);

const SLIDE_KINDS = ['title', 'goal', 'tasks', 'events', 'indicators', 'chart', 'result', 'closing'] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];

/**
 * The template schema, built on first use: a shipped template validated when the bundle was
 * built (load.ts) needs none, and building it was a third of zod's work at a cold start.
 */
export function templateSchema(): TemplateSchema {
  built ??= buildTemplateSchema();
  return built;
}
let built: TemplateSchema | undefined;
type TemplateSchema = ReturnType<typeof buildTemplateSchema>;

const buildTemplateSchema = () =>
  z.strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    slide: z.strictObject({
      width_in: z.number().min(LIMITS.slideMinWidthIn).max(LIMITS.slideMaxIn),
      height_in: z.number().min(LIMITS.slideMinHeightIn).max(LIMITS.slideMaxIn),
    }),
    fonts: z.strictObject({
      /** The face written into the deck. Layout measures with a metric-compatible font (Arimo ≡ Arial). */
      face: z.enum(['Arial']),
      title_pt: z.number().min(18).max(60),
      heading_pt: z.number().min(16).max(44),
      body_max_pt: z.number().min(12).max(32),
      body_min_pt: z.number().min(12).max(LIMITS.bodyMinPt),
      table_max_pt: z.number().min(10).max(24),
      table_min_pt: z.number().min(10).max(24),
      /**
       * One size for every table of every deck made with the template (the
       * year's directions and the summary alike): a table does not shrink
       * below it to fit a slide, it continues on the next.
       */
      table_pt: z
        .number()
        .min(10)
        .max(24)
        .optional()
        .describe(
          'Один размер шрифта таблиц во всех презентациях года: таблица не уменьшается, а продолжается на следующем слайде',
        ),
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
    /** The logo on every slide (beside each heading, and on the closing slide), not only on the title slide. */
    logo_on_every_slide: z
      .boolean()
      .default(false)
      .describe('Логотип (images.logo) на каждом слайде, а не только на титульном'),
    /** Title-slide texts, the goal heading and the closing line in capitals, as in the seed deck. */
    uppercase_titles: z.boolean().default(true),
    sequence: z.array(z.enum(SLIDE_KINDS)).min(1),
    /**
     * The execution chart: `native` — a PowerPoint chart with its data in an
     * embedded workbook («Изменить данные» works); `picture` — a PNG drawn by chart.js.
     */
    chart: z.enum(['native', 'picture']).default('native'),
    labels: z.strictObject({
      report_title: label(),
      direction: label(),
      responsible_heading: label(),
      responsible: label(),
      goal_heading: label(),
      tasks_heading: label(),
      events_heading: label(),
      indicators_heading: label(),
      column_indicator: label(),
      column_plan: label(),
      column_fact: label(),
      column_execution: label(),
      chart_heading: label(),
      chart_axis: label(),
      chart_reference: label(),
      chart_alt: label(),
      legend_achieved: label(),
      legend_missed: label(),
      legend_pending: label(),
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
      result_heading: label(),
      continued: label(),
      closing: label(),
      footer: z.string().max(LIMITS.label).optional(),
      // The city summary deck (summary.pptx); defaults keep older templates valid.
      // Only {year}, {date} and {title} make sense here: the summary has no single direction.
      summary_title: label().default('Реализация стратегии'),
      summary_table_heading: label().default('Целевые показатели направлений Стратегии за {year} год:'),
      summary_column_direction: label().default('Направление'),
      summary_column_responsible: label().default('Ответственный'),
      summary_column_achieved: label().default('Достигнуто / всего'),
      summary_column_pending: label().default('Данные ожидаются'),
      summary_total_row: label().default('Итого по городу'),
      summary_chart_heading: z
        .string()
        .min(1)
        .default('Доля достигнутых плановых значений по направлениям за {year} год'),
      summary_chart_axis: label().default('Достигнуто, % показателей направления'),
      summary_chart_reference: label().default('Все показатели = 100 %'),
      summary_chart_alt: z
        .string()
        .min(1)
        .default(
          'Диаграмма: доля целевых показателей каждого направления Стратегии, плановые значения которых достигнуты в {year} году, в процентах, по направлениям',
        ),
      summary_legend_achieved: label().default('недостигнутых нет'),
      summary_legend_missed: label().default('есть недостигнутые'),
      summary_legend_pending: label().default('данные ожидаются'),
      summary_missed_heading: label().default('Недостигнутые плановые значения за {year} год'),
    }),
  });

export type Template = z.output<TemplateSchema>;
export type Labels = Template['labels'];
