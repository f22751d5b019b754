/**
 * The command-line door: turns the library's diagnostics into compiler-style
 * lines and exit codes (0 good, 1 a file failed, 2 wrong usage).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDeck, checkFile, displayPath, outputPath, type CheckedFile } from './api.js';
import { helpText, parseCli } from './cli/options.js';
import { renderCheckReport } from './cli/report.js';
import { contentJsonSchema } from './content/schema.js';
import { diagnostic, formatDiagnostic, hasErrors, ItogiError, type Diagnostic } from './errors.js';
import { collectFiles } from './files.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

const defaultIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), cwd: process.cwd() };

async function packageVersion(): Promise<string> {
  const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
}

export const SCHEMA_PATH = join('schema', 'content.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(contentJsonSchema(), null, 2)}\n`;
}

function report(io: Io, ds: readonly Diagnostic[]) {
  for (const d of ds) io.err(formatDiagnostic(d));
}

/** An unexpected failure is one located line, not a stack trace (ITOGI_DEBUG=1 shows it). */
function unexpected(file: string, e: unknown): Diagnostic {
  if (process.env['ITOGI_DEBUG']) console.error(e);
  const why = e instanceof Error ? e.message : String(e);
  return diagnostic('RenderFailed', { file }, `не удалось собрать презентацию: ${why}`);
}

export async function runCli(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const request = parseCli(argv);
  if (request.kind === 'usage-error') {
    io.err(`itogi: ${request.message}`);
    io.err('Справка: itogi --help');
    return 2;
  }
  if (request.kind === 'help') {
    io.out(helpText(await packageVersion()));
    return 0;
  }
  if (request.kind === 'version') {
    io.out(await packageVersion());
    return 0;
  }
  if (request.command === 'schema') {
    const path = resolve(io.cwd, SCHEMA_PATH);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, schemaText());
    io.out(`записано ${SCHEMA_PATH}`);
    return 0;
  }

  const { files, diagnostics: pathProblems } = await collectFiles(request.paths, io.cwd);
  report(io, pathProblems);
  let failed = pathProblems.length;
  const written = new Map<string, string>();
  const options = { cwd: io.cwd, ...(request.template ? { template: request.template } : {}) };
  for (const file of files) {
    let checked: CheckedFile;
    try {
      checked = await checkFile(file, options);
    } catch (e) {
      report(io, [unexpected(displayPath(file, io.cwd), e)]);
      failed++;
      continue;
    }
    report(io, checked.diagnostics);
    if (hasErrors(checked.diagnostics) || !checked.computed) {
      failed++;
      continue;
    }
    if (request.command === 'check') {
      io.out(renderCheckReport(checked.file, checked.computed));
      continue;
    }
    const outDir = resolve(io.cwd, request.out);
    const target = outputPath(outDir, checked.computed);
    const clash = written.get(target);
    if (clash) {
      report(io, [diagnostic('DuplicateOutput', { file: checked.file }, `${displayPath(target, io.cwd)} уже собран из ${clash}`)]);
      failed++;
      continue;
    }
    try {
      const deck = await buildDeck(checked, outDir);
      await deck.save();
      written.set(target, checked.file);
      io.out(`${checked.file} → ${displayPath(deck.path, io.cwd)} (слайдов: ${deck.layout.slides.length}, ${Math.round(deck.buffer.length / 1024)} КБ)`);
    } catch (e) {
      if (e instanceof ItogiError) report(io, e.diagnostics);
      else if ((e as NodeJS.ErrnoException).code) report(io, [diagnostic('WriteFailed', { file: displayPath(target, io.cwd) }, `не удалось записать файл (${(e as NodeJS.ErrnoException).code})`)]);
      else report(io, [unexpected(checked.file, e)]);
      failed++;
    }
  }
  const total = files.length;
  const verb = request.command === 'check' ? 'Проверено' : 'Собрано';
  const ok = request.command === 'check' ? total - failed + pathProblems.length : written.size;
  io.err(`${verb}: ${Math.max(0, ok)} из ${total}${failed > 0 ? `; с ошибками: ${failed}` : ''}`);
  return failed > 0 ? 1 : 0;
}
