/**
 * An unexpected failure while checking a file (a bug in itogi, not in the
 * file) is one neutral line naming the file: not «не удалось собрать
 * презентацию», which would send the user looking at the deck.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';

vi.mock('../../src/compute/direction.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/compute/direction.js')>()),
  computeDirection: () => {
    throw new TypeError('boom');
  },
}));

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: ROOT });
  return { code, out, err };
}

const LINE =
  'content/2023/institutional-environment.yaml: ошибка: непредвиденная ошибка при проверке файла: boom; это ошибка itogi; сообщите разработчикам, приложив YAML-файл';

describe('an internal error while checking', () => {
  it('check: one neutral line, exit 1', async () => {
    const { code, out, err } = await run(['check', 'content/2023/institutional-environment.yaml']);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([LINE, 'Проверено: 0 из 1; с ошибками: 1']);
  });

  it('build: the same line (nothing was rendered yet)', async () => {
    const { code, err } = await run(['build', 'content/2023/institutional-environment.yaml', '--out', '/nonexistent-itogi-out']);
    expect(code).toBe(1);
    expect(err).toEqual([LINE, 'Собрано: 0 из 1; с ошибками: 1']);
  });
});
