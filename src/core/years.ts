/**
 * Which city summaries a run may write, the same for every runner: a year's
 * summary is never made without a direction whose file failed, because city
 * totals that quietly leave a direction out are wrong figures. Each failed
 * file is placed in its year (its report.year, else a year folder in its
 * path); a file whose year cannot be told holds back every year of the run.
 */
import { existsSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { diagnostic, hasErrors, type Diagnostic } from '../errors.js';
import {
  displayPath,
  summarizeYear,
  summaryPath,
  SUMMARY_MIN_DIRECTIONS,
  type CheckedFile,
  type YearSummary,
} from '../api.js';

/** A direction the summary lacks: its file as messages name it, and its id when the file tells it. */
export interface MissingDirection {
  file: string;
  id?: string;
}

export interface YearPlan {
  year: number;
  /**
   * complete: every file of the year passed; incomplete: some failed (their
   * directions are in `missing`); the summary is built only when `summary` is set.
   */
  state: 'complete' | 'incomplete';
  missing: MissingDirection[];
  /** The year's valid directions, when there are enough of them for a summary. */
  summary?: YearSummary;
}

const YEAR_FOLDER = /^(19|20|21)\d\d$/;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A file's report year: validated, else as written, else a year folder in its path. */
export function yearOf(file: CheckedFile): number | undefined {
  if (file.computed) return file.computed.content.report.year;
  const data = file.source?.data;
  const report = isObject(data) ? data['report'] : undefined;
  const year = isObject(report) ? report['year'] : undefined;
  if (typeof year === 'number' && Number.isInteger(year)) return year;
  const folder = file.file
    .split(sep)
    .reverse()
    .find((part) => YEAR_FOLDER.test(part));
  return folder === undefined ? undefined : Number(folder);
}

function missingOf(file: CheckedFile): MissingDirection {
  const data = file.source?.data;
  const direction = isObject(data) ? data['direction'] : undefined;
  const id = isObject(direction) ? direction['id'] : undefined;
  return { file: file.file, ...(typeof id === 'string' && id.trim() !== '' ? { id: id.trim() } : {}) };
}

/** What an incomplete summary's mark names of the directions it lacks: their ids, else their file names. */
export const missingNames = (plan: YearPlan): string[] => plan.missing.map((m) => m.id ?? basename(m.file));

/** «economy (content/2023/economy.yaml)», or the file alone. */
export const missingText = (m: MissingDirection) => (m.id ? `${m.id} (${m.file})` : m.file);

/**
 * The years of a run (files after the copy rule), ascending: each with the
 * directions it lacks and, when two or more of its directions passed, its
 * summary. Whether an incomplete one is written is the caller's option.
 */
export function planYears(files: readonly CheckedFile[]): YearPlan[] {
  const failed = files.filter((f) => !f.computed || !f.template || hasErrors(f.diagnostics));
  const summaries = new Map(summarizeYear(files).map((s) => [s.year, s]));
  const years = new Set<number>(summaries.keys());
  const unplaced: MissingDirection[] = [];
  const missing = new Map<number, MissingDirection[]>();
  for (const file of failed) {
    const year = yearOf(file);
    if (year === undefined) {
      unplaced.push(missingOf(file));
      continue;
    }
    years.add(year);
    missing.set(year, [...(missing.get(year) ?? []), missingOf(file)]);
  }
  for (const file of files) {
    const year = file.computed?.content.report.year;
    if (year !== undefined) years.add(year);
  }
  return (
    [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const lacks = [...(missing.get(year) ?? []), ...unplaced];
        const summary = summaries.get(year);
        const valid = files.filter((f) => f.computed?.content.report.year === year && !hasErrors(f.diagnostics)).length;
        return {
          year,
          state: lacks.length > 0 ? 'incomplete' : 'complete',
          missing: lacks,
          ...(summary ? { summary } : {}),
          valid,
        };
      })
      // A summary to speak of: one that is built, or would be if every file of its year had passed.
      .filter((p) => p.summary !== undefined || (p.valid >= 1 && p.valid + p.missing.length >= SUMMARY_MIN_DIRECTIONS))
      .map(({ valid: _valid, ...plan }) => plan as YearPlan)
  );
}

/**
 * What is said of a year that lacks a direction, the same for every runner: its summary is
 * not written (`check`: its totals are incomplete), and an older summary left on disk is
 * said to be from an earlier run.
 */
export function summaryHeld(plan: YearPlan, outDir: string, cwd: string, checkOnly = false): Diagnostic | undefined {
  if (plan.state !== 'incomplete') return undefined;
  const deck = summaryPath(outDir, plan.year);
  const previous = !checkOnly && existsSync(deck) ? { previous: displayPath(deck, cwd) } : {};
  return diagnostic(
    'SummaryIncomplete',
    { file: displayPath(deck, cwd) },
    { year: plan.year, missing: plan.missing.map(missingText), ...(checkOnly ? { checkOnly } : {}), ...previous },
  );
}

const DECK_NAME = /^[a-z0-9-]{1,80}$/;

/**
 * A failed file's deck from an earlier run, if one is on disk: it stays as it
 * was, and the run says its figures are the old ones.
 */
export function staleDeck(file: CheckedFile, outDir: string, cwd: string): Diagnostic | undefined {
  const year = yearOf(file);
  const { id } = missingOf(file);
  if (year === undefined || id === undefined || !DECK_NAME.test(id)) return undefined;
  const deck = join(outDir, String(year), `${id}.pptx`);
  if (!existsSync(deck)) return undefined;
  return diagnostic('StaleDeck', { file: file.file }, { deck: displayPath(deck, cwd) });
}
