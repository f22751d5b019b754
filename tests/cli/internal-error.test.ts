/**
 * An unexpected failure while checking a file (a bug in itogi, not in the
 * file) is one neutral line naming the file: not «не удалось собрать
 * презентацию», which would send the user looking at the deck.
 */
import { describe, expect, it, vi } from 'vitest';
import { closingLine, runItogi, WORKSPACE } from '../helpers/cli.js';

vi.mock('../../src/compute/direction.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/compute/direction.js')>()),
  computeDirection: () => {
    throw new TypeError('boom');
  },
}));

const run = (argv: string[]) => runItogi(argv, WORKSPACE);

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
    const { code, err } = await run([
      'build',
      'content/2023/institutional-environment.yaml',
      '--out',
      '/nonexistent-itogi-out',
    ]);
    expect(code).toBe(1);
    expect(err).toEqual([LINE, closingLine({ built: 0, unchanged: 0, failed: 1, warnings: 0 })]);
  });
});
