/**
 * The content format (spec: content-format.md) as a zod schema.
 * Strict objects everywhere: an unknown key such as `fakt:` is an error, and
 * the generated JSON Schema says `additionalProperties: false` so editors flag it.
 * Every field carries a Russian description: it becomes hover text in the editor.
 */
import * as z from 'zod';

// No generated parsers: zod compiles each object schema with new Function on its first parse, which
// a one-file `check` pays cold for nothing (cold check −30 ms wall, 300 files no slower, measured).
z.config({ jitless: true });

/**
 * Bounds: whatever `check` accepts, `build` lays out. Each bound was found by
 * building the seed with the field grown (ordinary Russian text, seed words)
 * until its box left its designed size; the bound keeps a margin for wider
 * letters. The numbers measured are in the comment of each bound.
 */
export const LIMITS = {
  /** Title slide, 2 lines at the smallest title size (24 pt bold capitals): 97 characters fit; 80. */
  title: 80,
  /**
   * In the goal slide's heading «СТРАТЕГИЧЕСКАЯ ЦЕЛЬ НАПРАВЛЕНИЯ «…»» (3 lines at
   * 18 pt bold capitals: 170 characters fit) and the title slide's 5 lines; 150.
   */
  directionName: 150,
  /**
   * «<должность> – <ФИО>» on the title slide, 2 lines at 14 pt bold: about 167
   * characters fit together (152 + the seed's 12-character name); 100 + 50 + « – ».
   */
  position: 100,
  personName: 50,
  /**
   * A paragraph that flows (goal, a task, an event's title, label or item, a hand-written
   * result line) continues on further slides; one slide at the smallest body size
   * holds 1 517 (goal) to 1 769 (task) characters, so 2 500 is at most two slides.
   */
  paragraph: 2500,
  /**
   * One table row (number, name, unit, note) should fit one slide at 10 pt: 2 619
   * characters of a name fit; name + unit + note ≤ 2 000 + 100 + 200.
   */
  indicatorName: 2000,
  unit: 100,
  note: 200,
  /** Reserved under the table on every table slide: ≈ 3 lines at 12 pt (≈ 138 characters a line); 300. */
  footnote: 300,
  /** Speaker notes are not laid out: ≈ 10 minutes of speech (130 words a minute ≈ 10 000 characters). */
  notes: 10_000,
  /**
   * A file name: «.<id>.pptx.<pid>.<8 hex>.tmp» is id + 27 bytes and a file
   * name may have 255; 100 leaves room for folders and «.pdf». Template names alike.
   */
  id: 100,
  /**
   * Lists: every one paginates, so the layout places any count; these keep a
   * direction a presentation (100 indicators gave 28 slides in 0.3 s, the
   * largest direction in content/ has 6, the long fixture 16).
   */
  indicators: 100,
  tasks: 100,
  events: 50,
  eventItems: 100,
  /**
   * Plan and fact: 13 integer digits («1 000 000 000 000», 17 characters) fill
   * the plan column at the table's smallest size (83 of 90 pt at 10 pt).
   */
  magnitude: 1e12,
  /**
   * With at most 6 decimals the smallest non-zero plan is 0.000001, so an
   * execution is at most 1e12 / 1e-6 × 100 = 1e20 % (21 digits), whose label the
   * chart still places (measured: the chart gives up beyond about 1e300 %).
   * 1e-300 would print 300 zeros.
   */
  decimals: 6,
  /** «№ 9999» is the widest category label of the chart (≈ 45 pt of 864): a strategy numbers its indicators in the hundreds. */
  indicatorNumber: 9999,
} as const;

/**
 * Length bounds apply to a value of the right type only: zod 4 would otherwise
 * also measure a string written where a list belongs (one mistake, two
 * messages). Its check parameters are passed to the check as they are, `when`
 * included, though their type leaves it out (hence `abort`, to match it).
 */
const onlyStrings = { abort: false, when: (payload: { value: unknown }) => typeof payload.value === 'string' };
const onlyLists = { abort: false, when: (payload: { value: unknown }) => Array.isArray(payload.value) };

const text = (description: string, max: number) =>
  z.string().trim().min(1, { message: 'строка не должна быть пустой' }).max(max, onlyStrings).describe(description);

/** Digits after the decimal point of a number as written (1e-7 has 7, 1.5e-7 has 8). */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

/** A plan or fact value the deck can print and the chart can place. */
const measuredValue = (description: string) =>
  z
    .number()
    .min(-LIMITS.magnitude)
    .max(LIMITS.magnitude)
    .refine((v) => decimalPlaces(v) <= LIMITS.decimals, {
      message: `не больше ${LIMITS.decimals} знаков после запятой`,
    })
    .describe(description);

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written as YYYY-MM-DD that really exists (no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** report.date's year is report.year or the next one (also keeps the zip dates, 1980–2107, in range). */
function isDateNearYear(date: string, year: number): boolean {
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
    number: z
      .number()
      .int()
      .positive()
      .max(LIMITS.indicatorNumber)
      .describe('Номер показателя в стратегии (целое > 0), уникален в файле'),
    name: text('Наименование показателя', LIMITS.indicatorName),
    unit: text('Единица измерения, например «%», «чел.», «ед.»', LIMITS.unit),
    note: text('Пояснение, печатается в скобках после единицы, например «ежегодно»', LIMITS.note).optional(),
    plan: measuredValue('Плановое значение'),
    fact: measuredValue('Фактическое значение')
      .nullable()
      .optional()
      .describe('Фактическое значение; null или отсутствует, если данных ещё нет'),
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

const EventSchema = z
  .strictObject({
    title: text('Название группы мероприятий', LIMITS.paragraph),
    label: text('Строка перед списком, например «Ключевое событие:»', LIMITS.paragraph).optional(),
    items: z
      .array(text('Мероприятие', LIMITS.paragraph))
      .max(LIMITS.eventItems, onlyLists)
      .default([])
      .describe('Мероприятия группы (список может быть пустым)'),
  })
  .describe('Группа основных мероприятий');

const ReportSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).describe('Отчётный год (2000–2100)'),
    date: z
      .string()
      .regex(DATE_PATTERN, { message: 'ожидается дата в виде ГГГГ-ММ-ДД, например 2023-12-15' })
      // Only a well-formed date is checked against the calendar: one message per mistake.
      .refine((v) => !DATE_PATTERN.test(v) || isCalendarDate(v), { message: 'такой даты нет в календаре' })
      .describe('Дата презентации в виде ГГГГ-ММ-ДД; печатается как ДД.ММ.ГГГГ'),
    title: text('Заголовок; по умолчанию из шаблона: «Итоги {year} года»', LIMITS.title).optional(),
  })
  .describe('Отчётный период и дата');

export const ContentSchema = z
  .strictObject({
    template: z
      .string()
      .max(LIMITS.id, onlyStrings)
      .regex(TEMPLATE_NAME_PATTERN, { message: 'имя шаблона: папка в templates/ из латинских букв, цифр, «-» и «_»' })
      .default('surgut')
      .describe('Шаблон оформления: имя папки в templates/ (по умолчанию surgut)'),
    sample: z
      .boolean()
      .optional()
      .describe(
        'Образец с вымышленными данными: на каждом слайде и в сводной по городу печатается «ОБРАЗЕЦ»; перед настоящей сборкой удалите такой файл',
      ),
    report: ReportSchema,
    direction: z
      .strictObject({
        id: z
          .string()
          .max(LIMITS.id, onlyStrings)
          .regex(SLUG_PATTERN, {
            message:
              'ожидается идентификатор из строчных латинских букв, цифр и «-», например institutional-environment',
          })
          .describe('Идентификатор направления: строчные латинские буквы, цифры и «-»; имя выходного файла'),
        name: text('Название направления стратегии', LIMITS.directionName),
        responsible: z
          .strictObject({
            position: text('Должность ответственного, например «Заместитель Главы города»', LIMITS.position),
            name: text('Фамилия и инициалы ответственного', LIMITS.personName),
          })
          .describe('Ответственный за реализацию направления'),
        order: z
          .number()
          .int()
          .min(1)
          .max(999)
          .optional()
          .describe(
            'Место направления в Стратегии (1, 2, …): в этом порядке направления идут в сводной презентации; без него — по идентификатору после пронумерованных',
          ),
      })
      .describe('Направление стратегии'),
    goal: text('Стратегическая цель направления', LIMITS.paragraph),
    tasks: z
      .array(text('Задача', LIMITS.paragraph))
      .min(1, { message: 'нужна хотя бы одна задача' })
      .max(LIMITS.tasks, onlyLists)
      .describe('Основные задачи направления'),
    events: z
      .array(EventSchema)
      .max(LIMITS.events, onlyLists)
      .default([])
      .describe('Основные мероприятия направления, по группам'),
    indicators: z
      .strictObject({
        fact_footnote: text(
          'Сноска к столбцу «Факт»: добавляет «*» к заголовку и этот текст под таблицей',
          LIMITS.footnote,
        ).optional(),
        items: z
          .array(IndicatorSchema)
          .min(1, { message: 'нужен хотя бы один показатель' })
          .max(LIMITS.indicators, onlyLists)
          .describe('Целевые показатели'),
      })
      .describe('Целевые показатели за год'),
    summary: text('Итоговая строка вместо сформированной автоматически', LIMITS.paragraph).optional(),
    notes: z
      .strictObject({
        indicators: text(
          'Заметки докладчика к слайду с таблицей показателей (при продолжении таблицы — к первому её слайду); без них заметки составляются из плана, факта и исполнения каждого показателя',
          LIMITS.notes,
        ).optional(),
        chart: text(
          'Заметки докладчика к слайду с диаграммой исполнения; без них — итоговая строка',
          LIMITS.notes,
        ).optional(),
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

/** JSON Schema for yaml-language-server (draft-07, input side: defaults are optional). */
export function contentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ContentSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'itogi: итоги года по направлению стратегии' };
}
