/**
 * zod issues → catalogue diagnostics, located in the YAML source. The wording
 * (the error map, bounds, number and date hints) is src/errors/zodMap.ts;
 * here each issue gets its line and column, the value as written, and the
 * hints that read the YAML itself (a colon in text, an unknown key's likely name).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type * as z from 'zod';
import { diagnostic, formatPath, type Diagnostic } from '../errors.js';
import { boundOf, dateHint, hasOwnMessage, numberHint, typeName } from '../errors/zodMap.js';
import { keyNodeAt, nodeAt, type Path, positionOfNode, valueAt, written } from './locate.js';
import type { Source } from './parse.js';
import { quotedSuggestion, quoteWritten } from './quote.js';
import { keysAt, suggestKey } from './schemaKeys.js';

type AnySchema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

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
  if (hasOwnMessage(issue, valueAt(source.data, path))) {
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
