/**
 * Imports point one way (issue 10 §2): a module of layout, render or preview
 * imports only from its own stage or earlier ones, type imports included.
 * Read from the source files, so a new back-import fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

/** The pipeline in order; a module's stage is the first entry its path starts with. */
const STAGES: readonly (readonly string[])[] = [
  ['errors.ts', 'fonts.ts', 'files.ts'],
  ['content/', 'template/'],
  ['compute/'],
  ['layout/'],
  ['render/'],
  ['output/'],
  ['api.ts'],
  ['batch/', 'preview/'],
  ['cli/', 'cli.ts', 'bin.ts', 'index.ts'],
];

function stageOf(path: string): number {
  const rel = relative(SRC, path).replaceAll('\\', '/');
  const stage = STAGES.findIndex((prefixes) => prefixes.some((p) => rel === p || rel.startsWith(p)));
  if (stage < 0) throw new Error(`no stage for src/${rel}: add it to STAGES`);
  return stage;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.[^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

describe.each(['layout', 'render', 'preview'])('src/%s imports', (folder) => {
  const files = sources(join(SRC, folder));

  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s: only from its stage or earlier ones', (_name, file) => {
    const own = stageOf(file);
    const later = importsOf(file)
      .map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      .filter((target) => stageOf(target) > own)
      .map((target) => relative(SRC, target));
    expect(later).toEqual([]);
  });
});

describe('the import reader', () => {
  it('sees static, type-only, re-exported and dynamic imports', () => {
    const dir = join(SRC, 'preview');
    const file = join(dir, 'server.ts');
    expect(importsOf(file)).toContain('../api.js');
    expect(stageOf(resolve(dir, '../cli.ts'))).toBeGreaterThan(stageOf(file));
    expect(importsOf(join(SRC, 'render', 'html.ts'))).toContain('./html/bundle.js');
  });
});
