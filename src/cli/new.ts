/**
 * `itogi new <id> [--from FILE] [--year N]`: writes content/<year>/<id>.yaml.
 * The clock is read only here (the year of a file from scratch); the text
 * comes from the pure src/content/scaffold.ts and is checked like `itogi check`
 * before it is written. An existing file is never overwritten.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkFile, displayPath } from '../api.js';
import { blankDirection, checkScaffold, nextYearDirection, scaffoldPath } from '../content/scaffold.js';
import { diagnostic, formatDiagnostic, hasErrors, type Diagnostic } from '../errors.js';
import { DEFAULT_CONTENT_DIR } from './options.js';
import { SCHEMA_PATH, writeSchema } from './schemaFile.js';

export interface NewRequest {
  id: string;
  from?: string;
  year?: number;
}

export interface NewIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** The clock, for the default year of a file from scratch. */
  now?: () => Date;
}

type Report = (ds: readonly Diagnostic[]) => void;

/** The new file's text and where it goes; undefined when the --from file has errors (they are reported). */
async function draft(
  request: NewRequest,
  io: NewIo,
  report: Report,
): Promise<{ text: string; target: string; year: number; why?: string } | undefined> {
  if (request.from === undefined) {
    const year = request.year ?? (io.now ?? (() => new Date()))().getFullYear();
    return {
      text: blankDirection(request.id, year),
      target: resolve(io.cwd, scaffoldPath(DEFAULT_CONTENT_DIR, year, request.id)),
      year,
      ...(request.year === undefined ? { why: 'текущий по часам компьютера' } : {}),
    };
  }
  const checked = await checkFile(request.from, { cwd: io.cwd });
  report(checked.diagnostics);
  if (hasErrors(checked.diagnostics) || !checked.computed || !checked.source) {
    io.err(`itogi new: файл ${checked.file} содержит ошибки — исправьте их; новый файл не создан`);
    return undefined;
  }
  const year = request.year ?? checked.computed.content.report.year + 1;
  const target = resolve(io.cwd, scaffoldPath(DEFAULT_CONTENT_DIR, year, request.id));
  const text = nextYearDirection(checked.source, checked.computed.content, {
    id: request.id,
    year,
    fromName: checked.file.replaceAll('\\', '/'),
    targetName: displayPath(target, io.cwd).replaceAll('\\', '/'),
  });
  return {
    text,
    target,
    year,
    ...(request.year === undefined
      ? { why: `следующий за ${checked.computed.content.report.year} из ${checked.file.replaceAll('\\', '/')}` }
      : {}),
  };
}

/** Creates the file, never over an existing one; false (reported) when it could not be created or written. */
async function create(target: string, name: string, text: string, report: Report): Promise<boolean> {
  let handle;
  try {
    await mkdir(dirname(target), { recursive: true });
    // 'wx': fails if the file exists, even if it appeared a moment ago.
    handle = await open(target, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') report([diagnostic('FileExists', { file: name }, {})]);
    else report([diagnostic('WriteFailed', { file: name }, { code, creating: true })]);
    return false;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(target).catch(() => undefined);
    const { code } = e as NodeJS.ErrnoException;
    report([diagnostic('WriteFailed', { file: name }, { code })]);
    return false;
  }
  await handle.close();
  return true;
}

/** Exit status: 0 written; 1 the --from file has errors or the target exists (nothing written). */
export async function runNew(request: NewRequest, io: NewIo): Promise<number> {
  const report: Report = (ds) => {
    for (const d of ds) io.err(formatDiagnostic(d));
  };
  const drafted = await draft(request, io, report);
  if (!drafted) return 1;
  const { text, target, year, why } = drafted;
  const name = displayPath(target, io.cwd);

  // What we write must pass `itogi check`; if it would not, that is our bug, and nothing is written.
  const problems = checkScaffold(name, text);
  if (hasErrors(problems)) {
    report(problems.map((d) => ({ ...d, message: `${d.message} (в созданном тексте)` })));
    report([diagnostic('InternalError', { file: name }, { stage: 'scaffold' })]);
    return 1;
  }
  if (!(await create(target, name, text, report))) return 1;
  io.out(`записано ${name}`);
  // A year the tool chose is said, with how to choose another.
  if (why) io.out(`Год отчёта: ${year} — ${why}; другой год: itogi new ${request.id} --year ГОД`);
  // The file's first line points the editor at ../../schema/content.schema.json: make sure it is there.
  if (!existsSync(resolve(io.cwd, SCHEMA_PATH)))
    io.out(`записано ${await writeSchema(io.cwd)} — по ней редактор подсказывает поля нового файла`);
  io.out(
    request.from !== undefined
      ? `Факты очищены (данные ожидаются), планы перенесены — уточните их и проверьте: itogi check ${name}`
      : `Замените тексты-заготовки своими и проверьте: itogi check ${name}`,
  );
  return 0;
}
