/**
 * The edit form's writes, over real sockets: who may write (Origin, token,
 * POST, body size), what is written (only the edited value's bytes, CRLF and
 * BOM kept, for every kind of field), values as people type them, check's
 * messages for wrong ones, a save from another program never overwritten,
 * and undo.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPreview } from '../../src/preview/server.js';
import { REPO } from '../deck/build.js';
import { rawRequest, seedCopy } from './fixture.js';

const DECK = '/d/2023/institutional-environment/';

/**
 * A save from the official's text editor at a chosen moment of the page's
 * write: once the edit was checked and before it is written, or right after
 * it was written. Each is used once; the write itself is the real one.
 */
const race = vi.hoisted(() => ({
  before: undefined as (() => Promise<void>) | undefined,
  after: undefined as (() => Promise<void>) | undefined,
}));
vi.mock('../../src/output/write.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/output/write.js')>();
  return {
    ...real,
    writeAtomic: async (...args: Parameters<typeof real.writeAtomic>) => {
      const { before, after } = race;
      race.before = race.after = undefined;
      await before?.();
      await real.writeAtomic(...args);
      await after?.();
    },
  };
});

interface Answer {
  status: number;
  ok?: boolean;
  message?: string;
  hint?: string;
  field?: string;
  revision?: string;
  conflict?: boolean;
  disk?: string;
  form?: string;
  undo?: number;
}

/** A preview of a seed copy (CRLF line ends and a BOM when asked), with the page's token and revision at hand. */
async function session(prefix: string, transform = (t: string) => t) {
  const seed = await seedCopy(prefix);
  await writeFile(seed.file, transform(seed.text));
  const err: string[] = [];
  const preview = await startPreview({
    path: 'content',
    cwd: seed.dir,
    port: 0,
    out: () => {},
    err: (l) => err.push(l),
  });
  const origin = `http://127.0.0.1:${preview.port}`;
  const page = await (await fetch(`${origin}${DECK}`)).text();
  const token = /<meta name="itogi-token" content="([^"]+)">/.exec(page)![1]!;
  let revision = /data-revision="([0-9a-f]+)"/.exec(page)![1]!;
  const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${origin}${DECK}edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Itogi-Token': token, Origin: origin, ...headers },
      body: JSON.stringify({ revision, ...body }),
    });
    const a = { status: res.status, ...((await res.json()) as object) } as Answer;
    if (a.ok && a.revision) revision = a.revision;
    return a;
  };
  return {
    seed,
    preview,
    origin,
    token,
    page,
    err,
    post,
    text: () => readFile(seed.file, 'utf8'),
    set: (name: string, value: string) => post({ op: 'set', name, value }),
    close: async () => {
      await preview.close();
      await seed.remove();
    },
  };
}

/** The lines that differ, as [before, after] (the line count kept). */
function changed(before: string, after: string): [string, string][] {
  const [a, b] = [before.split('\n'), after.split('\n')];
  expect(b.length).toBe(a.length);
  return a.flatMap((l, i) => (l === b[i] ? [] : [[l, b[i]!] as [string, string]]));
}

const crlfBom = (t: string) => `\uFEFF${t.replace(/\n/g, '\r\n')}`;

describe('who may write', () => {
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session('itogi-edit-security-');
  });
  afterAll(() => s?.close());

  it('the page carries a session token and the form, each field named by its path', () => {
    expect(s.token.length).toBeGreaterThanOrEqual(32);
    for (const name of ['indicators.items[0].fact', 'tasks[2]', 'events[1].items[0]', 'direction.responsible.name'])
      expect(s.page).toContain(`name="${name}"`);
  });

  it('a cross-site form post is refused and writes nothing', async () => {
    const before = await s.text();
    const res = await fetch(`${s.origin}${DECK}edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
      body: 'op=set&name=goal&value=x',
    });
    expect(res.status).toBe(403);
    expect(await s.text()).toBe(before);
  });

  it('a missing or wrong token, a wrong or missing Origin, and a form body are refused', async () => {
    const before = await s.text();
    const body = { op: 'set', name: 'indicators.items[0].fact', value: '1' };
    expect((await s.post(body, { 'X-Itogi-Token': '' })).status).toBe(403);
    expect((await s.post(body, { 'X-Itogi-Token': `${s.token.slice(1)}x` })).status).toBe(403);
    expect((await s.post(body, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await s.post(body, { Origin: `http://localhost:${s.preview.port}` })).status).toBe(403);
    const noOrigin = await rawRequest(
      s.preview.port,
      `POST ${DECK}edit HTTP/1.1\r\nHost: 127.0.0.1:${s.preview.port}\r\nContent-Type: application/json\r\nX-Itogi-Token: ${s.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(noOrigin.status).toBe(403);
    expect((await s.post(body, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect(await s.text()).toBe(before);
  });

  it('a foreign Host is refused before anything else (DNS rebinding)', async () => {
    const res = await rawRequest(
      s.preview.port,
      `POST ${DECK}edit HTTP/1.1\r\nHost: evil.example:${s.preview.port}\r\nOrigin: http://evil.example:${s.preview.port}\r\nContent-Length: 0\r\nConnection: close`,
    );
    expect(res.status).toBe(421);
  });

  it('writes only by POST; a body over the limit is refused', async () => {
    const res = await fetch(`${s.origin}${DECK}edit`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    const big = await s.post({ op: 'set', name: 'goal', value: 'ы'.repeat(40_000) });
    expect(big.status).toBe(413);
  });

  it('a path that is no field of the form is refused; no file is named by the request', async () => {
    expect((await s.post({ op: 'set', name: '../../etc/passwd', value: '1' })).status).toBe(400);
    expect((await s.post({ op: 'set', name: 'indicators.items[0].bogus', value: '1' })).status).toBe(400);
    expect((await s.post({ op: 'set', name: 'goal', value: 'x', file: '/etc/passwd' })).ok).toBe(true);
  });
});

describe('what is written: only the edited bytes, CRLF and BOM kept', () => {
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session('itogi-edit-bytes-', crlfBom);
  });
  afterAll(() => s?.close());

  const cases: [name: string, typed: string, before: string, after: string][] = [
    ['indicators.items[0].fact', '80,5', '      fact: 80.4\r', '      fact: 80.5\r'],
    ['indicators.items[1].fact', '5 240', '      fact: 5236\r', '      fact: 5240\r'],
    ['indicators.items[1].plan', '1 234,5', '      plan: 5176\r', '      plan: 1234.5\r'],
    ['indicators.items[2].fact', 'н/д', '      fact: 8\r', '      fact: null\r'],
    ['indicators.items[3].fact', '', '      fact: 172.7\r', '      fact: null\r'],
    ['indicators.items[0].number', '145', '    - number: 45\r', '    - number: 145\r'],
    ['indicators.items[1].precision', '3', '      precision: 2\r', '      precision: 3\r'],
    ['indicators.items[0].unit', '%', '      unit: "% от числа опрошенных"\r', '      unit: "%"\r'],
    ['indicators.items[1].note', 'ежеквартально', '      note: ежегодно\r', '      note: ежеквартально\r'],
    [
      'tasks[2]',
      'повышение качества управления;',
      '  - повышение эффективности муниципального управления;\r',
      '  - повышение качества управления;\r',
    ],
    [
      'events[1].items[0]',
      'новое мероприятие',
      '      - ключевое событие «Флагманский проект «Цифровой Сургут».\r',
      '      - новое мероприятие\r',
    ],
    [
      'events[0].label',
      'Главное:',
      '    label: "Ключевое событие:"   # необязательно: строка перед пунктами\r',
      '    label: "Главное:"   # необязательно: строка перед пунктами\r',
    ],
    ['direction.responsible.name', 'Иванов И.И.', '    name: Гуменюк М.А.\r', '    name: Иванов И.И.\r'],
    [
      'report.date',
      '2023-12-20',
      '  date: 2023-12-15               # на слайде: 15.12.2023\r',
      '  date: 2023-12-20               # на слайде: 15.12.2023\r',
    ],
    [
      'indicators.fact_footnote',
      'оценка',
      '  fact_footnote: предварительные данные   # необязательно: «*» у заголовка «Факт» и этот текст под таблицей\r',
      '  fact_footnote: оценка   # необязательно: «*» у заголовка «Факт» и этот текст под таблицей\r',
    ],
  ];

  it.each(cases)('%s = «%s» changes that one line', async (name, typed, from, to) => {
    const before = await s.text();
    const a = await s.set(name, typed);
    expect(a).toMatchObject({ status: 200, ok: true });
    const after = await s.text();
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(changed(before, after)).toEqual([[from, to]]);
    expect(
      after
        .split('\r\n')
        .slice(0, -1)
        .every((l) => !l.includes('\n')),
    ).toBe(true);
  });

  it('a multi-line goal stays a folded block scalar: only its text lines change', async () => {
    const before = await s.text();
    expect((await s.set('goal', 'новая цель направления')).ok).toBe(true);
    const after = await s.text();
    const [a, b] = [before.split('\r\n'), after.split('\r\n')];
    const at = a.indexOf('goal: >-');
    expect(b[at]).toBe('goal: >-');
    expect(b[at + 1]).toBe('  новая цель направления');
    expect([...b.slice(0, at + 1), ...b.slice(at + 2)]).toEqual([...a.slice(0, at + 1), ...a.slice(at + 3)]);
  });

  it('reverse (better) and a new optional key come on a line of their own after their neighbour', async () => {
    const before = await s.text();
    expect((await s.set('indicators.items[0].better', 'on')).ok).toBe(true);
    const after = await s.text();
    const [a, b] = [before.split('\r\n'), after.split('\r\n')];
    const at = b.indexOf('      better: lower');
    expect(at).toBeGreaterThan(0);
    expect(b[at - 1]).toMatch(/^ {6}fact: /);
    expect([...b.slice(0, at), ...b.slice(at + 1)]).toEqual(a);
    expect((await s.set('indicators.items[0].better', '')).ok).toBe(true);
    expect(await s.text()).toBe(before);
  });

  it('speaker notes in a file without notes: the notes mapping comes after the last key', async () => {
    const before = await s.text();
    expect((await s.set('notes.chart', 'Рост по всем показателям')).ok).toBe(true);
    const after = await s.text();
    const lastKey = '      fact: 99.75\r\n';
    const notes = 'notes:\r\n  chart: Рост по всем показателям\r\n';
    expect(after).toBe(before.replace(lastKey, lastKey + notes));
    expect((await s.set('notes.indicators', 'Коротко')).ok).toBe(true);
    expect(await s.text()).toBe(after.replace(notes, `${notes}  indicators: Коротко\r\n`));
  });

  it('an emptied optional field loses its line', async () => {
    const before = await s.text();
    expect((await s.set('indicators.items[1].note', '')).ok).toBe(true);
    const b = (await s.text()).split('\r\n');
    const a = before.split('\r\n');
    expect(a.filter((l) => !b.includes(l))).toEqual(['      note: ежеквартально']);
    expect(b.length).toBe(a.length - 1);
  });
});

describe('lone CR and mixed line ends (old Mac editors, some spreadsheet exports)', () => {
  /** Each line of the seed ended by a CR, or by CR, CRLF and LF in turn. */
  const endings: [string, (t: string) => string][] = [
    ['lone CR', (t) => `\uFEFF${t.replace(/\n/g, '\r')}`],
    ['CR, CRLF and LF in turn', (t) => t.replace(/\n/g, () => ['\r', '\r\n', '\n'][ends++ % 3]!)],
  ];
  let ends = 0;
  /** What the file means by this test's own rule: every CR, CRLF and LF is a line break. */
  const meaning = (t: string) => parseDocument(t.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).toJS();
  const lastTask = '  - повышение эффективности управления муниципальной собственностью.';

  it.each(endings)('%s: the form is drawn, each save changes only its own bytes', async (_, transform) => {
    ends = 0;
    const s = await session('itogi-edit-cr-', transform);
    try {
      expect(s.page).toContain('name="indicators.items[0].fact"');
      const before = await s.text();
      expect((await s.set('indicators.items[0].fact', '80,5')).ok).toBe(true);
      const one = await s.text();
      expect(JSON.stringify(one)).toBe(JSON.stringify(before.replace('fact: 80.4', 'fact: 80.5')));
      // A new task ends its line as the task above it does.
      const eol = /^\r\n|^\r|^\n/.exec(one.slice(one.indexOf(lastTask) + lastTask.length))![0];
      const add = await s.post({ op: 'add', name: 'tasks', value: { '': 'новая задача' } });
      expect(add.ok).toBe(true);
      expect(add.form).toContain('name="tasks[6]"');
      const two = await s.text();
      expect(JSON.stringify(two)).toBe(
        JSON.stringify(one.replace(`${lastTask}${eol}`, `${lastTask}${eol}  - новая задача${eol}`)),
      );
      const data = meaning(two);
      expect(data.indicators.items[0].fact).toBe(80.5);
      expect(data.tasks.at(-1)).toBe('новая задача');
      expect(await (await fetch(`${s.origin}${DECK}form`)).text()).toContain('value="80,5"');
    } finally {
      await s.close();
    }
  });
});

describe('a file not in UTF-8 (saved as Windows-1251)', () => {
  it('the form says so instead of showing its text garbled; nothing is written', async () => {
    const s = await session('itogi-edit-cp1251-');
    try {
      // «Гуменюк» as Windows-1251 writes it, in an otherwise UTF-8 file.
      const [head, tail] = s.seed.text.split('Гуменюк');
      const bytes = Buffer.concat([
        Buffer.from(head!),
        Buffer.from([0xc3, 0xf3, 0xec, 0xe5, 0xed, 0xfe, 0xea]),
        Buffer.from(tail!),
      ]);
      await writeFile(s.seed.file, bytes);
      const form = await (await fetch(`${s.origin}${DECK}form`)).text();
      expect(form).not.toContain('\uFFFD');
      expect(form).not.toContain('name="direction.responsible.name"');
      expect(form).toMatch(/не в кодировке UTF-8/);
      const revision = /data-revision="([0-9a-f]+)"/.exec(form)![1]!;
      const a = await s.post({ op: 'set', name: 'indicators.items[0].fact', value: '81', revision });
      expect(a.status).toBe(409);
      expect(a.message).toMatch(/не в кодировке UTF-8/);
      expect((await readFile(s.seed.file)).equals(bytes)).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('values as people type them; wrong ones get check’s message and nothing is written', () => {
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session('itogi-edit-values-');
  });
  afterAll(() => s?.close());

  it('«12,3.4» in a fact: check’s message at the field, the file unchanged', async () => {
    const before = await s.text();
    const a = await s.set('indicators.items[0].fact', '12,3.4');
    expect(a.status).toBe(422);
    expect(a.field).toBe('indicators.items[0].fact');
    expect(a.message).toBe('ожидается число, получено «12,3.4»');
    expect(await s.text()).toBe(before);
  });

  it('an empty plan, an empty task, a negative number: refused with check’s words', async () => {
    const before = await s.text();
    const plan = await s.set('indicators.items[0].plan', '');
    expect(plan.status).toBe(422);
    expect(plan.message).toMatch(/ожидается число/);
    const task = await s.set('tasks[0]', '   ');
    expect(task).toMatchObject({ status: 422, field: 'tasks[0]', message: 'строка не должна быть пустой' });
    const number = await s.set('indicators.items[0].number', '-3');
    expect(number.status).toBe(422);
    expect(number.field).toBe('indicators.items[0].number');
    const dup = await s.set('indicators.items[0].number', '46');
    expect(dup.status).toBe(422);
    expect(dup.message).toMatch(/46/);
    expect(await s.text()).toBe(before);
  });

  it('adds, moves and removes list items; the form comes back drawn from the new file', async () => {
    const add = await s.post({ op: 'add', name: 'events[1].items', value: { '': 'новое мероприятие' } });
    expect(add.ok).toBe(true);
    expect(add.form).toContain('name="events[1].items[1]"');
    expect(await s.text()).toContain('      - новое мероприятие\n');
    const empty = await s.post({ op: 'add', name: 'tasks', value: { '': '' } });
    expect(empty).toMatchObject({ status: 422, message: 'строка не должна быть пустой' });
    const ind = await s.post({
      op: 'add',
      name: 'indicators.items',
      value: { number: '51', name: 'Новый показатель', unit: 'ед.', plan: '1 200,5' },
    });
    expect(ind.ok).toBe(true);
    expect(await s.text()).toContain(
      '    - number: 51\n      name: Новый показатель\n      unit: ед.\n      plan: 1200.5\n',
    );
    const move = await s.post({ op: 'move', name: 'tasks[5]', to: 0 });
    expect(move.ok).toBe(true);
    expect((await s.text()).indexOf('управления муниципальной собственностью')).toBeLessThan(
      (await s.text()).indexOf('цифровизация деятельности'),
    );
    const remove = await s.post({ op: 'remove', name: 'events[1].items[1]' });
    expect(remove.ok).toBe(true);
    expect(await s.text()).not.toContain('новое мероприятие');
  });
});

describe('a save from another program is never overwritten; undo', () => {
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session('itogi-edit-conflict-');
  });
  afterAll(() => s?.close());

  it('undo puts back the page’s last saves, newest first', async () => {
    const start = await s.text();
    expect((await s.set('indicators.items[0].fact', '81')).ok).toBe(true);
    const one = await s.text();
    expect((await s.set('indicators.items[1].fact', '5300')).ok).toBe(true);
    const undo1 = await s.post({ op: 'undo' });
    expect(undo1).toMatchObject({ ok: true, undo: 1 });
    expect(await s.text()).toBe(one);
    expect((await s.post({ op: 'undo' })).ok).toBe(true);
    expect(await s.text()).toBe(start);
    expect((await s.post({ op: 'undo' })).status).toBe(409);
  });

  it('the file saved in a text editor after the page loaded it: refused, both values given, the editor’s text kept', async () => {
    expect((await s.set('indicators.items[2].fact', '9')).ok).toBe(true);
    const theirs = (await s.text()).replace('      fact: 80.4', '      fact: 90.1');
    await writeFile(s.seed.file, theirs);
    const a = await s.set('indicators.items[0].fact', '82');
    expect(a).toMatchObject({ status: 409, conflict: true, disk: '90,1', field: 'indicators.items[0].fact' });
    expect(a.message).toMatch(/изменён в другой программе/);
    expect(await s.text()).toBe(theirs);
    // Undo of the page's save before it would write over the editor's save: refused too.
    const undo = await s.post({ op: 'undo' });
    expect(undo.status).toBe(409);
    expect(undo.message).toMatch(/изменён в другой программе/);
    expect(await s.text()).toBe(theirs);
    // The official chose their value, having seen both: written on the text on disk now.
    const again = await s.post({ op: 'set', name: 'indicators.items[0].fact', value: '82', revision: a.revision });
    expect(again.ok).toBe(true);
    expect(await s.text()).toBe(theirs.replace('      fact: 90.1', '      fact: 82'));
  });
});

describe('a save from another program while the page writes is never overwritten, nor reported as saved', () => {
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session('itogi-edit-race-');
  });
  afterAll(() => s?.close());

  const edits: [op: string, body: Record<string, unknown>][] = [
    ['set', { op: 'set', name: 'indicators.items[0].fact', value: '82' }],
    ['add', { op: 'add', name: 'tasks', value: { '': 'новая задача' } }],
    ['remove', { op: 'remove', name: 'tasks[0]' }],
    ['move', { op: 'move', name: 'tasks[1]', to: 0 }],
  ];
  /** The file as the official's text editor saves it: the first fact changed to a value of its own per test and op. */
  const theirs = async (op: string, base: number) => {
    const fact = base + edits.findIndex(([o]) => o === op);
    return { fact, file: (await s.text()).replace(/(\n {6}fact: )[^\n]+/, `$1${fact}`) };
  };
  /** The 409 of a save from another program: its value shown for a field, its file kept as it saved it. */
  const keptTheirs = async (a: Answer, op: string, { fact, file }: { fact: number; file: string }) => {
    expect(a).toMatchObject({ status: 409, conflict: true, ok: false });
    expect(a.message).toMatch(/изменён в другой программе/);
    if (op === 'set') expect(a.disk).toBe(String(fact));
    expect(await s.text()).toBe(file);
  };
  /** The official saw both and chose theirs: the page goes on from the file on disk. */
  const goOn = async (a: Answer) =>
    expect(
      (await s.post({ op: 'set', name: 'indicators.items[1].fact', value: '5236', revision: a.revision })).ok,
    ).toBe(true);

  it.each(edits)('%s on the text the page loaded, saved since in the editor: refused', async (op, body) => {
    const saved = await theirs(op, 60);
    await writeFile(s.seed.file, saved.file);
    const a = await s.post(body);
    await keptTheirs(a, op, saved);
    await goOn(a);
  });

  it.each(edits)('%s: saved in the editor after the edit was checked, before it was written', async (op, body) => {
    const saved = await theirs(op, 90);
    race.before = () => writeFile(s.seed.file, saved.file);
    const a = await s.post(body);
    await keptTheirs(a, op, saved);
    // The page's temporary file is gone too.
    expect(await readdir(dirname(s.seed.file))).toEqual(['institutional-environment.yaml']);
    await goOn(a);
  });

  it.each(edits)('%s: saved in the editor right after the page wrote: not «Сохранено»', async (op, body) => {
    const saved = await theirs(op, 70);
    expect((await s.post({ op: 'set', name: 'indicators.items[2].fact', value: `${saved.fact}` })).ok).toBe(true);
    race.after = () => writeFile(s.seed.file, saved.file);
    const a = await s.post(body);
    await keptTheirs(a, op, saved);
    // Nothing of this save to undo; the save before it cannot be undone over the editor's text.
    expect((await s.post({ op: 'undo' })).status).toBe(409);
    expect(await s.text()).toBe(saved.file);
    await goOn(a);
  });
});

describe('the year’s city summary, live', () => {
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session('itogi-edit-summary-');
    // A second direction of the year: the city summary needs two.
    const other = s.seed.file.replace('institutional-environment', 'economy');
    await writeFile(other, await readFile(join(REPO, 'content', '2023', 'economy.yaml'), 'utf8'));
    // The watcher hears of the new file in its own time: wait (bounded) for the summary to be listed.
    for (let i = 0; i < 300; i++) {
      await s.preview.idle();
      if ((await (await fetch(`${s.origin}/`)).text()).includes('href="/d/2023/summary/"')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => s?.close());

  it('is listed and shown; a fact saved from a direction’s page changes its figures; it is not editable', async () => {
    const list = await (await fetch(`${s.origin}/`)).text();
    expect(list).toContain('href="/d/2023/summary/"');
    const before = await (await fetch(`${s.origin}/d/2023/summary/slides`)).text();
    expect(before).toContain('itogi-slide');
    const summaryPage = await (await fetch(`${s.origin}/d/2023/summary/`)).text();
    expect(summaryPage).toContain('составляется из файлов направлений');
    // No form on the summary's page, so its header does not ask to edit fields on the left.
    expect(summaryPage).not.toContain('правьте поля слева');
    // Every indicator of the seed achieved; one missed now changes the city's count.
    expect((await s.set('indicators.items[0].fact', '10')).ok).toBe(true);
    await s.preview.idle();
    const after = await (await fetch(`${s.origin}/d/2023/summary/slides`)).text();
    expect(after).not.toBe(before);
    const res = await fetch(`${s.origin}/d/2023/summary/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Itogi-Token': s.token, Origin: s.origin },
      body: JSON.stringify({ op: 'set', name: 'goal', value: 'x' }),
    });
    expect(res.status).toBe(409);
  });
});
