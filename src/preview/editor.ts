/**
 * Writes from the preview's edit form back into a direction file.
 *
 * Who may write: a POST to /d/<key>/edit from the page itself, which sends
 * the same-origin `Origin` header, JSON, and the session's token (in the page
 * the server served; another site cannot read it). The file written is the
 * one the server's own table gives for <key>, never a path from the request.
 *
 * What is written: a value as people type it («80,4», «5 236», «н/д») put in
 * by the one edit primitive (src/source/edit.ts, listEdit.ts), so only its
 * bytes change; the new text is validated as `check` validates it and is
 * not written while the edited value is wrong (the page shows check's
 * message). An edit made on a text older than the file on disk (the
 * official's text editor saved meanwhile) is refused with both values.
 * The page's own saves can be undone, newest first.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseSource, type Source } from '../content/load.js';
import { validateSource } from '../content/validate.js';
import { type Diagnostic, writeFailureReason } from '../errors.js';
import { WriteError, writeAtomic } from '../output/write.js';
import { judgeText } from '../sheet/cells.js';
import { EditError, type EditPath, setScalars, walk } from '../source/edit.js';
import { editList, type ListEdit, type NewItem } from '../source/listEdit.js';
import { valueAt } from '../source/locate.js';
import { parserText, typedLines } from '../source/text.js';
import type { Direction } from './directions.js';
import { brokenFormHtml, formHtml, shown } from './form.js';
import { send } from './http.js';

/** The largest request body accepted: a speaker's notes (10 000 characters of Cyrillic) fit with room. */
const MAX_EDIT_BYTES = 64 * 1024;
/** Saves the page can undo, per file. */
const UNDO_DEPTH = 50;
const JSON_TYPE = 'application/json; charset=utf-8';

type Kind = 'text' | 'number' | 'fact' | 'better';
interface FieldRule {
  kind: Kind;
  /** Empty means the key goes (it has a default or is optional). */
  optional?: boolean;
  /** An absent key is added after this one. */
  after?: string;
}

/** Every field the form has, by its printed path; anything else is refused. */
const FIELDS: [RegExp, FieldRule][] = [
  [/^report\.year$/, { kind: 'number' }],
  [/^report\.date$/, { kind: 'text' }],
  [/^report\.title$/, { kind: 'text', optional: true, after: 'date' }],
  [/^template$/, { kind: 'text', optional: true }],
  [/^direction\.(name|id)$/, { kind: 'text' }],
  [/^direction\.order$/, { kind: 'number', optional: true, after: 'name' }],
  [/^direction\.responsible\.(position|name)$/, { kind: 'text' }],
  [/^goal$/, { kind: 'text' }],
  [/^tasks\[\d+\]$/, { kind: 'text' }],
  [/^events\[\d+\]\.title$/, { kind: 'text' }],
  [/^events\[\d+\]\.label$/, { kind: 'text', optional: true, after: 'title' }],
  [/^events\[\d+\]\.items\[\d+\]$/, { kind: 'text' }],
  [/^indicators\.fact_footnote$/, { kind: 'text', optional: true }],
  [/^indicators\.items\[\d+\]\.(name|unit)$/, { kind: 'text' }],
  [/^indicators\.items\[\d+\]\.note$/, { kind: 'text', optional: true, after: 'unit' }],
  [/^indicators\.items\[\d+\]\.(number|plan)$/, { kind: 'number' }],
  [/^indicators\.items\[\d+\]\.fact$/, { kind: 'fact', after: 'plan' }],
  [/^indicators\.items\[\d+\]\.precision$/, { kind: 'number', optional: true, after: 'fact' }],
  [/^indicators\.items\[\d+\]\.better$/, { kind: 'better' }],
  [/^summary$/, { kind: 'text', optional: true }],
  [/^notes\.(indicators|chart)$/, { kind: 'text', optional: true }],
];

/** Lists items can be added to, removed from and moved in, and what a new item is. */
const LISTS: [RegExp, 'text' | 'group' | 'indicator'][] = [
  [/^tasks$/, 'text'],
  [/^events$/, 'group'],
  [/^events\[\d+\]\.items$/, 'text'],
  [/^indicators\.items$/, 'indicator'],
];

/** `indicators.items[0].fact` → ['indicators', 'items', 0, 'fact']; undefined for anything else. */
function parsePath(name: string): EditPath | undefined {
  if (!/^[a-z_]+(?:\.[a-z_]+|\[\d{1,4}\])*$/.test(name)) return undefined;
  return [...name.matchAll(/([a-z_]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

const ruleOf = (name: string) => FIELDS.find(([re]) => re.test(name))?.[1];
const listOf = (name: string) => LISTS.find(([re]) => re.test(name))?.[1];

/**
 * The direction file as it is on disk now, read once for the form and for an
 * edit alike: its bytes, their text when they are UTF-8, and its parse.
 */
async function onDisk(
  d: Direction,
): Promise<{ bytes: Buffer; text?: string; source?: Source | undefined } | undefined> {
  const bytes = await readFile(d.file).catch(() => undefined);
  if (!bytes) return undefined;
  const text = bytes.toString('utf8');
  // Not UTF-8 (a Windows-1251 file): its text would be shown and written back garbled.
  if (!Buffer.from(text, 'utf8').equals(bytes)) return { bytes };
  return { bytes, text, source: parseSource(d.name, parserText(text)).source };
}

/** A short fingerprint of a file's bytes: the page's edits name the text they were made on. */
const revisionOf = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

type Request =
  | { op: 'set'; name: string; value: string }
  | { op: 'add'; name: string; value: Record<string, string> }
  | { op: 'remove'; name: string }
  | { op: 'move'; name: string; to: number }
  | { op: 'undo' };

/** What the page is told: saved (a new revision, maybe a new form), not saved (check's message at a field), or a conflict. */
interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const refusal = (status: number, message: string): Answer => ({ status, body: { ok: false, message } });

/** The request body as a Request, or why not (in Russian: the page shows it). */
function readRequest(raw: unknown): Request | string {
  if (raw === null || typeof raw !== 'object') return 'запрос не понят';
  const r = raw as Record<string, unknown>;
  const name = typeof r['name'] === 'string' ? r['name'] : '';
  switch (r['op']) {
    case 'set':
      return typeof r['value'] === 'string' && ruleOf(name)
        ? { op: 'set', name, value: r['value'] }
        : 'нет такого поля';
    case 'add': {
      const v = r['value'];
      if (!listOf(name) || v === null || typeof v !== 'object' || Object.values(v).some((x) => typeof x !== 'string'))
        return 'нет такого списка';
      return { op: 'add', name, value: v as Record<string, string> };
    }
    case 'remove':
      return parsePath(name)?.length && (listOf(name.replace(/\[\d+\]$/, '')) || ruleOf(name))
        ? { op: 'remove', name }
        : 'нет такого элемента';
    case 'move':
      return typeof r['to'] === 'number' && /\]$/.test(name) && listOf(name.replace(/\[\d+\]$/, ''))
        ? { op: 'move', name, to: r['to'] }
        : 'нет такого элемента';
    case 'undo':
      return { op: 'undo' };
    default:
      return 'запрос не понят';
  }
}

/** A typed number as the file holds it: a number, null (pending), or the text itself (check then says what is wrong). */
function typedNumber(value: string): string | number | null {
  const judged = judgeText(value);
  if (judged.kind === 'number') return judged.value;
  if (judged.kind === 'pending') return null;
  return value.trim();
}

type Change =
  | { scalar: { path: EditPath; value: string | number | null; after?: string } }
  | { list: ListEdit }
  | 'none';

/** The field's typed value → the change of the file it means. */
function changeFor(name: string, value: string, doc: Parameters<typeof walk>[0]): Change {
  const path = parsePath(name)!;
  const rule = ruleOf(name)!;
  const present = walk(doc, path).node !== undefined;
  const after = rule.after !== undefined ? { after: rule.after } : {};
  if (rule.kind === 'better') {
    if (value === 'on') return { scalar: { path, value: 'lower', ...after } };
    return present ? { list: { kind: 'remove', path } } : 'none';
  }
  const text = typedLines(value).trim();
  if (rule.optional && text === '') return present ? { list: { kind: 'remove', path } } : 'none';
  if (rule.kind === 'number' || rule.kind === 'fact') {
    const n = typedNumber(text);
    // An empty fact is pending: written as null only where a value was written before.
    if (n === null && rule.kind === 'fact' && !present) return 'none';
    return { scalar: { path, value: n, ...after } };
  }
  // `notes:` not in the file yet: made with this one key.
  if (!present && path.length === 2 && walk(doc, path.slice(0, 1)).node === undefined)
    return { list: { kind: 'map', path: path.slice(0, 1), value: { [path[1] as string]: text } } };
  return { scalar: { path, value: text, ...after } };
}

/** A new list item from the adder's fields: text for tasks and event items, a mapping for a group or an indicator. */
function newItem(kind: 'text' | 'group' | 'indicator', fields: Record<string, string>): NewItem {
  const t = (k: string) => typedLines(fields[k] ?? '').trim();
  if (kind === 'text') return t('');
  if (kind === 'group') return { title: t('title') };
  return { number: typedNumber(t('number')), name: t('name'), unit: t('unit'), plan: typedNumber(t('plan')) };
}

export interface Editor {
  /** The session's token, put into each page the server serves. */
  readonly token: string;
  /** Answers a POST /d/<key>/edit (its Origin, token and body checked here). */
  edit(req: IncomingMessage, res: ServerResponse, d: Direction): Promise<void>;
  /** The form for the file as it is on disk now. */
  form(d: Direction): Promise<string>;
}

/**
 * The editor of one preview session. `written` is told of each write, so the
 * slides are rebuilt at once rather than when the watcher hears of it.
 */
export function createEditor(o: { written(file: string): void; err(line: string): void }): Editor {
  const token = randomBytes(24).toString('base64url');
  const undo = new Map<string, { before: string; after: string }[]>();
  // One write at a time: two quick edits never read the same old text.
  let chain: Promise<unknown> = Promise.resolve();

  async function form(d: Direction): Promise<string> {
    if (d.summary)
      return '<form class="itogi-form" aria-label="Сводная по городу"><p class="itogi-status" role="status">Сводная по городу составляется из файлов направлений этого года: правьте их на страницах направлений, и сводная обновится сама.</p></form>';
    const now = await onDisk(d);
    const revision = now ? revisionOf(now.bytes) : '';
    if (!now?.source) return brokenFormHtml(d.key, revision, now && now.text === undefined ? 'encoding' : 'yaml');
    return formHtml({ key: d.key, data: now.source.data, revision, undo: undo.get(d.file)?.length ?? 0 });
  }

  /**
   * A 409 for a file another program saved: its revision and its value at the
   * field, which the page shows beside the typed one. For an undo (no field),
   * the message alone.
   */
  function changedOnDisk(
    d: Direction,
    name: string,
    disk: Buffer | undefined,
    message: string,
    source = disk && parseSource(d.name, parserText(disk.toString('utf8'))).source,
  ): Answer {
    if (!disk) return refusal(409, 'файл удалён в другой программе; ничего не записано');
    if (name === '') return refusal(409, message);
    const value = shown(valueAt(source?.data, parsePath(name) ?? []));
    return {
      status: 409,
      body: { ok: false, conflict: true, field: name, revision: revisionOf(disk), disk: value, message },
    };
  }

  /**
   * Writes `after` over the file as it was read (`read`), unless another
   * program saved it meanwhile: that is checked right before the new bytes
   * replace the file, and the file is read back after. Only bytes read back
   * as written are «Сохранено»; then `saved` runs (the undo stack) and the
   * page gets the new revision and, when asked, the form drawn from `source`
   * (the parse of `after`; parsed here when not given).
   */
  async function write(
    d: Direction,
    read: Buffer,
    after: string,
    w: { name: string; saved(): void; form: boolean; source?: Source | undefined },
  ): Promise<Answer> {
    const bytes = Buffer.from(after, 'utf8');
    try {
      await writeAtomic(d.file, bytes, {
        beforeRename: async () => {
          const now = await readFile(d.file).catch(() => undefined);
          if (!now?.equals(read)) throw new SavedMeanwhile(now);
        },
      });
    } catch (e) {
      if (e instanceof SavedMeanwhile)
        return changedOnDisk(
          d,
          w.name,
          e.disk,
          'файл изменён в другой программе, пока изменение записывалось отсюда; ничего не записано',
        );
      const why = e instanceof WriteError ? e.message : writeFailureReason((e as NodeJS.ErrnoException).code);
      o.err(`${d.name}: не сохранено: ${why}`);
      return { status: 500, body: { ok: false, field: w.name, message: `файл не записан: ${why}` } };
    }
    o.written(d.file);
    const disk = await readFile(d.file).catch(() => undefined);
    if (!disk?.equals(bytes))
      return changedOnDisk(
        d,
        w.name,
        disk,
        'файл изменён в другой программе сразу после записи отсюда; в файле теперь её текст',
      );
    w.saved();
    const revision = revisionOf(bytes);
    const undoDepth = undo.get(d.file)?.length ?? 0;
    const source = w.form ? (w.source ?? parseSource(d.name, parserText(after)).source) : undefined;
    return {
      status: 200,
      body: {
        ok: true,
        revision,
        undo: undoDepth,
        ...(w.form
          ? {
              form: source
                ? formHtml({ key: d.key, data: source.data, revision, undo: undoDepth })
                : brokenFormHtml(d.key, revision),
            }
          : {}),
      },
    };
  }

  /** The new text of a change, or check's message on the field it is about. */
  function judged(d: Direction, text: string, change: Exclude<Change, 'none'>, name: string, before: Source) {
    const options = { parsed: { text: parserText(text), doc: before.doc } };
    let reparsed: ReturnType<typeof parseSource> | undefined;
    const opts = {
      ...options,
      reparse: (t: string) => {
        reparsed = parseSource(d.name, t);
        return reparsed.source?.doc;
      },
    };
    let after: string;
    try {
      after = 'scalar' in change ? setScalars(text, [change.scalar], opts) : editList(text, change.list, opts);
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      const why = reparsed && !reparsed.source ? (reparsed.diagnostics[0]?.message ?? e.message) : e.message;
      return { problem: { message: why } as Problem };
    }
    if (!reparsed?.source) return { after, source: undefined };
    const known = new Set(validateSource(before).diagnostics.map(keyOfProblem));
    const fresh = validateSource(reparsed.source).diagnostics.filter(
      (x) => x.severity === 'error' && (!known.has(keyOfProblem(x)) || (x.path ?? '').startsWith(name)),
    );
    const problem = fresh.find((x) => (x.path ?? '').startsWith(name)) ?? fresh[0];
    if (problem)
      return {
        problem: { message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}), field: problem.path },
      };
    return { after, source: reparsed.source };
  }

  async function answer(d: Direction, raw: Record<string, unknown>, request: Request): Promise<Answer> {
    const now = await onDisk(d);
    if (!now) return refusal(409, 'файла больше нет на диске; ничего не записано');
    const { bytes, text, source } = now;
    if (text === undefined)
      return refusal(409, 'файл не в кодировке UTF-8; сохраните его в UTF-8 в текстовом редакторе');
    const revision = revisionOf(bytes);
    if (request.op === 'undo') {
      const stack = undo.get(d.file) ?? [];
      const last = stack[stack.length - 1];
      if (!last) return refusal(409, 'отменять нечего');
      if (last.after !== text)
        return refusal(
          409,
          'файл изменён в другой программе после последнего сохранения отсюда; отменить нельзя, ничего не записано',
        );
      // Off the stack only once the old text is back on disk.
      return write(d, bytes, last.before, { name: '', form: true, saved: () => stack.pop() });
    }
    const name = request.name;
    if (raw['revision'] !== revision)
      return changedOnDisk(
        d,
        name,
        bytes,
        'файл изменён в другой программе после того, как страница его загрузила; ничего не записано',
        source,
      );
    if (!source) return refusal(409, 'файл сейчас не разбирается как YAML; исправьте его в текстовом редакторе');
    let change: Change;
    if (request.op === 'set') change = changeFor(name, request.value, source.doc.contents);
    else if (request.op === 'add')
      change = { list: { kind: 'add', path: parsePath(name)!, value: newItem(listOf(name)!, request.value) } };
    else if (request.op === 'remove') change = { list: { kind: 'remove', path: parsePath(name)! } };
    else change = { list: { kind: 'move', path: parsePath(name)!, to: request.to } };
    if (change === 'none') return { status: 200, body: { ok: true, revision, undo: undo.get(d.file)?.length ?? 0 } };
    const result = judged(d, text, change, name, source);
    if (!('after' in result) || result.after === undefined) {
      const p = result.problem!;
      return {
        status: 422,
        body: { ok: false, field: p.field ?? name, message: p.message, ...(p.hint ? { hint: p.hint } : {}) },
      };
    }
    if (result.after === text)
      return { status: 200, body: { ok: true, revision, undo: undo.get(d.file)?.length ?? 0 } };
    const after = result.after;
    const saved = () => {
      const stack = undo.get(d.file) ?? [];
      stack.push({ before: text, after });
      if (stack.length > UNDO_DEPTH) stack.shift();
      undo.set(d.file, stack);
    };
    // A list edit changes the form's shape: the page gets it drawn again.
    return write(d, bytes, after, { name, saved, form: request.op !== 'set', source: result.source });
  }

  async function edit(req: IncomingMessage, res: ServerResponse, d: Direction): Promise<void> {
    const reply = (a: Answer) => send(req, res, a.status, JSON_TYPE, JSON.stringify(a.body));
    const refused = writeRefusal(req, token);
    if (refused) {
      req.resume();
      return reply(refused);
    }
    const body = await readBody(req);
    if (typeof body !== 'string') return reply(body);
    if (d.summary) return reply(refusal(409, 'сводная по городу не правится: правьте файлы направлений'));
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return reply(refusal(400, 'запрос не понят'));
    }
    const request = readRequest(raw);
    if (typeof request === 'string') return reply(refusal(400, request));
    const done = chain.then(() => answer(d, raw as Record<string, unknown>, request));
    chain = done.catch(() => undefined);
    return reply(await done);
  }

  return { token, edit, form };
}

/** Another program saved the file between the edit's read and its write; `disk` is what it saved (undefined: removed). */
class SavedMeanwhile extends Error {
  constructor(readonly disk: Buffer | undefined) {
    super('the file changed on disk before the write');
  }
}

interface Problem {
  message: string;
  hint?: string;
  field?: string | undefined;
}

const keyOfProblem = (x: Diagnostic) => `${x.code}|${x.path ?? ''}|${x.message}`;

/**
 * Why a write request is refused before its body is read: not the page's own
 * origin (a cross-site form or script), not JSON, or without the session's token.
 * The Host header was checked already (routes.ts), so Origin must name that same host.
 */
function writeRefusal(req: IncomingMessage, token: string): Answer | undefined {
  const origin = req.headers.origin;
  if (origin === undefined || origin !== `http://${req.headers.host ?? ''}`)
    return refusal(403, 'запись принимается только со страницы просмотра (заголовок Origin)');
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/json') return refusal(415, 'запрос не понят: ожидается JSON');
  const sent = req.headers['x-itogi-token'];
  const a = Buffer.from(typeof sent === 'string' ? sent : '');
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return refusal(403, 'запись без ключа этой страницы: обновите страницу просмотра');
  const length = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(length) && length > MAX_EDIT_BYTES) return refusal(413, 'слишком большой запрос');
  return undefined;
}

/** The body as text, at most MAX_EDIT_BYTES (a chunked body is counted as it comes). */
function readBody(req: IncomingMessage): Promise<string | Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_EDIT_BYTES) over = true;
      else chunks.push(c);
    });
    req.on('end', () =>
      resolve(over ? refusal(413, 'слишком большой запрос') : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', () => resolve(refusal(400, 'запрос прерван')));
  });
}
