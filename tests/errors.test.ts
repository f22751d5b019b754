/** The error catalogue and the compiler-style line every problem is printed as. */
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  diagnostic,
  formatDiagnostic,
  formatPath,
  hasErrors,
  ItogiError,
  type Diagnostic,
} from '../src/errors.js';

describe('formatDiagnostic', () => {
  it('file:line:col: ошибка: path: message', () => {
    const d = diagnostic(
      'InvalidValue',
      { file: 'content/2023/x.yaml', line: 34, col: 13, path: 'indicators.items[2].plan' },
      'ожидается число, получено «семьдесят»',
    );
    expect(formatDiagnostic(d)).toBe(
      'content/2023/x.yaml:34:13: ошибка: indicators.items[2].plan: ожидается число, получено «семьдесят»',
    );
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
    const d = diagnostic('YamlSyntax', { file: 'x.yaml', line: 4, col: 1 }, 'табуляция в отступе');
    expect(formatDiagnostic(d)).toBe(`x.yaml:4:1: ошибка: табуляция в отступе; ${CATALOGUE.YamlSyntax.hint}`);
  });

  it('a problem about a path that cannot be opened has no line:col', () => {
    const d = diagnostic('PathNotFound', { file: 'content/2024' }, 'нет такого файла или папки');
    expect(d.line).toBe(0);
    expect(formatDiagnostic(d)).toBe(
      `content/2024: ошибка: нет такого файла или папки; ${CATALOGUE.PathNotFound.hint}`,
    );
  });
});

describe('diagnostic', () => {
  it('takes severity from the catalogue and appends the hint once', () => {
    const d = diagnostic(
      'DuplicateKey',
      { file: 'x.yaml', line: 1, col: 1 },
      `поле повторяется; ${CATALOGUE.DuplicateKey.hint}`,
    );
    expect(d.severity).toBe('error');
    expect(d.message.split(CATALOGUE.DuplicateKey.hint)).toHaveLength(2);
  });

  it('leaves out path when there is none (no `path: undefined`)', () => {
    expect('path' in diagnostic('EmptyFile', { file: 'x.yaml' }, 'файл пуст')).toBe(false);
  });
});

describe('the catalogue', () => {
  it.each(Object.entries(CATALOGUE))('%s: hint is Russian or empty', (_, entry) => {
    if (entry.hint) {
      expect(entry.hint).toMatch(/[а-яё]/i);
      expect(entry.hint).not.toMatch(/\b(invalid|expected|received|error|please|file)\b/i);
    }
    expect(['error', 'warning']).toContain(entry.severity);
  });

  it('check and build name what failed: an internal error is not «could not build the deck»', () => {
    const d = diagnostic('InternalError', { file: 'x.yaml' }, 'непредвиденная ошибка при проверке файла: boom');
    expect(formatDiagnostic(d)).toBe(
      `x.yaml: ошибка: непредвиденная ошибка при проверке файла: boom; ${CATALOGUE.InternalError.hint}`,
    );
    expect(CATALOGUE.InternalError.hint).not.toMatch(/презентаци|собрать/);
  });

  it('a forbidden character says what to do with it', () => {
    const d = diagnostic(
      'ForbiddenCharacter',
      { file: 'x.yaml', line: 12, col: 18 },
      'недопустимый управляющий символ U+000B (разрыв строки из Word)',
    );
    expect(formatDiagnostic(d)).toBe(
      'x.yaml:12:18: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word); замените его пробелом или удалите',
    );
  });

  // Warnings never fail a file: only values that compute but may mislead are warnings.
  it('only the zero divisor and negative values are warnings', () => {
    expect(
      Object.entries(CATALOGUE)
        .filter(([, e]) => e.severity === 'warning')
        .map(([k]) => k),
    ).toEqual(['ZeroDivisor', 'NegativeValue']);
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
    'значение должно быть не меньше 2000',
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
