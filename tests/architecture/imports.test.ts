/**
 * Issue 10 §2: each stage of the pipeline imports only from the stages
 * before it (tests/architecture/stages.ts has the order). A new import from a
 * later stage fails here; the imports that already did when this test
 * landed are listed below, each with why, and are to be removed as they are
 * fixed (the list must not go stale: an entry that no longer occurs fails).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, stageOf, violations } from './stages.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** `from -> to`, as src-relative paths. */
const ALLOWED: readonly string[] = [
  // `itogi new` writes dates and numbers in a new file the way the deck shows them.
  'src/content/scaffold.ts -> src/compute/format.ts',
  // The library re-exports runCli for embedders (a door next to a door rather than a back edge, but against the order).
  'src/index.ts -> src/cli.ts',
  // The batch runner prints with the CLI's report and city-summary formatters.
  'src/batch/run.ts -> src/cli/report.ts',
  'src/batch/run.ts -> src/cli/summary.ts',
];

function sources(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

describe('import direction in src/', () => {
  const found = violations(sources('src'));
  const key = (v: { from: string; to: string }) => `${v.from} -> ${v.to}`;

  it('has no import from a later stage beyond the listed ones', () => {
    expect(
      found.filter((v) => !ALLOWED.includes(key(v))).map((v) => `${v.from}:${v.line} -> ${v.to} (${v.why})`),
    ).toEqual([]);
  });

  it('lists only violations that still occur', () => {
    expect(ALLOWED.filter((a) => !found.some((v) => key(v) === a))).toEqual([]);
  });
});

describe('the checker', () => {
  it.each([
    ['src/errors.ts', 'shared'],
    ['src/source/yaml.ts', 'shared'],
    ['src/content/load.ts', 'load'],
    ['src/template/load.ts', 'load'],
    ['src/render/html/client.ts', 'render'],
    ['src/cli/options.ts', 'cli'],
    ['src/bin.ts', 'cli'],
  ])('places %s in the %s stage', async (file, stage) => {
    const { STAGES } = await import('./stages.js');
    expect(STAGES[stageOf(file)!]!.name).toBe(stage);
  });

  it('reads every kind of import, type-only, re-exports and import() included; packages are not modules', () => {
    const text = [
      "import { a } from '../layout/model.js';",
      "import type { B } from './b.js';",
      'import {',
      '  c,',
      "} from '../render/pptx.js';",
      "export * from '../output/write.js';",
      "const d = await import('../api.js');",
      "type E = import('../compute/city.js').E;",
      "import ts from 'typescript';",
    ].join('\n');
    expect(importsOf('src/compute/x.ts', text).map((i) => `${i.line}:${i.to}`)).toEqual([
      '1:src/layout/model.ts',
      '2:src/compute/b.ts',
      '3:src/render/pptx.ts',
      '6:src/output/write.ts',
      '7:src/api.ts',
      '8:src/compute/city.ts',
    ]);
  });

  it('lets a module import its own stage and earlier ones', () => {
    const modules = new Map([
      ['src/layout/slides.ts', "import { x } from '../compute/direction.js';\nimport { y } from './model.js';"],
      ['src/render/pptx.ts', "import { e } from '../errors.js';\nimport { t } from '../template/schema.js';"],
      ['src/preview/server.ts', "import { b } from '../batch/failures.js';"],
    ]);
    expect(violations(modules)).toEqual([]);
  });

  it('fails an import from a later stage, naming the file, the line and both stages', () => {
    const modules = new Map([['src/layout/measure.ts', "// fonts\nimport { f } from '../render/chart.js';"]]);
    expect(violations(modules)).toEqual([
      {
        from: 'src/layout/measure.ts',
        to: 'src/render/chart.ts',
        line: 2,
        why: 'layout imports the later stage render',
      },
    ]);
  });

  it('fails a template importing content, though both are loaded in one stage', () => {
    const modules = new Map([['src/template/load.ts', "import { loadYaml } from '../content/load.js';"]]);
    expect(violations(modules).map((v) => v.why)).toEqual(['a template must not import content']);
  });

  it('fails a module no stage claims', () => {
    expect(violations(new Map([['src/misc.ts', '']])).map((v) => v.why)).toEqual([
      'module in no stage: add it to STAGES',
    ]);
  });
});
