/**
 * The parts of a pptxgenjs presentation, taken from the JSZip object it fills
 * rather than from the zip it makes of it.
 *
 * pptxgenjs 4.0.1 adds every part to a JSZip object (`exportPresentation`) and
 * zips it (stored) for `write()`; this package then read that zip straight
 * back. Zipping computes a CRC and a UTF-8 copy of every part in JavaScript,
 * and reading it back decodes every part again: in a 100-deck batch JSZip
 * alone was 8 % of the rendering thread's time, and that copy of each deck is
 * thrown away. Here `write()` asks JSZip for an output type of our own, which
 * hands back the parts as they were added: XML as the strings pptxgenjs wrote,
 * pictures (added as base64) as the bytes JSZip decoded them to, anything else
 * through JSZip's public `async()`.
 *
 * The one internal relied on: JSZip keeps what `zip.file(name, data)` was
 * given as `_data`, a promise of the string (text, `_dataBinary` false) or of
 * the bytes (base64 decoded). Anything else goes the public way (`async`),
 * and any other output type is JSZip's own `generateAsync`, unchanged.
 * tests/render/package/pptxParts.test.ts holds these parts against the zip
 * JSZip makes, part by part.
 */
import JSZip from 'jszip';
import { type PackageParts, readZip } from './zip.js';

/** The output type asked of JSZip for the parts themselves. */
const PARTS = 'itogi-parts';

/** What a JSZip entry keeps of a part (jszip 3.10 `ZipObject`). */
interface ZipEntry {
  dir: boolean;
  _data: unknown;
  _dataBinary: boolean;
  async(type: 'uint8array'): Promise<Uint8Array>;
}

/** A part as pptxgenjs added it: its text, or its bytes. */
async function partOf(entry: ZipEntry): Promise<string | Uint8Array> {
  const data = await entry._data;
  if (typeof data === 'string' && !entry._dataBinary) return data;
  if (data instanceof Uint8Array) return data;
  return entry.async('uint8array');
}

/** The parts of a filled JSZip object, in the order they were added (the order JSZip would zip them). */
async function partsOf(zip: JSZip): Promise<PackageParts> {
  const entries: Promise<readonly [string, string | Uint8Array]>[] = [];
  zip.forEach((path, file) => {
    const entry = file as unknown as ZipEntry;
    if (entry.dir) return;
    entries.push(partOf(entry).then((data) => [path, data] as const));
  });
  return new Map(await Promise.all(entries));
}

type Generate = (this: JSZip, options?: { type?: string }, ...rest: unknown[]) => Promise<unknown>;
const proto = JSZip.prototype as unknown as { generateAsync: Generate };
/** JSZip's own method, and how many writes are under way with ours in its place. */
let original: Generate | undefined;
let writing = 0;

/**
 * JSZip's `generateAsync` answers our output type only while a write of ours runs: put in
 * place for the first, JSZip's own restored after the last, so no caller of the library
 * finds JSZip changed.
 */
async function withPartsType<T>(write: () => Promise<T>): Promise<T> {
  if (writing++ === 0) {
    const generate = proto.generateAsync;
    original = generate;
    proto.generateAsync = function (this: JSZip, options, ...rest) {
      return options?.type === PARTS ? partsOf(this) : generate.call(this, options, ...rest);
    };
  }
  try {
    return await write();
  } finally {
    if (--writing === 0 && original) {
      proto.generateAsync = original;
      original = undefined;
    }
  }
}

/**
 * The parts pptxgenjs would zip for this presentation, by name. Where pptxgenjs has a JSZip
 * of its own (an install that could not share one copy: the type above is then unknown to
 * it), its zip is read back instead, as before.
 */
export async function pptxParts(pptx: { write(props: never): Promise<unknown> }): Promise<PackageParts> {
  // pptxgenjs hands `outputType` on to JSZip as it is; its typings list only JSZip's own types.
  const write = pptx as unknown as { write(props: { outputType: string }): Promise<unknown> };
  const parts = await withPartsType(() => write.write({ outputType: PARTS })).catch((e: unknown) => e);
  if (parts instanceof Map) return parts as PackageParts;
  return readZip((await write.write({ outputType: 'uint8array' })) as Uint8Array);
}
