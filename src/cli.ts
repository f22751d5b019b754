/**
 * The command-line door: turns the library's diagnostics into compiler-style
 * lines and exit codes (0 good, 1 a file failed, 2 wrong usage).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFailed } from './batch/failures.js';
import type { Terminal } from './batch/progress.js';
import { DEFAULT_OUT_DIR, helpText, parseCli } from './cli/options.js';
import { contentJsonSchema } from './content/schema.js';
import { formatDiagnostic, ItogiError, type Diagnostic } from './errors.js';
import { collectFiles } from './files.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** The clock (itogi new: the default year); tests pass a fixed one. */
  now?: () => Date;
  /** stderr when it is a terminal: `build` draws its progress bar there. */
  tty?: Terminal;
}

const stderrTerminal: Terminal = {
  write: (text) => process.stderr.write(text),
  get columns() {
    return process.stderr.columns;
  },
};

const defaultIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  cwd: process.cwd(),
  ...(process.stderr.isTTY ? { tty: stderrTerminal } : {}),
};

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
  // Each command loads what it needs when it runs: --version and help load no checker, no renderer.
  if (request.kind === 'new') return (await import('./cli/new.js')).runNew(request, io);
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
    const [{ displayPath }, { availableTemplates, findTemplateDir, loadTemplate }] = await Promise.all([
      import('./api.js'),
      import('./template/load.js'),
    ]);
    if (!findTemplateDir(request.template, io.cwd)) {
      const known = availableTemplates(io.cwd);
      return usageError(
        io,
        `--template: шаблон «${request.template}» не найден; доступные шаблоны: ${known.join(', ') || 'нет'}`,
      );
    }
    try {
      await loadTemplate(request.template, io.cwd);
    } catch (e) {
      report(
        io,
        e instanceof ItogiError
          ? e.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, io.cwd) }))
          : [checkFailed('--template', e)],
      );
      return 1;
    }
  }

  // Loaded only for these two: check and build never pay for the server, the watcher and the HTML renderer.
  if (request.command === 'preview' || request.command === 'watch')
    return (await import('./preview/cli.js')).runLive(request, io);

  const { files, diagnostics: pathProblems, folders } = await collectFiles(request.paths, io.cwd);
  report(io, pathProblems);
  const { runBatch } = await import('./batch/run.js');
  return runBatch(
    {
      command: request.command,
      files,
      pathProblems: pathProblems.length,
      outDir: resolve(io.cwd, request.command === 'build' ? request.out : DEFAULT_OUT_DIR),
      options: { cwd: io.cwd, ...(request.template ? { template: request.template } : {}) },
      ...(request.jobs !== undefined ? { jobs: request.jobs } : {}),
      ...(request.pdf ? { pdf: true } : {}),
      // The city summary is the whole year's: made when a folder is given (content/ by default), not
      // when a few files are rebuilt by name, which would replace it with a summary of those files alone.
      summary: !request.noSummary && folders.length > 0,
    },
    io,
  );
}
