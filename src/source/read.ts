/**
 * A YAML file from disk → parsed source: read the bytes (bounded), decode
 * them strictly, parse with positions. Used for direction files and templates.
 */
import { readFile } from 'node:fs/promises';
import { diagnostic } from '../errors.js';
import { decodeUtf8 } from './decode.js';
import { parseSource, type Parsed } from './parse.js';

/** A direction file is a few KB; anything far larger is not one (and is not parsed). */
export const MAX_FILE_BYTES = 1024 * 1024;

const UNREADABLE: Partial<Record<string, 'missing' | 'folder'>> = { ENOENT: 'missing', EISDIR: 'folder' };

/** Reads, decodes and parses a file; `displayName` is what messages call it. */
export async function loadSource(file: string, displayName = file): Promise<Parsed> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    const reason = (errno ? UNREADABLE[errno] : undefined) ?? 'other';
    const at = { file: displayName };
    return { diagnostics: [diagnostic('FileUnreadable', at, { reason }, errno ? { cause: errno } : {})] };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    const at = { file: displayName, line: 1, col: 1 };
    return { diagnostics: [diagnostic('FileTooLarge', at, { bytes: bytes.length, limit: MAX_FILE_BYTES })] };
  }
  const decoded = decodeUtf8(displayName, bytes);
  if ('diagnostic' in decoded) return { diagnostics: [decoded.diagnostic] };
  // Old Mac line ends (a lone CR) would make the whole file one comment line; same length, same offsets.
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
  if (text.trim() === '') return { diagnostics: [diagnostic('EmptyFile', { file: displayName, line: 1, col: 1 }, {})] };
  return parseSource(displayName, text);
}
