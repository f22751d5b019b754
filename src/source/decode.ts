/**
 * Bytes → text: strict UTF-8, with a located error for UTF-16 and for the
 * first byte that is not UTF-8 (a Windows-1251 file).
 */
import { diagnostic, type Diagnostic } from '../errors.js';

/** UTF-16 without a byte-order mark: ASCII characters come with a zero byte beside them. */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64) & ~1;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return n >= 4 && zeros >= n / 4;
}

/** Position of the first invalid UTF-8 sequence, found without decoding twice. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF (what TextDecoder refuses too).
    const second = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second > 0x9f) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes strictly; a Windows-1251 or UTF-16 file is an error with the place of the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)) {
    return { diagnostic: diagnostic('NotUtf8', { file, line: 1, col: 1 }, { found: 'utf16' }) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.max(bad, 0)));
    const lines = before.split('\n');
    const line = lines.length;
    const col = (lines[lines.length - 1] ?? '').length + 1;
    return {
      diagnostic: diagnostic('NotUtf8', { file, line, col }, { found: 'other' }),
    };
  }
}
