/**
 * `itogi publish`: the static site (src/publish/). Prints the located
 * problems of files left out, one line per year's folder, a closing line.
 */
import { resolve } from 'node:path';
import { displayPath, outDirProblem } from '../api.js';
import { formatDiagnostic, hasErrors } from '../errors.js';
import { collectFiles } from '../files.js';
import { PdfError } from '../output/pdf.js';
import { WriteError } from '../output/write.js';
import type { Io } from '../cli.js';
import type { CliRequest } from './options.js';

type PublishRequest = Extract<CliRequest, { kind: 'publish' }>;

export async function runPublish(request: PublishRequest, io: Io): Promise<number> {
  const problem = await outDirProblem(request.out, io.cwd);
  if (problem) {
    io.err(
      `itogi: --out: ${problem.message}${problem.hint && !problem.message.includes(problem.hint) ? `; ${problem.hint}` : ''}`,
    );
    return 2;
  }
  const { files, diagnostics: pathProblems } = await collectFiles(request.paths, io.cwd);
  const verbose = request.verbose === true;
  for (const d of pathProblems) io.err(formatDiagnostic(d, { verbose }));
  if (files.length === 0) return 1;
  const { publishSite } = await import('../publish/site.js');
  let result: Awaited<ReturnType<typeof publishSite>>;
  try {
    result = await publishSite(files, request.out, {
      cwd: io.cwd,
      outDir: request.out,
      ...(request.template !== undefined ? { template: request.template } : {}),
    });
  } catch (e) {
    if (e instanceof PdfError || e instanceof WriteError) {
      io.err(`itogi publish: сайт не записан: ${e.message}`);
      return 1;
    }
    throw e;
  }
  for (const d of result.diagnostics) io.err(formatDiagnostic(d, { verbose }));
  const site = displayPath(resolve(io.cwd, request.out), io.cwd);
  const written = result.files.filter((f) => f.status === 'written').length;
  if (!result.pdf)
    io.err('itogi publish: LibreOffice не найден — сайт без PDF (установите LibreOffice и запустите publish ещё раз)');
  io.out(
    `Сайт: ${site}/index.html — направлений: ${result.directions}, файлов: ${result.files.length} (записано: ${written}, без изменений: ${result.files.length - written})`,
  );
  return hasErrors(pathProblems) || hasErrors(result.diagnostics) ? 1 : 0;
}
