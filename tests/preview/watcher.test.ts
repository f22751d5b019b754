/**
 * The watcher on its own: a single file whose folder also holds templates/
 * (the usual `itogi preview x.yaml` in a project folder) still hears a
 * template save, while other files of that folder stay silent.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSources, type Changes, type SourceWatcher } from '../../src/preview/watcher.js';

let dir: string;
let watcher: SourceWatcher | undefined;
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with the first batch of changes that `accept` takes. */
function nextChanges(seen: Changes[], accept: (c: Changes) => boolean): Promise<Changes> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = seen.find(accept);
      if (found) return resolve(found);
      if (Date.now() - started > 10_000)
        return reject(
          new Error(
            `no such change: ${JSON.stringify(seen.map((c) => ({ files: [...c.files], templates: c.templates })))}`,
          ),
        );
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('watchSources', () => {
  it('a single file beside templates/: a template save is heard, a neighbour YAML is not', async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-watcher-'));
    const file = join(dir, 'one.yaml');
    const template = join(dir, 'templates', 't1', 'template.yaml');
    await writeFile(file, 'a: 1\n');
    await mkdir(join(dir, 'templates', 't1'), { recursive: true });
    await writeFile(template, 'name: t1\n');
    const seen: Changes[] = [];
    watcher = await watchSources({
      folders: [],
      files: [file],
      templateRoots: [join(dir, 'templates')],
      onChanges: (c) => seen.push(c),
      onError: (e) => {
        throw e;
      },
      debounceMs: 20,
    });

    await writeFile(join(dir, 'other.yaml'), 'b: 2\n');
    await writeFile(template, 'name: t1\n# saved\n');
    const withTemplate = await nextChanges(seen, (c) => c.templates);
    expect(withTemplate.templates).toBe(true);
    expect(seen.flatMap((c) => [...c.files])).not.toContain(join(dir, 'other.yaml'));

    await writeFile(file, 'a: 2\n');
    const withFile = await nextChanges(seen, (c) => c.files.has(file));
    expect([...withFile.files]).toEqual([file]);
  });
});
