/**
 * The copy rule, the same for every runner: two or more files that would
 * write one deck (the same report.year and direction.id) are all refused
 * until one is removed or renamed. Picking one of them by path or by time
 * would let a stale copy («economy - копия.yaml») reach the audience while
 * the official's edit in the real file never does.
 */
import { basename } from 'node:path';
import { positionOfPath } from '../content/locate.js';
import { diagnostic, hasErrors } from '../errors.js';
import type { CheckedFile } from '../api.js';

/** Names file managers and editors give a copy: Explorer, macOS, Google Drive, backups. */
const COPY_PATTERNS: readonly RegExp[] = [
  /\s-\s(копия|copy)(\s*\(\d+\))?\.[^.]+$/i,
  /\s(копия|copy)(\s*\d+)?\.[^.]+$/i,
  /^(копия|copy of)\s/i,
  /\s?\(\d+\)\.[^.]+$/,
  /~$|~\.[^.]+$/,
  /[._-](copy|копия|old|bak|backup)\.[^.]+$/i,
];

/** Whether a file's name looks like a copy of another file. */
export function looksLikeCopy(file: string): boolean {
  const name = basename(file);
  return COPY_PATTERNS.some((p) => p.test(name));
}

/**
 * Every file as it stands once the copy rule is applied: each file of a
 * group that claims one deck path gets a DuplicateOutput error at its
 * direction.id naming the others and saying which look like copies.
 * `deckOf` gives the deck path a valid file writes; `shown` names it.
 */
export function judgeCopies(
  files: readonly CheckedFile[],
  deckOf: (file: CheckedFile) => string,
  shown: (path: string) => string,
): CheckedFile[] {
  const claims = new Map<string, number[]>();
  files.forEach((file, index) => {
    if (!file.computed || hasErrors(file.diagnostics)) return;
    const target = deckOf(file);
    claims.set(target, [...(claims.get(target) ?? []), index]);
  });
  const judged = [...files];
  for (const [target, indexes] of claims) {
    const names = [...new Set(indexes.map((i) => files[i]!.file))];
    if (names.length < 2) {
      // One file named twice: its deck is built once, the second mention says so.
      for (const i of indexes.slice(1)) {
        const file = files[i]!;
        const twice = diagnostic('FileNamedTwice', { file: file.file }, { deck: shown(target) });
        judged[i] = { ...file, diagnostics: [...file.diagnostics, twice] };
      }
      continue;
    }
    const copies = names.filter(looksLikeCopy);
    for (const i of indexes) {
      const file = files[i]!;
      const { year } = file.computed!.content.report;
      const { id } = file.computed!.content.direction;
      const others = names.filter((n) => n !== file.file);
      const at = {
        file: file.file,
        ...(file.source ? positionOfPath(file.source, ['direction', 'id']) : {}),
        path: 'direction.id',
      };
      // Named like a copy: only worth saying when it tells the files apart.
      const copyNames = copies.length < names.length ? copies : [];
      const params = { year, id, others, deck: shown(target), copies: copyNames };
      judged[i] = { ...file, diagnostics: [...file.diagnostics, diagnostic('DuplicateOutput', at, params)] };
    }
  }
  return judged;
}
