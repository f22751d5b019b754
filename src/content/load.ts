/**
 * Stage 1 for direction files: the shared YAML source loader (src/source/:
 * bytes, encoding, forbidden characters, nesting bound, parse with
 * positions), with fields named as people name them in its messages.
 */
import { type Parsed, parseSource as parseYaml } from '../source/parse.js';
import { loadSource as loadYaml } from '../source/read.js';
import { nameFields } from './locate.js';

export type { Source } from '../source/parse.js';

const named = (parsed: Parsed): Parsed => ({
  ...parsed,
  diagnostics: nameFields(parsed.diagnostics, parsed.source?.data),
});

/** Parses a direction file's text already decoded. `file` is only used in messages. */
export function parseSource(file: string, text: string): Parsed {
  return named(parseYaml(file, text));
}

/** Reads, decodes and parses a direction file. */
export async function loadSource(file: string, displayName = file): Promise<Parsed> {
  return named(await loadYaml(file, displayName));
}
