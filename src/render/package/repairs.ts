/**
 * Repairs of the "PowerPoint found a problem with content" triggers confirmed
 * in pptxgenjs 4.0.1's own output (see package.ts for the list), and the
 * document properties that make two builds of one deck the same bytes.
 */
import { posix } from 'node:path';
import {
  CT_PART,
  escapeXml,
  extensionOf,
  findRelationships,
  parseAttrs,
  relsPartOf,
  resolveTarget,
  sourceOfRels,
} from './opc.js';
import { PartMemo } from './memo.js';

const THEME_CT = 'application/vnd.openxmlformats-officedocument.theme+xml';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const THEME_REL_TYPE = `${REL_NS}/theme`;

/** Slides, layouts and masters: the parts whose shapes and backgrounds need the repairs. */
const DRAWING_PART = /^ppt\/(slides\/slide|slideLayouts\/slideLayout|slideMasters\/slideMaster)\d+\.xml$/;
const NOTES_SLIDE_PART = /^ppt\/notesSlides\/notesSlide\d+\.xml$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/**
 * Every repair of the parts in place, in the order they were made before the
 * split: the notes master, notes paragraphs, the presentation's list order,
 * shapes and backgrounds, then the proofing language when one is given.
 */
export function repairParts(xml: Map<string, string>, lang: string | undefined): void {
  repairNotesMaster(xml);
  const slideNumberIdx = notesMasterSlideNumberIdx(xml);
  for (const [name, text] of xml) {
    if (NOTES_SLIDE_PART.test(name)) xml.set(name, notesSlideNumberIdx(notesParagraphs(text), slideNumberIdx));
  }
  const presentation = xml.get('ppt/presentation.xml');
  if (presentation !== undefined) xml.set('ppt/presentation.xml', notesMasterListInOrder(presentation));

  for (const [name, text] of xml) {
    if (DRAWING_PART.test(name)) xml.set(name, drawingRepaired.through(name, text, repairDrawing));
  }

  if (lang !== undefined) setLanguage(xml, lang);
}

/** Each repair below depends on the part's text alone: one repaired text per text, across decks (memo.ts). */
const drawingRepaired = new PartMemo<string>();

/** Shapes and backgrounds of a slide, layout or master. */
function repairDrawing(text: string): string {
  return explicitBulletFonts(uniqueShapeIds(addBackgroundEffects(addMissingTextBodies(text))));
}

/**
 * The font of a bullet character, as PowerPoint writes it: pptxgenjs writes
 * `a:buChar` alone, and LibreOffice then takes it for a Symbol-font bullet
 * and saves «–» as an empty one (seen in a round trip here); Р7 and
 * ONLYOFFICE read the bullet's font the same way. a:buFont goes right
 * before a:buChar (the schema's order), only where a paragraph has none.
 */
const BULLET_FONT = '<a:buFont typeface="Arial" panose="020B0604020202020204" pitchFamily="34" charset="0"/>';
function explicitBulletFonts(text: string): string {
  if (!text.includes('<a:buChar')) return text;
  return text.replace(/<a:pPr\b[^>]*>[\s\S]*?<\/a:pPr>/g, (pPr) =>
    pPr.includes('<a:buChar') && !pPr.includes('<a:buFont') ? pPr.replace('<a:buChar', `${BULLET_FONT}<a:buChar`) : pPr,
  );
}

/** Texts with their runs' language set, for the language they were last set to. */
let languageSet = { lang: '', memo: new PartMemo<string>() };

/** The proofing language of every run in ppt/ (masters and notes too). */
function setLanguage(xml: Map<string, string>, lang: string): void {
  if (!LANGUAGE_TAG.test(lang)) throw new Error(`finalizePptx: bad language tag ${lang}`);
  if (languageSet.lang !== lang) languageSet = { lang, memo: new PartMemo<string>() };
  const { memo } = languageSet;
  const withLanguage = (text: string) =>
    text.replace(/(<a:(?:rPr|endParaRPr|defRPr)\b[^>]*?\s)lang="[^"]*"/g, `$1lang="${lang}"`);
  for (const [name, text] of xml) if (name.startsWith('ppt/')) xml.set(name, memo.through(name, text, withLanguage));
}

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

/** The `idx` of the notes master's slide-number placeholder (PowerPoint's default master: 5). */
function notesMasterSlideNumberIdx(xml: Map<string, string>): string | undefined {
  for (const [name, text] of xml) {
    if (!/^ppt\/notesMasters\/notesMaster\d+\.xml$/.test(name)) continue;
    const ph = /<p:ph\b[^>]*\btype="sldNum"[^>]*>/.exec(text);
    if (ph) return /\bidx="(\d+)"/.exec(ph[0])?.[1];
  }
  return undefined;
}

/**
 * pptxgenjs numbers a notes slide's slide-number placeholder idx="10", which the
 * notes master does not have: it gets the master's idx, so it inherits from it
 * by index as well as by type (as in PowerPoint's own notes slides).
 */
function notesSlideNumberIdx(text: string, idx: string | undefined): string {
  if (idx === undefined) return text;
  return text.replace(/<p:ph\b[^>]*\btype="sldNum"[^>]*>/g, (ph) => ph.replace(/\bidx="\d+"/, `idx="${idx}"`));
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
 * PptxGenJS#1449: give the notes master a theme part of its own (it shares the
 * slide master's). Its six placeholders (header, date, slide image, notes body,
 * footer, slide number: PowerPoint's own default) stay: every notes slide's
 * placeholders inherit their position and format from them. Issue 8 of this
 * project: an earlier version stripped them after PptxGenJS#1443, which left
 * the speaker notes without a layout.
 */
function repairNotesMaster(xml: Map<string, string>): void {
  for (const name of [...xml.keys()]) {
    if (!/^ppt\/notesMasters\/notesMaster\d+\.xml$/.test(name)) continue;

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
export function repairContentTypes(text: string, partNames: string[]): string {
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

export function setCoreProperties(
  text: string,
  stamp: string,
  opts: { title?: string | undefined; author?: string | undefined },
): string {
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
