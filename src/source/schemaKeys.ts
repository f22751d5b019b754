/**
 * Field names a zod schema allows, read from its JSON Schema (zod's public
 * `toJSONSchema`, not its internals): for «возможно, имелось в виду …» and
 * for the docs' field reference.
 */
import * as z from 'zod';
import type { Path } from './locate.js';

type AnySchema = z.core.$ZodType;

interface JsonNode {
  properties?: Record<string, JsonNode>;
  items?: JsonNode | JsonNode[];
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  allOf?: JsonNode[];
}

const jsonCache = new WeakMap<AnySchema, JsonNode>();

function jsonOf(schema: AnySchema): JsonNode {
  let json = jsonCache.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as JsonNode;
    jsonCache.set(schema, json);
  }
  return json;
}

/** The alternatives a node stands for (through anyOf/oneOf/allOf: optional, nullable, unions). */
function alternatives(node: JsonNode): JsonNode[] {
  const nested = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
  return [node, ...nested.flatMap(alternatives)];
}

function propertiesOf(node: JsonNode): Record<string, JsonNode>[] {
  return alternatives(node).flatMap((n) => (n.properties ? [n.properties] : []));
}

function elementsOf(node: JsonNode): JsonNode[] {
  return alternatives(node).flatMap((n) => (n.items === undefined ? [] : Array.isArray(n.items) ? n.items : [n.items]));
}

/** Every field name anywhere in the schema. */
export function schemaKeys(schema: AnySchema): string[] {
  const keys = new Set<string>();
  const seen = new Set<JsonNode>();
  const walk = (node: JsonNode) => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const props of propertiesOf(node)) {
      for (const [key, child] of Object.entries(props)) {
        keys.add(key);
        walk(child);
      }
    }
    for (const element of elementsOf(node)) walk(element);
  };
  walk(jsonOf(schema));
  return [...keys];
}

/** The field names allowed in the object at `path` (empty when the path leads nowhere known). */
export function keysAt(schema: AnySchema, path: Path): string[] {
  let here: JsonNode[] = [jsonOf(schema)];
  for (const key of path) {
    here =
      typeof key === 'number'
        ? here.flatMap(elementsOf)
        : here.flatMap((n) =>
            propertiesOf(n).flatMap((props) => (Object.hasOwn(props, key) ? [props[key as string]!] : [])),
          );
  }
  return [...new Set(here.flatMap((n) => propertiesOf(n).flatMap((props) => Object.keys(props))))];
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
