/**
 * Final packaging step for decks written by pptxgenjs 4.0.1.
 *
 * `pptx.write({ outputType: 'nodebuffer' })` returns an uncompressed zip whose
 * entry dates and `docProps/core.xml` dates are "now", so two builds of the same
 * deck differ. It also carries several known "PowerPoint found a problem with
 * content" triggers (LibreOffice opens such files without complaint, PowerPoint
 * offers to repair them). `finalizePptx` writes the deck's one zip deterministically
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
 * - PptxGenJS#1449: the notes master shares the slide master's theme part; it
 *   gets its own copy. Its six placeholders (PowerPoint's own default set) are
 *   kept so that notes slides inherit their layout, and a notes slide's
 *   slide-number placeholder gets the master's idx instead of pptxgenjs's 10.
 *   (PptxGenJS#1443 reports PowerPoint stripping those placeholders on repair;
 *   no PowerPoint here to confirm which part it objected to — see CONTRIBUTING.md.)
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
 * The checks are in package/checks.ts, the repairs in package/repairs.ts, the
 * zip in package/zip.ts; this module takes the parts (as `renderDeck` read
 * them, or from a zip), runs the checks and repairs, and writes the one zip.
 * It knows nothing about the content of the deck.
 */
import { checkParts, checkTimestamp } from './package/checks.js';
import { CT_PART, isXmlPart } from './package/opc.js';
import { repairContentTypes, repairParts, setCoreProperties } from './package/repairs.js';
import { type PackageParts, partText, readZip, writeZip, zipMemo } from './package/zip.js';

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

/** The deck's text parts deflated, by name, for the next deck of this thread (package/memo.ts). */
const DECK_PARTS = zipMemo();

/** Parts written first, in this order; everything else follows in natural name order. */
const LEADING_PARTS = [
  CT_PART,
  '_rels/.rels',
  'docProps/core.xml',
  'docProps/app.xml',
  'ppt/presentation.xml',
  'ppt/_rels/presentation.xml.rels',
];

/**
 * The deterministic, repaired package. `raw` is a zip (pptxgenjs's, or any
 * package: tests pass crafted ones) or the parts `renderDeck` already has in
 * hand, which spares reading a zip again.
 */
export async function finalizePptx(raw: Uint8Array | PackageParts, opts: PackageOptions): Promise<Buffer> {
  const stamp = checkTimestamp(opts.modified);
  const { xml, bin } = splitParts(raw instanceof Map ? raw : readZip(raw));
  checkParts(xml);
  repairParts(xml, opts.lang);

  const names = [...xml.keys(), ...bin.keys()];
  xml.set(CT_PART, repairContentTypes(xml.get(CT_PART)!, names));

  const core = xml.get('docProps/core.xml');
  if (core !== undefined) xml.set('docProps/core.xml', setCoreProperties(core, stamp, opts));
  // The one zip of the deck, its parts in a fixed order.
  return writeZip(
    orderParts(names).map((name) => [name, xml.get(name) ?? bin.get(name)!] as const),
    opts.modified,
    DECK_PARTS,
  );
}

/** XML parts as text, the rest as bytes. */
function splitParts(parts: PackageParts): { xml: Map<string, string>; bin: Map<string, Uint8Array> } {
  const xml = new Map<string, string>();
  const bin = new Map<string, Uint8Array>();
  for (const [name, data] of parts) {
    if (isXmlPart(name)) xml.set(name, partText(data));
    else bin.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
  if (!xml.has(CT_PART)) throw new Error('finalizePptx: not a package, [Content_Types].xml is missing');
  return { xml, bin };
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
