/**
 * `itogi new`: the text of a new direction file, either from scratch (every
 * field with a Russian comment) or from last year's file (year moved on,
 * facts emptied and kept as comments, plans kept to be revised). Pure: the
 * caller reads the old file, takes the year from the clock and writes the result.
 *
 * The result is checked with the same load + validate stages as `itogi check`
 * before anyone writes it (see `checkScaffold`).
 */
import { join } from 'node:path';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { formatDate, formatNumber, NBSP } from '../compute/format.js';
import type { Diagnostic } from '../errors.js';
import { parseSource, type Source } from './load.js';
import { isCalendarDate, LIMITS, SLUG_PATTERN, SUMMARY_ID, type Content } from './schema.js';
import { validateSource } from './validate.js';

/** Same rule and words as the schema's `direction.id`. */
export function idProblem(id: string): string | undefined {
  if (id.length > LIMITS.id) return `«${id.slice(0, 40)}…» слишком длинный: не больше ${LIMITS.id} символов`;
  if (!SLUG_PATTERN.test(id))
    return `«${id}» — ожидается идентификатор из строчных латинских букв, цифр и «-», например institutional-environment`;
  // The city summary is <year>/summary.pptx: a direction of that id would overwrite it.
  if (id === SUMMARY_ID) return `«${id}» зарезервирован для сводной презентации города (summary.pptx); выберите другой`;
  return undefined;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Where `itogi new` writes: content/<year>/<id>.yaml under `contentDir`. */
export function scaffoldPath(contentDir: string, year: number, id: string): string {
  return join(contentDir, String(year), `${id}.yaml`);
}

/**
 * The texts a new file is written with: a file that still holds one was not
 * filled in, and `check` says so (core/warnings.ts).
 */
export const PLACEHOLDERS = {
  directionName: 'Название направления стратегии',
  responsibleName: 'Фамилия И.О.',
  goal: 'формулировка стратегической цели направления.',
  task1: 'первая задача направления;',
  task2: 'вторая задача направления.',
  eventGroup: 'Название группы мероприятий',
  event1: 'первое мероприятие;',
  event2: 'второе мероприятие.',
  indicatorName: 'Наименование целевого показателя',
} as const;

/** The editor's schema, relative to content/<year>/<id>.yaml. */
const SCHEMA_LINE = '# yaml-language-server: $schema=../../schema/content.schema.json';

/**
 * A new direction from scratch: every field of the format, required ones with
 * placeholder texts that pass `itogi check`, optional ones commented out with
 * an example. Indicator 1 is written as pending (fact: null), so the file is
 * valid before any number is known.
 */
export function blankDirection(id: string, year: number): string {
  const date = `${year}-12-15`;
  return `${SCHEMA_LINE}
# Новое направление на ${year} год, создано командой «itogi new».
# Замените тексты-заготовки своими; строки, начинающиеся с «#», — комментарии,
# их можно удалить. Описание всех полей: docs/guide.md и docs/content-format.md.
# Проверка файла: itogi check content/${year}/${id}.yaml

template: surgut # шаблон оформления: имя папки в templates/; можно не указывать (по умолчанию surgut)
# sample: true # только для образцов с вымышленными данными: на каждом слайде будет «ОБРАЗЕЦ»

report: # отчётный период
  year: ${year} # отчётный год
  date: ${date} # дата презентации в виде ГГГГ-ММ-ДД; на слайде будет ${formatDate(date)}
  # title: Итоги ${year} года # заголовок титульного слайда; без него — из шаблона: «Итоги ${year} года»

direction: # направление стратегии
  id: ${id} # идентификатор: строчные латинские буквы, цифры и «-»; имя файла презентации (${id}.pptx)
  name: ${PLACEHOLDERS.directionName} # название направления, печатается в кавычках «…»
  responsible: # ответственный за реализацию направления
    position: Заместитель Главы города # должность
    name: ${PLACEHOLDERS.responsibleName} # фамилия и инициалы
  # order: 1 # место направления в Стратегии: в этом порядке направления идут в сводной презентации

goal: >- # стратегическая цель направления; «>-» позволяет писать длинный текст на нескольких строках
  ${PLACEHOLDERS.goal}

tasks: # основные задачи: хотя бы одна; каждая — отдельная строка, начинающаяся с «- »
  - ${PLACEHOLDERS.task1}
  - ${PLACEHOLDERS.task2}

events: # основные мероприятия по группам; список можно оставить пустым: events: []
  - title: ${PLACEHOLDERS.eventGroup} # заголовок группы
    label: "Ключевое событие:" # строка перед списком (можно удалить); текст с двоеточием — в кавычках
    items: # мероприятия группы (список может быть пустым: items: [])
      - ${PLACEHOLDERS.event1}
      - ${PLACEHOLDERS.event2}

indicators: # целевые показатели за год
  # fact_footnote: предварительные данные # сноска: добавляет «*» к столбцу «Факт» и этот текст под таблицей
  items:
    - number: 1 # номер показателя в стратегии: целое число больше 0, в файле не повторяется
      name: ${PLACEHOLDERS.indicatorName} # наименование
      unit: "%" # единица измерения: «%», «чел.», «ед.»…; знак % — в кавычках
      # note: ежегодно # пояснение, печатается в скобках после единицы измерения
      plan: 100 # плановое значение: число, дробная часть через точку (80.4), без пробелов и знака %
      fact: null # фактическое значение; null — данных ещё нет («н/д», «данные ожидаются»)
      better: higher # higher — чем больше, тем лучше; lower — обратный показатель (исполнение = план / факт)
      precision: 1 # знаков после запятой в проценте исполнения: 0–3

# summary: "ИТОГ: …" # своя итоговая строка вместо сформированной автоматически (текст с «: » — в кавычках)
# notes: # заметки докладчика; без них заметки зачитывают план, факт и исполнение каждого показателя
#   indicators: Заметки к слайду показателей # текст для режима докладчика
#   chart: Заметки к слайду диаграммы # текст для режима докладчика
`;
}

/** `2023-12-15` moved by `years`; 29 February becomes the 28th in a common year. */
export function shiftDate(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const moved = `${year}${date.slice(4)}`;
  return isCalendarDate(moved) ? moved : `${year}${date.slice(4, 8)}28`;
}

/** A number as the table prints it, with ordinary spaces (a comment is read, not typeset). */
const shown = (value: number) => formatNumber(value).replace(new RegExp(NBSP, 'g'), ' ');

/** Comments itogi new wrote a year earlier: replaced, never piled up. */
const OWN_VALUE_COMMENT = /^\s*(факт|план) \d{4}\b[^;]*(;[^;]*год)?\s*;?\s*/;
const OWN_HEADER_LINE =
  /^ ?(Направление на \d{4} год, создано командой «itogi new»|Факты \d{4} года очищены|планы \d{4} года перенесены|Проверка файла: itogi check)/;

const OWN_SUMMARY_LINE = /^ ?(summary \d{4} года \(удалена|notes\.\w+ \d{4} года \(удалены)/;

function withOwnComment(own: string, previous: string | null | undefined): string {
  const rest = (previous ?? '').replace(OWN_VALUE_COMMENT, '').trim();
  return ` ${own}${rest ? `; ${rest}` : ''}`;
}

/** Replaces a year (and last year's dates) in every comment under `node`. */
function moveCommentYears(node: Node, from: { year: number; date: string }, to: { year: number; date: string }): void {
  const move = (text: string | null | undefined) =>
    text
      ?.replaceAll(from.date, to.date)
      .replaceAll(formatDate(from.date), formatDate(to.date))
      .replace(new RegExp(`(?<!\\d)${from.year}(?!\\d)`, 'g'), String(to.year));
  visit(node, (_, n) => {
    if (isPair(n)) return;
    const commented = n as { comment?: string | null; commentBefore?: string | null };
    if (commented.comment) commented.comment = move(commented.comment) ?? null;
    if (commented.commentBefore) commented.commentBefore = move(commented.commentBefore) ?? null;
  });
  const own = node as { comment?: string | null; commentBefore?: string | null };
  if (own.comment) own.comment = move(own.comment) ?? null;
}

/** Sets a field's value, keeping the comment on it when it is a plain scalar (not an alias). */
function setValue(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const node = map.get(key, true);
  if (isScalar(node) && !node.anchor) {
    node.value = value;
    return;
  }
  const fresh = doc.createNode(value) as Scalar;
  if (isScalar(node) || isAlias(node)) fresh.comment = (node as { comment?: string | null }).comment ?? null;
  map.set(key, fresh);
}

export interface NextYearOptions {
  /** direction.id of the new file. */
  id: string;
  /** Report year of the new file; default: last year's + 1. */
  year?: number;
  /** How the old file is named in the header comment. */
  fromName: string;
  /** How the new file is named in the header comment. */
  targetName: string;
}

/**
 * Next year's file from a checked file of last year, through the yaml
 * Document API so every comment, quote style and blank line survives.
 * `source` and `content` must come from a file without errors.
 */
export function nextYearDirection(source: Source, content: Content, options: NextYearOptions): string {
  const doc = source.doc.clone() as Document.Parsed;
  const old = { year: content.report.year, date: content.report.date };
  const year = options.year ?? old.year + 1;
  const next = { year, date: shiftDate(old.date, year - old.year) };
  const root = doc.contents as YAMLMap;

  const report = root.get('report', true) as unknown as YAMLMap;
  setValue(doc, report, 'year', next.year);
  setValue(doc, report, 'date', next.date);
  const title = report.get('title', true);
  if (isScalar(title) && typeof title.value === 'string')
    title.value = title.value.replace(new RegExp(`(?<!\\d)${old.year}(?!\\d)`, 'g'), String(next.year));
  moveCommentYears(report, old, next);

  setValue(doc, root.get('direction', true) as unknown as YAMLMap, 'id', options.id);

  const items = root.getIn(['indicators', 'items'], true);
  if (isSeq(items)) {
    items.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const indicator = content.indicators.items[index]!;
      const factText =
        indicator.fact === null || indicator.fact === undefined ? 'данных не было' : shown(indicator.fact);
      const factComment = `факт ${old.year}: ${factText}`;
      const factPair = item.items.find((p) => isScalar(p.key) && p.key.value === 'fact');
      if (factPair) {
        // A new node (not the old one changed): no anchor, alias or quoting of last year's value survives.
        const empty = doc.createNode(null) as Scalar;
        const previous = isScalar(factPair.value) ? factPair.value.comment : undefined;
        empty.comment = withOwnComment(factComment, previous);
        factPair.value = empty;
      } else {
        // No fact: line in last year's file: write one right after the plan.
        const pair = doc.createPair('fact', null);
        (pair.value as Scalar).comment = ` ${factComment}`;
        const after = item.items.findIndex((p) => isScalar(p.key) && p.key.value === 'plan');
        item.items.splice(after < 0 ? item.items.length : after + 1, 0, pair as (typeof item.items)[number]);
      }
      const plan = item.get('plan', true);
      if (isScalar(plan))
        plan.comment = withOwnComment(`план ${old.year}; уточните план на ${next.year} год`, plan.comment);
    });
  }

  // Last year's hand-written result line would be wrong next year: dropped, kept as a comment.
  const summary = root.get('summary', true);
  const keptEnd = (doc.comment ?? '').split('\n').filter((l) => !OWN_SUMMARY_LINE.test(l));
  doc.comment = keptEnd.some((l) => l.trim() !== '') ? keptEnd.join('\n') : null;
  if (isScalar(summary) && root.has('summary')) {
    root.delete('summary');
    const note = ` summary ${old.year} года (удалена, итоговая строка сформируется по фактам ${next.year} года): ${String(summary.value)}`;
    doc.comment = doc.comment ? `${doc.comment}\n${note}` : note;
  }

  // Last year's speaker notes read last year's figures aloud: dropped, kept as comments (generated ones come back).
  const notes = root.get('notes', true);
  if (isMap(notes) && root.has('notes')) {
    root.delete('notes');
    for (const pair of notes.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
      const note = ` notes.${String(pair.key.value)} ${old.year} года (удалены, без них заметки прочитают цифры ${next.year} года): ${String(pair.value.value).replace(/\s*\n\s*/g, ' ')}`;
      doc.comment = doc.comment ? `${doc.comment}\n${note}` : note;
    }
  }

  // The header goes under the yaml-language-server line, which must stay first.
  const first = root.items[0]!;
  const firstKey = first.key as Scalar;
  const kept = (firstKey.commentBefore ?? '').split('\n').filter((l) => l !== '' && !OWN_HEADER_LINE.test(l));
  const header = [
    ` Направление на ${next.year} год, создано командой «itogi new» из ${options.fromName}.`,
    ` Факты ${old.year} года очищены (fact: null — данные ожидаются), прежние значения — в комментариях «факт ${old.year}: …»;`,
    ` планы ${old.year} года перенесены как есть — уточните их на ${next.year} год («план ${old.year}; уточните…»).`,
    ` Проверка файла: itogi check ${options.targetName}`,
  ];
  const modeline = kept.filter((l) => /yaml-language-server/.test(l));
  const others = kept.filter((l) => !/yaml-language-server/.test(l));
  firstKey.commentBefore = [...modeline, ...header, ...others].join('\n');

  return doc.toString({ lineWidth: 0 });
}

/** The same stages as `itogi check` (load, validate) over a generated text: what would be wrong in it. */
export function checkScaffold(displayName: string, text: string): Diagnostic[] {
  const { source, diagnostics } = parseSource(displayName, text);
  return source ? [...diagnostics, ...validateSource(source).diagnostics] : diagnostics;
}
