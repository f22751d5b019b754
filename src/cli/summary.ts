/**
 * The city summary step of `check` and `build`, after the per-file work:
 * every year with two or more valid directions gets its city totals printed
 * (check) or its <out>/<year>/summary.pptx written (build). One call from the
 * command loop, so the batch runner can move it as a whole.
 */
import { buildSummary, displayPath, summarizeYear, summaryPath, type CheckedFile, type YearSummary } from '../api.js';
import type { CityTotals } from '../compute/city.js';
import { diagnostic, formatDiagnostic, ItogiError } from '../errors.js';
import { table } from './report.js';
import type { Command } from './options.js';

export interface SummaryIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

export interface SummaryRequest {
  command: Command;
  noSummary?: true;
}

/** What `check` prints for a year: the city line, each direction's counts, the totals, the city result line. */
export function renderCityReport(city: CityTotals): string {
  const header = ['№', 'Направление', 'Достигнуто', 'Не достигнуто', 'Ожидаются', 'Всего'];
  const rows = city.directions.map((d, i) => [String(i + 1), d.name, String(d.achieved), String(d.missed), String(d.pending), String(d.total)]);
  const { achieved, pending, total } = city.tally;
  const totals = ['', 'Итого по городу', String(achieved), String(city.missed), String(pending), String(total)];
  return [
    `Итоги по городу, ${city.year} год — направлений: ${city.directions.length}, показателей: ${total}, достигнуто: ${achieved}, не достигнуто: ${city.missed}, данные ожидаются: ${pending}`,
    ...table([header, ...rows, totals], ['r', 'l', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`),
    `  ${city.resultLine}`,
    '',
  ].join('\n');
}

/**
 * Runs the summary step over the files that passed (`valid`); `failedFiles`
 * files with errors are named as left out. Returns how many summaries failed
 * to build (each reported as one located line).
 */
export async function runCitySummaries(io: SummaryIo, request: SummaryRequest, valid: readonly CheckedFile[], outDir: string, failedFiles: number): Promise<number> {
  if (request.noSummary || (request.command !== 'check' && request.command !== 'build')) return 0;
  const years = summarizeYear(valid);
  const leftOut = failedFiles > 0 ? `; без файлов с ошибками: ${failedFiles}` : '';
  let failed = 0;
  for (const year of years) {
    if (request.command === 'check') {
      io.out(renderCityReport(year.city));
      continue;
    }
    failed += await writeSummary(io, year, outDir, leftOut);
  }
  return failed;
}

async function writeSummary(io: SummaryIo, year: YearSummary, outDir: string, leftOut: string): Promise<number> {
  try {
    const deck = await buildSummary(year, outDir);
    await deck.save();
    io.out(
      `сводная за ${year.year} год → ${displayPath(deck.path, io.cwd)} (направлений: ${year.city.directions.length}, слайдов: ${deck.layout.slides.length}, ${Math.round(deck.buffer.length / 1024)} КБ${leftOut})`,
    );
    return 0;
  } catch (e) {
    const target = displayPath(summaryPath(outDir, year.year), io.cwd);
    if (process.env['ITOGI_DEBUG']) console.error(e);
    const d =
      e instanceof ItogiError
        ? e.diagnostics.map((x) => ({ ...x, file: displayPath(x.file, io.cwd) }))
        : (e as NodeJS.ErrnoException).code
          ? [diagnostic('WriteFailed', { file: target }, `не удалось записать файл (${(e as NodeJS.ErrnoException).code})`)]
          : [diagnostic('RenderFailed', { file: target }, `не удалось собрать сводную презентацию: ${e instanceof Error ? e.message : String(e)}`)];
    for (const x of d) io.err(formatDiagnostic(x));
    return 1;
  }
}
