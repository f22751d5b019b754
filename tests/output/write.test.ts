/**
 * writeIfChanged: output is deterministic, so equal bytes mean an equal deck,
 * and the file already there is left exactly as it was (inode and mtime).
 */
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFailureReason, writeIfChanged } from '../../src/output/write.js';
import { useTempDir } from '../helpers/cli.js';

const PAST = new Date('2020-01-01T00:00:00Z');

describe('writeIfChanged', () => {
  const tmp = useTempDir('itogi-write-');

  it('no file yet: written', async () => {
    const path = join(tmp(), 'a', 'deck.pptx');
    expect(await writeIfChanged(path, Buffer.from('deck'))).toBe('written');
    expect(await readFile(path, 'utf8')).toBe('deck');
  });

  it('the same bytes: unchanged, and the file keeps its inode and mtime', async () => {
    const path = join(tmp(), 'deck.pptx');
    await writeFile(path, 'deck v1');
    await utimes(path, PAST, PAST);
    const before = await stat(path);
    expect(await writeIfChanged(path, Buffer.from('deck v1'))).toBe('unchanged');
    const after = await stat(path);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(PAST.getTime());
  });

  it.each([
    ['the same size, other bytes', 'deck v1', 'deck v2'],
    ['another size', 'deck v1', 'deck v10'],
  ])('%s: written (a new file renamed over the old one)', async (_, old, next) => {
    const path = join(tmp(), 'deck.pptx');
    await writeFile(path, old);
    await utimes(path, PAST, PAST);
    const before = await stat(path);
    expect(await writeIfChanged(path, Buffer.from(next))).toBe('written');
    expect(await readFile(path, 'utf8')).toBe(next);
    const after = await stat(path);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mtimeMs).toBeGreaterThan(PAST.getTime());
  });

  it('a folder where the deck goes: the write fails and leaves no temporary file', async () => {
    const path = join(tmp(), 'deck.pptx');
    await mkdir(path);
    await expect(writeIfChanged(path, Buffer.from('deck'))).rejects.toMatchObject({
      code: expect.stringMatching(/^E/),
    });
    expect(await readdir(tmp())).toEqual(['deck.pptx']);
  });
});

describe('writeFailureReason: one wording for build and watch', () => {
  it.each([
    ['EBUSY', 'файл занят или недоступен для записи (EBUSY)'],
    ['EPERM', 'файл занят или недоступен для записи (EPERM)'],
    ['EACCES', 'файл занят или недоступен для записи (EACCES)'],
    ['EISDIR', 'на месте файла находится папка (EISDIR)'],
    ['ENOSPC', 'на диске нет места (ENOSPC)'],
    ['EIO', 'ошибка системы (EIO)'],
    [undefined, 'ошибка системы (без кода)'],
  ])('%s → %s', (code, text) => {
    expect(writeFailureReason(code)).toBe(text);
  });
});
