/**
 * The error catalogue: every problem itogi reports, with a stable code, its
 * severity and a Russian hint on what to do. Messages are built where the
 * facts are known (validate, load); codes and hints live only here.
 */
export type Severity = 'error' | 'warning';

export const CATALOGUE = {
  FileUnreadable: { severity: 'error', hint: 'проверьте путь и права на чтение' },
  FileTooLarge: { severity: 'error', hint: 'файл направления занимает несколько килобайт; проверьте, тот ли это файл' },
  NotUtf8: {
    severity: 'error',
    hint: 'сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)',
  },
  ForbiddenCharacter: { severity: 'error', hint: 'замените его пробелом или удалите' },
  EmptyFile: { severity: 'error', hint: 'заполните файл по образцу content/2023/institutional-environment.yaml' },
  YamlSyntax: {
    severity: 'error',
    hint: 'проверьте отступы (пробелы, не табуляция), двоеточия и кавычки в этой строке',
  },
  DuplicateKey: { severity: 'error', hint: 'оставьте одно из повторяющихся полей' },
  AliasLimit: { severity: 'error', hint: 'уберите ссылки-псевдонимы (*имя): они здесь не нужны' },
  NotAMapping: { severity: 'error', hint: 'файл должен начинаться с полей report:, direction:, goal: …' },
  InvalidValue: { severity: 'error', hint: '' },
  MissingField: { severity: 'error', hint: '' },
  UnknownKey: { severity: 'error', hint: '' },
  DuplicateIndicatorNumber: { severity: 'error', hint: 'номера показателей в файле должны быть разными' },
  TemplateOutsideFolder: { severity: 'error', hint: 'укажите только имя папки шаблона, например surgut' },
  TemplateNotFound: { severity: 'error', hint: '' },
  TemplateInvalid: { severity: 'error', hint: 'исправьте template.yaml шаблона' },
  ZeroDivisor: { severity: 'warning', hint: 'в таблице вместо процента будет «—»; проверьте значение' },
  NegativeValue: {
    severity: 'warning',
    hint: 'процент исполнения отрицательных величин легко понять неверно; проверьте знак',
  },
  PathNotFound: { severity: 'error', hint: 'укажите YAML-файл или папку с ними' },
  NoContentFiles: { severity: 'error', hint: 'положите файлы направлений в content/<год>/<направление>.yaml' },
  ReservedDirectionId: { severity: 'error', hint: 'выберите другой direction.id, например по названию направления' },
  DuplicateOutput: { severity: 'error', hint: 'у каждого направления за год должен быть свой direction.id' },
  FileExists: { severity: 'error', hint: 'выберите другой идентификатор или удалите (переименуйте) существующий файл' },
  WriteFailed: { severity: 'error', hint: 'проверьте, что файл не открыт в PowerPoint и папка доступна для записи' },
  LibreOfficeMissing: {
    severity: 'error',
    hint: 'презентации собраны без PDF; после установки запустите сборку с --pdf ещё раз',
  },
  PdfFailed: { severity: 'error', hint: 'презентация записана; PDF будет сделан заново при следующем запуске с --pdf' },
  RenderFailed: { severity: 'error', hint: 'это ошибка itogi; сообщите разработчикам, приложив YAML-файл' },
  InternalError: { severity: 'error', hint: 'это ошибка itogi; сообщите разработчикам, приложив YAML-файл' },
  OutNotFolder: { severity: 'error', hint: 'укажите папку для презентаций, например output' },
} as const satisfies Record<string, { severity: Severity; hint: string }>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  col: number;
  /** Field path such as `indicators.items[2].plan`, when the problem is in one field. */
  path?: string;
  message: string;
}

export function diagnostic(
  code: DiagnosticCode,
  at: { file: string; line?: number; col?: number; path?: string },
  message: string,
): Diagnostic {
  const { severity, hint } = CATALOGUE[code];
  const full = hint && !message.includes(hint) ? `${message}; ${hint}` : message;
  return {
    code,
    severity,
    file: at.file,
    line: at.line ?? 0,
    col: at.col ?? 0,
    ...(at.path ? { path: at.path } : {}),
    message: full,
  };
}

const SEVERITY_WORD: Record<Severity, string> = { error: 'ошибка', warning: 'предупреждение' };

/** Compiler-style: `file:line:col: ошибка: path: message` (line/col left out when unknown); `--verbose` adds the code. */
// `| number`: it is still passed straight to Array.map, which gives the index as the second argument.
export function formatDiagnostic(d: Diagnostic, options?: { verbose?: boolean } | number): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const path = d.path ? `${d.path}: ` : '';
  const code = typeof options === 'object' && options.verbose ? ` [${d.code}]` : '';
  return `${where}: ${SEVERITY_WORD[d.severity]}${code}: ${path}${d.message}`;
}

/** `indicators.items[2].plan` from a zod/yaml path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** What the library API throws: the file's diagnostics, never a stack trace for users. */
export class ItogiError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'ItogiError';
    this.diagnostics = diagnostics;
  }
}

/** Order of a file's diagnostics: by line, then column. */
export const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.col - b.col;

export const hasErrors = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === 'error');
