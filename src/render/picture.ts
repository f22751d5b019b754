/** Picture types the deck embeds, told by signature (a file name may lie). */
export type PictureType = 'image/png' | 'image/jpeg';

/** PNG 89 50 4E 47 0D 0A 1A 0A, JPEG FF D8 FF; undefined for anything else. */
export function pictureType(bytes: Uint8Array): PictureType | undefined {
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}
