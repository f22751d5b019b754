/**
 * The zip container of a package: read by fflate, written here with Node's
 * own (native) deflate, which a cold start does not have to warm up as it
 * would a JavaScript one (bench/README.md has the figure). Its bytes may differ
 * under another Node version's zlib: one Node gives the same bytes for the same
 * parts, and a Node upgrade rewrites each deck once. Every local header carries
 * its sizes and CRC (no data descriptors), as PowerPoint and JSZip write them.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { PartMemo } from './memo.js';

/** A package's parts by name: XML parts as text or bytes, the rest as bytes. */
export type PackageParts = Map<string, string | Uint8Array>;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // a BOM stays as it was

/** A part as text: UTF-8 bytes decoded (a zip's parts come as bytes), text as it is. */
export function partText(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : decoder.decode(data);
}

/** The files of a zip by name; folder entries (`ppt/media/`) are not parts and are left out. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const files = unzipSync(bytes);
  const parts = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) if (!name.endsWith('/')) parts.set(name, data);
  return parts;
}

/** An entry's date and time in MS-DOS form (two-second steps), from `at`'s UTC fields: the same bytes in every time zone. */
function dosDateTime(at: Date): { date: number; time: number } {
  const year = at.getUTCFullYear();
  if (year < 1980 || year > 2107) throw new RangeError(`a zip entry cannot be dated ${at.toISOString()}`);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  };
}

/** Deflate level of every entry: level 9 saved 0.1 % on a 12-slide deck for ~60 % more time. */
const LEVEL = 6;
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** "Version needed to extract": 2.0, deflate. */
const VERSION = 20;
/** General purpose flag 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
const DEFLATED = 8;

/** An entry's data: CRC-32 and length of the bytes, and the bytes deflated. */
export interface Deflated {
  crc: number;
  size: number;
  packed: Buffer;
}

function deflate(raw: Uint8Array): Deflated {
  return { crc: crc32(raw), size: raw.length, packed: deflateRawSync(raw, { level: LEVEL }) };
}

const deflateText = (text: string): Deflated => deflate(Buffer.from(text, 'utf8'));

/**
 * Text parts' entry data kept by part name (memo.ts), one memo per kind of zip: a deck's
 * `[Content_Types].xml` and a chart workbook's would otherwise take each other's place.
 */
export const zipMemo = (): PartMemo<Deflated> => new PartMemo<Deflated>();

/**
 * The zip of `parts` in the given order, every entry dated `modified` (UTC),
 * deflated, no extra fields, no data descriptors: the same parts give the same
 * bytes (on one Node; see above). Not zip64: a package here is far below 4 GiB
 * and 65 535 entries, and a larger one is refused. With `memo` (zipMemo), a text
 * part equal to the same-named part of the zip before is not deflated again.
 */
export function writeZip(
  parts: Iterable<readonly [string, string | Uint8Array]>,
  modified: Date,
  memo?: PartMemo<Deflated>,
): Buffer {
  const { date, time } = dosDateTime(modified);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const { crc, size, packed } =
      typeof data !== 'string' ? deflate(data) : memo ? memo.through(name, data, deflateText) : deflateText(data);
    const fileName = Buffer.from(name, 'utf8');
    const flags = fileName.length === name.length ? 0 : UTF8_NAMES;
    // The fields a local header and its central directory entry share, from "version needed" on.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(VERSION, 0);
    common.writeUInt16LE(flags, 2);
    common.writeUInt16LE(DEFLATED, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(packed.length, 14);
    common.writeUInt32LE(size, 18);
    common.writeUInt16LE(fileName.length, 22);
    common.writeUInt16LE(0, 24); // no extra field
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    chunks.push(local, common, fileName, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL_HEADER, 0);
    entry.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0
    common.copy(entry, 6);
    // comment length, disk number, internal and external attributes: all 0
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    offset += 30 + fileName.length + packed.length;
    if (offset > 0xffffffff || central.length / 2 > 0xffff) throw new RangeError('a package this large needs zip64');
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
