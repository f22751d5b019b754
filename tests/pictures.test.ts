/** Picture type and pixel size from the header alone, for files made by a real encoder. */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { pictureSizeOf, pictureType } from '../src/pictures.js';

const encoded = (width: number, height: number, mime: 'image/png' | 'image/jpeg') =>
  createCanvas(width, height).toBuffer(mime as 'image/png');

describe('pictureSizeOf', () => {
  it.each([
    [37, 5, 'image/png'],
    [1200, 900, 'image/png'],
    [37, 5, 'image/jpeg'],
    [640, 481, 'image/jpeg'],
  ] as const)('reads %i×%i from a %s header', async (width, height, mime) => {
    const bytes = encoded(width, height, mime);
    expect(pictureType(bytes)).toBe(mime);
    expect(await pictureSizeOf(bytes)).toEqual({ width, height });
  });

  it('walks past application segments before the frame of a JPEG (EXIF, ICC)', async () => {
    const jpeg = encoded(20, 10, 'image/jpeg');
    // An APP1 segment of 5 000 bytes inserted right after the SOI marker.
    const app = Buffer.alloc(5000 + 2);
    app[0] = 0xff;
    app[1] = 0xe1;
    app.writeUInt16BE(5000, 2);
    const withApp = Buffer.concat([jpeg.subarray(0, 2), app, jpeg.subarray(2)]);
    expect(await pictureSizeOf(withApp)).toEqual({ width: 20, height: 10 });
  });

  it('gives nothing for a truncated or foreign header instead of throwing', async () => {
    const png = encoded(8, 8, 'image/png');
    expect(await pictureSizeOf(png.subarray(0, 20))).toBeUndefined();
    expect(await pictureSizeOf(encoded(8, 8, 'image/jpeg').subarray(0, 12))).toBeUndefined();
    expect(await pictureSizeOf(Buffer.from('GIF89a'))).toBeUndefined();
    expect(await pictureSizeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00]))).toBeUndefined();
  });
});
