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
  type DiagnosticCode,
  type ParamsOf,
  pdfFailureText,
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
    const detail = 'первая\nвторая\r\nтретья\u2028четвёртая';
    const d = diagnostic('InternalError', { file: 'x.yaml' }, { stage: 'check', detail });
    expect(formatDiagnostic(d)).not.toMatch(/[\n\r\u2028]/);
  });

  it('a warning says предупреждение', () => {
    const d = diagnostic(
      'ZeroDivisor',
      { file: 'x.yaml', line: 57, col: 13, path: 'indicators.items[2].plan' },
      { field: 'plan', achieved: false },
    );
    expect(d.severity).toBe('warning');
    expect(formatDiagnostic(d)).toMatch(
      /^x\.yaml:57:13: предупреждение: indicators\.items\[2\]\.plan: плановое значение равно 0: процент исполнения не вычисляется; /,
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
  it('takes severity from the catalogue and the hint the params call for', () => {
    const d = diagnostic('WriteFailed', { file: 'x.pptx' }, { code: 'ENOSPC' });
    expect(d.severity).toBe('error');
    expect(formatDiagnostic(d)).toBe(
      'x.pptx: ошибка: не удалось записать файл: на диске нет места (ENOSPC); освободите место на диске или выберите папку на другом диске',
    );
  });

  it('no code takes free text: a message written at the call site is a type error', () => {
    // @ts-expect-error DuplicateKey's message is made from { key }, not written by the caller
    diagnostic('DuplicateKey', { file: 'x.yaml' }, 'поле повторяется');
    // @ts-expect-error codes that once took a reason take typed params too
    diagnostic('WriteFailed', { file: 'x.pptx' }, 'не удалось записать файл');
    // @ts-expect-error nor a reason wrapped in an object
    diagnostic('InternalError', { file: 'x.yaml' }, { reason: 'сбой' });
    // Every code at once: none whose params a bare string satisfies.
    type FreeText = { [C in DiagnosticCode]: string extends ParamsOf<C> ? C : never }[DiagnosticCode];
    const noFreeText: [FreeText] extends [never] ? true : false = true;
    expect(noFreeText).toBe(true);
    expect(diagnostic('DuplicateKey', { file: 'x.yaml' }, { key: 'plan' }).message).toBe(
      'поле «plan» встречается повторно',
    );
  });

  it('leaves out path when there is none (no `path: undefined`)', () => {
    expect('path' in diagnostic('EmptyFile', { file: 'x.yaml' }, {})).toBe(false);
  });
});

describe('the catalogue', () => {
  // The sentences callers used to write themselves, now made from params in data.ts: the text people see.
  it.each([
    [
      'ZeroDivisor',
      { field: 'fact', achieved: true },
      'фактическое значение равно 0 (обратный показатель: исполнение = план / факт): процент исполнения не вычисляется; по сравнению факта с планом показатель считается достигнутым',
    ],
    [
      'DuplicateOutput',
      { year: 2023, id: 'economy', others: ['a.yaml'], deck: 'output/2023/economy.pptx', copies: ['a.yaml'] },
      'report.year 2023 и direction.id «economy» те же, что в a.yaml: ни одна из них не собирается в output/2023/economy.pptx, пока лишний файл не удалён или не переименован; похоже на копию: «a.yaml»',
    ],
    [
      'FileNamedTwice',
      { deck: 'output/2023/x.pptx' },
      'этот файл уже указан: output/2023/x.pptx собирается из него один раз',
    ],
    ['OutNotFolder', { kind: 'file', path: 'a/b', file: 'a' }, '«a» в пути «a/b» — это файл, а не папка'],
    ['OutNotFolder', { kind: 'file', path: 'a', file: 'a' }, '«a» — это файл, а не папка'],
    [
      'OutNotFolder',
      { kind: 'deckName', path: 'x.pptx' },
      '«x.pptx» — это имя файла, а нужна папка: в ней каждая презентация записывается под своим именем (<год>/<direction.id>.pptx)',
    ],
    ['PdfFailed', { kind: 'timeout', ms: 1500 }, 'LibreOffice не успел сделать PDF за 2 с'],
    ['PdfFailed', { kind: 'failed', detail: 'сбой' }, 'LibreOffice не смог сделать PDF: сбой'],
    [
      'PdfFailed',
      { kind: 'write', code: 'EBUSY' },
      'не удалось записать файл: файл занят или недоступен для записи (EBUSY)',
    ],
    ['PdfFailed', { kind: 'unexpected', detail: 'boom' }, 'непредвиденная ошибка: boom'],
    [
      'StalePdfNotRemoved',
      { code: 'EPERM' },
      'PDF с прежними данными не удалось удалить: файл занят или недоступен для записи (EPERM)',
    ],
    [
      'WriteFailed',
      { code: 'ENOTDIR', creating: true },
      'не удалось создать файл: на месте папки находится файл (ENOTDIR)',
    ],
    ['FileExists', {}, 'файл уже существует, itogi new его не перезаписывает'],
    ['RenderFailed', { stage: 'page', detail: 'boom' }, 'не удалось показать слайды на странице: boom'],
    ['InternalError', { stage: 'scaffold' }, 'созданный файл не прошёл бы проверку; файл не записан'],
    ['SheetUnreadable', { kind: 'unreadable', code: 'EACCES' }, 'не удалось прочитать файл (EACCES)'],
    ['SheetUnreadable', { kind: 'notExport' }, 'в таблице нет столбца «Ключ»: это не выгрузка itogi export'],
    ['SheetWriteFailed', { code: 'EROFS' }, 'не удалось записать файл: диск только для чтения (EROFS)'],
    [
      'SheetUnknownRow',
      { kind: 'notInYaml', number: 7, id: 'economy', year: 2023 },
      'показателя № 7 направления «economy» за 2023 год нет в YAML-файлах',
    ],
    ['SheetUnknownRow', { kind: 'foreignKey', key: 'abc' }, 'ключ «abc» не из выгрузки itogi export'],
    [
      'TemplateInvalid',
      { kind: 'summaryPlaceholder', placeholder: 'direction', label: 'Итоги {direction}' },
      'в сводной презентации города нет одного направления: подстановка {direction} в строке «Итоги {direction}» здесь недопустима',
    ],
    [
      'TemplateInvalid',
      { kind: 'unknownPlaceholder', placeholder: 'x', allowed: ['year', 'title'] },
      'неизвестная подстановка {x}; допустимы: {year}, {title}',
    ],
    [
      'TemplateInvalid',
      { kind: 'picture', file: 'logo.png', problem: { kind: 'pixels', width: 5000, height: 10, limit: 4096 } },
      'картинка «logo.png» слишком велика: 5000×10 пикселей, допустимо до 4096 по каждой стороне',
    ],
    [
      'TemplateInvalid',
      { kind: 'tooLarge', bytes: 5, limit: 4 },
      'файл шаблона слишком велик (5 байт, допустимо до 4)',
    ],
    ['SheetValue', { shown: '«12,3.4»', kind: 'notNumber', cell: 'text' }, '««12,3.4»» — не число'],
    [
      'SheetValue',
      { shown: '5', kind: 'numberChanged', number: 4 },
      '«5» — номер показателя менять нельзя: в этой строке № 4',
    ],
  ] as const)('%s %j reads «%s»', (code, params, text) => {
    expect(diagnostic(code, { file: 'x' }, params as never).message).toBe(text);
  });

  it('a cell problem made from a check diagnostic drops its «получено …» and InvalidValue’s bare hint', () => {
    const inner = diagnostic('InvalidValue', { file: 'x' }, { kind: 'rule', rule: 'должно быть целым', got: '«1.5»' });
    const d = diagnostic('SheetValue', { file: 't.xlsx' }, { shown: '1,5', kind: 'problem', problem: inner });
    expect(d.message).toBe('«1,5» — должно быть целым');
    expect(d.hint).toBe(CATALOGUE.SheetValue.hint);
    const text = diagnostic('SheetValue', { file: 't.xlsx' }, { shown: 'x', kind: 'notNumber', cell: 'text' });
    expect(text.hint).toMatch(/^напишите число цифрами/);
    const date = diagnostic('SheetValue', { file: 't.xlsx' }, { shown: '01.05.2023', kind: 'notNumber', cell: 'date' });
    expect(date.message).toMatch(/^«01\.05\.2023» — дата, а не число; /);
    expect(date.hint).toBe(CATALOGUE.SheetValue.hint);
  });

  it('a picture problem says what picture the template wants, not only «fix template.yaml»', () => {
    const d = diagnostic(
      'TemplateInvalid',
      { file: 't.yaml' },
      { kind: 'picture', file: 'a.gif', problem: { kind: 'notPicture' } },
    );
    expect(d.message).toBe('картинка «a.gif» — не PNG и не JPEG, хотя так названа');
    expect(d.hint).toMatch(/PNG или JPEG/);
    expect(diagnostic('TemplateInvalid', { file: 't.yaml' }, { kind: 'fontRange' }).hint).toBe(
      CATALOGUE.TemplateInvalid.hint,
    );
  });

  it.each([
    ['win32', /ITOGI_SOFFICE/],
    ['darwin', /brew install --cask libreoffice/],
    ['linux', /apt-get install libreoffice-impress/],
  ] as const)('LibreOffice missing on %s says how to install it there', (platform, how) => {
    expect(pdfFailureText({ kind: 'missing' }, platform)).toMatch(how);
    expect(pdfFailureText({ kind: 'missing' }, platform)).toMatch(/^LibreOffice \(soffice\) не найден: /);
  });

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

  it('a locked file keeps the code’s own hint: close it in PowerPoint', () => {
    const d = diagnostic('WriteFailed', { file: 'out/a.pptx' }, { code: 'EBUSY' });
    expect(d.params).toEqual({ code: 'EBUSY' });
    expect(formatDiagnostic(d)).toBe(
      `out/a.pptx: ошибка: не удалось записать файл: файл занят или недоступен для записи (EBUSY); ${CATALOGUE.WriteFailed.hint}`,
    );
  });

  it('check and build name what failed: an internal error is not «could not build the deck»', () => {
    const d = diagnostic('InternalError', { file: 'x.yaml' }, { stage: 'check', detail: 'boom' });
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
  const warning = diagnostic('ZeroDivisor', { file: 'a.yaml', line: 57, col: 13 }, { field: 'plan', achieved: false });

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
