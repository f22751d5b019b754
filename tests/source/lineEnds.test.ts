/**
 * Edits of a file whose lines end in a lone CR (old Mac editors, some
 * spreadsheet exports) or in a mix of CR, CRLF and LF: every line the edit
 * does not touch keeps its bytes, the lines it writes end as their
 * neighbours do, and the result reads back as the edited data.
 */
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { setScalars } from '../../src/source/edit.js';
import { editList, type ListEdit } from '../../src/source/listEdit.js';

/** What the file means, read by this test's own rule (every CR, CRLF and LF a line break), not the code's. */
const data = (text: string) => parseDocument(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).toJS();

const CR =
  '\uFEFFa:\r  fact: 1 # факт\r  goal: >-\r    одна\r    строка\r  items:\r    - первая\r    - вторая # к\r# конец\r';

describe('a file with lone CR line ends', () => {
  const cases: [what: string, edit: (t: string) => string, want: string][] = [
    ['a value', (t) => setScalars(t, [{ path: ['a', 'fact'], value: 2 }]), CR.replace('fact: 1', 'fact: 2')],
    [
      'an absent key, on a line of its own',
      (t) => setScalars(t, [{ path: ['a', 'plan'], value: 3, after: 'fact' }]),
      CR.replace('# факт\r', '# факт\r  plan: 3\r'),
    ],
    [
      'a folded block scalar',
      (t) => setScalars(t, [{ path: ['a', 'goal'], value: 'новая цель' }]),
      CR.replace('    одна\r    строка\r', '    новая цель\r'),
    ],
    [
      'an added item',
      (t) => editList(t, { kind: 'add', path: ['a', 'items'], value: 'третья' }),
      CR.replace('# к\r', '# к\r    - третья\r'),
    ],
    [
      'a moved item',
      (t) => editList(t, { kind: 'move', path: ['a', 'items', 1], to: 0 }),
      CR.replace('    - первая\r    - вторая # к\r', '    - вторая # к\r    - первая\r'),
    ],
    [
      'a removed item',
      (t) => editList(t, { kind: 'remove', path: ['a', 'items', 0] }),
      CR.replace('    - первая\r', ''),
    ],
    [
      'a new mapping',
      (t) => editList(t, { kind: 'map', path: ['notes'], value: { chart: 'заметка' } }),
      CR.replace('# конец\r', 'notes:\r  chart: заметка\r# конец\r'),
    ],
  ];

  it.each(cases)('%s: only its own lines change, each ending in CR', (_, edit, want) => {
    const out = edit(CR);
    expect(JSON.stringify(out)).toBe(JSON.stringify(want));
    expect(out).not.toContain('\n');
    expect(data(out)).toEqual(data(want));
  });

  it('a literal block given two lines: each ends in CR, the block’s own last line end kept', () => {
    const text = 'notes:\r  chart: |-\r    было\r  indicators: x\r';
    const out = setScalars(text, [{ path: ['notes', 'chart'], value: 'первая\nвторая' }]);
    expect(JSON.stringify(out)).toBe(JSON.stringify('notes:\r  chart: |-\r    первая\r    вторая\r  indicators: x\r'));
    expect(data(out).notes.chart).toBe('первая\nвторая');
  });

  it('the only item removed leaves [] on its key’s line, ending in CR', () => {
    const text = 'tasks:\r  - одна\rend: 1\r';
    expect(JSON.stringify(editList(text, { kind: 'remove', path: ['tasks', 0] }))).toBe(
      JSON.stringify('tasks: []\rend: 1\r'),
    );
  });
});

describe('a file with mixed line ends', () => {
  // Each line ends as it was saved: CRLF, a lone CR and LF in one file.
  const MIXED = 'a:\r\n  fact: 1\r  note: н\n  items:\r\n    - первая\r    - вторая\n';

  const cases: [what: string, edit: ListEdit | { set: [string[], number | string, string?] }, want: string][] = [
    [
      'an absent key: the line end of the line it follows',
      { set: [['a', 'plan'], 2, 'fact'] },
      MIXED.replace('  fact: 1\r', '  fact: 1\r  plan: 2\r'),
    ],
    [
      'an added item: the line end of the item above it',
      { kind: 'add', path: ['a', 'items'], value: 'третья' },
      `${MIXED}    - третья\n`,
    ],
    [
      'an item added before another: that item’s line end',
      { kind: 'add', path: ['a', 'items'], value: 'нулевая', at: 1 },
      MIXED.replace('    - вторая\n', '    - нулевая\n    - вторая\n'),
    ],
    [
      'moved items keep their own line ends',
      { kind: 'move', path: ['a', 'items', 0], to: 1 },
      MIXED.replace('    - первая\r    - вторая\n', '    - вторая\n    - первая\r'),
    ],
  ];

  it.each(cases)('%s', (_, edit, want) => {
    const out =
      'set' in edit
        ? setScalars(MIXED, [{ path: edit.set[0], value: edit.set[1], ...(edit.set[2] ? { after: edit.set[2] } : {}) }])
        : editList(MIXED, edit);
    expect(JSON.stringify(out)).toBe(JSON.stringify(want));
    expect(data(out)).toEqual(data(want));
  });
});
