/**
 * convertToPdf at its edges, with a stand-in for soffice (a shell script), so
 * these run without LibreOffice: a hung converter is killed at the time limit,
 * and Ctrl+C on `itogi build --pdf` stops the converter and removes its folder
 * (soffice runs in a process group of its own, where the terminal's Ctrl+C
 * does not reach).
 */
import { spawn } from 'node:child_process';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertToPdf, PdfError } from '../../src/output/pdf.js';
import { builtBinModule } from '../helpers/built.js';
import { useTempDir } from '../helpers/cli.js';
import { writeDirections } from '../batch/directions.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(process.platform === 'win32')('convertToPdf with a converter that hangs', () => {
  const tmp = useTempDir('itogi-pdf-edge-');

  /** A soffice that writes its pid and its working folder (--outdir), then sleeps. */
  const hangingSoffice = async () => {
    const script = join(tmp(), 'soffice');
    await writeFile(
      script,
      `#!/bin/sh\nfor a; do last="$prev"; prev="$a"; done\necho "$$ $last" >> "${join(tmp(), 'started')}"\nexec sleep 60\n`,
    );
    await chmod(script, 0o755);
    return script;
  };
  /** Every converter started so far: its pid and folder. */
  const startedAll = async () =>
    (await readFile(join(tmp(), 'started'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => {
        const [pid, dir] = l.split(' ');
        return { pid: Number(pid), dir: dir! };
      });
  const started = async () => (await startedAll())[0]!;

  it('is killed at the time limit, with a Russian message and nothing left behind', async () => {
    const soffice = await hangingSoffice();
    const error = await convertToPdf(Buffer.from('deck'), { soffice, timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as PdfError).message).toBe('LibreOffice не успел сделать PDF за 500 мс');
    const { pid, dir } = await started();
    await until(() => !alive(pid), 'the converter to die');
    expect((await readdir(tmpdir())).includes(dir.split('/').at(-1)!)).toBe(false);
  });

  /** `itogi build a.yaml --pdf` with the hanging converter, once it has started: the child, the converter. */
  const buildUntilConverting = async (jobs: string) => {
    const soffice = await hangingSoffice();
    await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta' },
    ]);
    const child = spawn(
      process.execPath,
      [builtBinModule(), 'build', 'a.yaml', 'b.yaml', '--out', 'out', '--pdf', '--jobs', jobs],
      { cwd: tmp(), env: { ...process.env, ITOGI_SOFFICE: soffice }, stdio: 'ignore' },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.on('exit', (code, signal) => r({ code, signal })),
    );
    await until(
      () =>
        readFile(join(tmp(), 'started')).then(
          () => true,
          () => false,
        ),
      'the converter to start',
    );
    const converter = await started();
    expect(alive(converter.pid)).toBe(true);
    return { child, exited, converter, soffice };
  };

  it.each([
    ['Ctrl+C', 'SIGINT', '1', 130],
    ['Ctrl+C', 'SIGINT', '2', 130],
    ['SIGTERM', 'SIGTERM', '2', 143],
  ] as const)(
    '%s on build --pdf --jobs %s stops the converter wherever it runs and removes its folder',
    async (_, signal, jobs, status) => {
      const { child, exited } = await buildUntilConverting(jobs);
      // With --jobs 2, both decks' conversions run at once, one of them in a worker thread.
      if (jobs === '2') await until(async () => (await startedAll()).length === 2, 'both converters to start');
      child.kill(signal);
      expect((await exited).code).toBe(status);
      for (const converter of await startedAll()) {
        await until(() => !alive(converter.pid), 'every converter to die');
        expect((await readdir(tmpdir())).includes(converter.dir.split('/').at(-1)!)).toBe(false);
      }
    },
  );

  it('a run killed outright leaves its conversion folder; the next build removes it', async () => {
    const { child, exited, converter } = await buildUntilConverting('1');
    child.kill('SIGKILL');
    await exited;
    process.kill(converter.pid, 'SIGKILL');
    await until(() => !alive(converter.pid), 'the converter to die');
    const folder = converter.dir.split('/').at(-1)!;
    expect(folder).toMatch(/^itogi-pdf-\d+-/);
    expect((await readdir(tmpdir())).includes(folder)).toBe(true);
    const next = spawn(process.execPath, [builtBinModule(), 'build', 'a.yaml', '--out', 'out'], {
      cwd: tmp(),
      stdio: 'ignore',
    });
    await new Promise((r) => next.on('exit', r));
    expect((await readdir(tmpdir())).includes(folder)).toBe(false);
  });
});
