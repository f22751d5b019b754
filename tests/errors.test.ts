/** The error catalogue and the compiler-style line every problem is printed as. */
import { describe, expect, it } from 'vitest';
import {
  boundPhrase,
  CATALOGUE,
  diagnostic,
  formatDiagnostic,
  formatPath,
  hasErrors,
  ItogiError,
  type Diagnostic,
} from '../src/errors.js';

describe('formatDiagnostic', () => {
  it('file:line:col: ошибка: field: message; hint — from the catalogue template and its params', () => {
    const d = diagnostic(
      'InvalidValue',
      { file: 'content/2023/x.yaml', line: 34, col: 13, path: 'indicators.items[2].plan' },
      { kind: 'type', expected: 'число', got: '«семьдесят»' },
    );
    expect(d.message).toBe('ожидается число, получено «семьдесят»');
    expect(d.hint).toBe('напишите число цифрами, например 72 или 80.4');
    expect(d.params).toEqual({ kind: 'type', expected: 'число', got: '«семьдесят»' });
    expect(formatDiagnostic(d)).toBe(
      'content/2023/x.yaml:34:13: ошибка: indicators.items[2].plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4',
    );
  });

  it('the field as people name it is printed instead of the bare path', () => {
    const at = { file: 'x.yaml', line: 58, col: 13, path: 'indicators.items[3].fact' };
    const d = diagnostic(
      'PendingFactWord',
      { ...at, field: 'показатель № 64 (indicators.items[3]).fact' },
      { got: 'н/д' },
    );
    expect(d.path).toBe('indicators.items[3].fact');
    expect(formatDiagnostic(d)).toBe(
      'x.yaml:58:13: ошибка: показатель № 64 (indicators.items[3]).fact: ожидается число, получено «н/д»; если данных ещё нет, напишите fact: null или оставьте значение пустым (fact:)',
    );
  });

  it('the English code is shown only with verbose, at the end, with the parser’s own code', () => {
    const d = diagnostic(
      'YamlSyntax',
      { file: 'x.yaml', line: 4, col: 1 },
      { problem: 'табуляция в отступе' },
      { cause: 'TAB_AS_INDENT' },
    );
    expect(formatDiagnostic(d)).not.toMatch(/YamlSyntax|TAB_AS_INDENT/);
    expect(formatDiagnostic(d, { verbose: true })).toBe(`${formatDiagnostic(d)} [YamlSyntax: TAB_AS_INDENT]`);
    const plain = diagnostic('EmptyFile', { file: 'x.yaml', line: 1, col: 1 }, {});
    expect(formatDiagnostic(plain, { verbose: true })).toMatch(/; заполните .* \[EmptyFile\]$/);
  });

  it('is always one line, even when a message quotes several lines', () => {
    const d = diagnostic('InternalError', { file: 'x.yaml' }, 'первая\nвторая\r\nтретья\u2028четвёртая');
    expect(formatDiagnostic(d)).not.toMatch(/[\n\r\u2028]/);
  });

  it('a warning says предупреждение', () => {
    const d = diagnostic(
      'ZeroDivisor',
      { file: 'x.yaml', line: 57, col: 13, path: 'indicators.items[2].plan' },
      'плановое значение равно 0',
    );
    expect(d.severity).toBe('warning');
    expect(formatDiagnostic(d)).toMatch(
      /^x\.yaml:57:13: предупреждение: indicators\.items\[2\]\.plan: плановое значение равно 0; /,
    );
  });

  it('without a field path there is no empty «: »', () => {
    const d = diagnostic('YamlSyntax', { file: 'x.yaml', line: 4, col: 1 }, { problem: 'табуляция в отступе' });
    expect(formatDiagnostic(d)).toBe(`x.yaml:4:1: ошибка: табуляция в отступе; ${CATALOGUE.YamlSyntax.hint}`);
  });

  it('a problem about a path that cannot be opened has no line:col', () => {
    const d = diagnostic('PathNotFound', { file: 'content/2024' }, {});
    expect(d.line).toBe(0);
    expect(formatDiagnostic(d)).toBe(
      `content/2024: ошибка: нет такого файла или папки; ${CATALOGUE.PathNotFound.hint}`,
    );
  });
});

describe('diagnostic', () => {
  it('takes severity from the catalogue and prints the hint once, even when a reason already says it', () => {
    const d = diagnostic('WriteFailed', { file: 'x.pptx' }, `файл занят; ${CATALOGUE.WriteFailed.hint}`);
    expect(d.severity).toBe('error');
    expect(formatDiagnostic(d).split(CATALOGUE.WriteFailed.hint)).toHaveLength(2);
  });

  it('a code with params of its own takes no free text (a type error), only codes whose message is a reason', () => {
    // @ts-expect-error DuplicateKey's message is made from { key }, not written by the caller
    diagnostic('DuplicateKey', { file: 'x.yaml' }, 'поле повторяется');
    expect(diagnostic('DuplicateKey', { file: 'x.yaml' }, { key: 'plan' }).message).toBe(
      'поле «plan» встречается повторно',
    );
  });

  it('leaves out path when there is none (no `path: undefined`)', () => {
    expect('path' in diagnostic('EmptyFile', { file: 'x.yaml' }, {})).toBe(false);
  });
});

describe('the catalogue', () => {
  it.each(Object.entries(CATALOGUE))('%s: has a Russian hint of its own', (_, entry) => {
    expect(entry.hint).toMatch(/[а-яё]/i);
    expect(entry.hint).not.toMatch(/\b(invalid|expected|received|error|please|file)\b/i);
    expect(['error', 'warning']).toContain(entry.severity);
  });

  it.each([
    [{ subject: 'string', side: 'max', inclusive: true, bound: 300 }, 'не длиннее 300 символов'],
    [{ subject: 'string', side: 'max', inclusive: true, bound: 21 }, 'не длиннее 21 символа'],
    [{ subject: 'string', side: 'min', inclusive: true, bound: 2 }, 'не короче 2 символов'],
    [{ subject: 'number', side: 'max', inclusive: true, bound: 1e12 }, 'не больше 1e12'],
    [{ subject: 'number', side: 'max', inclusive: false, bound: 100 }, 'меньше 100'],
    [{ subject: 'number', side: 'min', inclusive: true, bound: -1e15 }, 'не меньше -1e15'],
    [{ subject: 'number', side: 'min', inclusive: false, bound: 0 }, 'больше 0'],
    [{ subject: 'array', side: 'min', inclusive: true, bound: 1 }, 'не меньше 1 элемента'],
    [{ subject: 'array', side: 'max', inclusive: true, bound: 40 }, 'не больше 40 элементов'],
  ] as const)('bound %j reads «%s»', (bound, text) => {
    expect(boundPhrase(bound)).toBe(text);
  });

  it('a free-text message still gets its code’s hint (callers not moved to params yet)', () => {
    const d = diagnostic('WriteFailed', { file: 'out/a.pptx' }, 'не удалось записать файл: диск заполнен');
    expect(d.params).toBeUndefined();
    expect(d.hint).toBe(CATALOGUE.WriteFailed.hint);
    expect(formatDiagnostic(d)).toBe(
      `out/a.pptx: ошибка: не удалось записать файл: диск заполнен; ${CATALOGUE.WriteFailed.hint}`,
    );
  });

  it('check and build name what failed: an internal error is not «could not build the deck»', () => {
    const d = diagnostic('InternalError', { file: 'x.yaml' }, 'непредвиденная ошибка при проверке файла: boom');
    expect(formatDiagnostic(d)).toBe(
      `x.yaml: ошибка: непредвиденная ошибка при проверке файла: boom; ${CATALOGUE.InternalError.hint}`,
    );
    expect(CATALOGUE.InternalError.hint).not.toMatch(/презентаци|собрать/);
  });

  it('a forbidden character says what to do with it', () => {
    const d = diagnostic('ForbiddenCharacter', { file: 'x.yaml', line: 12, col: 18 }, { char: 0x0b });
    expect(formatDiagnostic(d)).toBe(
      'x.yaml:12:18: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word); замените его пробелом или удалите',
    );
  });

  // Warnings never fail a file: only values that compute but may mislead are warnings.
  it('warnings are what still builds but needs a look; everything else is an error', () => {
    expect(
      Object.entries(CATALOGUE)
        .filter(([, e]) => e.severity === 'warning')
        .map(([k]) => k)
        .sort(),
    ).toEqual(
      [
        'ZeroDivisor',
        'NegativeValue',
        'SampleData',
        'TemplateLowContrast',
        'PlaceholderText',
        'GluedListItem',
        'PlanNotRevised',
        'ImplausibleExecution',
        'EmptyEventGroup',
        'StrayFile',
        'StaleDeck',
        'SheetUnknownRow',
        'SheetMissingIndicator',
      ].sort(),
    );
  });
});

describe('formatPath', () => {
  it.each([
    [['indicators', 'items', 2, 'plan'], 'indicators.items[2].plan'],
    [['report', 'year'], 'report.year'],
    [['tasks', 0], 'tasks[0]'],
    [[], ''],
    [[3, 'x'], '[3].x'],
  ] as [PropertyKey[], string][])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('ItogiError and hasErrors', () => {
  const error = diagnostic(
    'InvalidValue',
    { file: 'a.yaml', line: 4, col: 9, path: 'report.year' },
    { kind: 'rule', rule: 'значение должно быть не меньше 2000' },
  );
  const warning = diagnostic('ZeroDivisor', { file: 'a.yaml', line: 57, col: 13 }, 'плановое значение равно 0');

  it('the message is the formatted lines, the diagnostics stay attached', () => {
    const e = new ItogiError([error, warning]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ItogiError');
    expect(e.message).toBe(`${formatDiagnostic(error)}\n${formatDiagnostic(warning)}`);
    expect(e.diagnostics).toEqual([error, warning]);
  });

  it('warnings alone are not errors', () => {
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, error])).toBe(true);
    expect(hasErrors([] as Diagnostic[])).toBe(false);
  });
});
