/**
 * LibreOffice as the real client: convert a deck to PDF, read the PDF back.
 * Needs `soffice` (libreoffice-impress) and poppler-utils (pdfinfo, pdftotext,
 * pdftoppm) on PATH; .ci/run installs them.
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CONVERT_TIMEOUT_MS = 120_000;
const TOOL_TIMEOUT_MS = 60_000;

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

export function hasLibreOffice(): boolean {
  return onPath('soffice');
}

export function hasPoppler(): boolean {
  return ['pdfinfo', 'pdftotext', 'pdftoppm'].every(onPath);
}

/**
 * `soffice --headless --convert-to FILTER` with a private user profile per call, so
 * conversions can run side by side; resolves to the file made in outDir, or throws what
 * soffice said.
 */
async function convert(
  inputPath: string,
  outDir: string,
  filter: string,
  made: (input: string, out: string) => string,
) {
  const input = resolve(inputPath);
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'lo-profile-'));
  const result = made(input, out);
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      filter,
      '--outdir',
      out,
      input,
    ];
    const res = await spawnWithTimeout('soffice', args, CONVERT_TIMEOUT_MS);
    const ok = await stat(result).then(
      (s) => s.size > 0,
      () => false,
    );
    if (res.code !== 0 || !ok) {
      throw new Error(
        `soffice failed to convert ${input} to ${filter} (exit ${res.code ?? res.signal}${res.timedOut ? `, killed after ${CONVERT_TIMEOUT_MS} ms` : ''})\n` +
          `stdout: ${res.stdout.trim()}\nstderr: ${res.stderr.trim()}`,
      );
    }
    return result;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** A deck converted to PDF by LibreOffice. Resolves to the PDF's path. */
export function pptxToPdf(pptxPath: string, outDir: string): Promise<string> {
  return convert(pptxPath, outDir, 'pdf', (input, out) => join(out, `${basename(input, extname(input))}.pdf`));
}

/** LibreOffice with Calc: Debian's libreoffice-impress alone cannot open a workbook. */
export function hasLibreOfficeCalc(): boolean {
  if (!hasLibreOffice()) return false;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      const program = dirname(realpathSync(join(dir, 'soffice')));
      accessSync(join(program, 'libsclo.so'), constants.R_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/**
 * A workbook opened and saved again by LibreOffice Calc (as Р7 or МойОфис would save it).
 * Resolves to the new file, in outDir.
 */
export function resaveXlsx(xlsxPath: string, outDir: string): Promise<string> {
  return convert(xlsxPath, outDir, 'xlsx:Calc MS Excel 2007 XML', (input, out) => join(out, basename(input)));
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * soffice is a wrapper that starts soffice.bin as a child; on timeout the whole
 * process group is killed so no office process outlives the test.
 */
function spawnWithTimeout(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
  });
}

export async function pdfPageCount(pdfPath: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdfPath], { timeout: TOOL_TIMEOUT_MS });
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdfPath}:\n${stdout}`);
  return Number(m[1]);
}

/** One string per page, in reading order (no -layout: it interleaves table columns line by line). */
export async function pdfPageTexts(pdfPath: string): Promise<string[]> {
  const pages = await pdfPageCount(pdfPath);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], {
    timeout: TOOL_TIMEOUT_MS,
    maxBuffer: 64 << 20,
  });
  // pdftotext ends every page with a form feed
  const split = stdout.split('\f');
  if (split.length === pages + 1 && split[pages]!.trim() === '') return split.slice(0, pages);
  // unexpected layout: one run per page
  const out: string[] = [];
  for (let n = 1; n <= pages; n++) {
    const page = await run('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), pdfPath, '-'], {
      timeout: TOOL_TIMEOUT_MS,
      maxBuffer: 64 << 20,
    });
    out.push(page.stdout.replace(/\f$/, ''));
  }
  return out;
}

/** `pdftoppm -png -r dpi`: one PNG per page, in page order. */
export async function pdfToPngs(pdfPath: string, outPrefix: string, dpi = 50): Promise<string[]> {
  const prefix = resolve(outPrefix);
  await mkdir(dirname(prefix), { recursive: true });
  await run('pdftoppm', ['-png', '-r', String(dpi), pdfPath, prefix], { timeout: CONVERT_TIMEOUT_MS });
  const base = basename(prefix);
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.png$`);
  return (await readdir(dirname(prefix)))
    .map((f) => ({ f, m: re.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => join(dirname(prefix), x.f));
}
