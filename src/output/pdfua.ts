/**
 * What LibreOffice 7.4's tagged PDF export (UseTaggedPDF + PDFUACompliance)
 * does not carry over from the deck, mended in the PDF afterwards with
 * @cantoo/pdf-lib (issue 20; ГОСТ Р 70176-2022, PDF/UA-1). Seen on 7.4
 * (docs/field notes): it writes headings from title placeholders, TH cells
 * for a table's first row, DisplayDocTitle and the PDF/UA identifier, but
 *
 * - every shape marked decorative (a16:decorative) still becomes a Figure
 *   without alternative text: it is made an Artifact here (its marked
 *   content retagged, its structure element and parent-tree entry gone);
 * - a chart's or picture's `descr` does not become the Figure's Alt: it is
 *   set here, the Figure found by its bounding box on the slide;
 * - the slide's background and a table's rules are painted outside any
 *   marked content (untagged, which PDF/UA forbids): wrapped as Artifacts;
 * - `/Lang` stays en-US: set to the deck's language (ru-RU);
 * - the structure tree has many roots: they go under one Document element.
 *
 * The deck is read for what each slide's shapes are (decorative or with
 * alternative text, and where), so the PDF of any deck is mended alike.
 *
 * It is also dated as the deck (docProps/core.xml) instead of the clock, and
 * its file identifier made from the deck's bytes: the same deck gives the
 * same PDF bytes (LibreOffice's own are otherwise the same each run).
 */
import { createHash } from 'node:crypto';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';
import { readZip } from '../render/package/zip.js';
import { parseOperations } from './contentStream.js';

/** A shape of a slide that LibreOffice draws as a Figure: where it is (points, from the top left) and what it is. */
interface FigureShape {
  x: number;
  y: number;
  w: number;
  h: number;
  decorative: boolean;
  alt: string;
}

interface DeckShapes {
  widthPt: number;
  heightPt: number;
  slides: FigureShape[][];
  /** dcterms:modified of the deck, when it has one. */
  modified: Date | undefined;
}

const EMU_PER_PT = 12700;
const DECORATIVE = /<adec:decorative\b[^>]*\bval="1"/;

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&');

/** Each slide's decorative shapes and shapes with alternative text, in slide order. */
function deckShapes(pptx: Uint8Array): DeckShapes {
  const parts = readZip(pptx);
  const text = (name: string) => new TextDecoder().decode(parts.get(name));
  const size = /<p:sldSz\b[^>]*\bcx="(\d+)"[^>]*\bcy="(\d+)"/.exec(text('ppt/presentation.xml'));
  const slideNames = [...parts.keys()]
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const slides = slideNames.map((name) =>
    [...text(name).matchAll(/<p:(sp|graphicFrame|pic)>[\s\S]*?<\/p:\1>/g)].flatMap((m): FigureShape[] => {
      const xml = m[0];
      const nv = /<p:cNvPr\b[^>]*>(?:[\s\S]*?<\/p:cNvPr>)?/.exec(xml)?.[0] ?? '';
      const decorative = DECORATIVE.test(nv);
      const alt = decode(/\bdescr="([^"]*)"/.exec(nv)?.[1] ?? '');
      const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(xml);
      if (!off || (!decorative && alt === '')) return [];
      const [x, y, w, h] = off.slice(1, 5).map((v) => Number(v) / EMU_PER_PT) as [number, number, number, number];
      return [{ x, y, w, h, decorative, alt }];
    }),
  );
  const stamp = /<dcterms:modified\b[^>]*>([^<]+)</.exec(
    parts.has('docProps/core.xml') ? text('docProps/core.xml') : '',
  );
  const modified = stamp ? new Date(stamp[1]!) : undefined;
  return {
    modified: modified && !Number.isNaN(modified.getTime()) ? modified : undefined,
    widthPt: size ? Number(size[1]) / EMU_PER_PT : 0,
    heightPt: size ? Number(size[2]) / EMU_PER_PT : 0,
    slides,
  };
}

const area = (r: number[]) => Math.max(0, r[2]! - r[0]!) * Math.max(0, r[3]! - r[1]!);

function intersection(a: number[], b: number[]): number {
  const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
  const h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  return w <= 0 || h <= 0 ? 0 : w * h;
}

/** Intersection over union of two boxes [x1, y1, x2, y2]. */
function overlap(a: number[], b: number[]): number {
  const i = intersection(a, b);
  return i === 0 ? 0 : i / (area(a) + area(b) - i);
}

/** How much of box `a` lies inside `b` (a line or a legend mark inside a chart: 1). */
function within(a: number[], b: number[]): number {
  const whole = area(a);
  return whole === 0
    ? a[0]! >= b[0]! && a[2]! <= b[2]! && a[1]! >= b[1]! && a[3]! <= b[3]!
      ? 1
      : 0
    : intersection(a, b) / whole;
}

/** A Figure and the shape it draws: a near match of their boxes, or none. */
const MIN_OVERLAP = 0.8;

/** The deck's tagged PDF with what LibreOffice 7.4 left out mended (see above). */
export async function mendTaggedPdf(pdf: Uint8Array, pptx: Uint8Array, lang: string): Promise<Uint8Array> {
  const deck = deckShapes(pptx);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dict = (o: PDFObject | undefined) => {
    const v = lookup(o);
    return v instanceof PDFDict ? v : undefined;
  };
  const array = (o: PDFObject | undefined) => {
    const v = lookup(o);
    return v instanceof PDFArray ? v : undefined;
  };
  const name = (d: PDFDict, key: string) => {
    const v = lookup(d.get(PDFName.of(key)));
    return v instanceof PDFName ? v.decodeText() : undefined;
  };

  doc.catalog.set(PDFName.of('Lang'), PDFString.of(lang));
  const root = dict(doc.catalog.get(PDFName.of('StructTreeRoot')));
  const pages = doc.getPages();
  /** Per page ref: MCIDs to turn into artifacts. */
  const artifacts = new Map<PDFRef, Set<number>>();

  if (root !== undefined) {
    const parentTree = dict(root.get(PDFName.of('ParentTree')));
    const nums = parentTree ? array(parentTree.get(PDFName.of('Nums'))) : undefined;
    const parentsOf = (key: number) => {
      if (!nums) return undefined;
      for (let i = 0; i + 1 < nums.size(); i += 2)
        if ((lookup(nums.get(i)) as PDFNumber).asNumber() === key) return array(nums.get(i + 1));
      return undefined;
    };
    const pageIndex = new Map(pages.map((p, i) => [p.ref, i]));
    const mcids = (elem: PDFDict) => {
      const k = lookup(elem.get(PDFName.of('K')));
      const items = k instanceof PDFArray ? k.asArray().map(lookup) : [k];
      return items.flatMap((item) => {
        if (item instanceof PDFNumber) return [item.asNumber()];
        if (item instanceof PDFDict && name(item, 'Type') === 'MCR') {
          const n = lookup(item.get(PDFName.of('MCID')));
          return n instanceof PDFNumber ? [n.asNumber()] : [];
        }
        return [];
      });
    };
    const bbox = (elem: PDFDict) => {
      const a = lookup(elem.get(PDFName.of('A')));
      for (const attrs of a instanceof PDFArray ? a.asArray().map(lookup) : [a]) {
        const box = attrs instanceof PDFDict ? array(attrs.get(PDFName.of('BBox'))) : undefined;
        if (box) return box.asArray().map((n) => (lookup(n) as PDFNumber).asNumber());
      }
      return undefined;
    };

    /** Each Figure: an artifact if it draws a decorative shape, else the shape's alternative text. */
    const visit = (elem: PDFDict, ref: PDFRef | undefined, parent: PDFDict | undefined) => {
      const kids = array(elem.get(PDFName.of('K')));
      if (kids)
        for (const kid of [...kids.asArray()]) {
          const d = dict(kid);
          if (d && name(d, 'Type') !== 'MCR' && name(d, 'Type') !== 'OBJR')
            visit(d, kid instanceof PDFRef ? kid : undefined, elem);
        }
      if (name(elem, 'S') !== 'Figure' || parent === undefined) return;
      const pg = elem.get(PDFName.of('Pg'));
      const index = pg instanceof PDFRef ? pageIndex.get(pg) : undefined;
      const box = bbox(elem);
      if (index === undefined || box === undefined) return;
      const page = pages[index]!;
      const scale = deck.widthPt > 0 ? page.getWidth() / deck.widthPt : 1;
      const H = page.getHeight();
      const shapes = (deck.slides[index] ?? []).map((shape) => ({
        shape,
        r: [shape.x * scale, H - (shape.y + shape.h) * scale, (shape.x + shape.w) * scale, H - shape.y * scale],
      }));
      let best: { shape: FigureShape; score: number } | undefined;
      for (const { shape, r } of shapes) {
        const score = overlap(box, r);
        if (score > (best?.score ?? 0)) best = { shape, score };
      }
      if (best && best.score >= MIN_OVERLAP && !best.shape.decorative) {
        elem.set(PDFName.of('Alt'), PDFHexString.fromText(best.shape.alt));
        return;
      }
      // LibreOffice draws a chart's reference line and legend marks as Figures of their own beside
      // the chart's: parts of a picture whose Alt already says what it shows, so decoration too.
      const decoration =
        (best && best.score >= MIN_OVERLAP && best.shape.decorative) ||
        shapes.some(({ shape, r }) => !shape.decorative && within(box, r) >= MIN_OVERLAP);
      if (!decoration) return;
      // Decoration: no structure element; its marked content becomes an Artifact.
      const siblings = array(parent.get(PDFName.of('K')));
      if (siblings && ref) {
        const at = siblings.asArray().indexOf(ref);
        if (at >= 0) siblings.remove(at);
      }
      const key = lookup(page.node.get(PDFName.of('StructParents')));
      const parents = key instanceof PDFNumber ? parentsOf(key.asNumber()) : undefined;
      const set = artifacts.get(page.ref) ?? new Set<number>();
      for (const id of mcids(elem)) {
        set.add(id);
        if (parents && id < parents.size()) parents.set(id, PDFNull);
      }
      artifacts.set(page.ref, set);
    };
    visit(root, undefined, undefined);

    // One Document element holding what LibreOffice put under the root side by side.
    const top = array(root.get(PDFName.of('K')));
    if (top && top.size() > 1) {
      const document = ctx.obj({ Type: 'StructElem', S: 'Document', P: ctx.getObjectRef(root) ?? root, K: top });
      const docRef = ctx.register(document);
      for (const kid of top.asArray()) dict(kid)?.set(PDFName.of('P'), docRef);
      root.set(PDFName.of('K'), ctx.obj([docRef]));
    }
  }

  for (const page of pages) {
    const contents = page.node.get(PDFName.of('Contents'));
    const streams = array(contents)?.asArray() ?? (contents ? [contents] : []);
    const bytes = streams.map((s) => {
      const stream = lookup(s);
      return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : new Uint8Array();
    });
    const text = Buffer.concat(bytes.map((b) => Buffer.from(b))).toString('latin1');
    const mended = markArtifacts(text, artifacts.get(page.ref) ?? new Set());
    if (mended === text) continue;
    const stream = ctx.flateStream(Buffer.from(mended, 'latin1'));
    // In place where the page has one stream: a new object would leave the old one in the file.
    if (contents instanceof PDFRef) ctx.assign(contents, stream);
    else page.node.set(PDFName.of('Contents'), ctx.register(stream));
  }
  dateAs(doc, deck.modified, pptx);
  return doc.save({ useObjectStreams: false });
}

/** The PDF's dates (Info and XMP) set to the deck's, its ID to a digest of the deck's bytes. */
function dateAs(doc: PDFDocument, modified: Date | undefined, pptx: Uint8Array): void {
  const ctx = doc.context;
  const id = PDFHexString.of(createHash('sha256').update(pptx).digest('hex').slice(0, 32));
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  if (modified === undefined) return;
  doc.setCreationDate(modified);
  doc.setModificationDate(modified);
  const ref = doc.catalog.get(PDFName.of('Metadata'));
  const meta = ref instanceof PDFRef ? ctx.lookup(ref) : undefined;
  if (!(ref instanceof PDFRef) || !(meta instanceof PDFRawStream)) return;
  const xmp = Buffer.from(decodePDFRawStream(meta).decode()).toString('utf8');
  const iso = modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const dated = xmp.replace(/(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]*(<\/xmp:)/g, `$1${iso}$2`);
  if (dated === xmp) return;
  // The XMP stays uncompressed, as LibreOffice writes it (PDF/UA: readable metadata).
  // In place: a new object would leave the old one, with the clock's date, in the file.
  ctx.assign(ref, ctx.stream(Buffer.from(dated, 'utf8'), { Type: 'Metadata', Subtype: 'XML' }));
}

/** Operations that put something on the page (paths, text, pictures, shadings). */
const PAINTS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'ET', 'Do', 'sh', 'ID', 'Tj', 'TJ', "'", '"']);
/** Operations that begin drawing something: a path, a text object, a picture. */
const BEGINS = new Set(['m', 're', 'BT', 'Do', 'sh', 'BI']);

/**
 * The content stream with the marked content of `mcids` retagged as
 * Artifacts and any drawing outside marked content wrapped as one.
 */
export function markArtifacts(text: string, mcids: ReadonlySet<number>): string {
  const ops = parseOperations(text);
  const edits: { at: number; end: number; text: string }[] = [];
  let depth = 0;
  /** The drawing outside marked content since the last marked content: its first operation and its last paint. */
  let run: { first?: number; lastPaint?: number } = {};
  const closeRun = () => {
    if (run.first !== undefined && run.lastPaint !== undefined && run.lastPaint >= run.first) {
      edits.push({ at: ops[run.first]!.start, end: ops[run.first]!.start, text: '/Artifact BMC\n' });
      edits.push({ at: ops[run.lastPaint]!.end, end: ops[run.lastPaint]!.end, text: '\nEMC' });
    }
    run = {};
  };
  ops.forEach((o, i) => {
    if (o.op === 'BMC' || o.op === 'BDC') {
      if (depth === 0) closeRun();
      depth++;
      const m = /^\/Figure\s*<<\s*\/MCID\s+(\d+)\s*>>$/.exec(o.operands);
      if (o.op === 'BDC' && m && mcids.has(Number(m[1])))
        edits.push({ at: o.start, end: o.end, text: '/Artifact BMC' });
      return;
    }
    if (o.op === 'EMC') {
      depth = Math.max(0, depth - 1);
      return;
    }
    if (depth > 0) return;
    if (run.first === undefined && BEGINS.has(o.op)) run.first = i;
    if (run.first !== undefined && PAINTS.has(o.op)) run.lastPaint = i;
  });
  closeRun();
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const e of edits) {
    out += text.slice(from, e.at) + e.text;
    from = e.end;
  }
  return out + text.slice(from);
}
