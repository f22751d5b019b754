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
const localImage = z
  .string()
  .regex(/^(?!\/)(?!.*(^|[\\/])\.\.([\\/]|$))[\w./-]+\.(png|jpe?g)$/i, {
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
    result_heading: z.string().min(1),
    continued: z.string().min(1),
    closing: z.string().min(1),
    footer: z.string().optional(),
  }),
});

export type Template = z.output<typeof TemplateSchema>;
export type Labels = Template['labels'];
