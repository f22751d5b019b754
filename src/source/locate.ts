/**
 * Field paths → positions in the YAML source, from the node ranges (value,
 * key, or the nearest enclosing node that exists), never from searching the text.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import { positionOf, type Position, type Source } from './parse.js';
import { quoteWritten } from './quote.js';

export type Path = readonly PropertyKey[];

/** The parsed value at `path` in plain data (`source.data`), undefined where the path leads nowhere. */
export function valueAt(data: unknown, path: Path): unknown {
  let here = data;
  for (const key of path)
    here = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[key] : undefined;
  return here;
}

/** The deepest node on `path` that exists, and whether it is the node itself. */
export function nodeAt(source: Source, path: Path): { node: Node | null; exact: boolean } {
  let node: unknown = source.doc.contents;
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') next = node.items[key];
    if (!isNode(next)) return { node: isNode(node) ? node : null, exact: false };
    node = next;
  }
  return { node: isNode(node) ? node : null, exact: true };
}

/** The key node of `key` in the mapping at `path`. */
export function keyNodeAt(source: Source, path: Path, key: string): Node | null {
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

/** The value as the user wrote it (one line, shortened), or «набор полей» / «список»; null when absent. */
export function written(source: Source, path: Path): string | null {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !node) return null;
  if (isMap(node)) return 'набор полей';
  if (isSeq(node)) return 'список';
  const range = node.range;
  if (!range) return null;
  return quoteWritten(source.text.slice(range[0], range[1]));
}
