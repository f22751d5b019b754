/**
 * The content format (spec: content-format.md) as a zod schema.
 * Strict objects everywhere: an unknown key such as `fakt:` is an error, and
 * the generated JSON Schema says `additionalProperties: false` so editors flag it.
 * Every field carries a Russian description: it becomes hover text in the editor.
 */
import { z } from 'zod';

const text = (description: string) =>
  z.string().trim().min(1, { message: 'строка не должна быть пустой' }).describe(description);

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written as YYYY-MM-DD that really exists (no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** report.date's year is report.year or the next one (also keeps the zip dates, 1980–2107, in range). */
export function isDateNearYear(date: string, year: number): boolean {
  const dateYear = Number(date.slice(0, 4));
  return dateYear >= year && dateYear <= year + 1;
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The city summary deck of a year is <year>/summary.pptx: no direction may take its name. */
export const SUMMARY_ID = 'summary';
/** A template is named by its folder under templates/: no paths (used by the schema and by --template). */
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export const IndicatorSchema = z
  .strictObject({
    number: z.number().int().positive().describe('Номер показателя в стратегии (целое > 0), уникален в файле'),
    name: text('Наименование показателя'),
    unit: text('Единица измерения, например «%», «чел.», «ед.»'),
    note: text('Пояснение, печатается в скобках после единицы, например «ежегодно»').optional(),
    plan: z.number().describe('Плановое значение'),
    fact: z.number().nullable().optional().describe('Фактическое значение; null или отсутствует, если данных ещё нет'),
    better: z
      .enum(['higher', 'lower'])
      .default('higher')
      .describe(
        'higher: рост — хорошо (исполнение = факт / план); lower: обратный показатель (исполнение = план / факт)',
      ),
    precision: z
      .number()
      .int()
      .min(0)
      .max(3)
      .default(1)
      .describe('Число знаков после запятой в проценте исполнения (0–3), по умолчанию 1'),
  })
  .describe('Целевой показатель');

export const EventSchema = z
  .strictObject({
    title: text('Название группы мероприятий'),
    label: text('Строка перед списком, например «Ключевое событие:»').optional(),
    items: z.array(text('Мероприятие')).default([]).describe('Мероприятия группы (список может быть пустым)'),
  })
  .describe('Группа основных мероприятий');

export const ReportSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).describe('Отчётный год (2000–2100)'),
    date: z
      .string()
      .regex(DATE_PATTERN, { message: 'ожидается дата в виде ГГГГ-ММ-ДД, например 2023-12-15' })
      // Only a well-formed date is checked against the calendar: one message per mistake.
      .refine((v) => !DATE_PATTERN.test(v) || isCalendarDate(v), { message: 'такой даты нет в календаре' })
      .describe('Дата презентации в виде ГГГГ-ММ-ДД; печатается как ДД.ММ.ГГГГ'),
    title: text('Заголовок; по умолчанию из шаблона: «Итоги {year} года»').optional(),
  })
  .describe('Отчётный период и дата');

export const ContentSchema = z
  .strictObject({
    template: z
      .string()
      .regex(TEMPLATE_NAME_PATTERN, { message: 'имя шаблона: папка в templates/ из латинских букв, цифр, «-» и «_»' })
      .default('surgut')
      .describe('Шаблон оформления: имя папки в templates/ (по умолчанию surgut)'),
    report: ReportSchema,
    direction: z
      .strictObject({
        id: z
          .string()
          .regex(SLUG_PATTERN, {
            message:
              'ожидается идентификатор из строчных латинских букв, цифр и «-», например institutional-environment',
          })
          .describe('Идентификатор направления: строчные латинские буквы, цифры и «-»; имя выходного файла'),
        name: text('Название направления стратегии'),
        responsible: z
          .strictObject({
            position: text('Должность ответственного, например «Заместитель Главы города»'),
            name: text('Фамилия и инициалы ответственного'),
          })
          .describe('Ответственный за реализацию направления'),
      })
      .describe('Направление стратегии'),
    goal: text('Стратегическая цель направления'),
    tasks: z
      .array(text('Задача'))
      .min(1, { message: 'нужна хотя бы одна задача' })
      .describe('Основные задачи направления'),
    events: z.array(EventSchema).default([]).describe('Основные мероприятия направления, по группам'),
    indicators: z
      .strictObject({
        fact_footnote: text('Сноска к столбцу «Факт»: добавляет «*» к заголовку и этот текст под таблицей').optional(),
        items: z
          .array(IndicatorSchema)
          .min(1, { message: 'нужен хотя бы один показатель' })
          .describe('Целевые показатели'),
      })
      .describe('Целевые показатели за год'),
    summary: text('Итоговая строка вместо сформированной автоматически').optional(),
    notes: z
      .strictObject({
        indicators: text(
          'Заметки докладчика к слайду с таблицей показателей (при продолжении таблицы — к первому её слайду); без них заметки составляются из плана, факта и исполнения каждого показателя',
        ).optional(),
        chart: text('Заметки докладчика к слайду с диаграммой исполнения; без них — итоговая строка').optional(),
      })
      .optional()
      .describe(
        'Заметки докладчика (видны в режиме докладчика PowerPoint, не на экране); каждое поле необязательно, строки разделяют абзацы',
      ),
  })
  // The date belongs to the report: a December presentation or one early next year.
  // Checked whenever report: itself is valid, even if other fields are not (all errors in one run).
  .superRefine(
    (content, ctx) => {
      const { year, date } = content.report;
      if (isDateNearYear(date, year)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['report', 'date'],
        input: date,
        message: `дата презентации должна быть в ${year} или ${year + 1} году (report.year: ${year})`,
      });
    },
    { when: (payload) => ReportSchema.safeParse((payload.value as { report?: unknown } | null)?.report).success },
  )
  .describe('Итоги года по одному направлению стратегии');

export type Content = z.output<typeof ContentSchema>;
export type Indicator = z.output<typeof IndicatorSchema>;
export type Event = z.output<typeof EventSchema>;
export type Better = Indicator['better'];

/** JSON Schema for yaml-language-server (draft-07, input side: defaults are optional). */
export function contentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ContentSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'itogi: итоги года по направлению стратегии' };
}
