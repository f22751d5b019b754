/**
 * Read a generated .pptx back for assertions. Independent of src/: the checks
 * here must not share code with what they check.
 */
import JSZip from 'jszip';
import { posix } from 'node:path';

export interface OpenedPptx {
  /** XML text of every .xml / .rels part, by part name. */
  parts: Map<string, string>;
  /** Every zip entry name, folder entries included (they end in '/'), in archive order. */
  names: string[];
  /** Slide XML in presentation order (p:sldIdLst), falling back to slideN order. */
  slides: string[];
  /** Part names of `slides`, same order. */
  slideNames: string[];
  /** Bytes of every non-XML part (media, embeddings). */
  binaries: Map<string, Buffer>;
}

export async function openPptx(buf: Buffer): Promise<OpenedPptx> {
  const zip = await JSZip.loadAsync(buf);
  const parts = new Map<string, string>();
  const binaries = new Map<string, Buffer>();
  const names: string[] = [];
  for (const entry of Object.values(zip.files)) {
    names.push(entry.name);
    if (entry.dir) continue;
    if (/\.(xml|rels)$/i.test(entry.name)) parts.set(entry.name, await entry.async('string'));
    else binaries.set(entry.name, await entry.async('nodebuffer'));
  }
  const slideNames = slideOrder(parts);
  return { parts, names, slides: slideNames.map((n) => parts.get(n)!), slideNames, binaries };
}

function slideOrder(parts: Map<string, string>): string[] {
  const byNumber = [...parts.keys()]
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => slideNum(a) - slideNum(b));
  const pres = parts.get('ppt/presentation.xml');
  const presRels = parts.get('ppt/_rels/presentation.xml.rels');
  if (pres === undefined || presRels === undefined) return byNumber;
  const rels = relationships(presRels);
  const list = /<p:sldIdLst>([\s\S]*?)<\/p:sldIdLst>/.exec(pres)?.[1] ?? '';
  const ordered: string[] = [];
  for (const m of list.matchAll(/<p:sldId\s[^>]*>/g)) {
    const rid = attrs(m[0]).get('r:id');
    const rel = rels.find((r) => r.id === rid);
    if (rel) ordered.push(resolveTarget('ppt/presentation.xml', rel.target));
  }
  return ordered.length > 0 ? ordered : byNumber;
}

function slideNum(name: string): number {
  return Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
}

// ---------------------------------------------------------------------------
// text

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_all, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** Every `<a:p>` element (paragraphs do not nest; table cells hold their own). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<a:p(?:\s[^>]*)?\/>|<a:p(?:\s[^>]*)?>[\s\S]*?<\/a:p>/g)].map((m) => m[0]);
}

function paragraphText(p: string): string {
  let out = '';
  for (const m of p.matchAll(
    /<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>|<a:br(?:\s[^>]*)?\/>|<a:br(?:\s[^>]*)?>[\s\S]*?<\/a:br>/g,
  )) {
    out += m[1] !== undefined ? decodeXml(m[1]) : '\n';
  }
  return out;
}

/**
 * Text of each non-empty paragraph, in document order: the `a:t` runs (and
 * fields) of a paragraph concatenated, `a:br` as '\n', XML entities decoded.
 * Table cells' paragraphs are included.
 */
export function slideTexts(slideXml: string): string[] {
  return paragraphs(slideXml)
    .map(paragraphText)
    .filter((t) => t !== '');
}

/**
 * slideTexts with every no-break space (U+00A0) read as a plain one: the words
 * as written in the content, whatever spaces the layout made unbreakable.
 */
export function plainSlideTexts(slideXml: string): string[] {
  return slideTexts(slideXml).map((t) => t.replace(/\u00a0/g, ' '));
}

/**
 * `lang` of every run property that applies to text: for each paragraph with
 * text, its runs' `a:rPr` (a run without `a:rPr` counts as ''), its `a:pPr`'s
 * `a:defRPr` and its `a:endParaRPr`. A missing attribute is reported as ''.
 */
export function runLangs(xml: string): string[] {
  const out: string[] = [];
  for (const p of paragraphs(xml)) {
    if (paragraphText(p) === '') continue;
    for (const run of p.matchAll(/<a:(r|fld)(?:\s[^>]*)?>([\s\S]*?)<\/a:\1>/g)) {
      const rPr = /<a:rPr(?:\s[^>]*)?\/?>/.exec(run[2]!)?.[0];
      out.push(rPr ? (attrs(rPr).get('lang') ?? '') : '');
    }
    for (const m of p.matchAll(/<a:(defRPr|endParaRPr)(?:\s[^>]*)?\/?>/g)) out.push(attrs(m[0]).get('lang') ?? '');
  }
  return out;
}

// ---------------------------------------------------------------------------
// integrity

const IMAGE_SIGNATURES: Array<[string, (b: Buffer) => boolean]> = [
  ['png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['svg', (b) => /<svg[\s>]/.test(b.subarray(0, 2048).toString('utf8'))],
];

const USER_TEXT_ATTRS = new Set(['name', 'descr', 'title', 'tooltip', 'Target', 'typeface']);

export interface ImagePart {
  slide: string;
  part: string;
  bytes: number;
  kind: string;
  width?: number;
  height?: number;
}

/** Media parts that pictures (`p:pic`) on slides point at, with PNG pixel size where known. */
export function imageParts(pkg: OpenedPptx): ImagePart[] {
  const out: ImagePart[] = [];
  for (const slide of pkg.slideNames) {
    const xml = pkg.parts.get(slide)!;
    const rels = relationships(pkg.parts.get(relsPartOf(slide)) ?? '');
    for (const pic of xml.matchAll(/<p:pic[\s>][\s\S]*?<\/p:pic>/g)) {
      for (const blip of pic[0].matchAll(/<a:blip\s[^>]*>/g)) {
        const rel = rels.find((r) => r.id === attrs(blip[0]).get('r:embed'));
        if (!rel) continue;
        const part = resolveTarget(slide, rel.target);
        const data = pkg.binaries.get(part);
        const kind = data ? (IMAGE_SIGNATURES.find(([, ok]) => ok(data))?.[0] ?? 'unknown') : 'missing';
        const img: ImagePart = { slide, part, bytes: data?.length ?? 0, kind };
        if (data && kind === 'png' && data.length >= 24) {
          img.width = data.readUInt32BE(16);
          img.height = data.readUInt32BE(20);
        }
        out.push(img);
      }
    }
  }
  return out;
}

export interface ChartPart {
  slide: string;
  /** The graphic frame on the slide that shows the chart. */
  frame: string;
  part: string;
  xml: string;
  /** The embedded workbook the chart's data link to (`externalData`), if any. */
  workbookPart?: string;
  workbook?: Buffer;
}

/** Native charts: graphic frames on slides whose `c:chart` points at a chart part, with its embedded workbook. */
export function chartParts(pkg: OpenedPptx): ChartPart[] {
  const out: ChartPart[] = [];
  for (const slide of pkg.slideNames) {
    const xml = pkg.parts.get(slide)!;
    const rels = relationships(pkg.parts.get(relsPartOf(slide)) ?? '');
    for (const frame of xml.matchAll(/<p:graphicFrame>[\s\S]*?<\/p:graphicFrame>/g)) {
      const ref = /<c:chart\s[^>]*>/.exec(frame[0]);
      if (!ref) continue;
      const rel = rels.find((r) => r.id === attrs(ref[0]).get('r:id'));
      if (!rel) continue;
      const part = resolveTarget(slide, rel.target);
      const chartXml = pkg.parts.get(part) ?? '';
      const chart: ChartPart = { slide, frame: frame[0], part, xml: chartXml };
      const ext = /<c:externalData\s[^>]*>/.exec(chartXml);
      const extRel = ext
        ? relationships(pkg.parts.get(relsPartOf(part)) ?? '').find((r) => r.id === attrs(ext[0]).get('r:id'))
        : undefined;
      if (extRel) {
        chart.workbookPart = resolveTarget(part, extRel.target);
        chart.workbook = pkg.binaries.get(chart.workbookPart);
      }
      out.push(chart);
    }
  }
  return out;
}

/**
 * Problems that make PowerPoint (or any strict reader) balk; [] when fine:
 * zip folder entries; malformed XML (unbalanced tags); relationship targets
 * (non-External) that do not exist and r:id references without a relationship;
 * parts not covered by [Content_Types].xml and Overrides naming absent parts;
 * slide list entries that are not slides; per slide / layout / master: duplicate
 * `p:cNvPr` ids, `p:sp` without `p:txBody`, `p:bgPr` without an effect list;
 * NaN / Infinity / undefined in attribute values; pictures whose media part is
 * missing, empty or not an image.
 */
export function checkPackageIntegrity(pkg: OpenedPptx): string[] {
  const problems: string[] = [];
  const partNames = new Set([...pkg.parts.keys(), ...pkg.binaries.keys()]);

  for (const n of pkg.names) if (n.endsWith('/')) problems.push(`zip folder entry ${n} (not an OPC part)`);

  for (const [name, xml] of pkg.parts) {
    const err = wellFormedError(xml);
    if (err) problems.push(`${name}: malformed XML: ${err}`);
    for (const m of xml.matchAll(/\s([\w:.-]+)="([^"]*)"/g)) {
      if (USER_TEXT_ATTRS.has(m[1]!)) continue; // alt text, names, links: words, not numbers
      if (/(^|[^\w.])(NaN|-?Infinity|undefined)([^\w.]|$)/.test(m[2]!)) problems.push(`${name}: ${m[1]}="${m[2]}"`);
    }
  }

  // relationships
  for (const [name, text] of pkg.parts) {
    if (!name.endsWith('.rels')) continue;
    const source = sourceOfRels(name);
    if (source !== undefined && !partNames.has(source)) problems.push(`${name}: source part ${source} is missing`);
    const ids = new Set<string>();
    for (const rel of relationships(text)) {
      if (ids.has(rel.id)) problems.push(`${name}: duplicate relationship id ${rel.id}`);
      ids.add(rel.id);
      if (rel.mode === 'External') continue;
      const target = resolveTarget(source ?? '', rel.target);
      if (!partNames.has(target)) problems.push(`${name}: ${rel.id} -> ${target} does not exist`);
    }
    if (source !== undefined && pkg.parts.has(source)) {
      for (const m of pkg.parts.get(source)!.matchAll(/\sr:(id|embed|link|pict)="([^"]*)"/g)) {
        if (m[2] !== '' && !ids.has(m[2]!)) problems.push(`${source}: r:${m[1]}="${m[2]}" has no relationship`);
      }
    }
  }

  // content types
  const ct = pkg.parts.get('[Content_Types].xml');
  if (ct === undefined) {
    problems.push('[Content_Types].xml is missing');
  } else {
    const defaults = new Set<string>();
    const overrides = new Set<string>();
    for (const m of ct.matchAll(/<Default\s[^>]*>/g)) defaults.add((attrs(m[0]).get('Extension') ?? '').toLowerCase());
    for (const m of ct.matchAll(/<Override\s[^>]*>/g)) {
      const part = (attrs(m[0]).get('PartName') ?? '').replace(/^\//, '');
      if (overrides.has(part)) problems.push(`[Content_Types].xml: duplicate Override for ${part}`);
      overrides.add(part);
      if (!partNames.has(part)) problems.push(`[Content_Types].xml: Override for missing part ${part}`);
    }
    for (const part of partNames) {
      if (part === '[Content_Types].xml') continue;
      const last = part.slice(part.lastIndexOf('/') + 1);
      const ext = last.includes('.') ? last.slice(last.lastIndexOf('.') + 1).toLowerCase() : '';
      if (!overrides.has(part) && !defaults.has(ext)) problems.push(`${part}: no content type`);
    }
  }

  // slide list
  const presRels = relationships(pkg.parts.get('ppt/_rels/presentation.xml.rels') ?? '');
  for (const m of (pkg.parts.get('ppt/presentation.xml') ?? '').matchAll(/<p:sldId\s[^>]*>/g)) {
    const rel = presRels.find((r) => r.id === attrs(m[0]).get('r:id'));
    if (!rel?.type.endsWith('/relationships/slide'))
      problems.push(`ppt/presentation.xml: ${m[0]} is not a slide relationship`);
  }

  // slides, layouts, masters
  for (const [name, xml] of pkg.parts) {
    if (!/^ppt\/(slides\/slide|slideLayouts\/slideLayout|slideMasters\/slideMaster)\d+\.xml$/.test(name)) continue;
    const seen = new Set<string>();
    for (const m of xml.matchAll(/<p:cNvPr\s[^>]*>/g)) {
      const id = attrs(m[0]).get('id') ?? '';
      if (seen.has(id)) problems.push(`${name}: duplicate p:cNvPr id="${id}"`);
      seen.add(id);
    }
    for (const m of xml.matchAll(/<p:sp(?=[\s>])[^>]*>[\s\S]*?<\/p:sp>/g)) {
      if (!m[0].includes('<p:txBody'))
        problems.push(
          `${name}: p:sp "${attrs(/<p:cNvPr\s[^>]*>/.exec(m[0])?.[0] ?? '').get('name') ?? '?'}" has no p:txBody`,
        );
    }
    for (const m of xml.matchAll(/<p:bgPr(?:\s[^>]*)?>([\s\S]*?)<\/p:bgPr>/g)) {
      if (!/<a:effect(Lst|Dag)[\s/>]/.test(m[1]!)) problems.push(`${name}: p:bgPr has no a:effectLst`);
    }
  }

  for (const img of imageParts(pkg)) {
    if (img.kind === 'missing' || img.bytes === 0)
      problems.push(`${img.slide}: picture media ${img.part} is missing or empty`);
    else if (img.kind === 'unknown') problems.push(`${img.slide}: picture media ${img.part} is not a PNG/JPEG/GIF/SVG`);
  }
  return problems;
}

/** A tag-balance check: enough to catch truncated or mis-nested output. */
function wellFormedError(xml: string): string | undefined {
  const stack: string[] = [];
  let root = 0;
  for (const m of xml.matchAll(
    /<(?:!--[\s\S]*?--|!\[CDATA\[[\s\S]*?\]\]|\?[\s\S]*?\?|(?:[^"'>]|"[^"]*"|'[^']*')*)>/g,
  )) {
    const tag = m[0];
    if (tag.startsWith('<?') || tag.startsWith('<!')) continue;
    const name = /^<\/?([^\s/>]+)/.exec(tag)?.[1];
    if (!name) return `bad tag ${tag.slice(0, 40)}`;
    if (tag.startsWith('</')) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else if (!tag.endsWith('/>')) {
      if (stack.length === 0) root++;
      stack.push(name);
    } else if (stack.length === 0) root++;
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  if (root !== 1) return `${root} root elements`;
  return undefined;
}

// ---------------------------------------------------------------------------
// package plumbing

interface Rel {
  id: string;
  type: string;
  target: string;
  mode: string | undefined;
}

function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ''));
  return out;
}

function relationships(rels: string): Rel[] {
  return [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    return {
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: a.get('Target') ?? '',
      mode: a.get('TargetMode'),
    };
  });
}

function relsPartOf(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

function sourceOfRels(rels: string): string | undefined {
  if (rels === '_rels/.rels') return undefined;
  const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(rels);
  return m ? `${m[1]}${m[2]}` : undefined;
}

function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(source), target));
}

// ---------------------------------------------------------------------------
// speaker notes

/** The notes slide of a slide (through its notesSlide relationship), or undefined. */
export function notesPartOf(pkg: OpenedPptx, slideName: string): string | undefined {
  const rel = relationships(pkg.parts.get(relsPartOf(slideName)) ?? '').find((r) =>
    r.type.endsWith('/relationships/notesSlide'),
  );
  return rel ? pkg.parts.get(resolveTarget(slideName, rel.target)) : undefined;
}

/** Paragraph texts of the notes placeholder (`p:ph type="body"`) of a notes slide; [] when it has none. */
export function notesTexts(notesXml: string | undefined): string[] {
  if (notesXml === undefined) return [];
  for (const sp of notesXml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)) {
    if (/<p:ph\s[^>]*type="body"/.test(sp[0])) return slideTexts(sp[0]);
  }
  return [];
}
