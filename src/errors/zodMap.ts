/**
 * The zod error map (Astro's errors/zod-error-map.ts): zod's issues worded as
 * the catalogue's InvalidValue params, with no YAML in sight; src/source/zodIssues.ts
 * locates them in the file. Imported directly, not through src/errors.ts: it
 * loads zod, and errors.ts is on every path, `itogi --help` included.
 */
import type * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import type { BoundParams } from './data.js';
import { boundPhrase } from './grammar.js';

type AnySchema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  number: 'число',
  int: 'целое число',
  string: 'текст',
  array: 'список',
  object: 'набор полей «ключ: значение»',
  boolean: 'да/нет (true/false)',
  null: 'пустое значение',
};

/** zod's type name (number, array…) in Russian: «число», «список». */
export const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;

/** A size issue as the catalogue's bound params (without the written value). */
export function boundOf(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): Omit<BoundParams, 'got'> {
  const max = issue.code === 'too_big';
  const origin = String(issue.origin);
  const subject = ['number', 'int', 'bigint'].includes(origin)
    ? 'number'
    : origin === 'string' || origin === 'array'
      ? origin
      : 'other';
  const bound = Number(max ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  return { kind: 'bound', subject, side: max ? 'max' : 'min', inclusive: issue.inclusive ?? true, bound };
}

/**
 * zod's error customization: the Russian message of an issue that the schema
 * did not word itself. Takes zod's raw issue (during parsing) or a finished one.
 */
export const zodErrorMap = (issue: z.core.$ZodRawIssue | Issue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return `ожидается ${typeName(issue.expected)}`;
    case 'too_big':
    case 'too_small':
      return boundPhrase(boundOf(issue as z.core.$ZodIssueTooBig));
    case 'invalid_value':
      return `допустимые значения: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `неизвестное поле «${issue.keys.join('», «')}»`;
    default:
      return 'недопустимое значение';
  }
};

/** `schema.safeParse` with Russian messages. */
export function parseWith<S extends AnySchema>(schema: S, data: unknown): z.core.util.SafeParseResult<z.output<S>> {
  return (schema as unknown as z.ZodType<z.output<S>>).safeParse(data, { error: zodErrorMap });
}

const englishDefault = en().localeError;

/**
 * Whether the schema worded this issue itself (a pattern, a refinement):
 * its message is neither the error map's nor zod's English default (a parse
 * without `parseWith`). `input`: the value the issue is about.
 */
export function hasOwnMessage(issue: Issue, input: unknown): boolean {
  if (issue.message === zodErrorMap(issue)) return false;
  const english = englishDefault({ ...issue, input } as z.core.$ZodRawIssue);
  return issue.message !== (typeof english === 'string' ? english : english?.message);
}

/** What to write instead of a number as written (`80,4`, `1 234`, `72 %`, `"45"`). */
export function numberHint(raw: string): string | undefined {
  if (/^-?\d+,\d+$/.test(raw)) return `дробную часть отделяйте точкой: ${raw.replace(',', '.')}`;
  if (/^-?\d{1,3}([\s\u00a0]\d{3})+([.,]\d+)?$/.test(raw))
    return `пишите число без пробелов: ${raw.replace(/[\s\u00a0]/g, '').replace(',', '.')}`;
  if (/^-?[\d.,]+\s*%$/.test(raw)) return 'знак % не нужен, укажите только число';
  if (/^(["'])-?[\d\s\u00a0]*[.,]?\d+\1$/.test(raw))
    return `уберите кавычки: ${raw
      .slice(1, -1)
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.')}`;
  return undefined;
}

/** `15.12.2023` → `напишите 2023-12-15` (the printed form is not the written one). */
export function dateHint(raw: string): string | undefined {
  const m = /^["']?(\d{1,2})[./](\d{1,2})[./](\d{4})["']?$/.exec(raw);
  return m ? `напишите ${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
}
