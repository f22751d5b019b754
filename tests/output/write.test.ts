/**
 * writeIfChanged: output is deterministic, so equal bytes mean an equal deck,
 * and the file already there is left exactly as it was (inode and mtime).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFailureReason } from '../../src/errors.js';
import { tempFileName, writeAtomic, writeIfChanged } from '../../src/output/write.js';
import { sweepLeftovers } from '../../src/output/cleanup.js';
import { useTempDir } from '../helpers/cli.js';
import { REPO, SEED_CONTENT } from '../deck/build.js';
import { buildDecks } from '../../src/api.js';
import { formatDiagnostic } from '../../src/errors.js';

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

/** The id of a process that has ended (a node that exits at once). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('temp files a killed run left behind', () => {
  const tmp = useTempDir('itogi-stale-');

  /** A temp file named as writeAtomic names them, dated `when`. */
  async function leftover(pid: number, when = PAST, dir = tmp()): Promise<string> {
    const name = await tempFileName(join(dir, 'deck.pptx'), pid);
    await writeFile(join(dir, name), 'half a deck');
    await utimes(join(dir, name), when, when);
    return name;
  }

  it('the next run’s sweep removes those of ended processes; a write alone removes nothing (the library sweeps no folder)', async () => {
    await writeFile(join(tmp(), 'deck.pptx'), 'deck');
    const left = [await leftover(await deadPid()), await leftover(await deadPid())];
    await writeIfChanged(join(tmp(), 'deck.pptx'), Buffer.from('new deck'));
    expect((await readdir(tmp())).sort()).toEqual([...left, 'deck.pptx'].sort());
    await sweepLeftovers([tmp()]);
    expect(await readdir(tmp())).toEqual(['deck.pptx']);
  });

  it('keeps what may still be written: a running process, this one, a file newer than this run, other names', async () => {
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const kept = [
        await leftover(running.pid!),
        await leftover(process.pid),
        await leftover(await deadPid(), new Date(Date.now() + 1000)),
        '.deck.pptx.tmp',
        'deck.pptx.123.abcdef12.tmp',
        '.deck.pptx.123.notahex.tmp',
      ];
      for (const name of kept.slice(3)) await writeFile(join(tmp(), name), 'not ours');
      for (const name of kept.slice(3)) await utimes(join(tmp(), name), PAST, PAST);
      await writeAtomic(join(tmp(), 'other.pptx'), Buffer.from('deck'));
      await sweepLeftovers([tmp()]);
      expect((await readdir(tmp())).sort()).toEqual([...kept, 'other.pptx'].sort());
    } finally {
      running.kill();
    }
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

/** A read-only disk of our own (tmpfs remounted read-only), where this machine lets root mount one. */
function readOnlyDisk(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'itogi-ro-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
  if (mounted && spawnSync('mount', ['-o', 'remount,ro', dir]).status === 0) return dir;
  if (mounted) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

describe('a read-only disk', () => {
  const disk = readOnlyDisk();
  afterAll(() => {
    if (!disk) return;
    spawnSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  it.skipIf(!disk)('a deck in a folder not made yet: the write fails with EROFS, not ENOENT', async () => {
    const failed = await writeAtomic(join(disk!, 'output', '2023', 'deck.pptx'), Buffer.from('deck')).catch(
      (e: NodeJS.ErrnoException) => e,
    );
    expect((failed as NodeJS.ErrnoException).code).toBe('EROFS');
    expect(writeFailureReason('EROFS')).toBe('диск только для чтения (EROFS)');
  });

  it.skipIf(!disk)(
    'a build onto it: one located message with advice for a read-only disk, not about PowerPoint',
    async () => {
      const [built] = await buildDecks([SEED_CONTENT], { cwd: REPO, outDir: join(disk!, 'output') });
      const failed = built!.diagnostics.filter((d) => d.code === 'WriteFailed');
      expect(failed).toHaveLength(1);
      const text = formatDiagnostic(failed[0]!);
      expect(text).toContain('диск только для чтения (EROFS)');
      expect(text).toContain('снимите защиту от записи или выберите другую папку');
      expect(text).not.toContain('PowerPoint');
    },
  );
});
