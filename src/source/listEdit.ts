/**
 * Changes to the shape of a direction file: a list item added, removed or
 * moved, an optional key removed. Like setScalars (edit.ts), each change is a
 * splice of whole lines where the parser says the item lies: every other line
 * keeps its bytes (comments, blank lines, CRLF, a BOM, quoting), and the
 * result is parsed again and must mean exactly the old data with the change
 * made, or an EditError is thrown and no text is returned.
 *
 * Block lists get lines in their own indentation; a flow list (`items: []`)
 * gets its item inside the brackets. A comment on the lines right above an
 * item moves and goes with it.
 */
import { type Document, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  applyEdit,
  type EditOptions,
  EditError,
  type EditPath,
  lineStart,
  pathText,
  render,
  type ScalarValue,
  type Splice,
  walk,
} from './edit.js';
import { endsLine, eolAt, type FileText } from './text.js';

/** A new list item: a string (a task, an event item) or a mapping of scalars (an event group, an indicator). */
export type NewItem = string | Readonly<Record<string, ScalarValue>>;

export type ListEdit =
  /** A new item in the list at `path`, before item `at` (default: at the end). */
  | { kind: 'add'; path: EditPath; value: NewItem; at?: number }
  /** The list item or the mapping's key at `path`, with its lines. */
  | { kind: 'remove'; path: EditPath }
  /** The list item at `path` moved to index `to` of the same list. */
  | { kind: 'move'; path: EditPath; to: number }
  /** A mapping that is absent (`notes:`), made with these keys, after its parent's last key. */
  | { kind: 'map'; path: EditPath; value: Readonly<Record<string, ScalarValue>> };

/** Past the line holding `offset - 1`: a node's end may stop before its line's break, or after the next line's indentation. */
function afterLine(text: string, end: number): number {
  let at = end;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  if (at > 0 && text[at - 1] === '\n') return at;
  const next = text.indexOf('\n', at);
  return next >= 0 ? next + 1 : text.length;
}

const nodeEnd = (n: Node | null | undefined, fallback: number) => n?.range?.[2] ?? fallback;

/** The lines of list item `i`: from its «-» line (and the comment lines right above it) to the end of its last line. */
function itemLines(text: string, seq: YAMLSeq, i: number, path: EditPath): { start: number; end: number } {
  const item = seq.items[i] as Node | null;
  const at = item?.range?.[0];
  if (at === undefined) throw new EditError(`нет элемента ${pathText(path)}`, path);
  let start = lineStart(text, at);
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(start, at)))
    throw new EditError(`${pathText(path)}: элемент списка записан не на своей строке`, path);
  // Comment lines right above the item are about it (not above the first: they follow the list's key).
  if (i > 0) {
    const previousEnd = afterLine(text, nodeEnd(seq.items[i - 1] as Node, at));
    while (start > previousEnd) {
      const above = lineStart(text, start - 1);
      if (above < previousEnd || !/^[ \t]*#/.test(text.slice(above, start))) break;
      start = above;
    }
  }
  return { start, end: afterLine(text, nodeEnd(item, at)) };
}

/** The lines of a mapping's key with its value: only when the key begins its line. */
function pairLines(text: string, pair: Pair, path: EditPath): { start: number; end: number } {
  const key = pair.key as Node;
  const at = key.range?.[0] ?? 0;
  const start = lineStart(text, at);
  if (!/^[ \t]*$/.test(text.slice(start, at)))
    throw new EditError(`${pathText(path)}: поле записано не на своей строке, его нельзя удалить`, path);
  const value = pair.value as Node | null;
  return { start, end: afterLine(text, nodeEnd(value, key.range?.[1] ?? at)) };
}

/** The new item's lines at the list's indentation: `- text`, or `- key: value` and the other keys under the first. */
function itemText(value: NewItem, dash: string, eol: string): string {
  if (typeof value === 'string') return `${dash}- ${render(value, undefined, false)}${eol}`;
  const entries = Object.entries(value).filter(([, v]) => v !== null);
  if (entries.length === 0) throw new RangeError('a new mapping item needs a key');
  const pad = ' '.repeat(dash.length + 2);
  return entries
    .map(([k, v], i) => `${i === 0 ? `${dash}- ` : pad}${k}: ${render(v, undefined, false)}${eol}`)
    .join('');
}

/** Ends `s` with `eol` if it does not end with a line break. */
const withEol = (s: string, eol: string) => (endsLine(s) ? s : s + eol);

function addSplice(file: FileText, doc: Document.Parsed, edit: Extract<ListEdit, { kind: 'add' }>): Splice {
  const text = file.parsed;
  const { path, value } = edit;
  const { node, parents } = walk(doc.contents, path);
  const parent = parents[parents.length - 1];
  if (node === undefined || (isScalar(node) && node.value === null)) {
    // No list yet (`items` absent): the key goes after the mapping's last key, the item under it.
    const key = path[path.length - 1];
    if (!isMap(parent) || typeof key !== 'string' || parents.length !== path.length || isScalar(node))
      throw new EditError(`нет списка ${pathText(path)}`, path);
    return newList(file, parent, key, value, path);
  }
  if (!isSeq(node)) throw new EditError(`${pathText(path)}: это не список`, path);
  const at = edit.at ?? node.items.length;
  if (!Number.isInteger(at) || at < 0 || at > node.items.length)
    throw new EditError(`нет места ${at} в списке ${pathText(path)}`, path);
  const range = node.range ?? [0, 0, 0];
  if (node.flow) {
    if (typeof value !== 'string') throw new EditError(`${pathText(path)}: список записан в строку`, path);
    const written = render(value, undefined, true);
    if (node.items.length === 0) {
      const open = text.indexOf('[', range[0]);
      return { start: open + 1, end: open + 1, text: written };
    }
    if (at < node.items.length) {
      const before = (node.items[at] as Node).range![0];
      return { start: before, end: before, text: `${written}, ` };
    }
    const last = (node.items[node.items.length - 1] as Node).range![1];
    return { start: last, end: last, text: `, ${written}` };
  }
  const near = Math.min(at, node.items.length - 1);
  const ref = itemLines(text, node, near, path);
  const firstNode = node.items[0] as Node;
  const dashStart = lineStart(text, firstNode.range![0]);
  const dash = text.slice(dashStart, text.indexOf('-', dashStart));
  // The new item's lines end as the item's it goes before (or after, at the end).
  const eol = eolAt(file.written, (node.items[near] as Node).range![0]);
  if (at < node.items.length) {
    const here = itemLines(text, node, at, path).start;
    return { start: here, end: here, text: itemText(value, dash, eol) };
  }
  const lineEnded = ref.end > 0 && text[ref.end - 1] === '\n';
  return { start: ref.end, end: ref.end, text: (lineEnded ? '' : eol) + itemText(value, dash, eol) };
}

/** `key:` and the first item under it (or, for a mapping, its keys), after the mapping's last key, at its keys' indentation. */
function newList(file: FileText, map: YAMLMap, key: string, value: NewItem, path: EditPath, asMap = false): Splice {
  const text = file.parsed;
  const pairs = map.items;
  const last = pairs[pairs.length - 1];
  const first = pairs[0]?.key as Node | undefined;
  if (!last || !first?.range || map.flow) throw new EditError(`некуда добавить список ${pathText(path)}`, path);
  const col = first.range[0] - lineStart(text, first.range[0]);
  const pad = ' '.repeat(col);
  const present = pairs.find((p) => isScalar(p.key) && p.key.value === key);
  const lines = (eol: string) => {
    const under = asMap
      ? Object.entries(value)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${pad}  ${k}: ${render(v, undefined, false)}${eol}`)
          .join('')
      : itemText(value, `${pad}  `, eol);
    return `${pad}${key}:${eol}${under}`;
  };
  if (present) {
    // `items:` with nothing after it: its line is replaced, and its lines end as it did.
    const { start, end } = pairLines(text, present, path);
    return { start, end, text: lines(eolAt(file.written, start)) };
  }
  const end = afterLine(text, nodeEnd(last.value as Node | null, (last.key as Node).range?.[1] ?? 0));
  const lineEnded = end > 0 && text[end - 1] === '\n';
  // The new lines end as the line they follow.
  const eol = eolAt(file.written, lineStart(text, end - 1));
  return { start: end, end, text: (lineEnded ? '' : eol) + lines(eol) };
}

function removeSplice(file: FileText, doc: Document.Parsed, path: EditPath): Splice {
  const text = file.parsed;
  const key = path[path.length - 1];
  const { node, parents } = walk(doc.contents, path);
  const parent = parents[parents.length - 1];
  if (node === undefined || parents.length !== path.length) throw new EditError(`нет значения ${pathText(path)}`, path);
  if (isMap(parent) && typeof key === 'string') {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key)!;
    if (parent.flow) throw new EditError(`${pathText(path)}: поля записаны в строку`, path);
    return { ...pairLines(text, pair, path), text: '' };
  }
  if (!isSeq(parent) || typeof key !== 'number') throw new EditError(`нет значения ${pathText(path)}`, path);
  if (parent.flow) {
    const items = parent.items as Node[];
    const [start, end] = [items[key]!.range![0], items[key]!.range![1]];
    if (items.length === 1) return { start, end, text: '' };
    // The comma after the item (or, for the last, the one before it) goes with it.
    if (key < items.length - 1) return { start, end: items[key + 1]!.range![0], text: '' };
    return { start: items[key - 1]!.range![1], end, text: '' };
  }
  const lines = itemLines(text, parent, key, path);
  if (parent.items.length > 1) return { ...lines, text: '' };
  // The only item: the list stays, empty, as `[]` after its key (a bare `items:` would read as null).
  const colon = text.lastIndexOf(':', parent.range![0]);
  return { start: colon + 1, end: lines.end, text: ` []${eolAt(file.written, colon)}` };
}

/** Item `from` moved to `to`: the items' lines change places, what lies between them stays where it was. */
function moveSplice(file: FileText, doc: Document.Parsed, path: EditPath, to: number): Splice {
  const [text, written] = [file.parsed, file.written];
  const from = path[path.length - 1];
  const { parents } = walk(doc.contents, path);
  const seq = parents[parents.length - 1];
  if (!isSeq(seq) || typeof from !== 'number' || from < 0 || from >= seq.items.length || parents.length !== path.length)
    throw new EditError(`нет элемента ${pathText(path)}`, path);
  if (!Number.isInteger(to) || to < 0 || to >= seq.items.length)
    throw new EditError(`нет места ${to} в списке ${pathText(path.slice(0, -1))}`, path);
  if (seq.flow) throw new EditError(`${pathText(path)}: список записан в строку`, path);
  const spans = seq.items.map((_, i) => itemLines(text, seq, i, path));
  // The lines as written: each item keeps its own line ends.
  const eol = eolAt(written, spans[0]!.start);
  const chunks = spans.map((s) => withEol(written.slice(s.start, s.end), eol));
  const gaps = spans.slice(0, -1).map((s, i) => written.slice(s.end, spans[i + 1]!.start));
  const order = chunks.map((_, i) => i);
  order.splice(to, 0, ...order.splice(from, 1));
  let out = order.map((i, k) => chunks[i]! + (gaps[k] ?? '')).join('');
  const end = spans[spans.length - 1]!.end;
  if (!endsLine(written.slice(0, end))) out = out.slice(0, -eol.length);
  return { start: spans[0]!.start, end, text: out };
}

function mapSplice(file: FileText, doc: Document.Parsed, edit: Extract<ListEdit, { kind: 'map' }>): Splice {
  const { path, value } = edit;
  const { node, parents } = walk(doc.contents, path);
  const parent = parents[parents.length - 1];
  const key = path[path.length - 1];
  if (node !== undefined || !isMap(parent) || typeof key !== 'string' || parents.length !== path.length)
    throw new EditError(`${pathText(path)}: уже есть или некуда добавить`, path);
  return newList(file, parent, key, value as NewItem, path, true);
}

/** The data with the edit made: what the edited text must read back as. */
function expected(data: unknown, edit: ListEdit): unknown {
  const copy = structuredClone(data);
  if (edit.kind === 'map') {
    let at = copy as Record<string | number, unknown>;
    for (const k of edit.path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[edit.path[edit.path.length - 1]!] = { ...edit.value };
    return copy;
  }
  const path = edit.kind === 'add' ? edit.path : edit.path.slice(0, -1);
  let at = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (edit.kind === 'add') {
    const list = Array.isArray(at[key]) ? (at[key] as unknown[]) : [];
    list.splice(edit.at ?? list.length, 0, typeof edit.value === 'string' ? edit.value : { ...edit.value });
    at[key] = list;
    return copy;
  }
  const holder = (path.length === 0 ? copy : at[key]) as Record<string | number, unknown> | unknown[];
  const last = edit.path[edit.path.length - 1]!;
  if (Array.isArray(holder)) {
    const [item] = holder.splice(last as number, 1);
    if (edit.kind === 'move') holder.splice(edit.to, 0, item);
  } else delete holder[last as string];
  return copy;
}

/**
 * `text` with one list or key edit made; the rest of its bytes as they were.
 * Throws EditError when the path leads nowhere, the list is written in a way
 * this cannot change line by line, or the result would not read back as the
 * change asked for.
 */
export function editList(text: string, edit: ListEdit, options: EditOptions = {}): string {
  const plan = (file: FileText, doc: Document.Parsed) => [
    edit.kind === 'map'
      ? mapSplice(file, doc, edit)
      : edit.kind === 'add'
        ? addSplice(file, doc, edit)
        : edit.kind === 'remove'
          ? removeSplice(file, doc, edit.path)
          : moveSplice(file, doc, edit.path, edit.to),
  ];
  return applyEdit(text, options, plan, {
    want: (data) => expected(data, edit),
    refused: () =>
      new EditError(`${pathText(edit.path)}: изменение нельзя записать, не изменив смысла файла`, edit.path),
  });
}
