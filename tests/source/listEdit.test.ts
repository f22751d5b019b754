/**
 * List and key edits: an item added, removed or moved changes only that
 * item's lines; every other line keeps its bytes (comments, CRLF, a BOM).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EditError } from '../../src/source/edit.js';
import { editList } from '../../src/source/listEdit.js';

const SEED = join(import.meta.dirname, '..', '..', 'content', '2023', 'institutional-environment.yaml');

const data = (text: string) => parseDocument(text.replace(/^\uFEFF/, '')).toJS();

describe('editList: add', () => {
  it('appends an event item in the items’ indentation; every other line unchanged', async () => {
    const seed = await readFile(SEED, 'utf8');
    const out = editList(seed, { kind: 'add', path: ['events', 1, 'items'], value: 'новое мероприятие' });
    const [a, b] = [seed.split('\n'), out.split('\n')];
    const at = b.indexOf('      - новое мероприятие');
    expect(at).toBeGreaterThan(0);
    expect([...b.slice(0, at), ...b.slice(at + 1)]).toEqual(a);
    expect(data(out).events[1].items).toHaveLength(2);
  });

  it('keeps CRLF and the BOM, quotes what needs quotes', () => {
    const text = '\uFEFFtasks:  # задачи\r\n  - первая\r\n  - вторая\r\nend: 1\r\n';
    expect(editList(text, { kind: 'add', path: ['tasks'], value: 'итог: да' })).toBe(
      '\uFEFFtasks:  # задачи\r\n  - первая\r\n  - вторая\r\n  - "итог: да"\r\nend: 1\r\n',
    );
    expect(editList(text, { kind: 'add', path: ['tasks'], value: 'нулевая', at: 0 })).toBe(
      '\uFEFFtasks:  # задачи\r\n  - нулевая\r\n  - первая\r\n  - вторая\r\nend: 1\r\n',
    );
  });

  it('adds a mapping item, into a flow list, and a list that was absent', () => {
    const text = 'items:\n  - number: 1\n    plan: 2\n';
    expect(editList(text, { kind: 'add', path: ['items'], value: { number: 2, name: 'Б', plan: 3 } })).toBe(
      'items:\n  - number: 1\n    plan: 2\n  - number: 2\n    name: Б\n    plan: 3\n',
    );
    expect(editList('e:\n  items: []  # пусто\n', { kind: 'add', path: ['e', 'items'], value: 'а' })).toBe(
      'e:\n  items: [а]  # пусто\n',
    );
    expect(
      editList('events:\n  - title: Т\n    label: Л\n', { kind: 'add', path: ['events', 0, 'items'], value: 'а' }),
    ).toBe('events:\n  - title: Т\n    label: Л\n    items:\n      - а\n');
  });

  it('makes an absent mapping with its key, after the last key', () => {
    expect(editList('a: 1\r\n# конец\r\n', { kind: 'map', path: ['notes'], value: { chart: 'Заметка: да' } })).toBe(
      'a: 1\r\nnotes:\r\n  chart: "Заметка: да"\r\n# конец\r\n',
    );
  });

  it('ends a file without a final line break before the new item', () => {
    expect(editList('tasks:\n  - a', { kind: 'add', path: ['tasks'], value: 'b' })).toBe('tasks:\n  - a\n  - b\n');
  });
});

describe('editList: remove and move', () => {
  const text = 'tasks:\r\n  - a  # про a\r\n  # про b\r\n  - >-\r\n    b длинная\r\n    строка\r\n  - c\r\nend: 1\r\n';

  it('removes an item with the comment above it; a block scalar item whole', () => {
    expect(editList(text, { kind: 'remove', path: ['tasks', 1] })).toBe(
      'tasks:\r\n  - a  # про a\r\n  - c\r\nend: 1\r\n',
    );
    expect(editList(text, { kind: 'remove', path: ['tasks', 0] })).toBe(
      'tasks:\r\n  # про b\r\n  - >-\r\n    b длинная\r\n    строка\r\n  - c\r\nend: 1\r\n',
    );
  });

  it('leaves an empty list as [] when its only item goes', () => {
    expect(editList('e:\n  items:\n    - a\n  x: 1\n', { kind: 'remove', path: ['e', 'items', 0] })).toBe(
      'e:\n  items: []\n  x: 1\n',
    );
  });

  it('removes an optional key with its line', () => {
    expect(editList('i:\n  - n: 1\n    note: x  # к\n    plan: 2\n', { kind: 'remove', path: ['i', 0, 'note'] })).toBe(
      'i:\n  - n: 1\n    plan: 2\n',
    );
  });

  it('moves an item, its comment with it, a block scalar intact', () => {
    const out = editList(text, { kind: 'move', path: ['tasks', 1], to: 0 });
    expect(out).toBe(
      'tasks:\r\n  # про b\r\n  - >-\r\n    b длинная\r\n    строка\r\n  - a  # про a\r\n  - c\r\nend: 1\r\n',
    );
    expect(editList(text, { kind: 'move', path: ['tasks', 0], to: 2 })).toBe(
      'tasks:\r\n  # про b\r\n  - >-\r\n    b длинная\r\n    строка\r\n  - c\r\n  - a  # про a\r\nend: 1\r\n',
    );
    expect(data(out).tasks).toEqual(['b длинная строка', 'a', 'c']);
  });

  it('moves mapping items of the seed: the same lines, in the new order', async () => {
    const seed = await readFile(SEED, 'utf8');
    const out = editList(seed, { kind: 'move', path: ['indicators', 'items', 2], to: 0 });
    expect(out.split('\n').sort()).toEqual(seed.split('\n').sort());
    expect(data(out).indicators.items.map((i: { number: number }) => i.number)).toEqual([47, 45, 46, 48, 49, 50]);
  });

  it('refuses a path to nothing and an item that shares its line', () => {
    expect(() => editList('tasks:\n  - a\n', { kind: 'remove', path: ['tasks', 3] })).toThrow(EditError);
    expect(() => editList('i:\n  - n: 1\n', { kind: 'remove', path: ['i', 0, 'n'] })).toThrow(EditError);
    expect(() => editList('tasks:\n  - a\n', { kind: 'move', path: ['tasks', 0], to: 5 })).toThrow(EditError);
  });
});
