/**
 * Fields of a direction file named the way people name them: «показатель
 * № 64 (indicators.items[3]).fact» rather than a bare index, read from the
 * item's own number (or a group's title). Positions come from the shared
 * source locator (src/source/locate.ts).
 */
import type { Diagnostic } from '../errors.js';
import { shorten } from '../source/quote.js';

export { positionOfPath } from '../source/locate.js';

type Data = {
  indicators?: { items?: unknown };
  events?: unknown;
} | null;

const itemOf = (list: unknown, i: number): Record<string, unknown> | undefined => {
  const item = Array.isArray(list) ? list[i] : undefined;
  return item !== null && typeof item === 'object' && !Array.isArray(item)
    ? (item as Record<string, unknown>)
    : undefined;
};

/** What an official calls the list item at the start of `path`, or undefined (then the path is shown as is). */
function itemName(data: Data, list: string, index: number): string | undefined {
  if (list === 'indicators.items') {
    const n = itemOf(data?.indicators?.items, index)?.['number'];
    return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? `показатель № ${n}` : undefined;
  }
  if (list === 'events') {
    const title = itemOf(data?.events, index)?.['title'];
    return typeof title === 'string' && title.trim() !== '' ? `группа «${shorten(title.trim(), 30)}»` : undefined;
  }
  return undefined;
}

/** `indicators.items[3].fact` → `показатель № 64 (indicators.items[3]).fact`; other paths unchanged. */
export function fieldLabel(data: unknown, path: string): string {
  const m = /^(indicators\.items|events)\[(\d+)\](.*)$/.exec(path);
  if (!m) return path;
  const name = itemName(data as Data, m[1]!, Number(m[2]));
  return name ? `${name} (${m[1]}[${m[2]}])${m[3]}` : path;
}

/** Adds the people's name of the field to every diagnostic that has a path into a named list item. */
export function nameFields(diagnostics: readonly Diagnostic[], data: unknown): Diagnostic[] {
  return diagnostics.map((d) => {
    if (!d.path) return d;
    const field = fieldLabel(data, d.path);
    return field === d.path ? d : { ...d, field };
  });
}
