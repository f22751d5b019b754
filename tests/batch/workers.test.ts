/**
 * Decks built by worker threads (which load the tool built for this test run,
 * tests/setup/build.ts) are the same bytes as decks built in one process, and the messages
 * come in file order whichever worker finishes first.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { builtBinModule, builtRoot } from '../helpers/built.js';
import { closingLine, runItogi, useTempDir } from '../helpers/cli.js';
import { PLAN_WORD, writeDirections, ZERO_PLAN } from './directions.js';

const run = promisify(execFile);

const DIRECTIONS = [
  { name: 'a', id: 'alpha' },
  { name: 'b', id: 'beta', from: ZERO_PLAN },
  { name: 'c', id: 'gamma', from: PLAN_WORD },
  { name: 'd', id: 'delta' },
  { name: 'e', id: 'epsilon' },
];

/** The run's lines with the output folder named alike and the time left out. */
const comparable = (lines: string[], out: string) =>
  lines.map((l) => l.replaceAll(`${out}/`, 'OUT/').replace(/ — \d+,\d с$/, ''));

describe('itogi build --jobs 2', () => {
  const tmp = useTempDir('itogi-workers-');

  it('gives byte-identical decks to --jobs 1, the same messages in file order, and the right counts', async () => {
    await writeDirections(tmp(), DIRECTIONS);
    // c.yaml fails: the summary of the four good directions is asked for, marked incomplete.
    const two = await runItogi(['build', '.', '--out', 'two', '--jobs', '2', '--incomplete-summary'], tmp());
    const one = await runItogi(['build', '.', '--out', 'one', '--jobs', '1', '--incomplete-summary'], tmp());

    expect(two.code).toBe(1);
    expect(one.code).toBe(1);
    expect(two.out).toEqual([
      ...[
        'a.yaml → two/2023/alpha.pptx',
        'b.yaml → two/2023/beta.pptx',
        'd.yaml → two/2023/delta.pptx',
        'e.yaml → two/2023/epsilon.pptx',
      ].map((l) => expect.stringMatching(new RegExp(`^${l.replaceAll('.', '\\.')} \\(слайдов: \\d+, \\d+ КБ\\)$`))),
      // The city summary of the four good directions is a job too, after every file's lines.
      expect.stringMatching(
        /^сводная за 2023 год → two\/2023\/summary\.pptx \(направлений: 4, НЕПОЛНАЯ: не вошли \S+ \(c\.yaml\), слайдов: \d+, \d+ КБ\)$/,
      ),
    ]);
    expect(two.err).toEqual([
      expect.stringMatching(/^b\.yaml:\d+:\d+: предупреждение: /),
      expect.stringMatching(/^c\.yaml:57:13: ошибка: /),
      closingLine({ built: 5, unchanged: 0, failed: 1, warnings: 1 }),
    ]);
    expect(comparable(two.out, 'two')).toEqual(comparable(one.out, 'one'));
    expect(comparable(two.err, 'two')).toEqual(comparable(one.err, 'one'));

    const decks = (await readdir(join(tmp(), 'two', '2023'))).sort();
    expect(decks).toEqual(['alpha.pptx', 'beta.pptx', 'delta.pptx', 'epsilon.pptx', 'summary.pptx']);
    expect((await readdir(join(tmp(), 'one', '2023'))).sort()).toEqual(decks);
    for (const deck of decks) {
      const [a, b] = await Promise.all([
        readFile(join(tmp(), 'two', '2023', deck)),
        readFile(join(tmp(), 'one', '2023', deck)),
      ]);
      expect(a.equals(b), deck).toBe(true);
    }

    // Built by workers, found unchanged by workers.
    const again = await runItogi(['build', '.', '--out', 'two', '--jobs', '2', '--incomplete-summary'], tmp());
    expect(again.out.every((l) => l.includes('(без изменений; '))).toBe(true);
    expect(again.err.at(-1)).toEqual(closingLine({ built: 0, unchanged: 5, failed: 1, warnings: 1 }));
  });

  it('starts its workers before checking: when no file gives a deck, it reports each file and writes nothing', async () => {
    // The pool starts while files are checked; here every file fails and there is nothing to build.
    await writeDirections(tmp(), [
      { name: 'a', id: 'alpha', from: PLAN_WORD },
      { name: 'b', id: 'beta', from: PLAN_WORD },
    ]);
    const cli = join(builtRoot(), 'dist', 'cli.js');
    const script = `import(${JSON.stringify(cli)}).then(async (m) => { process.exitCode = await m.runCli(['build', '.', '--out', 'out', '--jobs', '2']); })`;
    const failed = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmp(),
      timeout: 60_000,
    }).then(
      () => undefined,
      (e: { code?: number; stderr?: string; killed?: boolean }) => e,
    );
    expect(failed?.killed).toBe(false);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr?.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^a\.yaml:57:13: ошибка: /),
      expect.stringMatching(/^b\.yaml:57:13: ошибка: /),
      expect.stringMatching(/^Собрано: 0, без изменений: 0, с ошибками: 2, /),
    ]);
    await expect(readdir(join(tmp(), 'out'))).rejects.toThrow(/ENOENT/);
  });

  it('not on a terminal: plain lines with no control characters, from the installed command', async () => {
    await writeDirections(
      tmp(),
      DIRECTIONS.filter((d) => d.name !== 'c'),
    );
    const bin = builtBinModule();
    for (const round of ['first', 'second']) {
      // No --jobs: the installed command's default, one worker per core.
      const { stdout, stderr } = await run(process.execPath, [bin, 'build', '.', '--out', 'out'], {
        cwd: tmp(),
        timeout: 300_000,
      });
      expect(stdout + stderr, round).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(stdout.split('\n').filter(Boolean), round).toHaveLength(5); // four decks and the city summary
      expect(stderr, round).toMatch(
        round === 'first'
          ? /^Собрано: 5, без изменений: 0, с ошибками: 0, предупреждений: 1 — \d+,\d с\n$/m
          : /^Собрано: 0, без изменений: 5, /m,
      );
    }
  });
});
