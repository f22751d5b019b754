import { crc32, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { readZip, writeZip, zipMemo } from '../../../src/render/package/zip.js';

const MODIFIED = new Date('2023-12-15T00:00:00Z');
const PARTS: [string, string | Uint8Array][] = [
  ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
  ['ppt/slides/slide1.xml', `<p:sld>${'Итоги 2023 года. '.repeat(200)}</p:sld>`],
  ['ppt/media/image1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])],
  ['docProps/empty.xml', ''],
];

/** The names of the central directory, in its order. */
function centralNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  while (zip.readUInt32LE(at) === 0x02014b50) {
    const nameLen = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

describe('writeZip', () => {
  const tz = process.env['TZ'];
  afterEach(() => {
    if (tz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = tz;
  });

  it('writes what another reader (JSZip) reads back, text as UTF-8, in the given order', async () => {
    const zip = writeZip(PARTS, MODIFIED);
    const read = await JSZip.loadAsync(zip);
    expect(await read.file('ppt/slides/slide1.xml')!.async('string')).toBe(PARTS[1]![1]);
    expect(await read.file('ppt/media/image1.png')!.async('uint8array')).toEqual(PARTS[2]![1]);
    expect(await read.file('docProps/empty.xml')!.async('string')).toBe('');
    expect(centralNames(zip)).toEqual(PARTS.map(([name]) => name));
    // Deflated: the repeated slide text shrinks.
    expect(zip.length).toBeLessThan((PARTS[1]![1] as string).length);
  });

  it('gives the same bytes for the same parts, in every time zone', () => {
    // A DOS date has no zone: writeZip writes the UTC fields wherever it runs.
    const bytes = ['UTC', 'Asia/Yekaterinburg', 'America/New_York', 'Pacific/Kiritimati'].map((zone) => {
      process.env['TZ'] = zone;
      return writeZip(PARTS, MODIFIED);
    });
    for (const b of bytes) expect(b.equals(bytes[0]!)).toBe(true);
    expect(writeZip(PARTS, MODIFIED).equals(bytes[0]!)).toBe(true);
    // …and not the same bytes for another date: the date is really in there.
    expect(writeZip(PARTS, new Date('2024-12-15T00:00:00Z')).equals(bytes[0]!)).toBe(false);
  });

  it('puts sizes and CRC in every local header (no data descriptors), deflated, dated in UTC', () => {
    const zip = writeZip(PARTS, new Date('2023-12-15T10:20:30Z'));
    let at = 0;
    for (const [name, data] of PARTS) {
      const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
      expect(zip.readUInt32LE(at)).toBe(0x04034b50);
      expect(zip.readUInt16LE(at + 6) & 0x0008, `${name}: data descriptor flag`).toBe(0);
      expect(zip.readUInt16LE(at + 8), name).toBe(8); // deflate
      // 10:20:30 → hours 10, minutes 20, seconds 30/2; 2023-12-15 → years since 1980, month, day.
      expect(zip.readUInt16LE(at + 10)).toBe((10 << 11) | (20 << 5) | 15);
      expect(zip.readUInt16LE(at + 12)).toBe(((2023 - 1980) << 9) | (12 << 5) | 15);
      expect(zip.readUInt32LE(at + 14), name).toBe(crc32(raw));
      const packed = zip.readUInt32LE(at + 18);
      expect(zip.readUInt32LE(at + 22), name).toBe(raw.length);
      const nameLength = zip.readUInt16LE(at + 26);
      expect(zip.toString('utf8', at + 30, at + 30 + nameLength)).toBe(name);
      const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
      expect(inflateRawSync(zip.subarray(start, start + packed)).equals(raw), name).toBe(true);
      at = start + packed;
    }
    expect(zip.readUInt32LE(at)).toBe(0x02014b50); // the central directory follows the last entry
  });

  it('refuses a date a zip cannot hold', () => {
    expect(() => writeZip(PARTS, new Date('1979-12-31T00:00:00Z'))).toThrow(RangeError);
  });

  it('writes each deck its own text when a part name comes again with other text of the same length', async () => {
    // with a memo, writeZip keeps each part's last deflated text for the next zip (memo.ts)
    const memo = zipMemo();
    const slide = (word: string) => `<p:sld>${`${word} `.repeat(300)}</p:sld>`;
    const first = writeZip([['ppt/slides/slide9.xml', slide('один')]], MODIFIED, memo);
    const second = writeZip([['ppt/slides/slide9.xml', slide('одна')]], MODIFIED, memo);
    const again = writeZip([['ppt/slides/slide9.xml', slide('один')]], MODIFIED, memo);
    const text = (zip: Buffer) => Buffer.from(readZip(zip).get('ppt/slides/slide9.xml')!).toString('utf8');
    expect(text(first)).toBe(slide('один'));
    expect(text(second)).toBe(slide('одна'));
    expect(again.equals(first)).toBe(true);
    expect(memo.get('ppt/slides/slide9.xml', slide('один'))).toBeDefined(); // the last text is the one kept
    expect(writeZip([['ppt/slides/slide9.xml', slide('один')]], MODIFIED).equals(first)).toBe(true); // no memo: the same bytes
    expect((await JSZip.loadAsync(second)).file('ppt/slides/slide9.xml')).not.toBeNull(); // JSZip checks the CRC
    expect(await (await JSZip.loadAsync(second)).file('ppt/slides/slide9.xml')!.async('string')).toBe(slide('одна'));
  });

  it('writes a text part and its UTF-8 bytes alike', () => {
    const asBytes = PARTS.map(([n, d]) => [n, typeof d === 'string' ? new TextEncoder().encode(d) : d] as const);
    expect(writeZip(asBytes, MODIFIED).equals(writeZip(PARTS, MODIFIED))).toBe(true);
  });
});

describe('readZip', () => {
  it('reads every file of a zip and leaves folder entries out (they are not parts)', async () => {
    const zip = new JSZip();
    zip.folder('ppt/charts');
    zip.file('ppt/slides/slide1.xml', '<p:sld>Итоги</p:sld>');
    zip.file('ppt/media/a.bin', new Uint8Array([0, 255]));
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const parts = readZip(await zip.generateAsync({ type: 'uint8array', compression }));
      expect([...parts.keys()].sort()).toEqual(['ppt/media/a.bin', 'ppt/slides/slide1.xml']);
      expect(new TextDecoder().decode(parts.get('ppt/slides/slide1.xml'))).toBe('<p:sld>Итоги</p:sld>');
      expect(parts.get('ppt/media/a.bin')).toEqual(new Uint8Array([0, 255]));
    }
  });

  it('reads back what writeZip wrote', () => {
    const parts = readZip(writeZip(PARTS, MODIFIED));
    expect(new TextDecoder().decode(parts.get('ppt/slides/slide1.xml'))).toBe(PARTS[1]![1]);
    expect(parts.get('ppt/media/image1.png')).toEqual(PARTS[2]![1]);
  });
});
