/**
 * One media part per picture: pptxgenjs writes an image once per slide that
 * shows it (a logo on every slide gave a deck as many copies as slides). The
 * copies are dropped and every relationship to one of them points at the
 * first, in name order, so the same deck gives the same package.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { escapeXml, findRelationships, parseAttrs, resolveTarget, sourceOfRels } from './opc.js';

const MEDIA = /^ppt\/media\//;

/** Merges byte-identical media parts in place: `bin` loses the copies, the `.rels` parts in `xml` are rewritten. */
export function mergeDuplicateMedia(xml: Map<string, string>, bin: Map<string, Uint8Array>): void {
  const first = new Map<string, string>();
  const copyOf = new Map<string, string>();
  const names = [...bin.keys()].filter((n) => MEDIA.test(n)).sort();
  for (const name of names) {
    const digest = createHash('sha256').update(bin.get(name)!).digest('hex');
    const kept = first.get(digest);
    if (kept === undefined) first.set(digest, name);
    else copyOf.set(name, kept);
  }
  if (copyOf.size === 0) return;
  for (const [rels, text] of xml) {
    const source = sourceOfRels(rels);
    if (source === undefined || !rels.endsWith('.rels')) continue;
    let out = text;
    for (const r of findRelationships(text)) {
      if (r.mode === 'External') continue;
      const kept = copyOf.get(resolveTarget(source, r.target));
      if (kept === undefined) continue;
      const target = posix.relative(posix.dirname(source), kept);
      const attrs = parseAttrs(r.tag);
      out = out.replace(r.tag, r.tag.replace(`Target="${attrs.get('Target') ?? ''}"`, `Target="${escapeXml(target)}"`));
    }
    if (out !== text) xml.set(rels, out);
  }
  for (const name of copyOf.keys()) bin.delete(name);
}
