/**
 * Stage 2: plain data → typed Content, or located Russian diagnostics.
 * Positions come from the YAML node ranges (value, key for unknown keys,
 * the enclosing item for a missing field), never from searching the text.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { diagnostic, formatPath, type Diagnostic } from '../errors.js';
import { ContentSchema, TEMPLATE_NAME_PATTERN, type Content } from './schema.js';
import { positionOf, type Source } from './load.js';

type Path = readonly PropertyKey[];

/** The deepest node on `path` that exists, and whether it is the node itself. */
function nodeAt(source: Source, path: Path): { node: Node | null; exact: boolean } {
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

function locate(source: Source, node: Node | null) {
  const offset = node?.range?.[0] ?? 0;
  return positionOf(source, offset);
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

const TYPE_NAMES: Record<string, string> = {
  number: 'число',
  int: 'целое число',
  string: 'текст',
  array: 'список',
  object: 'набор полей «ключ: значение»',
  boolean: 'да/нет (true/false)',
  null: 'пустое значение',
};

/** Every key the format knows, for «возможно, имелось в виду …». */
const KNOWN_KEYS = [
  'template', 'report', 'year', 'date', 'title', 'direction', 'id', 'name', 'responsible', 'position',
  'goal', 'tasks', 'events', 'label', 'items', 'indicators', 'fact_footnote', 'number', 'unit', 'note',
  'plan', 'fact', 'better', 'precision', 'summary',
];

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

export function suggestKey(key: string): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const known of KNOWN_KEYS) {
    const d = editDistance(key.toLowerCase(), known);
    if (d <= 2 && d < key.length && (!best || d < best.d)) best = { key: known, d };
  }
  return best?.key;
}

const hasCyrillic = (s: string) => /[а-яё]/i.test(s);

function numberHint(raw: string): string {
  if (/^-?\d+,\d+$/.test(raw)) return `; дробную часть отделяйте точкой: ${raw.replace(',', '.')}`;
  if (/^-?\d{1,3}([\s\u00a0]\d{3})+([.,]\d+)?$/.test(raw)) return `; пишите число без пробелов: ${raw.replace(/[\s\u00a0]/g, '').replace(',', '.')}`;
  if (/^-?[\d.,]+\s*%$/.test(raw)) return '; знак % не нужен, укажите только число';
  if (/^(["'])-?[\d\s\u00a0]*[.,]?\d+\1$/.test(raw)) return `; уберите кавычки: ${raw.slice(1, -1).replace(/[\s\u00a0]/g, '').replace(',', '.')}`;
  return '';
}

/** `15.12.2023` → `; напишите 2023-12-15` (the printed form is not the written one). */
function dateHint(raw: string): string {
  const m = /^["']?(\d{1,2})[./](\d{1,2})[./](\d{4})["']?$/.exec(raw);
  return m ? `; напишите ${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
}

function issueToDiagnostics(source: Source, issue: z.core.$ZodIssue): Diagnostic[] {
  const file = source.file;
  const path = issue.path;
  const pathText = formatPath(path);

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyNode = keyNodeAt(source, path, key);
      const at = { file, ...locate(source, keyNode), path: formatPath([...path, key]) };
      const guess = suggestKey(key);
      const msg = `неизвестное поле «${key}»` + (guess ? `; возможно, имелось в виду «${guess}»` : '; удалите его или исправьте опечатку');
      return diagnostic('UnknownKey', at, msg);
    });
  }

  const { node, exact } = nodeAt(source, path);
  const at = { file, ...locate(source, node), path: pathText };

  if (issue.code === 'invalid_type' && !exact) {
    const field = String(path[path.length - 1]);
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return [diagnostic('MissingField', at, `не хватает обязательного поля «${field}» (${expected})`)];
  }
  const raw = written(source, path);
  const got = raw === null || raw === '' ? 'пустое значение' : raw === 'набор полей' || raw === 'список' ? raw : `«${raw}»`;

  // Our own Russian messages (regex, refine): say what was written, unless the message is about emptiness.
  if (hasCyrillic(issue.message)) {
    const withGot = issue.code === 'invalid_format' || issue.code === 'custom' ? `${issue.message}; получено ${got}${raw ? dateHint(raw) : ''}` : issue.message;
    return [diagnostic('InvalidValue', at, withGot)];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const hint = issue.expected === 'number' && raw ? numberHint(raw) : '';
      return [diagnostic('InvalidValue', at, `ожидается ${expected}, получено ${got}${hint}`)];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word =
        issue.code === 'too_small' ? (issue.inclusive ? 'не меньше' : 'больше') : issue.inclusive ? 'не больше' : 'меньше';
      const what = issue.origin === 'array' ? 'число элементов должно быть' : issue.origin === 'string' ? 'длина должна быть' : 'значение должно быть';
      return [diagnostic('InvalidValue', at, `${what} ${word} ${String(bound)}, получено ${got}`)];
    }
    case 'invalid_value':
      return [diagnostic('InvalidValue', at, `допустимые значения: ${issue.values.map(String).join(', ')}; получено ${got}`)];
    default:
      return [diagnostic('InvalidValue', at, `недопустимое значение ${got}`)];
  }
}

/** zod issues → located diagnostics, for any YAML source (content or template). */
export function zodDiagnostics(source: Source, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  return issues.flatMap((i) => issueToDiagnostics(source, i));
}

/** Checks zod cannot express with positions: unique indicator numbers, template name. */
function semanticChecks(source: Source): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data = source.data as { template?: unknown; indicators?: { items?: unknown } } | null;
  const items = Array.isArray(data?.indicators?.items) ? (data!.indicators!.items as unknown[]) : [];
  const firstSeen = new Map<number, number>();
  items.forEach((item, i) => {
    const n = (item as { number?: unknown } | null)?.number;
    if (typeof n !== 'number') return;
    const first = firstSeen.get(n);
    if (first === undefined) {
      firstSeen.set(n, i);
      return;
    }
    const path = ['indicators', 'items', i, 'number'];
    const firstPos = locate(source, nodeAt(source, ['indicators', 'items', first, 'number']).node);
    out.push(
      diagnostic(
        'DuplicateIndicatorNumber',
        { file: source.file, ...locate(source, nodeAt(source, path).node), path: formatPath(path) },
        `номер показателя ${n} уже использован в строке ${firstPos.line}`,
      ),
    );
  });
  const template = data?.template;
  if (typeof template === 'string' && !TEMPLATE_NAME_PATTERN.test(template) && /[/\\.]/.test(template)) {
    const pos = locate(source, nodeAt(source, ['template']).node);
    out.push(
      diagnostic('TemplateOutsideFolder', { file: source.file, ...pos, path: 'template' }, `«${template}» — это путь; шаблон ищется только среди папок templates/`),
    );
  }
  return out;
}

export interface Validated {
  content?: Content;
  diagnostics: Diagnostic[];
}

export function validateSource(source: Source): Validated {
  const semantic = semanticChecks(source);
  const result = ContentSchema.safeParse(source.data);
  const schemaDiagnostics = result.success ? [] : zodDiagnostics(source, result.error.issues);
  // A path-like template gets the specific message, not the generic pattern one as well.
  const templateSpecific = semantic.some((d) => d.code === 'TemplateOutsideFolder');
  const diagnostics = [...schemaDiagnostics.filter((d) => !(templateSpecific && d.path === 'template')), ...semantic].sort(
    (a, b) => a.line - b.line || a.col - b.col,
  );
  if (diagnostics.some((d) => d.severity === 'error') || !result.success) return { diagnostics };
  return { content: result.data, diagnostics };
}

/** Position of a field's value, for warnings raised after validation (e.g. a zero divisor). */
export function positionOfPath(source: Source, path: Path): { line: number; col: number } {
  return locate(source, nodeAt(source, path).node);
}
