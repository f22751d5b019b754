/**
 * The watcher on its own: a single file whose folder also holds templates/
 * (the usual `itogi preview x.yaml` in a project folder) still hears a
 * template save, while other files of that folder stay silent; and a write
 * that chokidar does not report (a second write within its 50 ms throttle of
 * a path) still reaches whoever reads the file on each report.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
      secondLookMs: 20,
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

describe('the second look', () => {
  /** A folder watched as `itogi preview content` does; every report read back as the loop would. */
  async function watchedFolder(secondLookMs?: number) {
    dir = await mkdtemp(join(tmpdir(), 'itogi-watcher-'));
    const file = join(dir, 'one.yaml');
    await writeFile(file, 'fact: 1\n');
    const reads: string[] = [];
    const reports: Changes[] = [];
    watcher = await watchSources({
      folders: [dir],
      files: [],
      templateRoots: [],
      onChanges: (c) => {
        reports.push(c);
        if (c.files.has(file)) void readFile(file, 'utf8').then((t) => reads.push(t));
      },
      onError: (e) => {
        throw e;
      },
      ...(secondLookMs !== undefined ? { secondLookMs } : {}),
    });
    return { file, reads, reports };
  }
  const until = async (what: string, ok: () => boolean) => {
    const end = Date.now() + 10_000;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('two writes 15 ms apart (chokidar reports one): the last one is still read', async () => {
    const { file, reads } = await watchedFolder();
    await writeFile(file, 'fact: 2\n');
    await new Promise((r) => setTimeout(r, 15));
    await writeFile(file, 'fact: 3\n');
    await until('the second write to be read', () => reads.includes('fact: 3\n'));
  });

  it('an empty-then-full save: the full text is read', async () => {
    const { file, reads } = await watchedFolder();
    await writeFile(file, '');
    await new Promise((r) => setTimeout(r, 15));
    await writeFile(file, 'fact: 4\n');
    await until('the full text to be read', () => reads.includes('fact: 4\n'));
  });

  it('a file that does not change after its event: reported once, no second report', async () => {
    const { file, reports } = await watchedFolder(20);
    await writeFile(file, 'fact: 5\n');
    await until('the report', () => reports.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(reports.map((c) => ({ files: [...c.files], secondLook: [...c.secondLook] }))).toEqual([
      { files: [file], secondLook: [] },
    ]);
  });
});

describe('right after the watcher is ready', () => {
  // chokidar 5 says `ready` early when a watched root does not exist (templates/ usually does not).
  it('with templates/ missing, a save made at once is heard', async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-watcher-'));
    const file = join(dir, 'content', '2023', 'one.yaml');
    await mkdir(join(dir, 'content', '2023'), { recursive: true });
    await writeFile(file, 'fact: 1\n');
    const seen: Changes[] = [];
    watcher = await watchSources({
      folders: [join(dir, 'content')],
      files: [],
      templateRoots: [join(dir, 'templates')],
      onChanges: (c) => seen.push(c),
      onError: (e) => {
        throw e;
      },
    });
    await rename(file, `${file}~`);
    await writeFile(file, 'fact: 2\n');
    await rm(`${file}~`);
    await nextChanges(seen, (c) => c.files.has(file));
    // And templates/ made later is watched.
    await mkdir(join(dir, 'templates', 't1'), { recursive: true });
    await new Promise((r) => setTimeout(r, 200));
    await writeFile(join(dir, 'templates', 't1', 'template.yaml'), 'name: t1\n');
    await nextChanges(seen, (c) => c.templates);
  });
});
