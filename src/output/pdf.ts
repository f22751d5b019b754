/**
 * A tagged PDF (PDF/UA) through LibreOffice: `soffice --headless --convert-to pdf` in a
 * temporary folder of its own, with a private user profile per call (so
 * conversions can run side by side, in one process or many) and a bounded
 * time, after which the whole process group is killed.
 *
 * The deck goes in as bytes and the PDF comes back as bytes: the caller
 * decides where (and whether) to write it, like every other output.
 */
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pdfFailureText, type PdfFailure } from '../errors.js';
import { LANG } from '../render/lang.js';
import { killGroup, note, pdfFolderPrefix } from './cleanup.js';

/**
 * LibreOffice's PDF export options: a tagged PDF (headings, tables, figures,
 * reading order) that claims PDF/UA and shows the document's title. Read by
 * `--convert-to pdf:impress_pdf_Export:{…}` (JSON filter options, LibreOffice 7.4+).
 */
const PDF_FILTER = `pdf:impress_pdf_Export:${JSON.stringify({
  UseTaggedPDF: { type: 'boolean', value: 'true' },
  PDFUACompliance: { type: 'boolean', value: 'true' },
})}`;

/** Long enough for a cold LibreOffice start on a slow office PC (a deck takes ~1.5 s here). */
const PDF_TIMEOUT_MS = 120_000;

/** Names LibreOffice's command goes by on Linux, Windows (with its program folder on PATH) and macOS packages. */
const SOFFICE_NAMES = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];

/** Where LibreOffice's installer puts it when PATH does not name it. */
const WELL_KNOWN =
  process.platform === 'win32'
    ? [
        'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
        'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
      ]
    : process.platform === 'darwin'
      ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice']
      : [];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The LibreOffice command: $ITOGI_SOFFICE, else the first on PATH, else a well-known install folder. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['ITOGI_SOFFICE'];
  if (explicit) return executable(explicit) ? explicit : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of SOFFICE_NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  return WELL_KNOWN.find(executable);
}

/** Why a conversion did not give a PDF; its message is worded by the error catalogue (pdfFailureText). */
export class PdfError extends Error {
  readonly failure: PdfFailure;
  constructor(failure: PdfFailure) {
    super(pdfFailureText(failure));
    this.name = 'PdfError';
    this.failure = failure;
  }
}

export interface PdfOptions {
  timeoutMs?: number;
  /** The soffice command; default findSoffice(). */
  soffice?: string;
}

/** This thread's conversions under way, with their temp folders: stopped and removed when the preview stops. */
const live = new Map<ChildProcess, string>();

/** soffice and its soffice.bin: the whole process group. */
const killChild = (child: ChildProcess) => child.pid !== undefined && killGroup(child.pid);

/**
 * Stops this thread's conversions under way and removes their folders. soffice runs in a
 * process group of its own (so a timeout can kill soffice.bin too), which also means a
 * Ctrl+C in the terminal does not reach it: the CLI's signal handler stops every thread's
 * conversions through cleanup.ts, where each one is recorded.
 */
export function cancelConversions(): void {
  for (const [child, dir] of live) {
    killChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/** The deck's bytes → the PDF's bytes. Leaves nothing behind, whatever happens. */
export async function convertToPdf(pptx: Uint8Array, options: PdfOptions = {}): Promise<Buffer> {
  const soffice = options.soffice ?? findSoffice();
  if (soffice === undefined) throw new PdfError({ kind: 'missing' });
  const timeoutMs = options.timeoutMs ?? PDF_TIMEOUT_MS;
  // Named with this process's id: the next run removes the folder of a run killed outright.
  const work = await mkdtemp(pdfFolderPrefix());
  try {
    const input = join(work, 'deck.pptx');
    await writeFile(input, pptx);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      PDF_FILTER,
      '--outdir',
      work,
      input,
    ];
    const result = await run(soffice, args, timeoutMs, work);
    if (result.timedOut) throw new PdfError({ kind: 'timeout', ms: timeoutMs });
    const pdf = await readFile(join(work, 'deck.pdf')).catch(() => undefined);
    if (
      result.code !== 0 ||
      pdf === undefined ||
      pdf.length === 0 ||
      pdf.subarray(0, 5).toString('latin1') !== '%PDF-'
    ) {
      // LibreOffice warns about Java on every run; the last other line says what went wrong.
      const lines = result.stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/javaldx/.test(l));
      const said = lines.slice(-2).join(' ') || result.error || `код выхода ${result.code ?? result.signal}`;
      throw new PdfError({ kind: 'failed', detail: said });
    }
    // What 7.4 does not carry over (decoration, chart Alt, /Lang), mended: pdfua.ts. Loaded on the first PDF.
    const { mendTaggedPdf } = await import('./pdfua.js');
    try {
      return Buffer.from(
        await mendTaggedPdf(pdf, pptx, LANG /* LibreOffice 7.4 writes en-US whatever the deck says */),
      );
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new PdfError({ kind: 'failed', detail: `не удалось разметить PDF для программ чтения с экрана (${why})` });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
  error?: string;
}

/**
 * soffice starts soffice.bin as a child: on timeout the whole process group is killed.
 * node:child_process is loaded here, on the first PDF: every command imports this module
 * (batch/jobs.ts), and loading it cost ~2.5 ms of each start.
 */
async function run(command: string, args: string[], timeoutMs: number, work: string): Promise<RunResult> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    });
    live.set(child, work);
    const pid = child.pid;
    if (pid !== undefined) void note({ kind: 'conversion', pid, work });
    const done = () => {
      live.delete(child);
      if (pid !== undefined) void note({ kind: 'conversion-done', pid });
    };
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 64 * 1024) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killChild(child);
    }, timeoutMs);
    child.on('error', (err) => {
      done();
      clearTimeout(timer);
      resolve({ code: null, signal: null, stderr, timedOut, error: err.message });
    });
    child.on('close', (code, signal) => {
      done();
      clearTimeout(timer);
      resolve({ code, signal, stderr, timedOut });
    });
  });
}
