/**
 * A YAML file from disk → parsed source: read the bytes (bounded), decode
 * them strictly, parse with positions. Used for direction files and templates.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { diagnostic } from '../errors.js';
import { decodeUtf8 } from './decode.js';
import { MAX_FILE_BYTES } from './limits.js';
import { parseSource, type Parsed } from './parse.js';
import { parserText } from './text.js';

export { MAX_FILE_BYTES } from './limits.js';

const UNREADABLE: Partial<Record<string, 'missing' | 'folder' | 'symlink'>> = {
  ENOENT: 'missing',
  EISDIR: 'folder',
  ELOOP: 'symlink',
};

/** Reads, decodes and parses a file; `displayName` is what messages call it. */
export async function loadSource(file: string, displayName = file): Promise<Parsed> {
  // A direction file is the file itself, never a link: the same rule at start and while watching.
  const read = readSource(file, displayName, { refuseLinks: true });
  return 'text' in read ? parseSource(displayName, read.text) : read;
}

/** Reads and decodes a file into the text the parser is given (or why not); nothing is parsed. */
export function readSource(
  file: string,
  displayName = file,
  options: { refuseLinks?: boolean } = {},
): { text: string } | Parsed {
  const read = readBounded(file, displayName, options.refuseLinks === true);
  if ('diagnostics' in read) return read;
  const { bytes } = read;
  const decoded = decodeUtf8(displayName, bytes);
  if ('diagnostic' in decoded) return { diagnostics: [decoded.diagnostic] };
  // Without its BOM, lone CRs (old Mac line ends) as LF: the same text the edits parse.
  const text = parserText(decoded.text);
  if (text.trim() === '') return { diagnostics: [diagnostic('EmptyFile', { file: displayName, line: 1, col: 1 }, {})] };
  return { text };
}

/**
 * The file's bytes, judged from its open descriptor before reading: only a
 * regular file (a FIFO would block forever, a device never ends), at most
 * MAX_FILE_BYTES (a huge file is refused without being read). O_NONBLOCK keeps
 * the open of a FIFO from waiting for a writer.
 *
 * Read synchronously: a file of a few KB comes from the page cache in
 * microseconds, while each asynchronous step (open, stat, read, close) was a
 * round trip through libuv's thread pool. On 2 cores, with V8 compiling the
 * YAML parser in the background after the first file, single steps of reading
 * the template waited 4–9 ms each in a cold `itogi check` (measured).
 */
function readBounded(file: string, displayName: string, refuseLinks: boolean): { bytes: Buffer } | Parsed {
  const unreadable = (reason: 'missing' | 'folder' | 'special' | 'symlink' | 'other', errno?: string): Parsed => ({
    diagnostics: [diagnostic('FileUnreadable', { file: displayName }, { reason }, errno ? { cause: errno } : {})],
  });
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a link as the last part of the path fails with ELOOP (Windows has no such flag).
    const noFollow = refuseLinks ? (constants.O_NOFOLLOW ?? 0) : 0;
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | noFollow);
    const info = fstatSync(fd);
    if (info.isDirectory()) return unreadable('folder', 'EISDIR');
    if (!info.isFile()) return unreadable('special');
    if (info.size > MAX_FILE_BYTES) {
      const at = { file: displayName, line: 1, col: 1 };
      return { diagnostics: [diagnostic('FileTooLarge', at, { bytes: info.size, limit: MAX_FILE_BYTES })] };
    }
    return { bytes: readFileSync(fd) };
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    return unreadable((errno ? UNREADABLE[errno] : undefined) ?? 'other', errno);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
