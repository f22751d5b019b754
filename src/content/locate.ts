/**
 * zod issues → located Russian diagnostics, for any YAML source (a direction
 * file or a template). Positions come from the YAML node ranges (value, key
 * for unknown keys, the enclosing item for a missing field), never from
 * searching the text.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { diagnostic, formatPath, type Diagnostic } from '../errors.js';
import { positionOf, quotedSuggestion, type Position, type Source } from './load.js';

export type Path = readonly PropertyKey[];

/** The deepest node on `path` that exists, and whether it is the node itself. */
export function nodeAt(source: Source, path: Path): { node: Node | null; exact: boolean } {
  let node: unknown = source.doc.contents;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    let next: unknown;
    if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') next = node.items[key];
    if (!isNode(next)) return { node: isNode(node) ? node : null, exact: false };
    node = next;
  }
  return { node: isNode(node) ? node : null, exact: true };
}

function keyNodeAt(source: Source, path: Path, key: string): Node | null {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isMap(node)) return null;
  // toJS turns keys such as `1:` or `~:` into the strings "1" and "": compare as text.
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value ?? '') === key);
  return pair && isNode(pair.key) ? pair.key : null;
}

/** Where a node starts (1:1 when there is none). */
export function positionOfNode(source: Source, node: Node | null): Position {
  return positionOf(source, node?.range?.[0] ?? 0);
}

/** Position of a field's value (or of the nearest enclosing node that exists). */
export function positionOfPath(source: Source, path: Path): Position {
  return positionOfNode(source, nodeAt(source, path).node);
}

/** The value as the user wrote it, for «получено «…»». */
function written(source: Source, path: Path): string | null {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !node) return null;
  if (isMap(node)) return 'набор полей';
  if (isSeq(node)) return 'список';
  const range = node.range;
  if (!range) return null;
  const raw = source.text.slice(range[0], range[1]).trim();
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}

// ---------------------------------------------------------------------------
// Field names, read from the zod schema itself (so they cannot drift from it).

type AnySchema = z.core.$ZodType;

/** Wrappers whose inner schema describes the same YAML node. */
function innerSchemas(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return [def['innerType'] as AnySchema];
    case 'pipe':
      return [def['in'] as AnySchema];
    case 'union':
      return def['options'] as AnySchema[];
    default:
      return [];
  }
}

/** The object shapes a schema accepts at this node (through optional, default, unions…). */
function shapesOf(schema: AnySchema): Record<string, AnySchema>[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'object') return [def['shape'] as Record<string, AnySchema>];
  return innerSchemas(schema).flatMap(shapesOf);
}

function elementsOf(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'array') return [def['element'] as AnySchema];
  return innerSchemas(schema).flatMap(elementsOf);
}

/** Every field name anywhere in the schema. */
export function schemaKeys(schema: AnySchema): string[] {
  const keys = new Set<string>();
  const seen = new Set<AnySchema>();
  const walk = (s: AnySchema) => {
    if (seen.has(s)) return;
    seen.add(s);
    for (const shape of shapesOf(s)) {
      for (const [key, child] of Object.entries(shape)) {
        keys.add(key);
        walk(child);
      }
    }
    for (const element of elementsOf(s)) walk(element);
  };
  walk(schema);
  return [...keys];
}

/** The field names allowed in the object at `path` (empty when the path leads nowhere known). */
export function keysAt(schema: AnySchema, path: Path): string[] {
  let here: AnySchema[] = [schema];
  for (const key of path) {
    here =
      typeof key === 'number'
        ? here.flatMap(elementsOf)
        : here.flatMap((s) =>
            shapesOf(s).flatMap((shape) => (Object.hasOwn(shape, key) ? [shape[key as string]!] : [])),
          );
  }
  return [...new Set(here.flatMap((s) => shapesOf(s).flatMap((shape) => Object.keys(shape))))];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known key closest to a typo (at most two edits), for «возможно, имелось в виду …». */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate);
    if (d <= 2 && d < key.length && (!best || d < best.d)) best = { key: candidate, d };
  }
  return best?.key;
}

// ---------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
  number: 'число',
  int: 'целое число',
  string: 'текст',
  array: 'список',
  object: 'набор полей «ключ: значение»',
  boolean: 'да/нет (true/false)',
  null: 'пустое значение',
};

const hasCyrillic = (s: string) => /[а-яё]/i.test(s);

function numberHint(raw: string): string {
  if (/^-?\d+,\d+$/.test(raw)) return `; дробную часть отделяйте точкой: ${raw.replace(',', '.')}`;
  if (/^-?\d{1,3}([\s\u00a0]\d{3})+([.,]\d+)?$/.test(raw))
    return `; пишите число без пробелов: ${raw.replace(/[\s\u00a0]/g, '').replace(',', '.')}`;
  if (/^-?[\d.,]+\s*%$/.test(raw)) return '; знак % не нужен, укажите только число';
  if (/^(["'])-?[\d\s\u00a0]*[.,]?\d+\1$/.test(raw))
    return `; уберите кавычки: ${raw
      .slice(1, -1)
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.')}`;
  return '';
}

/** `15.12.2023` → `; напишите 2023-12-15` (the printed form is not the written one). */
function dateHint(raw: string): string {
  const m = /^["']?(\d{1,2})[./](\d{1,2})[./](\d{4})["']?$/.exec(raw);
  return m ? `; напишите ${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
}

/**
 * Text where text is expected, read by YAML as `key: value` because of its
 * colon (`- Ключевое событие: важное`, `- Ключевое событие:`): a one-line
 * mapping of one pair. Says to quote it, showing how.
 */
function colonTextHint(source: Source, path: Path): string {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isMap(node) || node.flow || node.items.length !== 1 || !node.range) return '';
  const pair = node.items[0]!;
  if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.type !== 'PLAIN') return '';
  if (pair.value !== null && !(isScalar(pair.value) && pair.value.type === 'PLAIN')) return '';
  const raw = source.text
    .slice(node.range[0], node.range[1])
    .replace(/\s+#.*$/, '')
    .trimEnd();
  if (raw.includes('\n')) return '';
  const inSeq = typeof path[path.length - 1] === 'number';
  const shown = quotedSuggestion(raw);
  const why = raw.endsWith(':') && !/:\s/.test(raw) ? 'текст кончается двоеточием' : 'в тексте есть «: »';
  return `; ${why} — возьмите его в кавычки: ${inSeq ? '- ' : ''}${shown}`;
}

function issueToDiagnostics(source: Source, issue: z.core.$ZodIssue, schema: AnySchema | undefined): Diagnostic[] {
  const file = source.file;
  const path = issue.path;
  const pathText = formatPath(path);

  if (issue.code === 'unrecognized_keys') {
    const known = schema ? keysAt(schema, path) : [];
    return issue.keys.map((key) => {
      const keyNode = keyNodeAt(source, path, key);
      const at = { file, ...positionOfNode(source, keyNode), path: formatPath([...path, key]) };
      const guess = suggestKey(key, known);
      const msg =
        `неизвестное поле «${key}»` +
        (guess ? `; возможно, имелось в виду «${guess}»` : '; удалите его или исправьте опечатку');
      return diagnostic('UnknownKey', at, msg);
    });
  }

  const { node, exact } = nodeAt(source, path);
  const at = { file, ...positionOfNode(source, node), path: pathText };

  if (issue.code === 'invalid_type' && !exact) {
    const field = String(path[path.length - 1]);
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return [diagnostic('MissingField', at, `не хватает обязательного поля «${field}» (${expected})`)];
  }
  const raw = written(source, path);
  const got =
    raw === null || raw === '' ? 'пустое значение' : raw === 'набор полей' || raw === 'список' ? raw : `«${raw}»`;

  // Our own Russian messages (regex, refine): say what was written, unless the message is about emptiness.
  if (hasCyrillic(issue.message)) {
    const withGot =
      issue.code === 'invalid_format' || issue.code === 'custom'
        ? `${issue.message}; получено ${got}${raw ? dateHint(raw) : ''}`
        : issue.message;
    return [diagnostic('InvalidValue', at, withGot)];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const hint =
        issue.expected === 'number' && raw
          ? numberHint(raw)
          : issue.expected === 'string'
            ? colonTextHint(source, path)
            : '';
      return [diagnostic('InvalidValue', at, `ожидается ${expected}, получено ${got}${hint}`)];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word =
        issue.code === 'too_small'
          ? issue.inclusive
            ? 'не меньше'
            : 'больше'
          : issue.inclusive
            ? 'не больше'
            : 'меньше';
      const what =
        issue.origin === 'array'
          ? 'число элементов должно быть'
          : issue.origin === 'string'
            ? 'длина должна быть'
            : 'значение должно быть';
      return [diagnostic('InvalidValue', at, `${what} ${word} ${String(bound)}, получено ${got}`)];
    }
    case 'invalid_value':
      return [
        diagnostic('InvalidValue', at, `допустимые значения: ${issue.values.map(String).join(', ')}; получено ${got}`),
      ];
    default:
      return [diagnostic('InvalidValue', at, `недопустимое значение ${got}`)];
  }
}

/**
 * zod issues → located diagnostics, for any YAML source (content or template).
 * With `schema`, an unknown key gets «возможно, имелось в виду …» from the
 * keys allowed at that place.
 */
export function zodDiagnostics(source: Source, issues: readonly z.core.$ZodIssue[], schema?: AnySchema): Diagnostic[] {
  return issues.flatMap((i) => issueToDiagnostics(source, i, schema));
}
