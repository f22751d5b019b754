/**
 * Pictures the deck embeds (a template's logo, the chart picture): their type
 * told by signature (a file name may lie) and their pixel size read from the
 * header, so a picture is judged before anything decodes or embeds it.
 * Shared by the template loader and the renderers (templates never import render/).
 */
/** Picture types the deck embeds. */
export type PictureType = 'image/png' | 'image/jpeg';

/** PNG 89 50 4E 47 0D 0A 1A 0A, JPEG FF D8 FF; undefined for anything else. */
export function pictureType(bytes: Uint8Array): PictureType | undefined {
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

export interface PictureSize {
  width: number;
  height: number;
}

/** Reads `length` bytes at `position` (fewer at the end of the source). */
export type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

/** PNG: the IHDR chunk comes first; width and height are its first two big-endian words. */
async function pngSize(read: ReadAt): Promise<PictureSize | undefined> {
  const b = await read(0, 24);
  if (b.length < 24 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers (C0–CF except DHT C4, JPG C8 and DAC CC) carry the frame's size. */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * JPEG: walks the segment headers (4 bytes each, skipping their bodies) to the
 * start-of-frame segment; reads a few bytes per segment, never the pictures' data.
 */
async function jpegSize(read: ReadAt, size: number): Promise<PictureSize | undefined> {
  let at = 2;
  // Each step moves forward by at least 2 bytes, so the walk ends.
  while (at + 4 <= size) {
    const head = await read(at, 9);
    if (head.length < 4 || head[0] !== 0xff) return undefined;
    const marker = head[1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before any frame
    const length = (head[2]! << 8) | head[3]!;
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (head.length < 9) return undefined;
      return { height: (head[5]! << 8) | head[6]!, width: (head[7]! << 8) | head[8]! };
    }
    at += 2 + length;
  }
  return undefined;
}

/** Pixel size from the header of a PNG or JPEG; undefined when the header is not readable. */
export async function pictureSize(type: PictureType, read: ReadAt, size: number): Promise<PictureSize | undefined> {
  return type === 'image/png' ? pngSize(read) : jpegSize(read, size);
}

/**
 * A picture fitted inside a box keeping its aspect ratio, centred: a coat of
 * arms taller than wide is not squeezed into the template's square.
 */
export function containedIn<B extends { x: number; y: number; w: number; h: number }>(box: B, size: PictureSize): B {
  const scale = Math.min(box.w / size.width, box.h / size.height);
  const w = size.width * scale;
  const h = size.height * scale;
  return { ...box, x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** The same for bytes already in memory. */
export function pictureSizeOf(bytes: Uint8Array): Promise<PictureSize | undefined> {
  const type = pictureType(bytes);
  if (!type) return Promise.resolve(undefined);
  return pictureSize(type, async (p, n) => bytes.subarray(p, p + n), bytes.length);
}
