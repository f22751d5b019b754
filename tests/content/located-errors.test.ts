/**
 * Issue 2, located errors: every broken file gives compiler-style lines in
 * Russian, `file:line:col: ошибка: field.path: what is wrong and what is expected`.
 * Each fixture in fixtures/broken/ is the seed with one defect, so the line
 * numbers are those an official would see in a real file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { formatDiagnostic, type Diagnostic, type DiagnosticCode } from '../../src/errors.js';
import { availableTemplates } from '../../src/template/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = 'tests/content/fixtures/broken';
const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');

/** English words that must never reach a user (zod/yaml defaults leaking through). */
const ENGLISH =
  /\b(invalid|expected|received|required|unexpected|error|must|missing|unknown|found|input|undefined|NaN)\b/i;

function expectRussianLine(line: string) {
  expect(line).not.toContain('\n');
  expect(line).toMatch(/^\S.*?(:\d+:\d+)?: (ошибка|предупреждение): /);
  const message = line.replace(/^.*?: (ошибка|предупреждение): /, '');
  expect(message).toMatch(/[а-яё]/i);
  // What the user wrote is quoted «…» and may be anything (`.nan`): only our words are checked.
  expect(message.replace(/«[^«»]*»/g, '«…»')).not.toMatch(ENGLISH);
}

async function check(file: string, cwd = ROOT) {
  const result = await checkFile(file, { cwd });
  const lines = result.diagnostics.map((d) => formatDiagnostic(d));
  for (const line of lines) expectRussianLine(line);
  return { ...result, lines, codes: result.diagnostics.map((d: Diagnostic) => d.code) };
}

const NUMBER_HINT = 'дробную часть отделяйте точкой: 80.4';
const SYNTAX_HINT = 'проверьте отступы (пробелы, не табуляция), двоеточия и кавычки в этой строке';
const FORBIDDEN_HINT = 'замените его пробелом или удалите';
const PENDING_HINT = 'если данных ещё нет, напишите fact: null или оставьте значение пустым (fact:)';

// [fixture, expected codes, expected lines] — the whole line, hints included.
const CASES: [string, DiagnosticCode[], string[]][] = [
  [
    'plan-word',
    ['InvalidValue'],
    [
      `${BROKEN}/plan-word.yaml:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4`,
    ],
  ],
  [
    'fact-comma',
    ['InvalidValue'],
    [
      `${BROKEN}/fact-comma.yaml:45:13: ошибка: показатель № 45 (indicators.items[0]).fact: ожидается число, получено «80,4»; ${NUMBER_HINT}`,
    ],
  ],
  [
    'plan-spaces',
    ['InvalidValue'],
    [
      `${BROKEN}/plan-spaces.yaml:50:13: ошибка: показатель № 46 (indicators.items[1]).plan: ожидается число, получено «5 176»; пишите число без пробелов: 5176`,
    ],
  ],
  // Unknown key: on the key itself, with the likely intended key.
  [
    'unknown-key',
    ['UnknownKey'],
    [
      `${BROKEN}/unknown-key.yaml:45:7: ошибка: показатель № 45 (indicators.items[0]).fakt: неизвестное поле «fakt»; возможно, имелось в виду «fact»`,
    ],
  ],
  // Missing field: on the enclosing item (`- number: 47` starts the item at column 7).
  [
    'missing-name',
    ['MissingField'],
    [
      `${BROKEN}/missing-name.yaml:53:7: ошибка: показатель № 47 (indicators.items[2]).name: не хватает обязательного поля «name» (текст); добавьте строку «name: …» в этот раздел`,
    ],
  ],
  // Missing top-level field: on the document's mapping, i.e. its first key (line 1 is a comment).
  [
    'missing-goal',
    ['MissingField'],
    [
      `${BROKEN}/missing-goal.yaml:2:1: ошибка: goal: не хватает обязательного поля «goal» (текст); добавьте строку «goal: …» в этот раздел`,
    ],
  ],
  [
    'better-up',
    ['InvalidValue'],
    [
      `${BROKEN}/better-up.yaml:46:15: ошибка: показатель № 45 (indicators.items[0]).better: допустимые значения: higher, lower; получено «up»; напишите одно из допустимых значений`,
    ],
  ],
  [
    'precision-5',
    ['InvalidValue'],
    [
      `${BROKEN}/precision-5.yaml:52:18: ошибка: показатель № 46 (indicators.items[1]).precision: значение должно быть не больше 3, получено «5»; проверьте число: нет ли лишних цифр, знака или опечатки`,
    ],
  ],
  [
    'year-1999',
    ['InvalidValue'],
    [
      `${BROKEN}/year-1999.yaml:4:9: ошибка: report.year: значение должно быть не меньше 2000, получено «1999»; проверьте число: нет ли лишних цифр, знака или опечатки`,
    ],
  ],
  [
    'date-dotted',
    ['InvalidValue'],
    [
      `${BROKEN}/date-dotted.yaml:5:9: ошибка: report.date: ожидается дата в виде ГГГГ-ММ-ДД, например 2023-12-15; получено «15.12.2023»; напишите 2023-12-15`,
    ],
  ],
  [
    'date-feb-30',
    ['InvalidValue'],
    [
      `${BROKEN}/date-feb-30.yaml:5:9: ошибка: report.date: такой даты нет в календаре; получено «2023-02-30»; исправьте значение по этому правилу`,
    ],
  ],
  [
    'slug-spaces',
    ['InvalidValue'],
    [
      `${BROKEN}/slug-spaces.yaml:8:7: ошибка: direction.id: ожидается идентификатор из строчных латинских букв, цифр и «-», например institutional-environment; получено «Institutional Env»; исправьте значение по этому правилу`,
    ],
  ],
  [
    'duplicate-key',
    ['DuplicateKey'],
    [
      `${BROKEN}/duplicate-key.yaml:46:7: ошибка: показатель № 45 (indicators.items[0]).plan: поле «plan» встречается повторно; оставьте одно из повторяющихся полей`,
    ],
  ],
  [
    'bad-indent',
    ['YamlSyntax'],
    [
      `${BROKEN}/bad-indent.yaml:44:9: ошибка: неверный отступ: поля одного уровня должны начинаться в одном столбце; ${SYNTAX_HINT}`,
    ],
  ],
  [
    'tab-indent',
    ['YamlSyntax'],
    [
      `${BROKEN}/tab-indent.yaml:4:1: ошибка: табуляция в отступе: в YAML отступы делаются пробелами; замените табуляцию пробелами (в редакторе: «Преобразовать отступы в пробелы»)`,
    ],
  ],
  [
    'unclosed-quote',
    ['YamlSyntax'],
    [
      `${BROKEN}/unclosed-quote.yaml:62:13: ошибка: кавычка " открыта здесь и не закрыта до конца файла; добавьте такую же кавычку в конце значения или уберите эту`,
    ],
  ],
  // Billion laughs: refused at the first alias, before anything is expanded.
  [
    'alias-bomb',
    ['AliasLimit'],
    [
      `${BROKEN}/alias-bomb.yaml:4:8: ошибка: слишком много раскрытий ссылок-псевдонимов (ссылок в файле: 72); уберите ссылки-псевдонимы (*имя): они здесь не нужны`,
    ],
  ],
  // Both places are named: the second occurrence is located, the first is in the message.
  [
    'duplicate-number',
    ['DuplicateIndicatorNumber'],
    [
      `${BROKEN}/duplicate-number.yaml:53:15: ошибка: показатель № 45 (indicators.items[2]).number: номер показателя 45 уже использован в строке 41; номера показателей в файле должны быть разными`,
    ],
  ],
  [
    'template-dotdot',
    ['TemplateOutsideFolder'],
    [
      `${BROKEN}/template-dotdot.yaml:2:11: ошибка: template: «../../etc» — это путь; шаблон ищется только среди папок templates/; укажите только имя папки шаблона, например surgut`,
    ],
  ],
  [
    'template-absolute',
    ['TemplateOutsideFolder'],
    [
      `${BROKEN}/template-absolute.yaml:2:11: ошибка: template: «/etc/passwd» — это путь; шаблон ищется только среди папок templates/; укажите только имя папки шаблона, например surgut`,
    ],
  ],
  // Speaker notes: fields indicators: and chart:, each a text, located like every other field.
  [
    'notes-text',
    ['InvalidValue'],
    [
      `${BROKEN}/notes-text.yaml:76:8: ошибка: notes: ожидается набор полей «ключ: значение», получено «Скажу о показателях коротко»; напишите вложенные поля с новой строки, с отступом в два пробела`,
    ],
  ],
  [
    'notes-unknown-key',
    ['UnknownKey'],
    [
      `${BROKEN}/notes-unknown-key.yaml:78:3: ошибка: notes.chrat: неизвестное поле «chrat»; возможно, имелось в виду «chart»`,
    ],
  ],
  [
    'notes-list',
    ['InvalidValue'],
    [
      `${BROKEN}/notes-list.yaml:79:5: ошибка: notes.chart: ожидается текст, получено список; напишите текст в той же строке после двоеточия`,
    ],
  ],
  [
    'empty',
    ['EmptyFile'],
    [
      `${BROKEN}/empty.yaml:1:1: ошибка: файл пуст; заполните файл по образцу content/2023/institutional-environment.yaml`,
    ],
  ],
  [
    'only-comments',
    ['EmptyFile'],
    [
      `${BROKEN}/only-comments.yaml:1:1: ошибка: файл пуст; заполните файл по образцу content/2023/institutional-environment.yaml`,
    ],
  ],
  [
    'top-level-list',
    ['NotAMapping'],
    [
      `${BROKEN}/top-level-list.yaml:2:1: ошибка: ожидается набор полей «ключ: значение»; файл должен начинаться с полей report:, direction:, goal: …`,
    ],
  ],
  // A duplicate key does not hide the file's other errors.
  [
    'duplicate-key-and-schema-error',
    ['DuplicateKey', 'InvalidValue', 'InvalidValue'],
    [
      `${BROKEN}/duplicate-key-and-schema-error.yaml:6:3: ошибка: report.year: поле «year» встречается повторно; оставьте одно из повторяющихся полей`,
      // The last of the two years counts (2024), so the date is checked against it.
      `${BROKEN}/duplicate-key-and-schema-error.yaml:7:9: ошибка: report.date: дата презентации должна быть в 2024 или 2025 году (report.year: 2024); получено «2023-12-15»; исправьте значение по этому правилу`,
      `${BROKEN}/duplicate-key-and-schema-error.yaml:46:13: ошибка: показатель № 45 (indicators.items[0]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4`,
    ],
  ],
  // Characters the deck's XML cannot hold (Word's Shift+Enter pastes U+000B): refused at load, each located.
  [
    'control-word-linebreak',
    ['ForbiddenCharacter', 'ForbiddenCharacter'],
    [
      `${BROKEN}/control-word-linebreak.yaml:12:18: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word); ${FORBIDDEN_HINT}`,
      `${BROKEN}/control-word-linebreak.yaml:19:28: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word); ${FORBIDDEN_HINT}`,
    ],
  ],
  // …also when written as an escape in double quotes: located on the backslash.
  [
    'control-escaped',
    ['ForbiddenCharacter'],
    [
      `${BROKEN}/control-escaped.yaml:25:21: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word), записанный как «\\v»; ${FORBIDDEN_HINT}`,
    ],
  ],
  // An unquoted value with «: » (or ending in «:») is the most common mistake: say to quote it, and how.
  [
    'colon-in-summary',
    ['YamlSyntax'],
    [
      `${BROKEN}/colon-in-summary.yaml:75:10: ошибка: в значении есть «: »; возьмите всё значение в кавычки: summary: "ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ … ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ."`,
    ],
  ],
  [
    'colon-in-label',
    ['YamlSyntax'],
    [
      `${BROKEN}/colon-in-label.yaml:25:12: ошибка: в значении есть «: »; возьмите всё значение в кавычки: label: "Ключевое событие: важное"`,
    ],
  ],
  // `label: Ключевое событие:` unquoted is a mapping {Ключевое событие: null} to YAML, not text ending in a colon.
  [
    'colon-label-end',
    ['YamlSyntax'],
    [
      `${BROKEN}/colon-label-end.yaml:25:12: ошибка: значение кончается двоеточием; возьмите всё значение в кавычки: label: "Ключевое событие:"`,
    ],
  ],
  // One «: » in a list item is valid YAML (a one-field mapping): the schema error says the same.
  [
    'colon-in-task',
    ['InvalidValue'],
    [
      `${BROKEN}/colon-in-task.yaml:19:5: ошибка: tasks[2]: ожидается текст, получено набор полей; в тексте есть «: » — возьмите его в кавычки: - "задача: повышение эффективности муниципального управления;"`,
    ],
  ],
  // A typo in the year of the date would only fail at build (zip dates end in 2107): caught by check.
  [
    'date-far',
    ['InvalidValue'],
    [
      `${BROKEN}/date-far.yaml:5:9: ошибка: report.date: дата презентации должна быть в 2023 или 2024 году (report.year: 2023); получено «2203-12-15»; исправьте значение по этому правилу`,
    ],
  ],
  // Several mistakes: all reported, sorted by line (the fixture has them on lines 4, 45, 63, 73).
  [
    'several-errors',
    ['InvalidValue', 'UnknownKey', 'InvalidValue', 'InvalidValue'],
    [
      `${BROKEN}/several-errors.yaml:4:9: ошибка: report.year: значение должно быть не меньше 2000, получено «1999»; проверьте число: нет ли лишних цифр, знака или опечатки`,
      `${BROKEN}/several-errors.yaml:45:7: ошибка: показатель № 45 (indicators.items[0]).fakt: неизвестное поле «fakt»; возможно, имелось в виду «fact»`,
      `${BROKEN}/several-errors.yaml:63:13: ошибка: показатель № 48 (indicators.items[3]).plan: ожидается число, получено «сто сорок»; напишите число цифрами, например 72 или 80.4`,
      `${BROKEN}/several-errors.yaml:73:13: ошибка: показатель № 50 (indicators.items[5]).plan: ожидается число, получено «90 %»; знак % не нужен, укажите только число`,
    ],
  ],
  // Issue 8: what new users typed. A fact written as «no data» says how to write a pending fact.
  [
    'fact-nd',
    ['PendingFactWord'],
    [
      `${BROKEN}/fact-nd.yaml:58:13: ошибка: показатель № 47 (indicators.items[2]).fact: ожидается число, получено «н/д»; ${PENDING_HINT}`,
    ],
  ],
  [
    'fact-no-data',
    ['PendingFactWord'],
    [
      `${BROKEN}/fact-no-data.yaml:58:13: ошибка: показатель № 47 (indicators.items[2]).fact: ожидается число, получено «нет данных»; ${PENDING_HINT}`,
    ],
  ],
  // `-` and `?` alone are YAML indicators, so the parser stops: the same advice, on the value.
  [
    'fact-dash',
    ['YamlSyntax'],
    [
      `${BROKEN}/fact-dash.yaml:58:13: ошибка: «-» без текста YAML читает как начало списка, а не как значение; ${PENDING_HINT}; если это текст, возьмите его в кавычки: fact: "-"`,
    ],
  ],
  [
    'fact-question',
    ['YamlSyntax'],
    [
      `${BROKEN}/fact-question.yaml:58:13: ошибка: «?» без текста YAML читает как сложный ключ, а не как значение; ${PENDING_HINT}; если это текст, возьмите его в кавычки: fact: "?"`,
    ],
  ],
  // A stray ' opens a quote that runs to the end of the file: reported where it opens, not after the last line.
  [
    'stray-quote',
    ['YamlSyntax'],
    [
      `${BROKEN}/stray-quote.yaml:54:13: ошибка: кавычка ' открыта здесь и не закрыта до конца файла; добавьте такую же кавычку в конце значения или уберите эту`,
    ],
  ],
  // One tab before `- number: 47` threw the parser off for every following line (seven errors): one now.
  [
    'tab-cascade',
    ['YamlSyntax'],
    [
      `${BROKEN}/tab-cascade.yaml:53:1: ошибка: табуляция в отступе: в YAML отступы делаются пробелами; замените табуляцию пробелами (в редакторе: «Преобразовать отступы в пробелы»)`,
    ],
  ],
  // A block scalar is quoted on one line, its line breaks shown as ↵.
  [
    'plan-block',
    ['InvalidValue'],
    [
      `${BROKEN}/plan-block.yaml:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «| ↵ шесть ↵ единиц»; напишите число цифрами, например 72 или 80.4`,
    ],
  ],
  // A long value is shortened in the middle by whole characters: a family emoji (7 code points) is never cut.
  [
    'emoji-colon',
    ['YamlSyntax'],
    [
      `${BROKEN}/emoji-colon.yaml:54:13: ошибка: в значении есть «: »; возьмите всё значение в кавычки: name: "Сервисы 📱📱📱: 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 … 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 и другие"`,
    ],
  ],
];

describe('broken fixtures: exact file:line:col and a Russian message', () => {
  it.each(CASES)('%s', async (name, codes, expected) => {
    const result = await check(`${BROKEN}/${name}.yaml`);
    expect(result.lines).toEqual(expected);
    expect(result.codes).toEqual(codes);
    expect(result.computed).toBeUndefined();
    expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('every fixture in fixtures/broken/ is covered by a case above', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(join(ROOT, BROKEN)))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    const covered = new Set([...CASES.map((c) => c[0]), 'template-missing']);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('template: nonexistent — located at the template: value, lists the available templates', async () => {
    const known = availableTemplates(ROOT);
    expect(known).toContain('surgut');
    const result = await check(`${BROKEN}/template-missing.yaml`);
    expect(result.codes).toEqual(['TemplateNotFound']);
    expect(result.lines).toEqual([
      `${BROKEN}/template-missing.yaml:2:11: ошибка: template: шаблон «nonexistent» не найден; доступные шаблоны: ${known.join(', ')}; укажите имя одной из папок templates/ или создайте там папку шаблона с template.yaml`,
    ]);
  });

  it('plan: семьдесят reads exactly as the spec example', async () => {
    const { lines } = await check(`${BROKEN}/plan-word.yaml`);
    expect(lines[0]).toMatch(
      /^tests\/content\/fixtures\/broken\/plan-word\.yaml:57:13: ошибка: показатель № 47 \(indicators\.items\[2\]\)\.plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80\.4$/,
    );
  });

  it('the valid seed itself has no diagnostics at all', async () => {
    const result = await check('tests/fixtures/workspace/content/2023/institutional-environment.yaml');
    expect(result.lines).toEqual([]);
    expect(result.computed?.indicators).toHaveLength(6);
  });
});

describe('warnings', () => {
  it('a zero divisor names the status the deck shows for it: plan 0 achieved or missed, a lower-is-better fact of 0', async () => {
    const file = 'tests/fixtures/reverse-and-zero/direction.yaml';
    const result = await check(file);
    expect(result.lines.filter((l) => l.includes('не вычисляется'))).toEqual([
      `${file}:50:13: предупреждение: показатель № 204 (indicators.items[3]).plan: плановое значение равно 0: процент исполнения не вычисляется; по сравнению факта с планом показатель считается достигнутым; в таблице вместо процента будет «—»; проверьте значение`,
      `${file}:61:13: предупреждение: показатель № 206 (indicators.items[5]).fact: фактическое значение равно 0 (обратный показатель: исполнение = план / факт): процент исполнения не вычисляется; по сравнению факта с планом показатель считается достигнутым; в таблице вместо процента будет «—»; проверьте значение`,
      `${file}:71:13: предупреждение: показатель № 208 (indicators.items[7]).plan: плановое значение равно 0: процент исполнения не вычисляется; по сравнению факта с планом показатель считается не достигнутым; в таблице вместо процента будет «—»; проверьте значение`,
    ]);
  });

  it('zero plan is a warning located on the plan value; the file still checks', async () => {
    const result = await check('tests/content/fixtures/warnings/zero-plan.yaml');
    expect(result.codes).toEqual(['ZeroDivisor']);
    expect(result.diagnostics[0]!.severity).toBe('warning');
    expect(result.lines).toEqual([
      'tests/content/fixtures/warnings/zero-plan.yaml:57:13: предупреждение: показатель № 47 (indicators.items[2]).plan: плановое значение равно 0: процент исполнения не вычисляется; по сравнению факта с планом показатель считается достигнутым; в таблице вместо процента будет «—»; проверьте значение',
    ]);
    expect(result.computed).toBeDefined();
    expect(result.computed!.indicators[2]!.executionText).toBe('—');
  });

  it('a negative plan or fact is a warning on each value; the file still checks', async () => {
    const result = await check('tests/content/fixtures/warnings/negative-plan.yaml');
    expect(result.codes).toEqual(['NegativeValue', 'NegativeValue']);
    expect(result.lines).toEqual([
      'tests/content/fixtures/warnings/negative-plan.yaml:45:13: предупреждение: показатель № 45 (indicators.items[0]).plan: отрицательное значение -5; процент исполнения отрицательных величин легко понять неверно; проверьте знак',
      'tests/content/fixtures/warnings/negative-plan.yaml:46:13: предупреждение: показатель № 45 (indicators.items[0]).fact: отрицательное значение -10; процент исполнения отрицательных величин легко понять неверно; проверьте знак',
    ]);
    expect(result.computed!.indicators[0]!.executionText).toBe('200,0\u00a0%');
    expect(result.computed!.indicators[0]!.status).toBe('missed');
  });
});

/** The seed as Windows-1251 bytes (Cyrillic, Ё/ё, «», – are all the seed needs). */
function toCp1251(text: string): Buffer {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '–': 0x96, '—': 0x97 };
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      const s = special[ch];
      if (s === undefined) throw new Error(`no cp1251 byte for ${ch}`);
      return s;
    }),
  );
}

describe('files written by hand in the wrong shape (generated in a temp folder)', () => {
  let dir: string;
  let seed: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-located-'));
    const { readFile } = await import('node:fs/promises');
    seed = await readFile(SEED, 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function checkBytes(name: string, bytes: Buffer | string) {
    await writeFile(join(dir, name), bytes);
    return check(name, dir);
  }

  it('Windows-1251: located at the first byte that is not UTF-8 (line 2, «н» of «необязательно» in a comment)', async () => {
    expect(seed.split('\n')[1]!.search(/[^\x00-\x7f]/) + 1).toBe(36);
    const result = await checkBytes('cp1251.yaml', toCp1251(seed));
    expect(result.codes).toEqual(['NotUtf8']);
    expect(result.lines).toEqual([
      'cp1251.yaml:2:36: ошибка: файл не в кодировке UTF-8 (вероятно, Windows-1251); сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)',
    ]);
  });

  it('Windows-1251 past a valid UTF-8 start: line and column of the bad byte', async () => {
    const [head, tail] = [seed.slice(0, seed.indexOf('goal:')), seed.slice(seed.indexOf('goal:'))];
    const result = await checkBytes('mixed.yaml', Buffer.concat([Buffer.from(head, 'utf8'), toCp1251(tail)]));
    // goal: >- is line 13; its text starts on line 14 at column 3 with «создание».
    expect(result.lines).toEqual([
      'mixed.yaml:14:3: ошибка: файл не в кодировке UTF-8 (вероятно, Windows-1251); сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)',
    ]);
  });

  it.each([
    ['UTF-16 LE with BOM', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    [
      'UTF-16 BE with BOM',
      (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    ],
    ['UTF-16 LE without BOM', (text: string) => Buffer.from(text, 'utf16le')],
  ])('%s', async (_, encode) => {
    const result = await checkBytes('utf16.yaml', encode(seed));
    expect(result.codes).toEqual(['NotUtf8']);
    expect(result.lines).toEqual([
      'utf16.yaml:1:1: ошибка: файл в кодировке UTF-16, а нужна UTF-8; сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)',
    ]);
  });

  it('a UTF-8 byte-order mark is accepted (Notepad writes one)', async () => {
    const result = await checkBytes('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)]));
    expect(result.lines).toEqual([]);
    expect(result.computed).toBeDefined();
  });

  it('a 2 MB file is refused before parsing (FileTooLarge)', async () => {
    const size = 2 * 1024 * 1024;
    const padding = '#'.repeat(size - Buffer.byteLength(seed) - 1);
    const result = await checkBytes('big.yaml', `${seed}${padding}\n`);
    expect(result.codes).toEqual(['FileTooLarge']);
    expect(result.lines).toEqual([
      `big.yaml:1:1: ошибка: файл слишком велик (${size} байт, допустимо до 1048576); файл направления занимает несколько килобайт; проверьте, тот ли это файл`,
    ]);
  });

  it('a file of spaces and blank lines is empty', async () => {
    const result = await checkBytes('blank.yaml', '\n   \n\n');
    expect(result.lines).toEqual([
      'blank.yaml:1:1: ошибка: файл пуст; заполните файл по образцу content/2023/institutional-environment.yaml',
    ]);
  });

  it('a file that is one line of text is not a mapping', async () => {
    const result = await checkBytes('scalar.yaml', 'Итоги 2023 года\n');
    expect(result.codes).toEqual(['NotAMapping']);
    expect(result.lines[0]).toMatch(/^scalar\.yaml:1:1: ошибка: ожидается набор полей «ключ: значение»/);
  });

  it('CRLF line ends give the same positions', async () => {
    const result = await checkBytes('crlf.yaml', seed.replace('plan: 6\n', 'plan: семьдесят\n').replace(/\n/g, '\r\n'));
    expect(result.lines).toEqual([
      'crlf.yaml:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4',
    ]);
  });

  it('old Mac line ends (CR only) are lines, not one long comment', async () => {
    const result = await checkBytes('cr.yaml', seed.replace('plan: 6\n', 'plan: семьдесят\n').replace(/\n/g, '\r'));
    expect(result.lines).toEqual([
      'cr.yaml:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4',
    ]);
  });

  it('brackets nested without end are refused before the parser builds a tree', async () => {
    const result = await checkBytes('deep.yaml', seed.replace('goal: >-', `deep: ${'['.repeat(500_000)}\ngoal: >-`));
    expect(result.codes).toEqual(['NestingTooDeep']);
    // line 13, after `deep: ` (6 characters): the field is one level, the 64th bracket the 65th
    expect(result.lines[0]).toMatch(
      /^deep\.yaml:13:70: ошибка: слишком глубокая вложенность скобок \[ \] или \{ \}: больше 64 уровней/,
    );
  });

  it('brackets inside quotes do not count as nesting', async () => {
    const result = await checkBytes(
      'quoted.yaml',
      seed.replace('fact: 80.4', `fact: 80.4\n      note: "${'['.repeat(100)}"`),
    );
    expect(result.lines).toEqual([]);
  });

  it('an alias with no anchor is located on the alias', async () => {
    const result = await checkBytes('alias.yaml', seed.replace('plan: 140', 'plan: *plan'));
    expect(result.lines).toEqual([
      `alias.yaml:63:13: ошибка: ссылка «*plan» ни на что не указывает: якорь «&plan» должен стоять выше; ${SYNTAX_HINT}`,
    ]);
  });

  it('a couple of aliases are tolerated', async () => {
    const result = await checkBytes(
      'few-aliases.yaml',
      seed.replace('plan: 72', 'plan: &p 72').replace('plan: 67', 'plan: *p'),
    );
    expect(result.lines).toEqual([]);
    expect(result.computed!.content.indicators.items[4]!.plan).toBe(72);
  });

  it('a list or mapping used as a key is an error on that key (no Node warning, no crash)', async () => {
    const result = await checkBytes('complex-key.yaml', seed.replace('goal: >-', '{a: 1}: b\ngoal: >-'));
    expect(result.codes).toEqual(['YamlSyntax']);
    expect(result.lines[0]).toMatch(/^complex-key\.yaml:13:1: ошибка: ключ должен быть простым словом/);
  });

  it('an unknown tag is an error, not a silent string', async () => {
    const result = await checkBytes('tag.yaml', seed.replace('plan: 72', 'plan: !num 72'));
    expect(result.lines[0]).toMatch(/^tag\.yaml:44:13: ошибка: неизвестный тег/);
  });

  it('%YAML 1.1 does not turn the date into a timestamp', async () => {
    const result = await checkBytes('yaml11.yaml', `%YAML 1.1\n---\n${seed}`);
    expect(result.lines).toEqual([]);
    expect(result.computed!.content.report.date).toBe('2023-12-15');
  });

  it('a key given as a number is located on that key', async () => {
    const result = await checkBytes('number-key.yaml', seed.replace('goal: >-', '1: x\ngoal: >-'));
    expect(result.lines).toEqual([
      'number-key.yaml:13:1: ошибка: 1: неизвестное поле «1»; удалите его или исправьте опечатку',
    ]);
  });

  it('__proto__ is just an unknown key', async () => {
    const result = await checkBytes('proto.yaml', seed.replace('goal: >-', '__proto__: {polluted: 1}\ngoal: >-'));
    expect(result.lines).toEqual([
      'proto.yaml:13:1: ошибка: __proto__: неизвестное поле «__proto__»; удалите его или исправьте опечатку',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('.nan and 1e400 are not numbers a plan can have', async () => {
    const result = await checkBytes(
      'nan.yaml',
      seed.replace('plan: 72', 'plan: .nan').replace('plan: 67', 'plan: 1e400'),
    );
    expect(result.lines).toEqual([
      'nan.yaml:44:13: ошибка: показатель № 45 (indicators.items[0]).plan: ожидается число, получено «.nan»; напишите число цифрами, например 72 или 80.4',
      'nan.yaml:68:13: ошибка: показатель № 49 (indicators.items[4]).plan: ожидается число, получено «1e400»; напишите число цифрами, например 72 или 80.4',
    ]);
  });

  it('a number in quotes is text: the hint says to drop the quotes', async () => {
    const result = await checkBytes(
      'quoted-number.yaml',
      seed.replace('fact: 80.4', 'fact: "80,4"').replace('plan: 67', "plan: '67'"),
    );
    expect(result.lines).toEqual([
      'quoted-number.yaml:45:13: ошибка: показатель № 45 (indicators.items[0]).fact: ожидается число, получено «"80,4"»; уберите кавычки: 80.4',
      "quoted-number.yaml:68:13: ошибка: показатель № 49 (indicators.items[4]).plan: ожидается число, получено «'67'»; уберите кавычки: 67",
    ]);
  });

  it('a fractional indicator number asks for a whole number', async () => {
    const result = await checkBytes('fraction.yaml', seed.replace('number: 45', 'number: 45.5'));
    expect(result.lines).toEqual([
      'fraction.yaml:41:15: ошибка: indicators.items[0].number: ожидается целое число, получено «45.5»; напишите целое число цифрами, например 45',
    ]);
  });

  // Name line 12 is `    name: Гуменюк М.А.`: the character replaces the space, at column 18.
  it.each([
    ['\u0000', 'недопустимый управляющий символ U+0000 (нулевой символ)'],
    ['\u0001', 'недопустимый управляющий символ U+0001'],
    ['\u0008', 'недопустимый управляющий символ U+0008 (возврат на шаг, Backspace)'],
    ['\u000b', 'недопустимый управляющий символ U+000B (разрыв строки из Word)'],
    ['\u000c', 'недопустимый управляющий символ U+000C (разрыв страницы)'],
    ['\u000e', 'недопустимый управляющий символ U+000E'],
    ['\u001b', 'недопустимый управляющий символ U+001B (Escape)'],
    ['\u001f', 'недопустимый управляющий символ U+001F'],
    ['\u007f', 'недопустимый управляющий символ U+007F (Delete)'],
    ['\ufffe', 'недопустимый символ U+FFFE (не символ Юникода)'],
    ['\uffff', 'недопустимый символ U+FFFF (не символ Юникода)'],
  ])('%j in a value is refused at its line:col', async (char, message) => {
    const result = await checkBytes('char.yaml', seed.replace('Гуменюк М.А.', `Гуменюк${char}М.А.`));
    expect(result.codes).toEqual(['ForbiddenCharacter']);
    expect(result.lines).toEqual([`char.yaml:12:18: ошибка: ${message}; замените его пробелом или удалите`]);
  });

  it('a forbidden character in a comment or a key is refused too (the file is text the deck is made of)', async () => {
    const result = await checkBytes(
      'comment.yaml',
      seed.replace('# на слайде: 15.12.2023', '# на\u000bслайде').replace('  year: 2023', '  ye\u0007ar: 2023'),
    );
    expect(result.lines).toEqual([
      'comment.yaml:4:5: ошибка: недопустимый управляющий символ U+0007; замените его пробелом или удалите',
      'comment.yaml:5:38: ошибка: недопустимый управляющий символ U+000B (разрыв строки из Word); замените его пробелом или удалите',
    ]);
  });

  it('tab, LF and CRLF stay allowed; a tab inside a value is kept', async () => {
    const result = await checkBytes('tab.yaml', seed.replace('Гуменюк М.А.', 'Гуменюк\tМ.А.').replace(/\n/g, '\r\n'));
    expect(result.lines).toEqual([]);
    expect(result.computed!.content.direction.responsible.name).toBe('Гуменюк\tМ.А.');
  });

  it.each([
    ['\\0', 'недопустимый управляющий символ U+0000 (нулевой символ)'],
    ['\\x1F', 'недопустимый управляющий символ U+001F'],
    ['\\u000B', 'недопустимый управляющий символ U+000B (разрыв строки из Word)'],
    ['\\uFFFF', 'недопустимый символ U+FFFF (не символ Юникода)'],
    ['\\uD800', 'недопустимый символ U+D800 (половина суррогатной пары)'],
    ['\\uDC00', 'недопустимый символ U+DC00 (половина суррогатной пары)'],
  ])('escape %s in double quotes: located on the backslash', async (escapeText, message) => {
    const result = await checkBytes('escape.yaml', seed.replace('Гуменюк М.А.', `"Гуменюк ${escapeText} М.А."`));
    expect(result.lines).toEqual([
      `escape.yaml:12:20: ошибка: ${message}, записанный как «${escapeText}»; замените его пробелом или удалите`,
    ]);
  });

  it('escapes of allowed characters pass: \\t, \\n, a surrogate pair', async () => {
    const result = await checkBytes('escape-ok.yaml', seed.replace('Гуменюк М.А.', '"Гуменюк\\tМ.А. \\uD83D\\uDE00"'));
    expect(result.lines).toEqual([]);
    expect(result.computed!.content.direction.responsible.name).toBe('Гуменюк\tМ.А. \u{1F600}');
  });

  it('an unquoted value going on over several lines with «: » in it: write it after >- or quote it', async () => {
    const result = await checkBytes(
      'multiline.yaml',
      seed.replace('goal: >-\n  создание условий', 'goal: создание\n  условий: для'),
    );
    expect(result.lines).toEqual([
      `multiline.yaml:13:7: ошибка: в значении есть «: »; запишите его с новой строки после «goal: >-» или возьмите всё значение в кавычки`,
    ]);
  });

  it('a list item of text with two «: »: quote the whole item', async () => {
    const result = await checkBytes(
      'item.yaml',
      seed.replace('      - «Активный город»;', '      - Проект: «Активный город»: этап 2'),
    );
    expect(result.lines).toEqual([
      `item.yaml:29:17: ошибка: в тексте есть «: »; возьмите весь текст в кавычки: - "Проект: «Активный город»: этап 2"`,
    ]);
  });

  it('a value with double quotes in it is suggested in single quotes', async () => {
    const result = await checkBytes('quotes.yaml', seed.replace('    name: Гуменюк М.А.', '    name: Гуменюк: "М.А."'));
    expect(result.lines).toEqual([
      `quotes.yaml:12:11: ошибка: в значении есть «: »; возьмите всё значение в кавычки: name: 'Гуменюк: "М.А."'`,
    ]);
  });

  it.each([
    ['2023-12-15', 2023, []],
    ['2024-02-01', 2023, []],
    ['2023-01-10', 2023, []],
    [
      '2022-12-30',
      2023,
      [
        'date.yaml:5:9: ошибка: report.date: дата презентации должна быть в 2023 или 2024 году (report.year: 2023); получено «2022-12-30»; исправьте значение по этому правилу',
      ],
    ],
    [
      '2025-01-01',
      2023,
      [
        'date.yaml:5:9: ошибка: report.date: дата презентации должна быть в 2023 или 2024 году (report.year: 2023); получено «2025-01-01»; исправьте значение по этому правилу',
      ],
    ],
    [
      '2110-12-15',
      2100,
      [
        'date.yaml:5:9: ошибка: report.date: дата презентации должна быть в 2100 или 2101 году (report.year: 2100); получено «2110-12-15»; исправьте значение по этому правилу',
      ],
    ],
  ])('date %s with report.year %i', async (date, year, expected) => {
    const result = await checkBytes(
      'date.yaml',
      seed.replace('date: 2023-12-15', `date: ${date}`).replace('year: 2023', `year: ${year}`),
    );
    expect(result.lines).toEqual(expected);
  });

  it('the date is compared with the year even when other fields have errors (one run shows all)', async () => {
    const result = await checkBytes(
      'date-and-plan.yaml',
      seed.replace('date: 2023-12-15', 'date: 2203-12-15').replace('plan: 72', 'plan: много'),
    );
    expect(result.lines).toEqual([
      'date-and-plan.yaml:5:9: ошибка: report.date: дата презентации должна быть в 2023 или 2024 году (report.year: 2023); получено «2203-12-15»; исправьте значение по этому правилу',
      'date-and-plan.yaml:44:13: ошибка: показатель № 45 (indicators.items[0]).plan: ожидается число, получено «много»; напишите число цифрами, например 72 или 80.4',
    ]);
  });

  it('an invalid year or date gets its own message only, not the comparison as well', async () => {
    const result = await checkBytes(
      'year-and-date.yaml',
      seed.replace('date: 2023-12-15', 'date: 2203-02-30').replace('year: 2023', 'year: 1999'),
    );
    expect(result.lines).toEqual([
      'year-and-date.yaml:4:9: ошибка: report.year: значение должно быть не меньше 2000, получено «1999»; проверьте число: нет ли лишних цифр, знака или опечатки',
      'year-and-date.yaml:5:9: ошибка: report.date: такой даты нет в календаре; получено «2203-02-30»; исправьте значение по этому правилу',
    ]);
  });

  it('an unknown key is compared with the keys allowed where it stands', async () => {
    const result = await checkBytes(
      'typos.yaml',
      seed
        .replace('    name: Гуменюк', '    nmae: Гуменюк')
        .replace('  fact_footnote:', '  fact_fotnote:')
        .replace('goal: >-', 'titel: x\ngoal: >-'),
    );
    expect(result.lines).toEqual([
      'typos.yaml:11:5: ошибка: direction.responsible.name: не хватает обязательного поля «name» (текст); добавьте строку «name: …» в этот раздел',
      'typos.yaml:12:5: ошибка: direction.responsible.nmae: неизвестное поле «nmae»; возможно, имелось в виду «name»',
      // title belongs to report: at the top level it is no suggestion.
      'typos.yaml:13:1: ошибка: titel: неизвестное поле «titel»; удалите его или исправьте опечатку',
      'typos.yaml:40:3: ошибка: indicators.fact_fotnote: неизвестное поле «fact_fotnote»; возможно, имелось в виду «fact_footnote»',
    ]);
  });

  it('a missing file is one line, not a stack trace', async () => {
    const result = await check('nope.yaml', dir);
    expect(result.codes).toEqual(['FileUnreadable']);
    expect(result.lines).toEqual(['nope.yaml: ошибка: файл не найден; проверьте путь и права на чтение']);
  });
});

describe('no stack trace for anything a user can write', () => {
  let dir: string;
  let seed: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-mangled-'));
    const { readFile } = await import('node:fs/promises');
    seed = await readFile(SEED, 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The seed cut after every line, and with every line deleted in turn: every
  // outcome is either a valid file or located Russian diagnostics.
  it('the seed cut short or missing a line never throws and every problem is located', async () => {
    const lines = seed.split('\n');
    const variants = [
      ...lines.map((_, i) => lines.slice(0, i).join('\n')),
      ...lines.map((_, i) => [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n')),
      ...lines.map((_, i) => [...lines.slice(0, i), `  ${lines[i]}`, ...lines.slice(i + 1)].join('\n')),
    ];
    for (const [i, text] of variants.entries()) {
      await writeFile(join(dir, 'v.yaml'), text);
      const result = await check('v.yaml', dir);
      for (const d of result.diagnostics) {
        expect(d.line, `variant ${i}: ${formatDiagnostic(d)}`).toBeGreaterThan(0);
        expect(d.col).toBeGreaterThan(0);
      }
      if (!result.computed) expect(result.diagnostics.length, `variant ${i}`).toBeGreaterThan(0);
    }
  });
});

describe('a tab inside a block of text is not an indentation error', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-tab-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the real mistake below it is reported, not the tab', async () => {
    const { readFile } = await import('node:fs/promises');
    const seed = await readFile(SEED, 'utf8');
    const text = seed
      .replace('goal: >-\n', 'goal: |\n  \tс табуляцией внутри текста\n')
      .replace('plan: 140', 'plan: сто сорок');
    await writeFile(join(dir, 'tab-in-text.yaml'), text);
    const { lines } = await check('tab-in-text.yaml', dir);
    expect(lines).toEqual([
      'tab-in-text.yaml:64:13: ошибка: показатель № 48 (indicators.items[3]).plan: ожидается число, получено «сто сорок»; напишите число цифрами, например 72 или 80.4',
    ]);
  });
});
