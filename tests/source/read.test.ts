/**
 * What the loader refuses before reading: a FIFO (reading it would block
 * forever), a folder, a file over the bound (refused by its size, not read).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { loadSource, MAX_FILE_BYTES } from '../../src/source/read.js';
import { useTempDir } from '../helpers/cli.js';

describe('loadSource refuses what it cannot read as a direction file', () => {
  const tmp = useTempDir('itogi-read-');
  const lines = async (file: string) =>
    (await loadSource(join(tmp(), file), file)).diagnostics.map((d) => formatDiagnostic(d));

  it.skipIf(process.platform === 'win32')('a FIFO: one line, at once, no wait for a writer', async () => {
    execFileSync('mkfifo', [join(tmp(), 'pipe.yaml')]);
    expect(await lines('pipe.yaml')).toEqual([
      'pipe.yaml: ошибка: это не обычный файл (канал, сокет или устройство): такой файл не читается; проверьте путь и права на чтение',
    ]);
  });

  it('a folder', async () => {
    await mkdir(join(tmp(), 'dir.yaml'));
    expect(await lines('dir.yaml')).toEqual([
      'dir.yaml: ошибка: это папка, а не файл; проверьте путь и права на чтение',
    ]);
  });

  it('a missing file', async () => {
    expect(await lines('none.yaml')).toEqual(['none.yaml: ошибка: файл не найден; проверьте путь и права на чтение']);
  });

  it('a sparse file past the bound is refused by its size', async () => {
    // 200 MB of holes: reading it whole would take the memory the bound is there to save.
    const big = await open(join(tmp(), 'big.yaml'), 'w');
    await big.truncate(200 * 1024 * 1024);
    await big.close();
    expect(await lines('big.yaml')).toEqual([
      `big.yaml:1:1: ошибка: файл слишком велик (${200 * 1024 * 1024} байт, допустимо до ${MAX_FILE_BYTES}); файл направления занимает несколько килобайт; проверьте, тот ли это файл`,
    ]);
  });

  it('a file at the bound is read', async () => {
    await writeFile(join(tmp(), 'ok.yaml'), `a: 1\n${'#'.repeat(MAX_FILE_BYTES - 6)}\n`);
    expect((await loadSource(join(tmp(), 'ok.yaml'), 'ok.yaml')).diagnostics).toEqual([]);
  });
});
