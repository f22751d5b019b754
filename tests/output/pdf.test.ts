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
import { ROOT, useTempDir } from '../helpers/cli.js';
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
      `#!/bin/sh\nfor a; do last="$prev"; prev="$a"; done\necho "$$ $last" > "${join(tmp(), 'started')}"\nexec sleep 60\n`,
    );
    await chmod(script, 0o755);
    return script;
  };
  const started = async () => {
    const [pid, dir] = (await readFile(join(tmp(), 'started'), 'utf8')).trim().split(' ');
    return { pid: Number(pid), dir: dir! };
  };

  it('is killed at the time limit, with a Russian message and nothing left behind', async () => {
    const soffice = await hangingSoffice();
    const error = await convertToPdf(Buffer.from('deck'), { soffice, timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as PdfError).message).toBe('LibreOffice не успел сделать PDF за 500 мс');
    const { pid, dir } = await started();
    await until(() => !alive(pid), 'the converter to die');
    expect((await readdir(tmpdir())).includes(dir.split('/').at(-1)!)).toBe(false);
  });

  it('Ctrl+C on build --pdf stops the converter and removes its folder', async () => {
    const soffice = await hangingSoffice();
    await writeDirections(tmp(), [{ name: 'a', id: 'alpha' }]);
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'bin.js'), 'build', 'a.yaml', '--out', 'out', '--pdf', '--jobs', '1'],
      {
        cwd: tmp(),
        env: { ...process.env, ITOGI_SOFFICE: soffice },
        stdio: 'ignore',
      },
    );
    await until(
      () =>
        readFile(join(tmp(), 'started')).then(
          () => true,
          () => false,
        ),
      'the converter to start',
    );
    const { pid, dir } = await started();
    expect(alive(pid)).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    await until(() => !alive(pid), 'the converter to die');
    expect((await readdir(tmpdir())).includes(dir.split('/').at(-1)!)).toBe(false);
  });
});
