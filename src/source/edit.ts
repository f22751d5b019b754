/**
 * The one way to change a value in a direction file: only that value's bytes
 * change. Comments, blank lines, CRLF line ends, a byte-order mark, the order
 * of keys and the quoting style of every other value stay as written; the new
 * value keeps the old one's style where it can (a double-quoted string stays
 * double-quoted). Built on the `yaml` Document's node ranges: the text is
 * spliced where the parser says the value lies, never searched.
 *
 * Every edit is checked by parsing the result: the document must mean exactly
 * the old document with the new values put in, or an EditError is thrown and
 * no text is returned. Used by `itogi import` and the preview's editor;
 * listEdit.ts's list edits go through the same `applyEdit`.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Scalar,
  stringify,
  type YAMLMap,
} from 'yaml';
import { eolAt, type FileText, fileText, parserText } from './text.js';

/** A value an edit can write: a number, a string, or null (a pending fact). */
export type ScalarValue = string | number | null;

export type EditPath = readonly (string | number)[];

export interface ScalarEdit {
  /** Where the value lies, e.g. `['indicators', 'items', 2, 'fact']`. */
  path: EditPath;
  value: ScalarValue;
  /**
   * When the key is absent from its mapping it is added, on a line of its own
   * after this sibling key (if present), else after the mapping's last key.
   */
  after?: string;
}

/** An edit that cannot be made as asked: a path to nothing, to a list or a mapping, a file that does not parse. */
export class EditError extends Error {
  constructor(
    message: string,
    readonly path: EditPath,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

/** The same options the loader parses direction files with (src/source/parse.ts). */
function parse(text: string) {
  return parseDocument(text, { schema: 'core', resolveKnownTags: false, strict: true, uniqueKeys: true });
}

/** New text for `start`..`end` of the text as written (the same offsets as in the parsed text). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

interface ScalarSplice extends Splice {
  /** The edit's place in the list: insertions at one offset keep the list's order. */
  order: number;
}

export const pathText = (path: EditPath) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

/** A number as YAML writes it, never in exponent form (1e-7 would read back as a string in some tools). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const plain = String(value);
  if (!/e/i.test(plain)) return plain;
  const [mantissa = '', exponent = '0'] = plain.split(/e/i);
  const negative = mantissa.startsWith('-');
  const [int = '', frac = ''] = mantissa.replace('-', '').split('.');
  const digits = int + frac;
  const point = int.length + Number(exponent);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body;
}

/** A string in double quotes on one line (JSON's escapes are YAML's). */
const doubleQuoted = (s: string) =>
  JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** A string as a plain (unquoted) one-line scalar when YAML reads it back as the same string, else undefined. */
function plainText(s: string, inFlow: boolean): string | undefined {
  if (s === '' || /[\n\r]/.test(s) || (inFlow && /[,[\]{}]/.test(s))) return undefined;
  const written = stringify(s, { lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
  if (written !== s) return undefined;
  return written;
}

/** The new value's text, in the old node's style where that style can hold it. */
export function render(value: ScalarValue, old: Scalar | undefined, inFlow: boolean): string {
  if (value === null) return old && isScalar(old) && old.source === '~' ? '~' : 'null';
  if (typeof value === 'number') return numberText(value);
  const type = old?.type;
  if (type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (type !== 'QUOTE_DOUBLE') {
    const plain = plainText(value, inFlow);
    if (plain !== undefined) return plain;
  }
  return doubleQuoted(value);
}

/** Where the line holding `offset` starts. */
export const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

export function walk(root: unknown, path: EditPath): { node: unknown; parents: unknown[] } {
  let node: unknown = root;
  const parents: unknown[] = [];
  for (const key of path) {
    parents.push(node);
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return { node: undefined, parents };
  }
  return { node, parents };
}

/** The splice that puts `value` where `edit.path` points in the file's text. */
function spliceFor(file: FileText, doc: Document.Parsed, edit: ScalarEdit, order: number): ScalarSplice | undefined {
  const text = file.parsed;
  const { path, value } = edit;
  if (path.length === 0) throw new EditError('пустой путь', path);
  const key = path[path.length - 1]!;
  const { node, parents } = walk(doc.contents, path);
  const parent = parents[parents.length - 1];
  const inFlow = isCollection(parent) && parent.flow === true;
  if (node === undefined || node === null) {
    if (!isMap(parent) || typeof key !== 'string' || parents.length !== path.length)
      throw new EditError(`нет значения ${pathText(path)}`, path);
    const present = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    // `key:` with nothing after it: the parser keeps an empty scalar, so this is a pair without a node only in odd cases.
    if (present) throw new EditError(`у поля ${pathText(path)} нет значения, которое можно заменить`, path);
    if (value === null) return undefined; // an absent key already means null
    return insertion(file, parent, key, value, edit.after, order, path);
  }
  if (!isScalar(node)) throw new EditError(`${pathText(path)}: это список или набор полей, а не значение`, path);
  const [start, end] = node.range ?? [0, 0];
  if (sameValue(node.value, value)) return undefined;
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    const old = { parsed: text.slice(start, end), written: file.written.slice(start, end) };
    return { start, end, text: blockText(old, value, eolAt(file.written, start), inFlow), order };
  }
  const written = render(value, node, inFlow);
  if (start !== end) return { start, end, text: written, order };
  // `fact:` with nothing written (perhaps spaces and a comment after it): the value goes right after the colon.
  let at = start;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return { start: at, end: at, text: ` ${written}`, order };
}

/**
 * A block scalar (`>-`, `|`) given a new value: its header and indentation kept, or the value on one line if
 * it is not a string. Its lines end in `eol`; its own last line end (part of its range) stays as written.
 */
function blockText(old: { parsed: string; written: string }, value: ScalarValue, eol: string, inFlow: boolean): string {
  const header = /^[|>][-+0-9]*/.exec(old.parsed)?.[0] ?? '>-';
  const indent = /\r?\n([ ]+)\S/.exec(old.parsed)?.[1];
  const trail = /\r\n$|\r$|\n$/.exec(old.written)?.[0] ?? '';
  const folded = header.startsWith('>');
  if (typeof value !== 'string' || indent === undefined || value.trim() !== value || value === '')
    return `${render(value, undefined, inFlow)}${trail}`;
  // Folded text with a line break of its own cannot stay folded: it goes on one line in double quotes.
  if (folded && /[\r\n]/.test(value)) return `${doubleQuoted(value)}${trail}`;
  const lines = folded ? [value] : value.split(/\r?\n/);
  return `${header}${eol}${lines.map((l) => (l === '' ? '' : indent + l)).join(eol)}${trail}`;
}

function sameValue(old: unknown, value: ScalarValue): boolean {
  if (value === null) return old === null || old === undefined;
  return old === value;
}

/** A new `key: value` line in a block mapping (after `after`, else after the last key), or `, key: value` in a flow one. */
function insertion(
  file: FileText,
  map: YAMLMap,
  key: string,
  value: ScalarValue,
  after: string | undefined,
  order: number,
  path: EditPath,
): ScalarSplice {
  const text = file.parsed;
  const pairs = map.items.filter(isPair);
  const anchor =
    (after !== undefined ? pairs.find((p) => isScalar(p.key) && p.key.value === after) : undefined) ?? pairs.at(-1);
  if (!anchor || !isScalar(anchor.key) || !anchor.key.range)
    throw new EditError(`некуда добавить поле ${pathText(path)}: набор полей пуст`, path);
  const keyText = plainText(key, map.flow === true) ?? doubleQuoted(key);
  const valueNode = anchor.value as Node | null;
  const valueEnd = valueNode?.range?.[1] ?? anchor.key.range[1];
  if (map.flow) {
    const rendered = render(value, undefined, true);
    return { start: valueEnd, end: valueEnd, text: `, ${keyText}: ${rendered}`, order };
  }
  const keyStart = anchor.key.range[0];
  const indent = text.slice(lineStart(text, keyStart), keyStart).replace(/[^ ]/g, ' ');
  const eol = eolAt(file.written, keyStart);
  // After the anchor's whole value (its trailing comment, a block's last line): at the start of the next line.
  const nodeEnd = valueNode?.range?.[2] ?? valueEnd;
  const rendered = render(value, undefined, false);
  const line = `${indent}${keyText}: ${rendered}`;
  if (nodeEnd > 0 && text[nodeEnd - 1] === '\n') return { start: nodeEnd, end: nodeEnd, text: `${line}${eol}`, order };
  const next = text.indexOf('\n', nodeEnd);
  if (next >= 0) return { start: next + 1, end: next + 1, text: `${line}${eol}`, order };
  return { start: text.length, end: text.length, text: `${eol}${line}`, order };
}

/** The document's data with the edits put in: what the edited text must read back as. */
function expected(data: unknown, edits: readonly ScalarEdit[]): unknown {
  const copy = structuredClone(data);
  for (const { path, value } of edits) {
    let at = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[path[path.length - 1]!] = value;
  }
  return copy;
}

/** Absent and null mean the same for a mapping's value: compare them as one. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, normalized(v)]),
    );
  return value;
}

export interface EditOptions {
  /** The loader's parse of this very text (its Source, of `parserText(text)`): not parsed again. */
  parsed?: { text: string; doc: Document.Parsed };
  /**
   * The caller's own parse of the edited text (of its `parserText`), used for the check
   * instead of a parse of this module's: a caller that validates the result parses it once.
   * Undefined when it does not parse (the edit is then refused).
   */
  reparse?: (text: string) => Document.Parsed | undefined;
}

/**
 * `text` with every edit made, each changing only its own value's bytes (or
 * adding one line for a key that was absent). Throws EditError when a path
 * leads nowhere or to a list or mapping, when the text does not parse, or
 * when the result would not read back as exactly these values.
 */
export function setScalars(text: string, edits: readonly ScalarEdit[], options: EditOptions = {}): string {
  let splices: ScalarSplice[] = [];
  const plan = (file: FileText, doc: Document.Parsed) => {
    splices = edits
      .map((edit, i) => spliceFor(file, doc, edit, i))
      .filter((s): s is ScalarSplice => s !== undefined)
      .sort((a, b) => b.start - a.start || b.order - a.order);
    for (let i = 1; i < splices.length; i++) {
      const [later, earlier] = [splices[i - 1]!, splices[i]!];
      if (earlier.end > later.start || (earlier.start === later.start && earlier.end !== earlier.start))
        throw new EditError('два изменения одного значения', edits[later.order]!.path);
    }
    return splices;
  };
  return applyEdit(text, options, plan, {
    want: (data) => expected(data, edits),
    refused: () => {
      const first = edits[splices[splices.length - 1]!.order]!;
      return new EditError(`значение ${pathText(first.path)} нельзя записать, не изменив смысла файла`, first.path);
    },
  });
}

/**
 * The one sequence every edit of a file's text goes through (setScalars here,
 * editList in listEdit.ts): the text parsed as the loader parses it (or the
 * caller's parse of it used), the splices `plan` gives made in the text as
 * written, from its end backwards, so every other byte stays; then the result
 * parsed again and compared with what `want` says the data must now be, or
 * `refused()` thrown. The text itself when `plan` gives no splice.
 */
export function applyEdit(
  text: string,
  options: EditOptions,
  plan: (file: FileText, doc: Document.Parsed) => readonly Splice[],
  check: { want: (data: unknown) => unknown; refused: () => EditError },
): string {
  const file = fileText(text);
  // The loader's parse of this very text has the same node ranges.
  const doc = options.parsed?.text === file.parsed ? options.parsed.doc : parse(file.parsed);
  if (doc.errors.length > 0) throw new EditError(`файл не разбирается: ${doc.errors[0]!.message}`, []);
  const splices = plan(file, doc);
  if (splices.length === 0) return text;
  let out = file.written;
  for (const s of splices) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  const edited = file.bom + out;
  const again = options.reparse ? options.reparse(parserText(edited)) : parse(parserText(edited));
  if (
    !again ||
    again.errors.length > 0 ||
    !isDeepStrictEqual(normalized(again.toJS()), normalized(check.want(doc.toJS())))
  )
    throw check.refused();
  return edited;
}

/** `text` with the value at `path` set to `value`; see setScalars. */
export function setScalar(text: string, path: EditPath, value: ScalarValue, options: { after?: string } = {}): string {
  return setScalars(text, [{ path, value, ...options }]);
}
