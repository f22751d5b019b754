/**
 * The files a long-running runner (watch, preview) knows, each as last
 * checked, and the rules over all of them: the same copy rule and year
 * plans a batch applies (copies.ts, years.ts), re-applied whenever a file
 * changes, so a copy saved later or a direction that breaks while watching
 * is judged as `build` would judge it.
 */
import { resolve, sep } from 'node:path';
import { displayPath, outputPath, type CheckedFile } from '../api.js';
import { judgeCopies } from './copies.js';
import { planYears, type YearPlan } from './years.js';

/** Path order, folder by folder: the order messages and the summary's table follow. */
function byPath(a: string, b: string): number {
  const [x, y] = [a.split(sep), b.split(sep)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

export class Workspace {
  private readonly files = new Map<string, CheckedFile>();

  constructor(private readonly options: { cwd: string; outDir: string }) {}

  /** A file as just checked (absolute path). */
  set(file: string, checked: CheckedFile): void {
    this.files.set(resolve(file), checked);
  }

  /** A file as last checked, before the rules over all files. */
  get(file: string): CheckedFile | undefined {
    return this.files.get(resolve(file));
  }

  delete(file: string): void {
    this.files.delete(resolve(file));
  }

  /** Every file after the copy rule, by absolute path, in path order. */
  judged(): Map<string, CheckedFile> {
    const paths = [...this.files.keys()].sort(byPath);
    const { cwd, outDir } = this.options;
    const judged = judgeCopies(
      paths.map((p) => this.files.get(p)!),
      (file) => outputPath(resolve(cwd, outDir), file.computed!),
      (path) => displayPath(path, cwd),
    );
    return new Map(paths.map((p, i) => [p, judged[i]!]));
  }

  /** The years of every file known, with what each lacks. */
  years(judged = this.judged()): YearPlan[] {
    return planYears([...judged.values()]);
  }
}
