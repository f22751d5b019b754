/**
 * The watch loop's pace (changeQueue): one batch at a time, and what the
 * watcher reports while one runs merged into a single next batch. Driven by
 * deferred promises, no timers. And which reports tell a file's last
 * rebuild nothing new (seenAlready), by their times and the file's text.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeQueue, type LastRead, seenAlready } from '../../src/preview/rebuild.js';
import type { Changes } from '../../src/preview/watcher.js';

const changes = (files: string[], o: { templates?: boolean; secondLook?: string[]; at?: number } = {}): Changes => ({
  files: new Set(files),
  templates: o.templates ?? false,
  secondLook: new Set(o.secondLook ?? []),
  at: o.at ?? 0,
});
const plain = (c: Changes) => ({ files: [...c.files].sort(), templates: c.templates, secondLook: [...c.secondLook] });

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('changeQueue', () => {
  it('reports during a run: merged into one next batch, never two runs at once', async () => {
    const runs: ReturnType<typeof plain>[] = [];
    const gates = [deferred(), deferred()];
    let running = 0;
    let overlapped = false;
    const queue = changeQueue(
      async (c) => {
        overlapped ||= running > 0;
        running++;
        runs.push(plain(c));
        await gates[runs.length - 1]?.promise;
        running--;
      },
      () => undefined,
    );
    queue.changed(changes(['/a.yaml']));
    await Promise.resolve();
    // The first run is going: these three wait, together.
    queue.changed(changes(['/a.yaml']));
    queue.changed(changes(['/b.yaml'], { secondLook: ['/b.yaml'] }));
    queue.changed(changes([], { templates: true }));
    gates[0]!.resolve();
    gates[1]!.resolve();
    await queue.idle();
    expect(overlapped).toBe(false);
    expect(runs).toEqual([
      { files: ['/a.yaml'], templates: false, secondLook: [] },
      { files: ['/a.yaml', '/b.yaml'], templates: true, secondLook: ['/b.yaml'] },
    ]);
  });

  it('a file reported by an event and by a second look is not a second look any more', async () => {
    const runs: ReturnType<typeof plain>[] = [];
    const gate = deferred();
    const queue = changeQueue(
      async (c) => {
        runs.push(plain(c));
        if (runs.length === 1) await gate.promise;
      },
      () => undefined,
    );
    queue.changed(changes(['/x.yaml']));
    await Promise.resolve();
    queue.changed(changes(['/a.yaml', '/b.yaml'], { secondLook: ['/a.yaml', '/b.yaml'] }));
    queue.changed(changes(['/a.yaml']));
    gate.resolve();
    await queue.idle();
    expect(runs[1]).toEqual({ files: ['/a.yaml', '/b.yaml'], templates: false, secondLook: ['/b.yaml'] });
  });

  it('a job that throws: one line, and the next batch still runs', async () => {
    const lines: string[] = [];
    const seen: string[] = [];
    const queue = changeQueue(
      async (c) => {
        seen.push(...c.files);
        if (c.files.has('/bad.yaml')) throw new Error('boom');
      },
      (l) => lines.push(l),
    );
    queue.changed(changes(['/bad.yaml']));
    await queue.idle();
    queue.changed(changes(['/good.yaml']));
    await queue.idle();
    expect(seen).toEqual(['/bad.yaml', '/good.yaml']);
    expect(lines).toEqual(['itogi: внутренняя ошибка: boom']);
  });
});

describe('seenAlready', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-seen-'));
    file = join(dir, 'a.yaml');
    await writeFile(file, 'fact: 2\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // The last rebuild read from 100 to 150; the file now holds 'fact: 2'. Its stamp then: now's, or another.
  const last = async (text: string, same: boolean): Promise<LastRead> => {
    const s = await stat(file);
    return {
      text,
      stamp: same ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : 'written since',
      readAt: 100,
      doneAt: 150,
    };
  };
  it.each([
    ['reported before the read: it read what was written', { at: 90 }, 'fact: 1\n', false, true],
    ['reported while it ran, text as read: the same save', { at: 120 }, 'fact: 2\n', false, true],
    ['reported while it ran, text changed since: rebuilt', { at: 120 }, 'fact: 1\n', false, false],
    ['reported after it, text as read, nothing written since: a late event', { at: 200 }, 'fact: 2\n', true, true],
    [
      'reported after it, text as read but written since: a save again, rebuilt',
      { at: 200 },
      'fact: 2\n',
      false,
      false,
    ],
    ['reported after it, text changed: rebuilt', { at: 200 }, 'fact: 1\n', true, false],
    ['a second look after it, text as read: nothing new', { at: 200, secondLook: true }, 'fact: 2\n', false, true],
    ['a second look after it, text changed: rebuilt', { at: 200, secondLook: true }, 'fact: 1\n', false, false],
    ['a template changed: rebuilt', { at: 90, templates: true }, 'fact: 2\n', true, false],
  ] as const)('%s', async (_, o, text, sameStamp, expected) => {
    const c = changes([file], { ...o, secondLook: 'secondLook' in o ? [file] : [] });
    expect(await seenAlready(file, c, await last(text, sameStamp))).toBe(expected);
  });

  it('never built: rebuilt', async () => {
    expect(await seenAlready(file, changes([file], { at: 90 }), undefined)).toBe(false);
  });
});
