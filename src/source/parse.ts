/**
 * Decoded text → YAML document with positions. Every problem here is a
 * located diagnostic; nothing throws for anything a user can write.
 */
import { isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { byPosition, diagnostic, type Diagnostic } from '../errors.js';
import { FORBIDDEN_CHAR, forbiddenChars, forbiddenInQuoted } from './forbidden.js';
import { MAX_FILE_BYTES } from './limits.js';
import { findTooDeep, MAX_NESTING } from './nesting.js';
import { firstPerLine, tabIndentFirst, YAML_MESSAGES, yamlDiagnostic } from './yamlMessages.js';

/** Aliases are never needed in content; a few are tolerated, a bomb is refused before it expands. */
const MAX_ALIAS_COUNT = 50;

export interface Source {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (what zod validates). */
  data: unknown;
}

export interface Position {
  line: number;
  col: number;
}

export interface Parsed {
  source?: Source;
  diagnostics: Diagnostic[];
}

export function positionOf(source: Pick<Source, 'lineCounter'>, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, col };
}

/** Line and column of an offset, without a LineCounter (before parsing). */
function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, col: offset - lineStart + 1 };
}

/**
 * What must be refused before the parser sees the text: characters the
 * deck's XML cannot hold (the parser would keep some in values and stumble
 * over others with a misleading message), and nesting deep enough to
 * overflow the parser's stack.
 */
function beforeParsing(file: string, text: string): Diagnostic[] {
  if (FORBIDDEN_CHAR.test(text)) return forbiddenChars(file, text);
  const deep = findTooDeep(text);
  if (!deep) return [];
  const at = { file, ...positionIn(text, deep.offset) };
  return [diagnostic('NestingTooDeep', at, { limit: MAX_NESTING, what: deep.what })];
}

/**
 * Several fields repeating inside one list item (`indicators.items[0].number`, `.name`, …) are
 * one mistake: the «- » that opened the next item was lost. Said once, where the next item
 * starts, without the advice to delete a repeated field (which would delete that item's data).
 */
function lostDashes(ds: readonly Diagnostic[]): Diagnostic[] {
  const byItem = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const item = d.code === 'DuplicateKey' ? /^(.*\[\d+\])\.[^.[\]]+$/.exec(d.path ?? '')?.[1] : undefined;
    if (item !== undefined) byItem.set(item, [...(byItem.get(item) ?? []), d]);
  }
  const merged = new Map<Diagnostic, Diagnostic | null>();
  for (const [item, repeats] of byItem) {
    if (repeats.length < 2) continue;
    const first = repeats[0]!;
    const keys = repeats.map((d) => (d.params as { key?: string } | undefined)?.key).filter(Boolean) as string[];
    const lost = diagnostic(
      'LostListDash',
      { file: first.file, line: first.line, col: first.col, path: item },
      { keys },
    );
    merged.set(first, lost);
    for (const d of repeats.slice(1)) merged.set(d, null);
  }
  return ds.flatMap((d) => {
    const m = merged.get(d);
    return m === undefined ? [d] : m === null ? [] : [m];
  });
}

/** The parser's errors (and unknown tags), one per line, located where the mistake is. */
function syntaxDiagnostics(file: string, text: string, doc: Document.Parsed): Diagnostic[] {
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  const located = lostDashes(firstPerLine(problems.map((e) => yamlDiagnostic(file, e, text, doc)).sort(byPosition)));
  return located.some((d) => d.code !== 'DuplicateKey' && d.code !== 'LostListDash')
    ? tabIndentFirst(file, text, located)
    : located;
}

/** Parses text already decoded. `file` is only used in messages. */
export function parseSource(file: string, text: string): Parsed {
  const refused = beforeParsing(file, text);
  if (refused.length > 0) return { diagnostics: refused };
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema whatever the file says (a `%YAML 1.1` line must not turn dates into
  // timestamps), and no `!!timestamp`/`!!binary` tags: content is plain text, numbers and lists.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    strict: true,
    schema: 'core',
    resolveKnownTags: false,
  });
  const diagnostics = syntaxDiagnostics(file, text, doc);
  // A duplicate key leaves a well-formed document: go on, so the file's other
  // (schema) errors are reported in the same run. Any other syntax error stops here.
  if (diagnostics.some((d) => d.code !== 'DuplicateKey' && d.code !== 'LostListDash')) return { diagnostics };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return { diagnostics: [diagnostic('EmptyFile', { file, line: 1, col: 1 }, {})] };
  }
  if (!isMap(contents)) {
    const { line, col } = lineCounter.linePos(contents.range?.[0] ?? 0);
    return { diagnostics: [diagnostic('NotAMapping', { file, line, col }, {})] };
  }
  const structural = structuralDiagnostics(file, text, doc, lineCounter);
  if (structural.length > 0) return { diagnostics: firstPerLine(structural) };
  const data = toData(file, doc, lineCounter);
  if ('diagnostic' in data) return { diagnostics: [data.diagnostic] };
  return { source: { file, text, doc, lineCounter, data: data.value }, diagnostics };
}

/** Aliases that point nowhere, forbidden characters written as escapes, collections used as keys. */
function structuralDiagnostics(file: string, text: string, doc: Document.Parsed, lc: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (offset: number) => ({ file, ...lc.linePos(offset) });
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc)) return;
      const problem = `ссылка «*${node.source}» ни на что не указывает: якорь «&${node.source}» должен стоять выше`;
      out.push(diagnostic('YamlSyntax', at(node.range?.[0] ?? 0), { problem }, { cause: 'BAD_ALIAS' }));
    },
    Scalar(_, node) {
      // Written as an escape in double quotes, a forbidden character passes the text check.
      if (node.type !== 'QUOTE_DOUBLE' || typeof node.value !== 'string' || !node.range) return;
      const raw = text.slice(node.range[0], node.range[1]);
      const found = forbiddenInQuoted(file, node.value, raw, node.range[0], (o) => lc.linePos(o));
      if (found) out.push(found);
    },
    Pair(_, pair) {
      // A list or mapping as a key ({a: 1}: x) cannot be a field name.
      if (!isCollection(pair.key)) return;
      const problem = YAML_MESSAGES['NON_STRING_KEY']!;
      out.push(diagnostic('YamlSyntax', at(pair.key.range?.[0] ?? 0), { problem }, { cause: 'NON_STRING_KEY' }));
    },
  });
  return out;
}

/**
 * The document as plain data. Aliases are counted before expansion: a
 * "billion laughs" file is refused at its first alias without ever building
 * the expanded tree.
 */
function toData(file: string, doc: Document.Parsed, lc: LineCounter): { value: unknown } | { diagnostic: Diagnostic } {
  let aliases = 0;
  let firstAlias = -1;
  visit(doc, {
    Alias(_, node) {
      if (firstAlias < 0) firstAlias = node.range?.[0] ?? 0;
      aliases++;
    },
  });
  const at = () => ({ file, ...lc.linePos(Math.max(firstAlias, 0)) });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return { diagnostic: diagnostic('AliasLimit', at(), { aliases }) };
  }
  // Within the alias count, aliases may still multiply a long list: what they expand to is
  // bounded as a file is (a file without aliases can hold no more).
  if (aliases > 0) {
    const expanded = expandedSize(value);
    if (expanded > MAX_FILE_BYTES)
      return { diagnostic: diagnostic('AliasLimit', at(), { aliases, expanded, limit: MAX_FILE_BYTES }) };
  }
  return { value };
}

/** Characters of every text and key in plain data, and one per value: what a deck would have to hold. */
function expandedSize(value: unknown): number {
  let size = 0;
  const stack = [value];
  while (stack.length > 0 && size <= MAX_FILE_BYTES) {
    const v = stack.pop();
    size += typeof v === 'string' ? v.length : 1;
    if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) {
        size += k.length;
        stack.push(x);
      }
  }
  return size;
}
