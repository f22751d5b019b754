/**
 * Mutants of the seed direction for property-based tests: the seed's data
 * with values swapped for other types, keys removed and added, huge and tiny
 * numbers, NaN and infinities, empty lists, very long Russian texts, control
 * and zero-width characters, deep nesting, shared values (YAML aliases), then
 * the text itself edited (tags, anchors, `.nan`, brackets, quotes, tabs…).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { LIMITS } from '../../src/content/schema.js';
import { SEED_CONTENT } from '../deck/build.js';

const SEED_TEXT = readFileSync(SEED_CONTENT, 'utf8');
const SEED_DATA = parse(SEED_TEXT) as Record<string, unknown>;

type Path = (string | number)[];

/** Every path of the seed's data (maps and lists included), for picking where to mutate. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const here = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...path, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k]))];
  return here;
}
const SEED_PATHS = pathsOf(SEED_DATA);

/** Words of the seed: long texts are made of real Russian words. */
const WORDS = SEED_TEXT.match(/[А-Яа-яЁё-]+/g)!;

/** Words a deck must never show (the property looks for them); no generated text contains them. */
export const FORBIDDEN_WORDS = /\b(NaN|Infinity|undefined|null)\b/;

const russianText = (maxWords: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: maxWords }).map((ws) => ws.join(' '));

/** Characters that look like nothing or like a line break: zero-width, BOM, separators, bidi marks. */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u2028', '\u2029', '\u00ad', '\u202e', '\u00a0'];
const CONTROL = ['\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\ud800', '\uffff'];

const oddText = fc
  .tuple(
    russianText(8),
    fc.constantFrom(...INVISIBLE, ...CONTROL, '😀', '👨‍👩‍👧', '\t', '\r', '\n', '«', '"', "'", '\\', ': ', ' #'),
    fc.nat(40),
  )
  .map(([text, odd, at]) => text.slice(0, at) + odd + text.slice(at));

const numbers = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1e308,
    -1e308,
    5e-324,
    1e-7,
    1e12,
    1e12 + 1,
    -1e12,
    0.1 + 0.2,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
  fc.double(),
  fc.integer(),
  fc.integer({ min: -1000, max: 1000 }),
);

/** Lists inside lists, as deep as `depth`. */
const nested = (depth: number) => {
  let value: unknown = 'дно';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

const values: fc.Arbitrary<unknown> = fc.oneof(
  numbers,
  russianText(6),
  russianText(3000),
  oddText,
  fc.constantFrom(null, true, false, '', '   ', [], {}, '2023-02-30', '15.12.2023', '1,5', '5 176', '80 %'),
  fc.integer({ min: 1, max: 300 }).map(nested),
  fc.array(russianText(4), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('a', 'fakt', 'name', 'plan', 'items', 'имя'), russianText(3), { maxKeys: 3 }),
);

type Edit =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown }
  | { kind: 'share'; from: Path; to: Path };

const seedPath = fc.constantFrom(...SEED_PATHS);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path: seedPath, value: values }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: seedPath }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      path: seedPath,
      key: fc.constantFrom('fakt', 'extra', 'note', 'label', 'x', '~', 'Цель'),
      value: values,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('share' as const), from: seedPath, to: seedPath }) },
);

function parentOf(
  data: unknown,
  path: Path,
): { parent: Record<string | number, unknown>; key: string | number } | null {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node?.[key];
    if (next === null || typeof next !== 'object') return null;
    node = next as Record<string | number, unknown>;
  }
  return node && typeof node === 'object' ? { parent: node, key: path[path.length - 1]! } : null;
}

function apply(data: unknown, e: Edit): void {
  const at = parentOf(data, e.kind === 'share' ? e.to : e.path);
  if (!at) return;
  const { parent, key } = at;
  if (e.kind === 'set') parent[key] = e.value;
  else if (e.kind === 'delete') {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete parent[key];
  } else if (e.kind === 'add') {
    const target = parent[key];
    if (target && typeof target === 'object' && !Array.isArray(target))
      (target as Record<string, unknown>)[e.key] = e.value;
  } else {
    // The same object in two places: yaml writes an anchor and an alias.
    const from = parentOf(data, e.from);
    const shared = from?.parent[from.key];
    if (shared !== undefined && e.from.join('.') !== e.to.join('.') && !isInside(e.to, e.from)) parent[key] = shared;
  }
}

const isInside = (path: Path, prefix: Path) => prefix.every((k, i) => path[i] === k);

/** Text edits a person (or a bad copy-paste) makes: at a line, a snippet replaces or joins what is there. */
const SNIPPETS = [
  '.nan',
  '.inf',
  '-.inf',
  '.NaN',
  '!!str',
  '!!binary',
  '!foo',
  '&a',
  '*a',
  '*missing',
  '&x [1, 2]',
  '<<: *a',
  '[[[[[[[[',
  '{{{{',
  '- - - - - - - - - - - - - - -',
  "'",
  '"',
  '\t',
  ': ',
  '---',
  '...',
  '%YAML 1.1',
  '? complex',
  '|',
  '>-',
  '# comment',
  '0x1F',
  '1e400',
  '-1e-400',
  '0o17',
  '~',
  '2023-12-15T10:00:00Z',
];

/**
 * How deep the `- - - …` lines go: past the 2 500 nested `- ` that overflowed
 * the yaml parser's stack before the nesting bound (src/source/nesting.ts).
 */
const MAX_BLOCK_DEPTH = Number(process.env['FUZZ_BLOCK_DEPTH'] ?? 3000);

type TextEdit =
  | { kind: 'insert'; line: number; column: number; snippet: string }
  | { kind: 'value'; line: number; snippet: string }
  | { kind: 'drop'; line: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'nest'; line: number; depth: number; flow: boolean; whole: boolean };

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    line: fc.nat(200),
    column: fc.nat(60),
    snippet: fc.constantFrom(...SNIPPETS),
  }),
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(200), snippet: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat(200) }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(200), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant('nest' as const),
    line: fc.nat(200),
    depth: fc.integer({ min: 1, max: MAX_BLOCK_DEPTH }),
    flow: fc.boolean(),
    whole: fc.boolean(),
  }),
);

function applyText(text: string, e: TextEdit): string {
  const lines = text.split('\n');
  const i = e.line % lines.length;
  const line = lines[i]!;
  if (e.kind === 'insert') lines[i] = line.slice(0, e.column) + e.snippet + line.slice(e.column);
  else if (e.kind === 'value') lines[i] = line.replace(/:\s.*$/, `: ${e.snippet}`);
  else if (e.kind === 'drop') lines.splice(i, 1);
  else if (e.kind === 'indent') lines[i] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(/^ {1,4}/, '');
  else {
    const deep = e.flow ? `${'['.repeat(e.depth)}1${']'.repeat(e.depth)}` : `${'- '.repeat(e.depth)}x`;
    // In place of a value, or as the whole line (a list item of lists: `- - - - x`).
    lines[i] = e.whole ? line.replace(/^(\s*)(?:- )?.*$/, `$1${deep}`) : line.replace(/:\s.*$/, `: ${deep}`);
  }
  return lines.join('\n');
}

export interface Mutant {
  text: string;
  /** The edits of the data that made it (for the failure report). */
  edits: readonly unknown[];
  textEdits: TextEdit[];
}

/** Long values shortened, so a failure report stays readable (the seed and path replay it exactly). */
const short = (value: unknown): string =>
  JSON.stringify(value, (_, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 60)}… (${v.length})` : v));

function withSummary(m: Mutant): Mutant {
  return Object.assign(m, {
    [fc.toStringMethod]: () =>
      `mutant of ${m.text.length} characters; edits ${short(m.edits)}; text edits ${short(m.textEdits)}`,
  });
}

/** The seed mutated: 1–4 edits of its data, then 0–2 edits of its text. */
export const mutant: fc.Arbitrary<Mutant> = fc
  .record({
    edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
    textEdits: fc.array(textEdit, { maxLength: 2 }),
  })
  .map(({ edits, textEdits }) => {
    const data = structuredClone(SEED_DATA);
    for (const e of edits) apply(data, e);
    let text: string;
    try {
      text = stringify(data, { lineWidth: 0, aliasDuplicateObjects: true });
    } catch {
      text = SEED_TEXT;
    }
    for (const e of textEdits) text = applyText(text, e);
    return withSummary({ text, edits, textEdits });
  });

/** Just the seed's text edited: closer to the file a person has open. */
export const textMutant: fc.Arbitrary<Mutant> = fc
  .array(textEdit, { minLength: 1, maxLength: 3 })
  .map((textEdits) => withSummary({ text: textEdits.reduce(applyText, SEED_TEXT), edits: [], textEdits }));

// ---------------------------------------------------------------- near the bounds

/** A number the schema accepts, often at a bound: up to ±1e12, up to 6 decimals. */
const validNumber = fc.oneof(
  fc.constantFrom(0, -0, LIMITS.magnitude, -LIMITS.magnitude, 0.000001, -0.000001, 999999999999.999, 1e-6 * 3),
  fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }))
    .map(([n, dp]) => Number((n / 10 ** dp).toFixed(dp))),
  fc.integer({ min: -1000, max: 1000 }),
);

/** Text of `max` characters at most, often exactly `max`, with the odd invisible character or emoji (bidi overrides are refused, so only a mark). */
const validText = (max: number) =>
  fc
    .tuple(
      fc.oneof(fc.constant(max), fc.integer({ min: 1, max })),
      fc.constantFrom('', '\u200b', '\u00ad', '😀', '\u200e', 'Ш'),
      fc.nat(),
    )
    .map(([length, odd, start]) => {
      let text = '';
      for (let i = start; text.length < length; i++) text += `${WORDS[i % WORDS.length]} `;
      const base = text.slice(0, Math.max(1, length - odd.length)).trim() || 'а';
      // The odd character whole or not at all (half an emoji is a character the schema refuses).
      return base.length + odd.length <= length ? base + odd : base.slice(0, length);
    });

/** Each field's bound, by the seed path that leads to it (`[]` stands for any index). */
function textBound(path: Path): number | undefined {
  const key = path.map((k) => (typeof k === 'number' ? '[]' : `.${k}`)).join('');
  const bounds: Record<string, number> = {
    '.report.title': LIMITS.title,
    '.direction.name': LIMITS.directionName,
    '.direction.responsible.position': LIMITS.position,
    '.direction.responsible.name': LIMITS.personName,
    '.goal': LIMITS.paragraph,
    '.tasks[]': LIMITS.paragraph,
    '.events[].title': LIMITS.paragraph,
    '.events[].label': LIMITS.paragraph,
    '.events[].items[]': LIMITS.paragraph,
    '.indicators.fact_footnote': LIMITS.footnote,
    '.indicators.items[].name': LIMITS.indicatorName,
    '.indicators.items[].unit': LIMITS.unit,
    '.indicators.items[].note': LIMITS.note,
  };
  return bounds[key];
}

const NUMBER_PATHS = SEED_PATHS.filter((p) => p[p.length - 1] === 'plan' || p[p.length - 1] === 'fact');
const TEXT_PATHS = SEED_PATHS.filter((p) => textBound(p) !== undefined);

type ValidEdit =
  | { kind: 'number'; path: Path; value: number }
  | { kind: 'text'; path: Path; value: string }
  | { kind: 'option'; index: number; better: 'higher' | 'lower'; precision: number; pending: boolean }
  | { kind: 'extra'; summary?: string; notes?: string; title?: string; noEvents: boolean };

const validEdit: fc.Arbitrary<ValidEdit> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), path: fc.constantFrom(...NUMBER_PATHS), value: validNumber }),
  fc
    .constantFrom(...TEXT_PATHS)
    .chain((path) => validText(textBound(path)!).map((value) => ({ kind: 'text' as const, path, value }))),
  fc.record({
    kind: fc.constant('option' as const),
    index: fc.nat(5),
    better: fc.constantFrom('higher' as const, 'lower' as const),
    precision: fc.integer({ min: 0, max: 3 }),
    pending: fc.boolean(),
  }),
  fc.record(
    {
      kind: fc.constant('extra' as const),
      summary: validText(LIMITS.paragraph),
      notes: validText(LIMITS.notes),
      title: validText(LIMITS.title),
      noEvents: fc.boolean(),
    },
    { requiredKeys: ['kind', 'noEvents'] },
  ),
);

function applyValid(data: Record<string, any>, e: ValidEdit): void {
  if (e.kind === 'number' || e.kind === 'text') {
    const at = parentOf(data, e.path);
    if (at) at.parent[at.key] = e.value;
  } else if (e.kind === 'option') {
    const item = data['indicators'].items[e.index];
    Object.assign(item, { better: e.better, precision: e.precision });
    if (e.pending) delete item.fact;
  } else {
    if (e.summary) data['summary'] = e.summary;
    if (e.notes) data['notes'] = { indicators: e.notes, chart: e.notes };
    if (e.title) data['report'].title = e.title;
    if (e.noEvents) delete data['events'];
  }
}

/** The seed changed only in ways the schema accepts, many at their bounds: every one must build. */
export const validMutant: fc.Arbitrary<Mutant> = fc.array(validEdit, { minLength: 1, maxLength: 6 }).map((edits) => {
  const data = structuredClone(SEED_DATA) as Record<string, any>;
  for (const e of edits) applyValid(data, e);
  return withSummary({ text: stringify(data, { lineWidth: 0 }), edits, textEdits: [] });
});
