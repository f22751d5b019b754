/**
 * zod issues → catalogue diagnostics, located in the YAML source. zod's own
 * messages are replaced through its error customization (`zodErrorMap`,
 * passed to every parse by `parseWith`); a message the schema states itself
 * (a pattern, a refinement) outranks the map and is kept as the rule.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import { boundPhrase, diagnostic, formatPath, type BoundParams, type Diagnostic } from '../errors.js';
import { keyNodeAt, nodeAt, type Path, positionOfNode, written } from './locate.js';
import type { Source } from './parse.js';
import { quotedSuggestion, quoteWritten } from './quote.js';
import { keysAt, suggestKey } from './schemaKeys.js';

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

const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;

/** A size issue as the catalogue's bound params (without the written value). */
function boundOf(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): Omit<BoundParams, 'got'> {
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

function valueAt(data: unknown, path: Path): unknown {
  let here = data;
  for (const key of path)
    here = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[key] : undefined;
  return here;
}

/**
 * Whether the schema worded this issue itself (a pattern, a refinement):
 * its message is neither the error map's nor zod's English default (a parse
 * without `parseWith`).
 */
function hasOwnMessage(source: Source, issue: Issue): boolean {
  if (issue.message === zodErrorMap(issue)) return false;
  const english = englishDefault({ ...issue, input: valueAt(source.data, issue.path) } as z.core.$ZodRawIssue);
  return issue.message !== (typeof english === 'string' ? english : english?.message);
}

function numberHint(raw: string): string | undefined {
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
function dateHint(raw: string): string | undefined {
  const m = /^["']?(\d{1,2})[./](\d{1,2})[./](\d{4})["']?$/.exec(raw);
  return m ? `напишите ${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
}

/**
 * Text where text is expected, read by YAML as `key: value` because of its
 * colon (`- Ключевое событие: важное`, `- Ключевое событие:`): a one-line
 * mapping of one pair. Says to quote it, showing how.
 */
function colonTextHint(source: Source, path: Path): string | undefined {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isMap(node) || node.flow || node.items.length !== 1 || !node.range) return undefined;
  const pair = node.items[0]!;
  if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.type !== 'PLAIN') return undefined;
  if (pair.value !== null && !(isScalar(pair.value) && pair.value.type === 'PLAIN')) return undefined;
  const raw = source.text
    .slice(node.range[0], node.range[1])
    .replace(/\s+#.*$/, '')
    .trimEnd();
  if (raw.includes('\n')) return undefined;
  const inSeq = typeof path[path.length - 1] === 'number';
  const why = raw.endsWith(':') && !/:\s/.test(raw) ? 'текст кончается двоеточием' : 'в тексте есть «: »';
  return `${why} — возьмите его в кавычки: ${inSeq ? '- ' : ''}${quotedSuggestion(raw)}`;
}

function unknownKeys(source: Source, issue: z.core.$ZodIssueUnrecognizedKeys, schema?: AnySchema): Diagnostic[] {
  const known = schema ? keysAt(schema, issue.path) : [];
  return issue.keys.map((key) => {
    const at = {
      file: source.file,
      ...positionOfNode(source, keyNodeAt(source, issue.path, key)),
      path: formatPath([...issue.path, key]),
    };
    const suggestion = suggestKey(key, known);
    // A quoted key may hold line breaks or be very long: the message stays one short line.
    const shown = quoteWritten(key);
    return diagnostic('UnknownKey', at, { key: shown, ...(suggestion ? { suggestion } : {}) }, { cause: issue.code });
  });
}

function issueToDiagnostics(source: Source, issue: Issue, schema: AnySchema | undefined): Diagnostic[] {
  if (issue.code === 'unrecognized_keys') return unknownKeys(source, issue, schema);
  const path = issue.path;
  const { node, exact } = nodeAt(source, path);
  const at = { file: source.file, ...positionOfNode(source, node), path: formatPath(path) };
  const cause = { cause: issue.code };
  if (issue.code === 'invalid_type' && !exact) {
    const field = String(path[path.length - 1]);
    return [diagnostic('MissingField', at, { field, expected: typeName(issue.expected) }, cause)];
  }
  const raw = written(source, path);
  const got =
    raw === null || raw === '' ? 'пустое значение' : raw === 'набор полей' || raw === 'список' ? raw : `«${raw}»`;
  if (hasOwnMessage(source, issue)) {
    // Say what was written, unless the rule is about emptiness or size.
    const withGot = issue.code === 'invalid_format' || issue.code === 'custom';
    const hint = raw && withGot ? dateHint(raw) : undefined;
    const params = {
      kind: 'rule',
      rule: issue.message,
      ...(withGot ? { got } : {}),
      ...(hint ? { hint } : {}),
    } as const;
    return [diagnostic('InvalidValue', at, params, cause)];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const hint =
        issue.expected === 'number' && raw
          ? numberHint(raw)
          : issue.expected === 'string'
            ? colonTextHint(source, path)
            : undefined;
      const params = { kind: 'type', expected: typeName(issue.expected), got, ...(hint ? { hint } : {}) } as const;
      return [diagnostic('InvalidValue', at, params, cause)];
    }
    case 'too_small':
    case 'too_big': {
      // A list's size is what was written, not the list itself.
      const size = isSeq(node) && exact ? String(node.items.length) : got;
      return [diagnostic('InvalidValue', at, { ...boundOf(issue), got: size }, cause)];
    }
    case 'invalid_value':
      return [diagnostic('InvalidValue', at, { kind: 'choice', values: issue.values.map(String), got }, cause)];
    default:
      return [diagnostic('InvalidValue', at, { kind: 'rule', rule: 'недопустимое значение', got }, cause)];
  }
}

/**
 * zod issues → located diagnostics, for any YAML source (content or template).
 * With `schema`, an unknown key gets «возможно, имелось в виду …» from the
 * keys allowed at that place.
 */
export function zodDiagnostics(source: Source, issues: readonly Issue[], schema?: AnySchema): Diagnostic[] {
  return issues.flatMap((i) => issueToDiagnostics(source, i, schema));
}
