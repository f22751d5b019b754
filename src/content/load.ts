/**
 * Stage 1: bytes → YAML document with positions. Every problem here is a
 * located diagnostic; nothing throws for anything a user can write.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { diagnostic, type Diagnostic } from '../errors.js';

/** A direction file is a few KB; anything far larger is not one (and is not parsed). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases are never needed in content; a few are tolerated, a bomb is refused before it expands. */
export const MAX_ALIAS_COUNT = 50;

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
  BAD_INDENT: 'неверный отступ',
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
  TAG_RESOLVE_FAILED: 'значение не соответствует своему тегу',
  NON_STRING_KEY: 'ключ должен быть строкой',
  BLOCK_IN_FLOW: 'блочное значение внутри [ ] или { }',
  BAD_COLLECTION_TYPE: 'неверный тип коллекции',
};

function yamlDiagnostic(file: string, error: YAMLError, text: string): Diagnostic {
  const pos = error.linePos?.[0];
  const at = { file, line: pos?.line ?? 0, col: pos?.col ?? 0 };
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^\s:]+/.exec(text.slice(error.pos[0]))?.[0];
    return diagnostic('DuplicateKey', at, key ? `поле «${key}» встречается повторно` : 'поле встречается повторно');
  }
  const what = YAML_MESSAGES[error.code] ?? 'синтаксическая ошибка YAML';
  return diagnostic('YamlSyntax', at, `${what} (${error.code})`);
}

/** Position of the first invalid UTF-8 sequence, found without decoding twice. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decodes strictly; a Windows-1251 or UTF-16 file is an error with the place of the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
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

/** Parses text already decoded. `file` is only used in messages. */
export function parseSource(file: string, text: string): { source?: Source; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => yamlDiagnostic(file, e, text));
  if (diagnostics.length > 0) return { diagnostics };

  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return { diagnostics: [diagnostic('EmptyFile', { file }, 'файл пуст')] };
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
  visit(doc, {
    Alias(_, node) {
      if (firstAlias < 0) firstAlias = node.range?.[0] ?? 0;
      aliases++;
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    const { line, col } = lineCounter.linePos(Math.max(firstAlias, 0));
    return {
      diagnostics: [
        diagnostic('AliasLimit', { file, line, col }, `слишком много раскрытий ссылок-псевдонимов (${aliases} ссылок в файле)`),
      ],
    };
  }
  return { source: { file, text, doc, lineCounter, data }, diagnostics: [] };
}

/** Reads, decodes and parses a file. */
export async function loadSource(file: string, displayName = file): Promise<{ source?: Source; diagnostics: Diagnostic[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'файл не найден' : code === 'EISDIR' ? 'это папка, а не файл' : `не удалось прочитать файл (${code ?? 'ошибка'})`;
    return { diagnostics: [diagnostic('FileUnreadable', { file: displayName }, why)] };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return { diagnostics: [diagnostic('FileTooLarge', { file: displayName }, `файл слишком велик (${bytes.length} байт, допустимо до ${MAX_FILE_BYTES})`)] };
  }
  const decoded = decodeUtf8(displayName, bytes);
  if ('diagnostic' in decoded) return { diagnostics: [decoded.diagnostic] };
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { diagnostics: [diagnostic('EmptyFile', { file: displayName }, 'файл пуст')] };
  return parseSource(displayName, text);
}
