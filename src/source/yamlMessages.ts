/**
 * The YAML parser's complaints → Russian messages an official can act on,
 * located where the mistake is (not where the parser gave up).
 */
import { CST, isMap, isPair, isScalar, isSeq, Lexer, type Document, type YAMLError } from 'yaml';
import { diagnostic, type Diagnostic } from '../errors.js';
import { quotedSuggestion } from './quote.js';

export const YAML_MESSAGES: Partial<Record<string, string>> = {
  BAD_INDENT: 'неверный отступ: поля одного уровня должны начинаться в одном столбце',
  TAB_AS_INDENT: 'табуляция в отступе: в YAML отступы делаются пробелами',
  DUPLICATE_KEY: 'поле повторяется',
  MISSING_CHAR: 'не хватает символа (закрывающей кавычки или скобки)',
  BAD_DQ_ESCAPE: 'неверная escape-последовательность в строке в двойных кавычках',
  MULTILINE_IMPLICIT_KEY: 'ключ не может занимать несколько строк: вероятно, пропущено двоеточие или кавычка',
  BLOCK_AS_IMPLICIT_KEY: 'вложенный блок на месте ключа: вероятно, не хватает двоеточия или отступ неверен',
  UNEXPECTED_TOKEN: 'неожиданный символ',
  BAD_SCALAR_START: 'значение не может начинаться с этого символа',
  MULTIPLE_DOCS: 'в файле несколько YAML-документов (строка «---»); нужен один',
  BAD_ALIAS: 'неверная ссылка-псевдоним',
  KEY_OVER_1024_CHARS: 'слишком длинный ключ',
  MULTIPLE_ANCHORS: 'несколько якорей у одного значения',
  MULTIPLE_TAGS: 'несколько тегов у одного значения',
  TAG_RESOLVE_FAILED: 'неизвестный тег (!…): уберите его, теги в файле направления не нужны',
  RESOURCE_EXHAUSTION: 'слишком глубокая вложенность скобок или списков',
  NON_STRING_KEY: 'ключ должен быть простым словом, а не списком или набором полей',
  BLOCK_IN_FLOW: 'блочное значение внутри [ ] или { }',
  BAD_COLLECTION_TYPE: 'неверный тип коллекции',
};

/** Hints more precise than the generic one (indentation, colons and quotes). */
const YAML_HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'замените табуляцию пробелами (в редакторе: «Преобразовать отступы в пробелы»)',
  MULTIPLE_DOCS: 'удалите строку «---» и всё, что относится ко второму документу',
  TAG_RESOLVE_FAILED: 'уберите тег (слово с «!» перед значением)',
  BAD_DQ_ESCAPE: 'обратную косую черту «\\» в кавычках пишите дважды или возьмите значение в одинарные кавычки',
};

/** MISSING_CHAR covers several different mistakes; the library's English message tells which. */
function missingCharMessage(english: string): string {
  if (/closing .?quote/i.test(english)) return 'не закрыта кавычка: добавьте закрывающую кавычку в конце значения';
  if (/Sequence item without - indicator/i.test(english))
    return 'неверный отступ: строка сдвинута относительно соседних (или у элемента списка нет «-»)';
  if (/Implicit map keys need to be followed by map values/i.test(english))
    return 'после ключа нужно двоеточие и значение: «ключ: значение»';
  if (/Missing , /i.test(english)) return 'в [ ] или { } пропущена запятая между элементами';
  if (/Comments must be separated/i.test(english)) return 'перед # комментария нужен пробел';
  if (/to end with/i.test(english)) return 'не закрыта скобка ] или }';
  return 'не хватает символа (закрывающей кавычки, скобки или двоеточия)';
}

/** Field path (`indicators.items[0].plan`) of the key that starts at `offset`, if any. */
function keyPathAt(doc: Document.Parsed, offset: number): string | undefined {
  const walk = (node: unknown, path: string): string | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const here = path ? `${path}.${key}` : key;
        if (isScalar(pair.key) && pair.key.range?.[0] === offset) return here;
        const found = walk(pair.value, here);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const found = walk(node.items[i], `${path}[${i}]`);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(doc.contents, '');
}

/** What a specific reading of the line says: the problem, what to do, and where (when not where the parser stopped). */
interface Reading {
  problem: string;
  hint?: string;
  offset?: number;
}

/**
 * The most common YAML mistake in content: an unquoted value with «: » in it
 * (`summary: ИТОГ: ДОСТИЖЕНИЕ…`) or ending in «:» (`label: Ключевое событие:`).
 * YAML reads it as a nested mapping; the advice is to quote the value, shown
 * on the user's own line. Undefined when the line does not look like that.
 */
function colonInValue(text: string, offset: number): Reading | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const lines = text.slice(start).split('\n');
  const m = /^(\s*)((?:-\s+)*)([^\s"'#:{}[\],&*!|>%@`?-][^:#]*?):\s+(.*)$/.exec(lines[0] ?? '');
  if (!m) return undefined;
  const [, indent = '', dash = '', key = '', rest = ''] = m;
  const value = rest.replace(/\s+#.*$/, '').trim();
  if (value === '' || /^["'[{|>&*!]/.test(value)) return undefined;
  // A plain value may go on over the next, deeper-indented lines.
  const more: string[] = [];
  for (const next of lines.slice(1)) {
    if (next.trim() === '' || next.search(/\S/) <= indent.length + dash.length) break;
    more.push(next.trim());
  }
  const isField = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
  // A field name opening a continuation line: a field indented too far, read as part of the value above.
  const stray = more.findIndex((l) => /^[A-Za-z_][A-Za-z0-9_]*:(\s|$)/.test(l));
  if (isField && stray >= 0) {
    const field = /^[^:]+/.exec(more[stray]!)![0];
    const lineStart = start + lines.slice(0, stray + 1).reduce((n, l) => n + l.length + 1, 0);
    return {
      problem: `лишний отступ: поле «${field}» начинается правее поля «${key}» и читается как продолжение его значения`,
      hint: `уберите лишние пробелы в начале строки, чтобы «${field}:» стояло ровно под «${key}:»`,
      offset: lineStart + lines[stray + 1]!.search(/\S/),
    };
  }
  if (more.length > 0) {
    if (!isField || ![value, ...more].some((l) => /:(\s|$)/.test(l))) return undefined;
    const hint = `запишите его с новой строки после «${key}: >-» или возьмите всё значение в кавычки`;
    return { problem: 'в значении есть «: »', hint };
  }
  if (!/:(\s|$)/.test(value)) return undefined;
  const problem = /:\s/.test(value) ? 'в значении есть «: »' : 'значение кончается двоеточием';
  // `- title: …` is a field of a list item; `- Ключевое событие: важное` is a list item of text.
  if (isField)
    return { problem, hint: `возьмите всё значение в кавычки: ${dash ? '- ' : ''}${key}: ${quotedSuggestion(value)}` };
  if (dash)
    return {
      problem: 'в тексте есть «: »',
      hint: `возьмите весь текст в кавычки: - ${quotedSuggestion(`${key}: ${value}`)}`,
    };
  return undefined;
}

/**
 * `fact: -` or `fact: ?`: a dash or a question mark alone is YAML's list or
 * key indicator, not a value. People write it for «no data yet».
 */
function indicatorAsValue(text: string, offset: number): Reading | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? undefined : end);
  const m = /^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*):[ \t]+([-?])[ \t]*(?:#.*)?$/.exec(line);
  if (!m) return undefined;
  const [, key, mark] = m;
  const what = mark === '-' ? 'начало списка' : 'сложный ключ';
  return {
    problem: `«${mark}» без текста YAML читает как ${what}, а не как значение`,
    hint: `если данных ещё нет, напишите ${key}: null или оставьте значение пустым (${key}:); если это текст, возьмите его в кавычки: ${key}: "${mark}"`,
    offset: start + line.indexOf(mark!, line.indexOf(':')),
  };
}

/** «возьмите всё значение в кавычки: unit: "% от числа опрошенных"», shown on the user's own line when it is `key: value`. */
function quoteValueHint(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', start);
  const m = /^\s*((?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):\s+(.+?)\s*$/.exec(text.slice(start, end < 0 ? undefined : end));
  if (!m) return 'возьмите всё значение в кавычки: "…"';
  return `возьмите всё значение в кавычки: ${m[1] ? '- ' : ''}${m[2]}: ${quotedSuggestion(m[3]!)}`;
}

/** Offset of the first quoted value that is never closed (the parser reports its end: the end of the file). */
function unclosedQuote(text: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.length === 1 && token < ' ' && token !== '\t' && token !== '\n') continue;
    if (token === '\uFEFF') continue;
    const type = CST.tokenType(token);
    if (type === 'single-quoted-scalar' && !/^'(?:[^']|'')*'$/.test(token)) return offset;
    if (type === 'double-quoted-scalar' && !/^"(?:[^"\\]|\\[\s\S])*"$/.test(token)) return offset;
    offset += token.length;
  }
  return undefined;
}

function readingOf(error: YAMLError, text: string): Reading {
  const offset = error.pos[0];
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    const colon = colonInValue(text, offset);
    if (colon) return colon;
  }
  const lone = indicatorAsValue(text, offset);
  if (lone) return lone;
  if (error.code === 'BAD_SCALAR_START')
    return { problem: YAML_MESSAGES['BAD_SCALAR_START']!, hint: quoteValueHint(text, offset) };
  if (error.code === 'MISSING_CHAR' && /closing .?quote/i.test(error.message)) {
    const open = unclosedQuote(text);
    const quote = open === undefined ? '' : `${text[open]} `;
    return {
      problem: `кавычка ${quote}открыта здесь и не закрыта до конца файла`,
      hint: 'добавьте такую же кавычку в конце значения или уберите эту',
      ...(open === undefined ? {} : { offset: open }),
    };
  }
  const problem =
    error.code === 'MISSING_CHAR'
      ? missingCharMessage(error.message)
      : (YAML_MESSAGES[error.code] ?? 'синтаксическая ошибка YAML');
  const hint = YAML_HINTS[error.code];
  return { problem, ...(hint ? { hint } : {}) };
}

/** Line and column of an offset, 1-based. */
function linePos(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1 };
}

export function yamlDiagnostic(file: string, error: YAMLError, text: string, doc: Document.Parsed): Diagnostic {
  const pos = error.linePos?.[0];
  const at = { file, line: pos?.line ?? 0, col: pos?.col ?? 0 };
  // An indentation error is reported at the start of the line: point at the misplaced text instead.
  if (at.col === 1 && error.code !== 'TAB_AS_INDENT') at.col += /^ */.exec(text.slice(error.pos[0]))![0].length;
  const cause = { cause: error.code };
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^\s:]+/.exec(text.slice(error.pos[0]))?.[0];
    const path = keyPathAt(doc, error.pos[0]);
    return diagnostic('DuplicateKey', { ...at, ...(path ? { path } : {}) }, key ? { key } : {}, cause);
  }
  const { offset, ...params } = readingOf(error, text);
  return diagnostic('YamlSyntax', offset === undefined ? at : { file, ...linePos(text, offset) }, params, cause);
}

/**
 * A tab in the indentation throws the parser off for every line after it:
 * when the parser complained about the first tab-indented line, at or before
 * its first complaint, that tab is the one problem to report.
 */
export function tabIndentFirst(file: string, text: string, ds: readonly Diagnostic[]): Diagnostic[] {
  const first = ds[0];
  if (!first) return [...ds];
  const m = /^([ ]*)\t/m.exec(text);
  if (!m) return [...ds];
  const at = { file, ...linePos(text, m.index + m[1]!.length) };
  // A tab inside a block of text is text: only a line the parser complained about counts.
  if (at.line > first.line || !ds.some((d) => d.line === at.line)) return [...ds];
  const hint = YAML_HINTS['TAB_AS_INDENT']!;
  return [diagnostic('YamlSyntax', at, { problem: YAML_MESSAGES['TAB_AS_INDENT']!, hint }, { cause: 'TAB_AS_INDENT' })];
}

/** One mistake often makes the parser complain several times on one line: keep the first per line. */
export function firstPerLine(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return ds.filter((d) => {
    if (seen.has(d.line)) return false;
    seen.add(d.line);
    return true;
  });
}
