/**
 * Issue 10 §2: each stage imports only from stages before it. The YAML source
 * loader is shared by content and templates, so it lives in src/source/ and
 * imports nothing from a later stage; templates no longer reach into content.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*?from '([^']+)'/gm)].map((m) => m[1]!);
}

describe('one-way imports around the source loader', () => {
  it('src/source/ imports only node:, yaml, zod, its own modules, errors.ts and the zod error map', async () => {
    const files = (await readdir(join(ROOT, 'src', 'source'))).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      for (const spec of await importsOf(join('src', 'source', f))) {
        expect([f, spec]).toEqual([
          f,
          // errors/zodMap.ts is imported directly: it loads zod, and errors.ts is on every path.
          expect.stringMatching(/^(node:|yaml$|zod$|\.\/|\.\.\/errors\.js$|\.\.\/errors\/zodMap\.js$)/),
        ]);
      }
    }
  });

  it('src/template/load.ts does not import from src/content/', async () => {
    const specs = await importsOf(join('src', 'template', 'load.ts'));
    expect(specs.filter((s) => s.includes('/content/'))).toEqual([]);
    expect(specs).toContain('../source/read.js');
  });
});
