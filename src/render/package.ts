/**
 * Final packaging step for decks written by pptxgenjs 4.0.1.
 *
 * `pptx.write({ outputType: 'nodebuffer' })` returns an uncompressed zip whose
 * entry dates and `docProps/core.xml` dates are "now", so two builds of the same
 * deck differ. It also carries several known "PowerPoint found a problem with
 * content" triggers (LibreOffice opens such files without complaint, PowerPoint
 * offers to repair them). `finalizePptx` re-packs the archive deterministically
 * and repairs the triggers that were confirmed in 4.0.1's own output:
 *
 * - PptxGenJS#1444: `[Content_Types].xml` declares `slideMaster2..N.xml`, parts
 *   that do not exist. Overrides for missing parts are dropped.
 * - PptxGenJS#1441: a shape without text (rectangle, line) is a `<p:sp>` without
 *   `<p:txBody>`. A minimal empty text body is added.
 * - PptxGenJS#1442: a solid slide background `<p:bgPr>` lacks the required
 *   effect list. `<a:effectLst/>` is added.
 * - PptxGenJS#1532: a table's `<p:cNvPr id>` is computed by a separate formula and
 *   collides with the id of another shape on the slide. Duplicates are renumbered.
 * - PptxGenJS#1443 / #1449: the notes master ships six placeholder shapes that
 *   PowerPoint strips on repair, and shares the slide master's theme part. The
 *   shapes are removed (the state PowerPoint itself leaves after repair) and the
 *   notes master gets its own copy of the theme.
 * - Speaker notes: pptxgenjs writes a slide's notes as one run whose text
 *   keeps the line breaks (CR LF inside `<a:t>`), which PowerPoint does not
 *   show as paragraphs. Each line becomes a paragraph of its own.
 * - `ppt/presentation.xml`: pptxgenjs writes `<p:notesMasterIdLst>` after
 *   `<p:sldIdLst>`; the schema wants it right after `<p:sldMasterIdLst>`.
 * - PptxGenJS#1449: empty folder entries (`ppt/charts/`, `ppt/embeddings/`, …) are
 *   not OPC parts and are dropped; `Default` content types for extensions that no
 *   part uses are dropped; `image/jpg` becomes `image/jpeg`.
 *
 * Malformed numbers are refused rather than guessed at: any `NaN` / `Infinity`
 * in an XML part (PptxGenJS#1440 writes `marL="NaN"` for a bad table-cell
 * margin), a non-integer or negative drawing extent, and the traces of
 * PptxGenJS#1286 (image `sizing` mixing inches and EMU: an `a:srcRect` crop
 * beyond 1000x the picture, a picture under 0.01 inch) throw.
 *
 * The module knows nothing about the content of the deck.
 */
import JSZip from 'jszip';
import { posix } from 'node:path';

export interface PackageOptions {
  /** Fixed timestamp written to docProps/core.xml (created + modified) and to every zip entry. */
  modified: Date;
  title?: string;
  author?: string;
  /**
   * Proofing language for every run in the package (masters and notes too):
   * pptxgenjs writes en-US there, and PowerPoint then checks what someone
   * types into the notes or a placeholder as English.
   */
  lang?: string;
}

const CT_PART = '[Content_Types].xml';
const THEME_CT = 'application/vnd.openxmlformats-officedocument.theme+xml';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const THEME_REL_TYPE = `${REL_NS}/theme`;

/** Parts written first, in this order; everything else follows in natural name order. */
const LEADING_PARTS = [
  CT_PART,
  '_rels/.rels',
  'docProps/core.xml',
  'docProps/app.xml',
  'ppt/presentation.xml',
  'ppt/_rels/presentation.xml.rels',
];

export async function finalizePptx(raw: Buffer, opts: PackageOptions): Promise<Buffer> {
  const stamp = checkTimestamp(opts.modified);

  const src = await JSZip.loadAsync(raw);
  const xml = new Map<string, string>();
  const bin = new Map<string, Uint8Array>();
  for (const entry of Object.values(src.files)) {
    if (entry.dir) continue; // folder entries are not OPC parts (#1449 "empty scaffold directories")
    if (isXmlPart(entry.name)) xml.set(entry.name, await entry.async('string'));
    else bin.set(entry.name, await entry.async('uint8array'));
  }
  if (!xml.has(CT_PART)) throw new Error('finalizePptx: not a package, [Content_Types].xml is missing');

  // Refuse what no reader can open, and corrupt numbers, before touching anything.
  for (const [name, text] of xml) {
    assertXmlCharacters(name, text);
    assertNumbersSane(name, text);
  }

  repairNotesMaster(xml);
  for (const [name, text] of xml) {
    if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)) xml.set(name, notesParagraphs(text));
  }
  const presentation = xml.get('ppt/presentation.xml');
  if (presentation !== undefined) xml.set('ppt/presentation.xml', notesMasterListInOrder(presentation));

  for (const [name, text] of xml) {
    if (/^ppt\/(slides\/slide|slideLayouts\/slideLayout|slideMasters\/slideMaster)\d+\.xml$/.test(name)) {
      xml.set(name, uniqueShapeIds(addBackgroundEffects(addMissingTextBodies(text))));
    }
  }

  if (opts.lang !== undefined) {
    if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(opts.lang)) throw new Error(`finalizePptx: bad language tag ${opts.lang}`);
    for (const [name, text] of xml)
      if (name.startsWith('ppt/'))
        xml.set(name, text.replace(/(<a:(?:rPr|endParaRPr|defRPr)\b[^>]*?\s)lang="[^"]*"/g, `$1lang="${opts.lang}"`));
  }

  const names = [...xml.keys(), ...bin.keys()];
  xml.set(CT_PART, repairContentTypes(xml.get(CT_PART)!, names));

  const core = xml.get('docProps/core.xml');
  if (core !== undefined) xml.set('docProps/core.xml', setCoreProperties(core, stamp, opts));

  const out = new JSZip();
  for (const name of orderParts(names)) {
    const data = xml.get(name) ?? bin.get(name)!;
    out.file(name, data, {
      date: opts.modified,
      compression: 'DEFLATE',
      createFolders: false,
      binary: typeof data !== 'string',
    });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 }, // level 9 saved 0.1 % on a 12-slide deck for ~60 % more time
    platform: 'DOS',
  });
}

// ---------------------------------------------------------------------------
// checks

function checkTimestamp(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime()))
    throw new Error('finalizePptx: opts.modified must be a valid Date');
  const year = d.getUTCFullYear();
  // Zip entry times are MS-DOS dates: 1980..2107.
  if (year < 1980 || year > 2107)
    throw new Error(`finalizePptx: opts.modified year ${year} is outside the zip date range 1980..2107`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * XML 1.0 `Char` excludes U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, the
 * surrogates and U+FFFE / U+FFFF, written as characters or as character
 * references. pptxgenjs escapes only & < > " ', so a vertical tab in a text
 * run lands in the slide as is; PowerPoint then refuses the whole file.
 */
const FORBIDDEN_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));/g;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function assertXmlCharacters(part: string, text: string): void {
  for (const m of text.matchAll(FORBIDDEN_XML_CHAR)) {
    const ref = m[1] ?? m[2];
    const cp = ref === undefined ? m[0].codePointAt(0)! : parseInt(ref, m[1] !== undefined ? 16 : 10);
    if (ref !== undefined && isXmlChar(cp)) continue; // &#9;, &#x416; …: fine
    const code =
      Number.isSafeInteger(cp) && cp <= 0x10ffff ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : m[0];
    const at = m.index;
    const context = JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
    throw new Error(
      `finalizePptx: ${part} contains ${ref === undefined ? '' : `the reference ${m[0]} to `}${code}, a character XML 1.0 does not allow (not well-formed; PowerPoint would refuse the file): …${context.slice(1, -1)}…`,
    );
  }
}

/** Elements whose text is user content: "NaN" there is a word, not a number. */
function isFreeTextElement(tag: string): boolean {
  return (
    tag === 'a:t' ||
    tag.startsWith('vt:') ||
    tag.startsWith('dc:') ||
    tag.startsWith('cp:') ||
    ['Company', 'Manager', 'HyperlinkBase', 'Template', 'Application', 'AppVersion'].includes(tag)
  );
}

const FREE_TEXT_ATTRS = new Set(['name', 'descr', 'title', 'tooltip', 'Target', 'typeface', 'PartName']);
const BAD_NUMBER = /(?:^|[^\w.])(NaN|[-+]?Infinity)(?![\w.])/;
const DRAWING_EXT = /<a:(off|ext|chOff|chExt)\s([^>]*?)\/?>/g;

function assertNumbersSane(part: string, text: string): void {
  const fail = (what: string, at: number): never => {
    const from = Math.max(0, at - 80);
    throw new Error(`finalizePptx: ${what} in ${part}: …${text.slice(from, at + 80)}…`);
  };
  // attribute values, except those that carry user text (names, alt text, links, fonts)
  for (const m of text.matchAll(/\s([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const value = m[3] ?? m[4] ?? '';
    if (FREE_TEXT_ATTRS.has(m[1]!)) continue;
    if (BAD_NUMBER.test(value)) fail(`attribute ${m[1]}="${value}"`, m.index);
  }
  // leaf element text, except free text
  for (const m of text.matchAll(/<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) {
    if (isFreeTextElement(m[1]!)) continue;
    if (BAD_NUMBER.test(m[2]!)) fail(`<${m[1]}> value "${m[2]}"`, m.index);
  }
  // drawing geometry: EMU coordinates must be integers, extents non-negative
  for (const m of text.matchAll(DRAWING_EXT)) {
    const attrs = parseAttrs(m[2]!);
    for (const key of ['x', 'y', 'cx', 'cy']) {
      const v = attrs.get(key);
      if (v === undefined) continue;
      if (!/^-?\d+$/.test(v)) fail(`non-integer <a:${m[1]} ${key}="${v}">`, m.index);
      if ((key === 'cx' || key === 'cy') && v.startsWith('-')) fail(`negative <a:${m[1]} ${key}="${v}">`, m.index);
    }
  }
  // Image `sizing` (PptxGenJS#1286): a size >= 100 is taken as EMU, anything
  // smaller as inches, so mixed values give crops like t="-609550000" or
  // l="-32635313919" and a picture 150 EMU wide. Crop/padding is in 1/1000 %;
  // more than 1000x the picture's own size on a side is never intended.
  for (const m of text.matchAll(/<a:srcRect\s([^>]*?)\/?>/g)) {
    const attrs = parseAttrs(m[1]!);
    const get = (k: string): number => {
      const v = attrs.get(k) ?? '0';
      const n = Number(v);
      if (!/^-?\d+$/.test(v) || Math.abs(n) > 100_000_000) fail(`image crop <a:srcRect ${k}="${v}">`, m.index);
      return n;
    };
    if (get('l') + get('r') >= 100000 || get('t') + get('b') >= 100000)
      fail('image crop removes the whole picture', m.index);
  }
  for (const m of text.matchAll(/<p:pic[\s>][\s\S]*?<\/p:pic>/g)) {
    const ext = /<a:ext\s([^>]*?)\/?>/.exec(/<p:spPr[\s>][\s\S]*?<\/p:spPr>/.exec(m[0])?.[0] ?? '');
    if (!ext) continue;
    const a = parseAttrs(ext[1]!);
    // 9144 EMU = 0.01 inch: a picture that small is a unit mix-up, not a design
    if (Number(a.get('cx')) < 9144 || Number(a.get('cy')) < 9144)
      fail(`picture of ${a.get('cx')}x${a.get('cy')} EMU`, m.index);
  }
}

// ---------------------------------------------------------------------------
// repairs

/** PptxGenJS#1441: `<p:sp>` without `<p:txBody>` (shapes without text). */
function addMissingTextBodies(text: string): string {
  return text.replace(/<p:sp(?=[\s>])[^>]*>[\s\S]*?<\/p:sp>/g, (sp) => {
    if (sp.includes('<p:txBody')) return sp;
    const body = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>';
    // CT_Shape: nvSpPr, spPr, style?, txBody?, extLst? — txBody goes before a shape-level extLst.
    const tail = /<p:extLst>(?:(?!<p:extLst>)[\s\S])*<\/p:extLst>\s*<\/p:sp>$/.exec(sp);
    const at = tail ? tail.index : sp.length - '</p:sp>'.length;
    return sp.slice(0, at) + body + sp.slice(at);
  });
}

/** A run whose text holds line breaks → one paragraph per line, each with the run's properties. */
function notesParagraphs(text: string): string {
  return text.replace(/<a:p>((?:(?!<\/a:p>)[\s\S])*?)<\/a:p>/g, (p, inner: string) => {
    const m = /^<a:r>(<a:rPr\b[^>]*\/>)<a:t>([^<]*)<\/a:t><\/a:r>(<a:endParaRPr\b[^>]*\/>)?$/.exec(inner);
    if (!m || !/[\r\n]/.test(m[2]!)) return p;
    const [, rPr, body, end = ''] = m;
    return body!
      .split(/\r?\n|\r/)
      .map((line) => (line === '' ? `<a:p>${end}</a:p>` : `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r>${end}</a:p>`))
      .join('');
  });
}

/** CT_Presentation: sldMasterIdLst, notesMasterIdLst, handoutMasterIdLst, sldIdLst, … */
function notesMasterListInOrder(text: string): string {
  const list = /<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/.exec(text);
  const masters = /<p:sldMasterIdLst>[\s\S]*?<\/p:sldMasterIdLst>|<p:sldMasterIdLst\/>/.exec(text);
  if (!list || !masters || list.index === masters.index + masters[0].length) return text;
  const without = text.slice(0, list.index) + text.slice(list.index + list[0].length);
  const at = without.indexOf(masters[0]) + masters[0].length;
  return without.slice(0, at) + list[0] + without.slice(at);
}

/** PptxGenJS#1442: `<p:bgPr>` must hold an effect list after its fill. */
function addBackgroundEffects(text: string): string {
  return text.replace(
    /(<p:bgPr(?:\s[^>]*)?>)([\s\S]*?)(<\/p:bgPr>)/g,
    (whole, open: string, inner: string, close: string) => {
      if (/<a:effect(Lst|Dag)[\s/>]/.test(inner)) return whole;
      const ext = inner.indexOf('<a:extLst');
      return ext < 0
        ? `${open}${inner}<a:effectLst/>${close}`
        : `${open}${inner.slice(0, ext)}<a:effectLst/>${inner.slice(ext)}${close}`;
    },
  );
}

/** PptxGenJS#1532: every `<p:cNvPr id>` must be unique within a slide. */
function uniqueShapeIds(text: string): string {
  const ids = [...text.matchAll(/<p:cNvPr\s[^>]*?\bid="(\d+)"/g)].map((m) => Number(m[1]));
  let next = Math.max(0, ...ids) + 1;
  const seen = new Set<number>();
  return text.replace(/(<p:cNvPr\s[^>]*?\bid=")(\d+)(")/g, (_all, pre: string, id: string, post: string) => {
    const n = Number(id);
    if (!seen.has(n)) {
      seen.add(n);
      return pre + id + post;
    }
    const fresh = next++;
    seen.add(fresh);
    return pre + String(fresh) + post;
  });
}

/**
 * PptxGenJS#1443 / #1449: strip the notes master's placeholder shapes (PowerPoint
 * removes them on repair) and give the notes master a theme part of its own.
 */
function repairNotesMaster(xml: Map<string, string>): void {
  for (const name of [...xml.keys()]) {
    if (!/^ppt\/notesMasters\/notesMaster\d+\.xml$/.test(name)) continue;
    xml.set(name, xml.get(name)!.replace(/<p:sp(?=[\s>])[^>]*>[\s\S]*?<\/p:sp>/g, ''));

    const relsName = relsPartOf(name);
    const rels = xml.get(relsName);
    if (rels === undefined) continue;
    const themeRel = findRelationships(rels).find((r) => r.type === THEME_REL_TYPE && r.mode !== 'External');
    if (!themeRel) continue;
    const themePart = resolveTarget(name, themeRel.target);
    const theme = xml.get(themePart);
    if (theme === undefined) continue;
    if (!isThemeSharedWithOtherPart(xml, name, themePart)) continue;

    const taken = new Set(xml.keys());
    let n = 1;
    while (taken.has(`ppt/theme/theme${n}.xml`)) n++;
    const ownTheme = `ppt/theme/theme${n}.xml`;
    xml.set(ownTheme, theme);
    const themeRels = xml.get(relsPartOf(themePart));
    if (themeRels !== undefined) xml.set(relsPartOf(ownTheme), themeRels);
    const newTarget = posix.relative(posix.dirname(name), ownTheme);
    xml.set(relsName, rels.replace(themeRel.tag, themeRel.tag.replace(/\bTarget="[^"]*"/, `Target="${newTarget}"`)));
    const ct = xml.get(CT_PART)!;
    xml.set(
      CT_PART,
      ct.replace(/<\/Types>\s*$/, `<Override PartName="/${ownTheme}" ContentType="${THEME_CT}"/></Types>`),
    );
  }
}

function isThemeSharedWithOtherPart(xml: Map<string, string>, owner: string, themePart: string): boolean {
  for (const [name, text] of xml) {
    if (!name.endsWith('.rels') || name === relsPartOf(owner)) continue;
    const source = sourceOfRels(name);
    if (source === undefined || source === 'ppt/presentation.xml') continue;
    if (findRelationships(text).some((r) => r.mode !== 'External' && resolveTarget(source, r.target) === themePart))
      return true;
  }
  return false;
}

/**
 * PptxGenJS#1444 (phantom slideMaster overrides) and #1449 (unused Default
 * registrations, non-IANA image/jpg). Every remaining part keeps a content type.
 */
function repairContentTypes(text: string, partNames: string[]): string {
  const parts = new Set(partNames.map((n) => n.toLowerCase()));
  const usedExt = new Set(partNames.map(extensionOf));
  let out = text.replace(/<Override\s[^>]*?\/>\s*/g, (tag) => {
    const part = parseAttrs(tag).get('PartName') ?? '';
    return parts.has(part.replace(/^\//, '').toLowerCase()) ? tag.trim() : '';
  });
  out = out.replace(/<Default\s[^>]*?\/>\s*/g, (tag) => {
    const attrs = parseAttrs(tag);
    const ext = (attrs.get('Extension') ?? '').toLowerCase();
    if (!usedExt.has(ext)) return '';
    return ext === 'jpg' || ext === 'jpeg'
      ? tag.trim().replace(/ContentType="image\/jpg"/, 'ContentType="image/jpeg"')
      : tag.trim();
  });
  // whitespace between elements (pptxgenjs writes stray spaces between Overrides)
  const root = out.indexOf('<Types');
  return root < 0 ? out : out.slice(0, root) + out.slice(root).replace(/>\s+</g, '><');
}

function setCoreProperties(text: string, stamp: string, opts: PackageOptions): string {
  let out = setElement(text, 'dcterms:created', ' xsi:type="dcterms:W3CDTF"', stamp);
  out = setElement(out, 'dcterms:modified', ' xsi:type="dcterms:W3CDTF"', stamp);
  if (opts.title !== undefined) out = setElement(out, 'dc:title', '', escapeXml(opts.title));
  if (opts.author !== undefined) {
    out = setElement(out, 'dc:creator', '', escapeXml(opts.author));
    out = setElement(out, 'cp:lastModifiedBy', '', escapeXml(opts.author));
  }
  return out;
}

function setElement(text: string, tag: string, attrs: string, value: string): string {
  const re = new RegExp(`<${tag}(\\s[^>]*)?(?:/>|>[^<]*</${tag}>)`);
  if (re.test(text))
    return text.replace(re, (_all, existing: string | undefined) => `<${tag}${existing ?? attrs}>${value}</${tag}>`);
  if (!/<\/cp:coreProperties>/.test(text))
    throw new Error('finalizePptx: docProps/core.xml has no cp:coreProperties root');
  return text.replace(/<\/cp:coreProperties>/, `<${tag}${attrs}>${value}</${tag}></cp:coreProperties>`);
}

// ---------------------------------------------------------------------------
// small helpers

/** OPC extension: after the last dot of the last segment ("_rels/.rels" -> "rels"). */
function extensionOf(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot < 0 ? '' : last.slice(dot + 1).toLowerCase();
}

function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, m[2] ?? m[3] ?? '');
  return out;
}

interface Rel {
  tag: string;
  id: string;
  type: string;
  target: string;
  mode: string | undefined;
}

function findRelationships(rels: string): Rel[] {
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

function relsPartOf(part: string): string {
  return `${posix.dirname(part) === '.' ? '' : `${posix.dirname(part)}/`}_rels/${posix.basename(part)}.rels`;
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

function orderParts(names: string[]): string[] {
  const lead = LEADING_PARTS.filter((n) => names.includes(n));
  const rest = names.filter((n) => !LEADING_PARTS.includes(n)).sort(naturalCompare);
  return [...lead, ...rest];
}

/** Locale-independent natural order: "slide2" before "slide10". */
function naturalCompare(a: string, b: string): number {
  const ta = a.split(/(\d+)/);
  const tb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    }
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}
