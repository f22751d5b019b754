/**
 * The property every input must have: `check` either accepts it and `build`
 * then makes a deck whose XML shows no NaN, Infinity, undefined or null, or
 * refuses it with located Russian errors. Never an exception, never a stack trace.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildDeck, checkFile } from '../../src/api.js';
import { formatDiagnostic, type Diagnostic } from '../../src/errors.js';
import { REPO } from '../deck/build.js';
import { FORBIDDEN_WORDS } from './mutants.js';

export type Outcome = 'built' | 'refused';

/** A line a user sees for an error: `file:line:col: ошибка: …` in Russian, no trace of the code. */
export function problemWithError(d: Diagnostic): string | undefined {
  const line = formatDiagnostic(d);
  if (!(d.line >= 1 && d.col >= 1)) return `not located: ${line}`;
  if (!/[А-Яа-яЁё]/.test(d.message)) return `not in Russian: ${line}`;
  if (/\n\s+at |\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/.test(line)) return `a stack trace: ${line}`;
  return undefined;
}

/**
 * Words a reader must never see, in the text of the deck's XML parts (element
 * text and attribute values), unless the user wrote them (`source`: a text
 * such as «.NaN отчёт» is shown as written).
 */
export async function forbiddenInDeck(buffer: Buffer, source = ''): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(buffer);
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await file.async('string');
    const found = /(?:>|=")([^<"]*)/g;
    for (let m = found.exec(xml); m; m = found.exec(xml)) {
      const word = FORBIDDEN_WORDS.exec(m[1]!);
      if (word && !source.includes(word[1]!)) return `«${word[1]}» in ${name}: …${m[1]!.slice(0, 120)}…`;
    }
  }
  return undefined;
}

/**
 * Checks one file's text in `dir` and builds it when accepted; throws with
 * what went wrong (for fast-check to report with its seed).
 */
export async function checkThenBuild(text: string, dir: string): Promise<Outcome> {
  const file = join(dir, 'direction.yaml');
  await writeFile(file, text);
  let checked: Awaited<ReturnType<typeof checkFile>>;
  try {
    checked = await checkFile(file, { cwd: REPO });
  } catch (e) {
    throw new Error(`check threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const bad = errors.map(problemWithError).find((p) => p !== undefined);
    if (bad) throw new Error(bad);
    return 'refused';
  }
  let buffer: Buffer;
  try {
    buffer = (await buildDeck(checked, join(dir, 'out'))).buffer;
  } catch (e) {
    throw new Error(`check accepted, build threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const forbidden = await forbiddenInDeck(buffer, text);
  if (forbidden) throw new Error(`deck shows ${forbidden}`);
  return 'built';
}
