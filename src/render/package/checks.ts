/**
 * Checks of a pptxgenjs package before it is repaired and re-packed: what no
 * reader can open (characters XML 1.0 forbids) and numbers that are corrupt
 * rather than a design (NaN, Infinity, non-integer or negative EMU, the
 * image-size unit mix-up of PptxGenJS#1286). Each throws; none guesses.
 */
import { PartMemo } from './memo.js';
import { parseAttrs } from './opc.js';

/** Texts that passed both checks (they depend on the text alone; the name is only for the message). */
const passed = new PartMemo<true>();

/** Refuse what no reader can open, and corrupt numbers, before anything is touched. */
export function checkParts(xml: ReadonlyMap<string, string>): void {
  for (const [name, text] of xml)
    passed.through(name, text, () => {
      assertXmlCharacters(name, text);
      assertNumbersSane(name, text);
      return true;
    });
}

export function checkTimestamp(d: Date): string {
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

/** Whatever FORBIDDEN_XML_CHAR can match starts with one of these: a part without any is fine, in one fast scan. */
const FORBIDDEN_XML_CHAR_START = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|&#/;

function assertXmlCharacters(part: string, text: string): void {
  if (!FORBIDDEN_XML_CHAR_START.test(text)) return;
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

function assertNoBadNumbers(text: string, fail: (what: string, at: number) => never): void {
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
}

function assertNumbersSane(part: string, text: string): void {
  const fail = (what: string, at: number): never => {
    const from = Math.max(0, at - 80);
    throw new Error(`finalizePptx: ${what} in ${part}: …${text.slice(from, at + 80)}…`);
  };
  // Both scans below look for NaN or Infinity: a part with neither word needs neither scan.
  if (text.includes('NaN') || text.includes('Infinity')) assertNoBadNumbers(text, fail);
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
