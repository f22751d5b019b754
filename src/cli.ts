/**
 * The command-line door: parses arguments (cli/options.ts), runs the library,
 * and turns its diagnostics into compiler-style lines and exit codes (0 good,
 * 1 a file failed, 2 wrong usage). The rules (copies, where decks go, what is
 * a write error) are the library's, not decided here.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFailed } from './failures.js';
import type { Terminal } from './batch/progress.js';
import { type CliRequest, commandHelpText, DEFAULT_OUT_DIR, helpText, parseCli } from './cli/options.js';
import { CATALOGUE, formatDiagnostic, ItogiError, type Diagnostic } from './errors.js';
import { collectFiles } from './files.js';
import { cleanUpOnSignals, sweepOutput } from './cli/signals.js';
import { writeSchema } from './cli/schemaFile.js';
import { defaultOutDir, missingContent } from './cli/defaultPaths.js';

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

/**
 * A line as the terminal may show it: control characters (an escape sequence in a file
 * name would move the cursor or recolour the screen) and bidi controls written as \u{…}.
 */
export const terminalSafe = (line: string) =>
  line.replace(
    /[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`,
  );

const defaultIo: Io = {
  out: (l) => process.stdout.write(`${terminalSafe(l)}\n`),
  err: (l) => process.stderr.write(`${terminalSafe(l)}\n`),
  cwd: process.cwd(),
  ...(process.stderr.isTTY ? { tty: stderrTerminal } : {}),
};

async function packageVersion(): Promise<string> {
  const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
}

export { SCHEMA_PATH, schemaText } from './cli/schemaFile.js';

type RunRequest = Extract<CliRequest, { kind: 'run' }>;
type UsageError = Extract<CliRequest, { kind: 'usage-error' }>;

function report(io: Io, ds: readonly Diagnostic[], verbose?: boolean) {
  for (const d of ds) io.err(formatDiagnostic(d, { verbose: verbose === true }));
}

/** Wrong usage: the message, what a typo most likely meant, where help is; exit 2. */
function usageError(io: Io, error: string | Omit<UsageError, 'kind'>): number {
  const { message, suggestion } = typeof error === 'string' ? { message: error, suggestion: undefined } : error;
  io.err(`itogi: ${message}`);
  if (suggestion) io.err(`Возможно, вы имели в виду: ${suggestion}`);
  io.err('Справка: itogi --help');
  return 2;
}

/**
 * The installed command: runs argv, sets the exit code; a bug (never a user's mistake)
 * prints one line, or its stack with ITOGI_DEBUG=1. src/bin.ts and the bundled CLI's
 * launcher (src/launch/bin.ts) both start here.
 */
export function main(argv: readonly string[]): Promise<void> {
  cleanUpOnSignals();
  return runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (process.env['ITOGI_DEBUG']) console.error(e);
      process.stderr.write(
        `${terminalSafe(`itogi: внутренняя ошибка: ${e instanceof Error ? e.message : String(e)}`)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

export async function runCli(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const request = parseCli(argv);
  switch (request.kind) {
    case 'usage-error':
      return usageError(io, request);
    case 'help':
      io.out(request.command ? commandHelpText(request.command) : helpText(await packageVersion()));
      return 0;
    case 'version':
      io.out(await packageVersion());
      return 0;
    case 'new':
      // Each command loads what it needs when it runs: --version and help load no checker, no renderer.
      return (await import('./cli/new.js')).runNew(request, io);
    case 'export':
      return (await import('./cli/sheet.js')).runExport(request, io);
    case 'import':
      return (await import('./cli/sheet.js')).runImport(request, io);
    case 'publish':
      return (await import('./cli/publish.js')).runPublish(request, io);
    case 'run':
      return runCommand(request, io);
  }
}

async function runCommand(given: RunRequest, io: Io): Promise<number> {
  // No --out: output/ beside content/, also when run inside content/ (the deck lines say where).
  const request = given.out === DEFAULT_OUT_DIR ? { ...given, out: defaultOutDir(io.cwd) } : given;
  if (request.command === 'schema') return runSchema(io);
  const templateProblem = await checkTemplateOption(request, io);
  if (templateProblem !== undefined) return templateProblem;
  const missing = missingContent(request.paths, io.cwd);
  if (missing) return usageError(io, missing);
  if (request.command !== 'check' && request.command !== 'preview') {
    const { outDirProblem } = await import('./api.js');
    const outProblem = await outDirProblem(request.out, io.cwd);
    if (outProblem) {
      const { message, hint } = outProblem;
      return usageError(io, `--out: ${message}${hint && !message.includes(hint) ? `; ${hint}` : ''}`);
    }
  }
  // Loaded only for these two: check and build never pay for the server, the watcher and the HTML renderer.
  if (request.command === 'watch') await sweepOutput(resolve(io.cwd, request.out));
  if (request.command === 'preview' || request.command === 'watch')
    return (await import('./preview/cli.js')).runLive(request, io);
  return runCheckOrBuild(request, io, request.command);
}

async function runSchema(io: Io): Promise<number> {
  io.out(`записано ${await writeSchema(io.cwd)}`);
  return 0;
}

/**
 * --template names one template for every file: a wrong name is wrong usage, said
 * once before any file is read; a broken template is reported once, not per file.
 * Undefined when all is well, else the exit code.
 */
async function checkTemplateOption(request: RunRequest, io: Io): Promise<number | undefined> {
  if (request.template === undefined) return undefined;
  const [{ displayPath }, { availableTemplates, findTemplateDir, loadTemplate }] = await Promise.all([
    import('./api.js'),
    import('./template/load.js'),
  ]);
  if (!findTemplateDir(request.template, io.cwd)) {
    const known = availableTemplates(io.cwd);
    // Wrong usage, not a file's error: the catalogue's message without its hint.
    return usageError(
      io,
      `--template: ${CATALOGUE.TemplateNotFound.message({ name: request.template, available: known })}`,
    );
  }
  try {
    await loadTemplate(request.template, io.cwd);
    return undefined;
  } catch (e) {
    report(
      io,
      e instanceof ItogiError
        ? e.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, io.cwd) }))
        : [checkFailed('--template', e)],
      request.verbose,
    );
    return 1;
  }
}

async function runCheckOrBuild(request: RunRequest, io: Io, command: 'check' | 'build'): Promise<number> {
  const { files, diagnostics: pathProblems, folders } = await collectFiles(request.paths, io.cwd);
  report(io, pathProblems, request.verbose);
  const { runBatch } = await import('./batch/run.js');
  const outDir = resolve(io.cwd, command === 'build' ? request.out : DEFAULT_OUT_DIR);
  if (command === 'build') await sweepOutput(outDir);
  // More decks at once than cores only costs memory (30 jobs took 865 MB): capped, and said so.
  const cores = availableParallelism();
  const jobs = request.jobs !== undefined && request.jobs > cores ? cores : request.jobs;
  if (jobs !== request.jobs)
    io.err(
      `itogi: --jobs ${request.jobs}: у этого компьютера ${cores} ${cores === 1 ? 'ядро' : cores < 5 ? 'ядра' : 'ядер'}, собираю по ${cores} одновременно`,
    );
  return runBatch(
    {
      command,
      files,
      // A file named but not read (a symlink, «economy.yaml.txt») is a warning; a path that names nothing fails.
      pathProblems: pathProblems.filter((d) => d.severity === 'error').length,
      pathWarnings: pathProblems.filter((d) => d.severity === 'warning').length,
      outDir,
      options: { cwd: io.cwd, ...(request.template ? { template: request.template } : {}) },
      ...(jobs !== undefined ? { jobs } : {}),
      ...(request.pdf ? { pdf: true } : {}),
      ...(request.incompleteSummary ? { incompleteSummary: true } : {}),
      ...(request.verbose ? { verbose: true } : {}),
      // The city summary is the whole year's: made when a folder is given (content/ by default), not
      // when a few files are rebuilt by name, which would replace it with a summary of those files alone.
      summary: !request.noSummary && folders.length > 0,
    },
    io,
  );
}
