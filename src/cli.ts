/**
 * The command-line door: turns the library's diagnostics into compiler-style
 * lines and exit codes (0 good, 1 a file failed, 2 wrong usage).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDeck, checkFile, displayPath, outputPath, type CheckedFile } from './api.js';
import { runNew } from './cli/new.js';
import { DEFAULT_OUT_DIR, helpText, parseCli } from './cli/options.js';
import { renderCheckReport } from './cli/report.js';
import { runCitySummaries } from './cli/summary.js';
import { positionOfPath } from './content/locate.js';
import { contentJsonSchema } from './content/schema.js';
import { diagnostic, formatDiagnostic, hasErrors, ItogiError, type Diagnostic } from './errors.js';
import { collectFiles } from './files.js';
import { runLive } from './preview/cli.js';
import { availableTemplates, findTemplateDir, loadTemplate } from './template/load.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** The clock (itogi new: the default year); tests pass a fixed one. */
  now?: () => Date;
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

/**
 * An unexpected failure is one line naming the file, not a stack trace
 * (ITOGI_DEBUG=1 shows it): while checking it is an internal error, while
 * rendering a deck it is a failed build.
 */
function unexpected(file: string, e: unknown, stage: 'check' | 'render'): Diagnostic {
  if (process.env['ITOGI_DEBUG']) console.error(e);
  const why = e instanceof Error ? e.message : String(e);
  return stage === 'render'
    ? diagnostic('RenderFailed', { file }, `не удалось собрать презентацию: ${why}`)
    : diagnostic('InternalError', { file }, `непредвиденная ошибка при проверке файла: ${why}`);
}

function usageError(io: Io, message: string): number {
  io.err(`itogi: ${message}`);
  io.err('Справка: itogi --help');
  return 2;
}

export async function runCli(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const request = parseCli(argv);
  if (request.kind === 'usage-error') return usageError(io, request.message);
  if (request.kind === 'help') {
    io.out(helpText(await packageVersion()));
    return 0;
  }
  if (request.kind === 'version') {
    io.out(await packageVersion());
    return 0;
  }
  if (request.kind === 'new') return runNew(request, io);
  if (request.command === 'schema') {
    const path = resolve(io.cwd, SCHEMA_PATH);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, schemaText());
    io.out(`записано ${SCHEMA_PATH}`);
    return 0;
  }

  // --template names one template for every file: a wrong name is wrong usage, said
  // once before any file is read; a broken template is reported once, not per file.
  if (request.template !== undefined) {
    if (!findTemplateDir(request.template, io.cwd)) {
      const known = availableTemplates(io.cwd);
      return usageError(io, `--template: шаблон «${request.template}» не найден; доступные шаблоны: ${known.join(', ') || 'нет'}`);
    }
    try {
      await loadTemplate(request.template, io.cwd);
    } catch (e) {
      report(io, e instanceof ItogiError ? e.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, io.cwd) })) : [unexpected('--template', e, 'check')]);
      return 1;
    }
  }

  if (request.command === 'preview' || request.command === 'watch') return runLive(request, io);

  const { files, diagnostics: pathProblems } = await collectFiles(request.paths, io.cwd);
  report(io, pathProblems);
  let failed = pathProblems.length;
  let built = 0;
  const outDir = resolve(io.cwd, request.command === 'build' ? request.out : DEFAULT_OUT_DIR);
  /** Output path → the file that produces it: two files must not write one deck. */
  const producers = new Map<string, string>();
  /** Files that passed: the city summary of their year is made from them. */
  const valid: CheckedFile[] = [];
  const options = { cwd: io.cwd, ...(request.template ? { template: request.template } : {}) };
  for (const file of files) {
    let checked: CheckedFile;
    try {
      checked = await checkFile(file, options);
    } catch (e) {
      report(io, [unexpected(displayPath(file, io.cwd), e, 'check')]);
      failed++;
      continue;
    }
    report(io, checked.diagnostics);
    if (hasErrors(checked.diagnostics) || !checked.computed) {
      failed++;
      continue;
    }
    const target = outputPath(outDir, checked.computed);
    const first = producers.get(target);
    if (first !== undefined) {
      const { year } = checked.computed.content.report;
      const { id } = checked.computed.content.direction;
      const at = { file: checked.file, ...(checked.source ? positionOfPath(checked.source, ['direction', 'id']) : {}), path: 'direction.id' };
      report(io, [diagnostic('DuplicateOutput', at, `report.year ${year} и direction.id «${id}» те же, что в ${first}: оба файла дали бы ${displayPath(target, io.cwd)}`)]);
      failed++;
      continue;
    }
    producers.set(target, checked.file);
    valid.push(checked);
    if (request.command === 'check') {
      io.out(renderCheckReport(checked.file, checked.computed));
      continue;
    }
    try {
      const deck = await buildDeck(checked, outDir);
      await deck.save();
      built++;
      io.out(`${checked.file} → ${displayPath(deck.path, io.cwd)} (слайдов: ${deck.layout.slides.length}, ${Math.round(deck.buffer.length / 1024)} КБ)`);
    } catch (e) {
      if (e instanceof ItogiError) report(io, e.diagnostics);
      else if ((e as NodeJS.ErrnoException).code) report(io, [diagnostic('WriteFailed', { file: displayPath(target, io.cwd) }, `не удалось записать файл (${(e as NodeJS.ErrnoException).code})`)]);
      else report(io, [unexpected(checked.file, e, 'render')]);
      failed++;
    }
  }
  failed += await runCitySummaries(io, request, valid, outDir, failed);
  const total = files.length;
  const verb = request.command === 'check' ? 'Проверено' : 'Собрано';
  const ok = request.command === 'check' ? total - failed + pathProblems.length : built;
  io.err(`${verb}: ${Math.max(0, ok)} из ${total}${failed > 0 ? `; с ошибками: ${failed}` : ''}`);
  return failed > 0 ? 1 : 0;
}
