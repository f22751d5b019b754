/**
 * The edit form beside the slides: every field of a direction as a labelled
 * input whose `name` is the field's path as messages print it
 * (`indicators.items[0].fact`, `tasks[2]`, `events[1].items[0]`), so a
 * message of `check` and the field it is about share one name. Drawn from
 * the file's own data (not the validated content), so a file with errors can
 * be mended here too. edit.js (FORM_JS) saves each change; editor.ts judges it.
 */
import { formatPath } from '../errors.js';
import { escapeHtml } from './problems.js';

type Data = Record<string, unknown>;

const asMap = (v: unknown): Data => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A value as it is shown in a field: numbers with a decimal comma, as people type them. */
export function shown(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** An element id from a path (ids cannot hold brackets comfortably in selectors). */
const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface FieldOptions {
  /** A textarea (long texts) instead of a one-line input. */
  long?: boolean;
  hint?: string;
  /** inputmode for the on-screen keyboard of number fields. */
  numeric?: boolean;
}

function field(path: (string | number)[], label: string, value: unknown, o: FieldOptions = {}): string {
  const name = formatPath(path);
  const id = idOf(name);
  const described = `${id}-e${o.hint ? ` ${id}-h` : ''}`;
  const common = `id="${id}" name="${escapeHtml(name)}" aria-describedby="${described}" data-saved="${escapeHtml(shown(value))}"`;
  const input = o.long
    ? `<textarea ${common} rows="${Math.min(8, Math.max(2, Math.ceil(shown(value).length / 60)))}">${escapeHtml(shown(value))}</textarea>`
    : `<input type="text" ${common}${o.numeric ? ' inputmode="decimal"' : ''} value="${escapeHtml(shown(value))}">`;
  const hint = o.hint ? `<span class="itogi-hint" id="${id}-h">${escapeHtml(o.hint)}</span>` : '';
  return `<div class="itogi-field"><label for="${id}">${escapeHtml(label)}</label>${input}${hint}<p class="itogi-field-error" id="${id}-e" role="alert"></p></div>`;
}

function checkbox(path: (string | number)[], label: string, checked: boolean): string {
  const name = formatPath(path);
  const id = idOf(name);
  return `<div class="itogi-field itogi-check"><input type="checkbox" id="${id}" name="${escapeHtml(name)}" aria-describedby="${id}-e" data-saved="${checked ? 'on' : ''}"${checked ? ' checked' : ''}><label for="${id}">${escapeHtml(label)}</label><p class="itogi-field-error" id="${id}-e" role="alert"></p></div>`;
}

/** Buttons to move an item up or down and to remove it; each names what it does for screen readers. */
function itemTools(path: (string | number)[], index: number, count: number, what: string): string {
  const name = escapeHtml(formatPath(path));
  const n = index + 1;
  const up =
    index > 0
      ? `<button type="button" data-op="move" data-path="${name}" data-to="${index - 1}" aria-label="${escapeHtml(`${what} ${n}: выше`)}">↑</button>`
      : '';
  const down =
    index < count - 1
      ? `<button type="button" data-op="move" data-path="${name}" data-to="${index + 1}" aria-label="${escapeHtml(`${what} ${n}: ниже`)}">↓</button>`
      : '';
  const remove = `<button type="button" data-op="remove" data-path="${name}" aria-label="${escapeHtml(`${what} ${n}: удалить`)}">Удалить</button>`;
  return `<div class="itogi-tools">${up}${down}${remove}</div>`;
}

/** A new item's fields and its button: written when the button is pressed (or Enter in a field). */
function adder(path: (string | number)[], button: string, fields: [key: string, label: string][]): string {
  const list = escapeHtml(formatPath(path));
  const inputs = fields
    .map(([key, label]) => {
      const id = idOf(`new-${formatPath(path)}-${key}`);
      return `<div class="itogi-field"><label for="${id}">${escapeHtml(label)}</label><input type="text" id="${id}" data-new="${escapeHtml(key)}" aria-describedby="${id}-e"><p class="itogi-field-error" id="${id}-e" role="alert"></p></div>`;
    })
    .join('');
  return `<div class="itogi-adder" data-list="${list}">${inputs}<button type="button" data-op="add" data-path="${list}">${escapeHtml(button)}</button></div>`;
}

function indicator(item: Data, i: number, count: number): string {
  const p = ['indicators', 'items', i];
  return (
    `<fieldset class="itogi-item"><legend>Показатель ${escapeHtml(shown(item['number']) || String(i + 1))}</legend>` +
    field([...p, 'number'], 'Номер в стратегии', item['number'], { numeric: true }) +
    field([...p, 'name'], 'Наименование', item['name'], { long: true }) +
    field([...p, 'unit'], 'Единица измерения', item['unit']) +
    field([...p, 'note'], 'Пояснение к единице (необязательно)', item['note']) +
    field([...p, 'plan'], 'План', item['plan'], { numeric: true, hint: 'например 72 или 80,4' }) +
    field([...p, 'fact'], 'Факт', item['fact'], {
      numeric: true,
      hint: 'пусто или «н/д» — данных ещё нет (ожидается)',
    }) +
    field([...p, 'precision'], 'Знаков после запятой в исполнении (0–3, по умолчанию 1)', item['precision'], {
      numeric: true,
    }) +
    checkbox(
      [...p, 'better'],
      'Обратный показатель: рост — плохо (исполнение = план / факт)',
      item['better'] === 'lower',
    ) +
    itemTools(p, i, count, 'Показатель') +
    '</fieldset>'
  );
}

function eventGroup(group: Data, i: number, count: number): string {
  const p = ['events', i];
  const items = asList(group['items']);
  const rows = items
    .map(
      (item, j) =>
        `<div class="itogi-form-row">${field([...p, 'items', j], `Мероприятие ${j + 1}`, item, { long: true })}${itemTools([...p, 'items', j], j, items.length, 'Мероприятие')}</div>`,
    )
    .join('');
  return (
    `<fieldset class="itogi-item"><legend>Группа мероприятий ${i + 1}</legend>` +
    field([...p, 'title'], 'Название группы', group['title'], { long: true }) +
    field([...p, 'label'], 'Строка перед списком (необязательно)', group['label']) +
    rows +
    adder([...p, 'items'], 'Добавить мероприятие', [['', 'Новое мероприятие']]) +
    itemTools(p, i, count, 'Группа мероприятий') +
    '</fieldset>'
  );
}

/** The whole form for a file's data; `revision` names the text it was drawn from (editor.ts refuses stale edits). */
export function formHtml(o: { key: string; data: unknown; revision: string; undo: number }): string {
  const d = asMap(o.data);
  const report = asMap(d['report']);
  const direction = asMap(d['direction']);
  const responsible = asMap(direction['responsible']);
  const indicators = asMap(d['indicators']);
  const notes = asMap(d['notes']);
  const tasks = asList(d['tasks']);
  const events = asList(d['events']).map(asMap);
  const items = asList(indicators['items']).map(asMap);
  const section = (title: string, body: string) => `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
  return (
    `<form class="itogi-form" data-key="${escapeHtml(o.key)}" data-revision="${escapeHtml(o.revision)}" novalidate aria-label="Данные направления">` +
    '<div class="itogi-status-bar">' +
    `<p class="itogi-status" role="status" aria-live="polite"></p>` +
    `<button type="button" data-op="undo"${o.undo > 0 ? '' : ' disabled'}>Отменить последнее сохранение${o.undo > 0 ? ` (${o.undo})` : ''}</button>` +
    '</div>' +
    '<p class="itogi-conflict" role="alert" hidden></p>' +
    section(
      'Отчёт',
      field(['report', 'year'], 'Год', report['year'], { numeric: true }) +
        field(['report', 'date'], 'Дата презентации', report['date'], { hint: 'ГГГГ-ММ-ДД, например 2023-12-15' }) +
        field(['report', 'title'], 'Заголовок (необязательно)', report['title']) +
        field(['template'], 'Шаблон оформления (необязательно)', d['template']),
    ) +
    section(
      'Направление',
      field(['direction', 'name'], 'Название направления', direction['name'], { long: true }) +
        field(['direction', 'id'], 'Идентификатор (имя файла презентации)', direction['id']) +
        field(['direction', 'order'], 'Место в Стратегии (необязательно)', direction['order'], { numeric: true }) +
        field(['direction', 'responsible', 'position'], 'Должность ответственного', responsible['position']) +
        field(['direction', 'responsible', 'name'], 'Ответственный (фамилия и инициалы)', responsible['name']),
    ) +
    section('Цель', field(['goal'], 'Стратегическая цель', d['goal'], { long: true })) +
    section(
      'Задачи',
      tasks
        .map(
          (t, i) =>
            `<div class="itogi-form-row">${field(['tasks', i], `Задача ${i + 1}`, t, { long: true })}${itemTools(['tasks', i], i, tasks.length, 'Задача')}</div>`,
        )
        .join('') + adder(['tasks'], 'Добавить задачу', [['', 'Новая задача']]),
    ) +
    section(
      'Мероприятия',
      events.map((g, i) => eventGroup(g, i, events.length)).join('') +
        adder(['events'], 'Добавить группу мероприятий', [['title', 'Название новой группы']]),
    ) +
    section(
      'Показатели',
      field(['indicators', 'fact_footnote'], 'Сноска к столбцу «Факт» (необязательно)', indicators['fact_footnote']) +
        items.map((item, i) => indicator(item, i, items.length)).join('') +
        adder(['indicators', 'items'], 'Добавить показатель', [
          ['number', 'Номер'],
          ['name', 'Наименование'],
          ['unit', 'Единица измерения'],
          ['plan', 'План'],
        ]),
    ) +
    section(
      'Итоги и заметки',
      field(['summary'], 'Итоговая строка (необязательно; без неё — сформированная)', d['summary'], { long: true }) +
        field(['notes', 'indicators'], 'Заметки докладчика к таблице (необязательно)', notes['indicators'], {
          long: true,
        }) +
        field(['notes', 'chart'], 'Заметки докладчика к диаграмме (необязательно)', notes['chart'], { long: true }),
    ) +
    '</form>'
  );
}

/** Shown instead of the form when the file does not parse as YAML, or is not UTF-8: it is mended in a text editor first. */
export function brokenFormHtml(key: string, revision: string, why: 'yaml' | 'encoding' = 'yaml'): string {
  const said =
    why === 'encoding'
      ? 'Файл сейчас не в кодировке UTF-8 (ошибка показана над слайдами): сохраните его в UTF-8 в текстовом редакторе, и поля появятся здесь.'
      : 'Файл сейчас не разбирается как YAML (ошибка показана над слайдами): исправьте её в текстовом редакторе, и поля появятся здесь.';
  return `<form class="itogi-form" data-key="${escapeHtml(key)}" data-revision="${escapeHtml(revision)}" aria-label="Данные направления"><p class="itogi-status" role="status">${said}</p></form>`;
}
