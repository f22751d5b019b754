/**
 * Small readers of Open Packaging Conventions parts shared by the package
 * checks and repairs: attributes, relationships, part names. Regular
 * expressions over pptxgenjs's own, regular output; no XML parser.
 */
import { posix } from 'node:path';

export const CT_PART = '[Content_Types].xml';

/** OPC extension: after the last dot of the last segment ("_rels/.rels" -> "rels"). */
export function extensionOf(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot < 0 ? '' : last.slice(dot + 1).toLowerCase();
}

export function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, m[2] ?? m[3] ?? '');
  return out;
}

export interface Rel {
  tag: string;
  id: string;
  type: string;
  target: string;
  mode: string | undefined;
}

export function findRelationships(rels: string): Rel[] {
  return [...rels.matchAll(/<Relationship\s[^>]*?\/?>/g)].map((m) => {
    const a = parseAttrs(m[0]);
    return {
      tag: m[0],
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: a.get('Target') ?? '',
      mode: a.get('TargetMode'),
    };
  });
}

export function relsPartOf(part: string): string {
  return `${posix.dirname(part) === '.' ? '' : `${posix.dirname(part)}/`}_rels/${posix.basename(part)}.rels`;
}

export function sourceOfRels(rels: string): string | undefined {
  if (rels === '_rels/.rels') return undefined;
  const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(rels);
  return m ? `${m[1]}${m[2]}` : undefined;
}

export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(source), target));
}
