/**
 * The lock file is what `npm ci` and a fresh `npm install` read: if its root
 * entry disagrees with package.json (a stale `bin`, a changed range), npm
 * rewrites it on install and the clone is no longer clean. `.ci/run` also
 * proves it the slow way: a fresh clone, `npm install`, `git status`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const installed = (name: string): string =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * Exact versions, no caret: the code patches around their internals, so an
 * upgrade must be a deliberate change that the tests named here then judge.
 */
const PINNED: Record<string, string> = {
  // src/render/package.ts repairs pptxgenjs 4.0.1's output (tests/render/package.test.ts checks each trigger is still there).
  pptxgenjs: 'tests/render/package.test.ts',
  // src/render/package/pptxParts.ts reads each JSZip entry's `_data` (tests/render/package/pptxParts.test.ts).
  jszip: 'tests/render/package/pptxParts.test.ts',
  // src/errors/zodMap.ts words zod's issue codes and params in Russian and imports its English locale by file
  // path; its toJSONSchema output is the committed schema (tests/content/located-errors.test.ts, schema-file.test.ts).
  zod: 'tests/content/located-errors.test.ts',
  // The font files the layout measures with: new metrics move line breaks (tests/layout/measure.test.ts).
  '@expo-google-fonts/arimo': 'tests/layout/measure.test.ts',
  // src/sheet/xlsx.ts imports exceljs's own lib/doc/workbook.js, a path its package does not promise.
  exceljs: 'tests/sheet/import.test.ts',
};

describe('package-lock.json', () => {
  it('has a root entry npm would write for this package.json', () => {
    const root = lock.packages[''];
    for (const key of ['name', 'version', 'license', 'bin', 'engines', 'dependencies', 'devDependencies'])
      expect(root[key], key).toEqual(pkg[key]);
    expect(lock.name).toBe(pkg.name);
    expect(lock.version).toBe(pkg.version);
  });

  it('locks every direct dependency to what node_modules holds', () => {
    const names = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    for (const name of names) {
      const locked = lock.packages[`node_modules/${name}`];
      expect(locked, name).toBeDefined();
      expect(installed(name), name).toBe(locked.version);
    }
  });
});

describe.each(Object.entries(PINNED))('%s', (name, guard) => {
  it(`is pinned to one exact version (an upgrade is judged by ${guard})`, () => {
    const range: string = pkg.dependencies[name];
    expect(range).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages[`node_modules/${name}`].version).toBe(range);
    expect(installed(name)).toBe(range);
  });
});

it('pins pptxgenjs to 4.0.1, the version the package repairs were written for', () => {
  expect(pkg.dependencies.pptxgenjs).toBe('4.0.1');
});
