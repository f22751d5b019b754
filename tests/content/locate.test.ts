/**
 * src/content/locate.ts: zod issues → located diagnostics for any YAML file
 * (templates use it too), and field names read from the schema itself.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSource } from '../../src/content/load.js';
import { fieldLabel, nameFields } from '../../src/content/locate.js';
import { positionOfPath } from '../../src/source/locate.js';
import { keysAt, schemaKeys, suggestKey } from '../../src/source/schemaKeys.js';
import { zodDiagnostics } from '../../src/source/zodIssues.js';
import { ContentSchema } from '../../src/content/schema.js';
import { diagnostic, formatDiagnostic } from '../../src/errors.js';

describe('zodDiagnostics on any YAML source', () => {
  const Schema = z.strictObject({
    name: z.string(),
    size: z.strictObject({ width_in: z.number(), height_in: z.number() }),
    colors: z.array(
      z.strictObject({ hex: z.string().regex(/^[0-9A-F]{6}$/, { message: 'цвет — шесть шестнадцатеричных цифр' }) }),
    ),
  });
  const text = ['name: x', 'size:', '  width_in: широкий', '  hieght_in: 7.5', 'colors:', '  - hex: синий', ''].join(
    '\n',
  );

  // A missing field is located on the mapping that lacks it (its first key).
  it('locates every issue in the file it came from; unknown keys are matched with the keys allowed there', () => {
    const { source } = parseSource('t.yaml', text);
    const result = Schema.safeParse(source!.data);
    expect(result.success).toBe(false);
    const lines = zodDiagnostics(source!, result.error!.issues, Schema)
      .sort((a, b) => a.line - b.line || a.col - b.col)
      .map((d) => formatDiagnostic(d));
    expect(lines).toEqual([
      't.yaml:3:3: ошибка: size.height_in: не хватает обязательного поля «height_in» (число); добавьте строку «height_in: …» в этот раздел',
      't.yaml:3:13: ошибка: size.width_in: ожидается число, получено «широкий»; напишите число цифрами, например 72 или 80.4',
      't.yaml:4:3: ошибка: size.hieght_in: неизвестное поле «hieght_in»; возможно, имелось в виду «height_in»',
      't.yaml:6:10: ошибка: colors[0].hex: цвет — шесть шестнадцатеричных цифр; получено «синий»; исправьте значение по этому правилу',
    ]);
  });

  it('without a schema an unknown key gets no guess (no content field names in a template)', () => {
    const { source } = parseSource('t.yaml', 'lables: x\n');
    const issues = z.strictObject({}).safeParse(source!.data).error!.issues;
    expect(zodDiagnostics(source!, issues).map((d) => formatDiagnostic(d))).toEqual([
      't.yaml:1:1: ошибка: lables: неизвестное поле «lables»; удалите его или исправьте опечатку',
    ]);
  });

  it('positionOfPath: the value, or the nearest enclosing node', () => {
    const { source } = parseSource('t.yaml', text);
    expect(positionOfPath(source!, ['size', 'width_in'])).toEqual({ line: 3, col: 13 });
    expect(positionOfPath(source!, ['colors', 0, 'hex'])).toEqual({ line: 6, col: 10 });
    expect(positionOfPath(source!, ['size', 'nope'])).toEqual({ line: 3, col: 3 });
  });
});

describe('field names come from the schema', () => {
  it('every field of ContentSchema, nothing else', () => {
    expect(schemaKeys(ContentSchema).sort()).toEqual(
      [
        'template',
        'sample',
        'report',
        'year',
        'date',
        'title',
        'direction',
        'id',
        'name',
        'responsible',
        'position',
        'goal',
        'tasks',
        'events',
        'label',
        'items',
        'indicators',
        'fact_footnote',
        'number',
        'unit',
        'note',
        'plan',
        'fact',
        'better',
        'precision',
        'summary',
        'notes',
        'chart',
        'order',
      ].sort(),
    );
  });

  it('keysAt follows the path through lists, optional and default fields', () => {
    expect(keysAt(ContentSchema, []).sort()).toEqual([
      'direction',
      'events',
      'goal',
      'indicators',
      'notes',
      'report',
      'sample',
      'summary',
      'tasks',
      'template',
    ]);
    expect(keysAt(ContentSchema, ['notes']).sort()).toEqual(['chart', 'indicators']);
    expect(keysAt(ContentSchema, ['indicators', 'items', 3]).sort()).toEqual([
      'better',
      'fact',
      'name',
      'note',
      'number',
      'plan',
      'precision',
      'unit',
    ]);
    expect(keysAt(ContentSchema, ['events', 0]).sort()).toEqual(['items', 'label', 'title']);
    expect(keysAt(ContentSchema, ['direction', 'responsible']).sort()).toEqual(['name', 'position']);
    expect(keysAt(ContentSchema, ['goal'])).toEqual([]);
  });

  it('suggestKey: at most two edits, never the whole word', () => {
    expect(suggestKey('fakt', ['fact', 'plan'])).toBe('fact');
    expect(suggestKey('Plan', ['fact', 'plan'])).toBe('plan');
    expect(suggestKey('xy', ['id'])).toBeUndefined();
    expect(suggestKey('budget', ['fact', 'plan'])).toBeUndefined();
  });
});

describe('fieldLabel: the path as people name the item', () => {
  const data = {
    indicators: { items: [{ number: 45 }, { number: 64 }, { number: '64' }, { number: 4.5 }, null] },
    events: [{ title: 'Развитие гражданского общества и местного самоуправления' }, { title: '  ' }],
  };
  it.each([
    ['indicators.items[1].fact', 'показатель № 64 (indicators.items[1]).fact'],
    ['indicators.items[0]', 'показатель № 45 (indicators.items[0])'],
    // A number that is not a whole positive number does not name the item: the path alone.
    ['indicators.items[2].plan', 'indicators.items[2].plan'],
    ['indicators.items[3].plan', 'indicators.items[3].plan'],
    ['indicators.items[4].plan', 'indicators.items[4].plan'],
    ['indicators.items[9].plan', 'indicators.items[9].plan'],
    ['events[0].items[2]', 'группа «Развитие гражданского обществ…» (events[0]).items[2]'],
    ['events[1].title', 'events[1].title'],
    ['report.year', 'report.year'],
  ])('%s → %s', (path, label) => {
    expect(fieldLabel(data, path)).toBe(label);
  });

  it('nameFields adds `field` and keeps `path` for programs', () => {
    const d = diagnostic(
      'MissingField',
      { file: 'x.yaml', path: 'indicators.items[1].unit' },
      { field: 'unit', expected: 'текст' },
    );
    const [named] = nameFields([d], data);
    expect(named).toMatchObject({
      path: 'indicators.items[1].unit',
      field: 'показатель № 64 (indicators.items[1]).unit',
    });
    expect(nameFields([d], null)).toEqual([d]);
  });
});
