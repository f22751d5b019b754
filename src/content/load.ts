/**
 * Stage 1: bytes → YAML document with positions. Every problem here is a
 * located diagnostic; nothing throws for anything a user can write.
 */
import { readFile } from 'node:fs/promises';
import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import { byPosition, diagnostic, type Diagnostic } from '../errors.js';

/** A direction file is a few KB; anything far larger is not one (and is not parsed). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases are never needed in content; a few are tolerated, a bomb is refused before it expands. */
export const MAX_ALIAS_COUNT = 50;

/** Brackets nested deeper than this are refused before parsing (the parser's tree for `[[[[…` grows without bound). */
export const MAX_FLOW_DEPTH = 64;

export interface Source {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (what zod validates). */
  data: unknown;
}

export interface Position {
  line: number;
  col: number;
}

export function positionOf(source: Pick<Source, 'lineCounter'>, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, col };
}

const YAML_MESSAGES: Partial<Record<string, string>> = {
  BAD_INDENT: 'неверный отступ: поля одного уровня должны начинаться в одном столбце',
  TAB_AS_INDENT: 'табуляция в отступе: в YAML отступы делаются пробелами',
  DUPLICATE_KEY: 'поле повторяется',
  MISSING_CHAR: 'не хватает символа (закрывающей кавычки или скобки)',
  BAD_DQ_ESCAPE: 'неверная escape-последовательность в строке в двойных кавычках',
  MULTILINE_IMPLICIT_KEY: 'ключ не может занимать несколько строк: вероятно, пропущено двоеточие или кавычка',
  BLOCK_AS_IMPLICIT_KEY: 'вложенный блок на месте ключа: вероятно, не хватает двоеточия или отступ неверен',
  UNEXPECTED_TOKEN: 'неожиданный символ',
  BAD_SCALAR_START: 'значение не может начинаться с этого символа; возьмите его в кавычки',
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

/** `"text"` as YAML, shortened in the middle when long (the closing quote stays visible). */
export function quotedSuggestion(value: string): string {
  let shown = value;
  if (value.length > 70) {
    // Cut at spaces: the start, «…», the last words (so the closing quote's place is seen).
    const head = value.slice(0, 45);
    const tail = value.slice(-25);
    const headCut = head.lastIndexOf(' ') > 20 ? head.slice(0, head.lastIndexOf(' ')) : head;
    const tailCut = tail.indexOf(' ') >= 0 && tail.indexOf(' ') < 15 ? tail.slice(tail.indexOf(' ') + 1) : tail;
    shown = `${headCut.trimEnd()} … ${tailCut.trimStart()}`;
  }
  return /["\\]/.test(shown) ? `'${shown.replace(/'/g, "''")}'` : `"${shown}"`;
}

/**
 * The most common YAML mistake in content: an unquoted value with «: » in it
 * (`summary: ИТОГ: ДОСТИЖЕНИЕ…`) or ending in «:» (`label: Ключевое событие:`).
 * YAML reads it as a nested mapping; the advice is to quote the value, shown
 * on the user's own line. Undefined when the line does not look like that.
 */
function colonInValueMessage(text: string, offset: number): string | undefined {
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
  if (more.length > 0) {
    if (!isField || ![value, ...more].some((l) => /:(\s|$)/.test(l))) return undefined;
    return `в значении есть «: » — запишите его с новой строки после «${key}: >-» или возьмите всё значение в кавычки`;
  }
  if (!/:(\s|$)/.test(value)) return undefined;
  const why = /:\s/.test(value) ? 'в значении есть «: »' : 'значение кончается двоеточием';
  // `- title: …` is a field of a list item; `- Ключевое событие: важное` is a list item of text.
  if (isField) return `${why} — возьмите всё значение в кавычки: ${dash ? '- ' : ''}${key}: ${quotedSuggestion(value)}`;
  if (dash) return `в тексте есть «: » — возьмите весь текст в кавычки: - ${quotedSuggestion(`${key}: ${value}`)}`;
  return undefined;
}

function yamlDiagnostic(file: string, error: YAMLError, text: string, doc: Document.Parsed): Diagnostic {
  const pos = error.linePos?.[0];
  const at = { file, line: pos?.line ?? 0, col: pos?.col ?? 0 };
  // An indentation error is reported at the start of the line: point at the misplaced text instead.
  if (at.col === 1 && error.code !== 'TAB_AS_INDENT') at.col += /^ */.exec(text.slice(error.pos[0]))![0].length;
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^\s:]+/.exec(text.slice(error.pos[0]))?.[0];
    const path = keyPathAt(doc, error.pos[0]);
    return diagnostic(
      'DuplicateKey',
      { ...at, ...(path ? { path } : {}) },
      key ? `поле «${key}» встречается повторно` : 'поле встречается повторно',
    );
  }
  const colon =
    error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY'
      ? colonInValueMessage(text, error.pos[0])
      : undefined;
  const what =
    colon ??
    (error.code === 'MISSING_CHAR'
      ? missingCharMessage(error.message)
      : (YAML_MESSAGES[error.code] ?? 'синтаксическая ошибка YAML'));
  return diagnostic('YamlSyntax', at, `${what} (${error.code})`);
}

/** One mistake often makes the parser complain several times on one line: keep the first per line. */
function firstPerLine(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return ds.filter((d) => {
    if (seen.has(d.line)) return false;
    seen.add(d.line);
    return true;
  });
}

/** UTF-16 without a byte-order mark: ASCII characters come with a zero byte beside them. */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64) & ~1;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return n >= 4 && zeros >= n / 4;
}

/** Position of the first invalid UTF-8 sequence, found without decoding twice. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF (what TextDecoder refuses too).
    const second = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second > 0x9f) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes strictly; a Windows-1251 or UTF-16 file is an error with the place of the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)) {
    return { diagnostic: diagnostic('NotUtf8', { file, line: 1, col: 1 }, 'файл в кодировке UTF-16, а нужна UTF-8') };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.max(bad, 0)));
    const lines = before.split('\n');
    const line = lines.length;
    const col = (lines[lines.length - 1] ?? '').length + 1;
    return {
      diagnostic: diagnostic('NotUtf8', { file, line, col }, 'файл не в кодировке UTF-8 (вероятно, Windows-1251)'),
    };
  }
}

/**
 * Characters XML 1.0 forbids: C0 controls except tab, LF and CR; DEL; the
 * non-characters U+FFFE/U+FFFF; a surrogate without its pair. One of them in
 * a deck's XML makes PowerPoint refuse the file (Word's Shift+Enter pastes U+000B).
 */
const FORBIDDEN_CHAR =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CHAR_NAMES: Partial<Record<number, string>> = {
  0: 'нулевой символ',
  8: 'возврат на шаг, Backspace',
  11: 'разрыв строки из Word',
  12: 'разрыв страницы',
  27: 'Escape',
  127: 'Delete',
};

/** «недопустимый управляющий символ U+000B (разрыв строки из Word)». */
function forbiddenCharText(code: number): string {
  const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `недопустимый символ ${u} (половина суррогатной пары)`;
  if (code === 0xfffe || code === 0xffff) return `недопустимый символ ${u} (не символ Юникода)`;
  const name = CHAR_NAMES[code];
  return `недопустимый управляющий символ ${u}${name ? ` (${name})` : ''}`;
}

/** Every forbidden character written as is, located (the first of each line, at most 20 lines). */
function forbiddenChars(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pattern = new RegExp(FORBIDDEN_CHAR.source, 'g');
  let line = 1;
  let lineStart = 0;
  for (let m = pattern.exec(text); m && out.length < 20; m = pattern.exec(text)) {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < m.index; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    out.push(
      diagnostic(
        'ForbiddenCharacter',
        { file, line, col: m.index - lineStart + 1 },
        forbiddenCharText(m[0].charCodeAt(0)),
      ),
    );
    // One per line: go on from the next line.
    const next = text.indexOf('\n', m.index);
    if (next < 0) break;
    pattern.lastIndex = next;
  }
  return out;
}

const SIMPLE_ESCAPES: Partial<Record<string, number>> = { '0': 0x00, a: 0x07, b: 0x08, v: 0x0b, f: 0x0c, e: 0x1b };

/**
 * A forbidden character written as an escape in double quotes ("\v", "\x0B",
 * "\uD800"): located on the backslash. A surrogate pair of escapes is one
 * valid character.
 */
function forbiddenEscape(raw: string): { index: number; code: number; escape: string } | undefined {
  const escapes = [...raw.matchAll(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S])/g)].map((m) => {
    const e = m[1]!;
    const code = e.length > 1 ? Number.parseInt(e.slice(1), 16) : (SIMPLE_ESCAPES[e] ?? -1);
    return { index: m.index, end: m.index + m[0].length, code, escape: m[0] };
  });
  for (let i = 0; i < escapes.length; i++) {
    const e = escapes[i]!;
    const next = escapes[i + 1];
    if (
      e.code >= 0xd800 &&
      e.code <= 0xdbff &&
      next &&
      next.index === e.end &&
      next.code >= 0xdc00 &&
      next.code <= 0xdfff
    ) {
      i++;
      continue;
    }
    if (e.code >= 0 && e.code <= 0xffff && FORBIDDEN_CHAR.test(String.fromCharCode(e.code))) return e;
  }
  return undefined;
}

/** Lexer tokens that mark structure but are not source text. */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f', '\uFEFF']);

/** Offset of the first `[`/`{` nested deeper than MAX_FLOW_DEPTH, or -1; streams tokens, so memory stays flat. */
function tooDeepFlow(text: string): number {
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= MAX_FLOW_DEPTH; i++)
    if (text[i] === '[' || text[i] === '{') brackets++;
  if (brackets <= MAX_FLOW_DEPTH) return -1;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_FLOW_DEPTH) return offset;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return -1;
}

/** Parses text already decoded. `file` is only used in messages. */
export function parseSource(file: string, text: string): { source?: Source; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // Characters the deck's XML cannot hold are refused before parsing: the parser
  // would keep some of them in values and stumble over others with a misleading message.
  if (FORBIDDEN_CHAR.test(text)) return { diagnostics: forbiddenChars(file, text) };
  const deep = tooDeepFlow(text);
  if (deep >= 0) {
    const before = text.slice(0, deep).split('\n');
    const at = { file, line: before.length, col: (before[before.length - 1] ?? '').length + 1 };
    return {
      diagnostics: [
        diagnostic(
          'YamlSyntax',
          at,
          `${YAML_MESSAGES['RESOURCE_EXHAUSTION']}: больше ${MAX_FLOW_DEPTH} уровней (RESOURCE_EXHAUSTION)`,
        ),
      ],
    };
  }
  // YAML 1.2 core schema whatever the file says (a `%YAML 1.1` line must not turn dates into
  // timestamps), and no `!!timestamp`/`!!binary` tags: content is plain text, numbers and lists.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    strict: true,
    schema: 'core',
    resolveKnownTags: false,
  });
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  const diagnostics = firstPerLine(
    problems
      // Too deep nesting is one problem, however many lines the parser gave up on.
      .filter((e, i) => e.code !== 'RESOURCE_EXHAUSTION' || problems.findIndex((f) => f.code === e.code) === i)
      .map((e) => yamlDiagnostic(file, e, text, doc))
      .sort(byPosition),
  );
  // A duplicate key leaves a well-formed document: go on, so the file's other
  // (schema) errors are reported in the same run. Any other syntax error stops here.
  const duplicatesOnly = problems.every((e) => e.code === 'DUPLICATE_KEY');
  if (diagnostics.length > 0 && !duplicatesOnly) return { diagnostics };

  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return { diagnostics: [diagnostic('EmptyFile', { file, line: 1, col: 1 }, 'файл пуст')] };
  }
  if (!isMap(doc.contents)) {
    const start = doc.contents.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(start);
    return { diagnostics: [diagnostic('NotAMapping', { file, line, col }, 'ожидается набор полей «ключ: значение»')] };
  }

  // Aliases are counted before expansion: a "billion laughs" file is refused
  // at its first alias without ever building the expanded tree.
  let aliases = 0;
  let firstAlias = -1;
  const structural: Diagnostic[] = [];
  visit(doc, {
    Alias(_, node) {
      if (firstAlias < 0) firstAlias = node.range?.[0] ?? 0;
      aliases++;
      if (!node.resolve(doc)) {
        const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
        structural.push(
          diagnostic(
            'YamlSyntax',
            { file, line, col },
            `ссылка «*${node.source}» ни на что не указывает: якорь «&${node.source}» должен стоять выше (BAD_ALIAS)`,
          ),
        );
      }
    },
    Scalar(_, node) {
      // Written as an escape in double quotes, a forbidden character passes the text check above.
      if (node.type !== 'QUOTE_DOUBLE' || typeof node.value !== 'string' || !node.range) return;
      const bad = FORBIDDEN_CHAR.exec(node.value);
      if (!bad) return;
      const found = forbiddenEscape(text.slice(node.range[0], node.range[1]));
      const { line, col } = lineCounter.linePos(node.range[0] + (found?.index ?? 0));
      const what = found
        ? `${forbiddenCharText(found.code)}, записанный как «${found.escape}»`
        : forbiddenCharText(bad[0].charCodeAt(0));
      structural.push(diagnostic('ForbiddenCharacter', { file, line, col }, what));
    },
    Pair(_, pair) {
      // A list or mapping as a key ({a: 1}: x) cannot be a field name.
      if (isCollection(pair.key)) {
        const { line, col } = lineCounter.linePos(pair.key.range?.[0] ?? 0);
        structural.push(
          diagnostic('YamlSyntax', { file, line, col }, `${YAML_MESSAGES['NON_STRING_KEY']} (NON_STRING_KEY)`),
        );
      }
    },
  });
  if (structural.length > 0) return { diagnostics: firstPerLine(structural) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    const { line, col } = lineCounter.linePos(Math.max(firstAlias, 0));
    return {
      diagnostics: [
        diagnostic(
          'AliasLimit',
          { file, line, col },
          `слишком много раскрытий ссылок-псевдонимов (ссылок в файле: ${aliases})`,
        ),
      ],
    };
  }
  return { source: { file, text, doc, lineCounter, data }, diagnostics };
}

/** Reads, decodes and parses a file. */
export async function loadSource(
  file: string,
  displayName = file,
): Promise<{ source?: Source; diagnostics: Diagnostic[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'файл не найден'
        : code === 'EISDIR'
          ? 'это папка, а не файл'
          : `не удалось прочитать файл (${code ?? 'ошибка'})`;
    return { diagnostics: [diagnostic('FileUnreadable', { file: displayName }, why)] };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      diagnostics: [
        diagnostic(
          'FileTooLarge',
          { file: displayName, line: 1, col: 1 },
          `файл слишком велик (${bytes.length} байт, допустимо до ${MAX_FILE_BYTES})`,
        ),
      ],
    };
  }
  const decoded = decodeUtf8(displayName, bytes);
  if ('diagnostic' in decoded) return { diagnostics: [decoded.diagnostic] };
  // Old Mac line ends (a lone CR) would make the whole file one comment line; same length, same offsets.
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
  if (text.trim() === '')
    return { diagnostics: [diagnostic('EmptyFile', { file: displayName, line: 1, col: 1 }, 'файл пуст')] };
  return parseSource(displayName, text);
}
