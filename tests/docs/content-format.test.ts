/**
 * The docs stay true: docs/content-format.md names every field of the content
 * schema (a field added to src/content/schema.ts without a line here fails),
 * and no link or path in README.md and docs/*.md leads outside the repository
 * or to a file that is not there (a clone has no ../shared).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { Lexer, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keysAt } from '../../src/source/schemaKeys.js';
import { ContentSchema, IndicatorSchema } from '../../src/content/schema.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FORMAT_DOC = join(ROOT, 'docs', 'content-format.md');

type AnySchema = z.core.$ZodType;

/**
 * Every field path of a schema as the doc writes it: `report.date`,
 * `events[].title`, `indicators.items[].fact`. Walks objects and list
 * elements through optional/default/nullable wrappers (keysAt does that).
 */
function fieldPaths(schema: AnySchema): string[] {
  const out: string[] = [];
  const walk = (path: PropertyKey[], shown: string) => {
    for (const key of keysAt(schema, path)) {
      const name = shown ? `${shown}.${key}` : key;
      out.push(name);
      walk([...path, key], name);
      walk([...path, key, 0], `${name}[]`);
    }
  };
  walk([], '');
  return out;
}

/** Paths the doc does not name in backticks. */
function undocumented(schema: AnySchema, doc: string): string[] {
  return fieldPaths(schema).filter((p) => !doc.includes(`\`${p}\``));
}

/** Field paths from the JSON Schema for editors (`schema/content.schema.json`). */
function jsonSchemaPaths(node: Record<string, unknown>, shown = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries((node['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
    const name = shown ? `${shown}.${key}` : key;
    out.push(name, ...jsonSchemaPaths(child, name));
    if (child['items']) out.push(...jsonSchemaPaths(child['items'] as Record<string, unknown>, `${name}[]`));
  }
  return out;
}

describe('docs/content-format.md and the content schema', () => {
  const doc = readFileSync(FORMAT_DOC, 'utf8');

  it('the walk finds every field the editor schema has (nothing hides in a wrapper)', () => {
    const json = JSON.parse(readFileSync(join(ROOT, 'schema', 'content.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(fieldPaths(ContentSchema).sort()).toEqual(jsonSchemaPaths(json).sort());
    expect(fieldPaths(ContentSchema)).toEqual(
      expect.arrayContaining([
        'report.date',
        'events[].items',
        'indicators.items[].better',
        'direction.responsible.name',
      ]),
    );
  });

  it('names every field of src/content/schema.ts by its full path', () => {
    expect(undocumented(ContentSchema, doc)).toEqual([]);
  });

  it('would fail for a field added to the schema and not documented, at the top or deep inside', () => {
    const withTop = z.strictObject({ ...ContentSchema.shape, sources: z.string().optional() });
    expect(undocumented(withTop, doc)).toEqual(['sources']);
    const deeper = z.strictObject({
      ...ContentSchema.shape,
      indicators: z.strictObject({
        ...ContentSchema.shape.indicators.shape,
        items: z.array(z.strictObject({ ...IndicatorSchema.shape, source: z.string().optional() })),
      }),
    });
    expect(undocumented(deeper, doc)).toEqual(['indicators.items[].source']);
  });

  it("links the officials' guide, which links back", () => {
    expect(doc).toContain('](guide.md)');
    expect(readFileSync(join(ROOT, 'docs', 'guide.md'), 'utf8')).toContain('](content-format.md)');
  });
});

// ---------------------------------------------------------------------------
// Links and paths.

/** Heading anchors of a markdown text, as GitHub makes them. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(
    new Lexer()
      .lex(markdown)
      .filter((t): t is Tokens.Heading => t.type === 'heading')
      .map((t) => slugger.slug(t.text)),
  );
}

/** Every link and image target of a markdown text (not inside code). */
function linksOf(markdown: string): string[] {
  const out: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'link' || t.type === 'image') out.push((t as Tokens.Link).href);
      const children = [
        ...((t as { tokens?: Token[] }).tokens ?? []),
        ...(((t as Tokens.List).items as Token[] | undefined) ?? []),
        ...((t as Tokens.Table).header?.flatMap((c) => c.tokens) ?? []),
        ...((t as Tokens.Table).rows?.flat().flatMap((c) => c.tokens) ?? []),
      ];
      visit(children);
    }
  };
  visit(new Lexer().lex(markdown));
  return out;
}

/** Paths written in the text that only exist on some machine: a clone has none of them. */
const MACHINE_PATHS = /(?:\.\.\/)+shared\b|(?<![\w.])\/(?:work|home|Users|root|mnt|srv|opt)\/|\b[A-Za-z]:\\/g;

/** What is wrong with the links of `file` (a markdown file inside `root`). */
function linkProblems(root: string, file: string, markdown: string): string[] {
  const problems: string[] = [];
  const name = relative(root, file);
  for (const m of markdown.matchAll(MACHINE_PATHS)) problems.push(`${name}: путь вне репозитория «${m[0]}»`);
  for (const href of linksOf(markdown)) {
    if (/^(https?:|mailto:)/i.test(href)) continue;
    const [pathPart = '', anchor] = href.split('#', 2) as [string, string | undefined];
    const path = decodeURIComponent(pathPart);
    if (path === '') {
      if (anchor !== undefined && !anchorsOf(markdown).has(anchor))
        problems.push(`${name}: нет заголовка для «#${anchor}»`);
      continue;
    }
    if (isAbsolute(path) || /^[a-z]+:/i.test(path)) {
      problems.push(`${name}: абсолютная ссылка «${href}»`);
      continue;
    }
    const target = resolve(dirname(file), path);
    const inside = relative(root, target);
    if (inside.startsWith('..') || isAbsolute(inside)) problems.push(`${name}: ссылка ведёт из репозитория «${href}»`);
    else if (!existsSync(target)) problems.push(`${name}: нет файла «${href}»`);
    else if (
      anchor !== undefined &&
      target.endsWith('.md') &&
      statSync(target).isFile() &&
      !anchorsOf(readFileSync(target, 'utf8')).has(anchor)
    ) {
      problems.push(`${name}: в ${inside} нет заголовка для «#${anchor}»`);
    }
  }
  return problems;
}

describe('README.md, the engineering docs and docs/*.md point only inside the repository', () => {
  const files = [
    ...['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', join('bench', 'README.md')].map((f) => join(ROOT, f)),
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(ROOT, 'docs', f)),
  ];

  it('covers the README, the engineering docs and the guides', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining([
        'README.md',
        'ARCHITECTURE.md',
        'CONTRIBUTING.md',
        join('bench', 'README.md'),
        join('docs', 'content-format.md'),
        join('docs', 'guide.md'),
        join('docs', 'install.md'),
      ]),
    );
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))(
    '%s: every link resolves to a file (and heading) of the repository',
    (_, file) => {
      const markdown = readFileSync(file, 'utf8');
      expect(linksOf(markdown).length).toBeGreaterThan(0);
      expect(linkProblems(ROOT, file, markdown)).toEqual([]);
    },
  );

  it('finds each kind of bad link (the check can fail)', () => {
    const file = join(ROOT, 'docs', 'example.md');
    const bad = [
      '# Заголовок',
      'См. `../shared/spec/content-format.md` и /work/shared/notes.',
      '[спецификация](../../shared/spec/content-format.md)',
      '[абсолютный](/etc/passwd)',
      '[файл Windows](C:/Users/x.md)',
      '[нет файла](missing.md)',
      '[картинка](preview/none.png)',
      '![есть](preview/1-title.png)',
      '[якорь](#нет-такого)',
      '[свой якорь](#заголовок)',
      '[в другом файле](guide.md#нет-такого)',
      '[есть в другом](guide.md#что-нужно)',
      '[сайт](https://example.org/x)',
      '```',
      '[в коде не ссылка](../../outside.md)',
      '```',
    ].join('\n');
    expect(linkProblems(ROOT, file, bad)).toEqual([
      'docs/example.md: путь вне репозитория «../shared»',
      'docs/example.md: путь вне репозитория «/work/»',
      'docs/example.md: путь вне репозитория «../../shared»',
      'docs/example.md: путь вне репозитория «/Users/»',
      'docs/example.md: ссылка ведёт из репозитория «../../shared/spec/content-format.md»',
      'docs/example.md: абсолютная ссылка «/etc/passwd»',
      'docs/example.md: абсолютная ссылка «C:/Users/x.md»',
      'docs/example.md: нет файла «missing.md»',
      'docs/example.md: нет файла «preview/none.png»',
      'docs/example.md: нет заголовка для «#нет-такого»',
      'docs/example.md: в docs/guide.md нет заголовка для «#нет-такого»',
    ]);
  });
});
