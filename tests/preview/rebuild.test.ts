/**
 * The watch loop's pace (changeQueue): one batch at a time, and what the
 * watcher reports while one runs merged into a single next batch. Driven by
 * deferred promises, no timers.
 */
import { describe, expect, it } from 'vitest';
import { changeQueue } from '../../src/preview/rebuild.js';
import type { Changes } from '../../src/preview/watcher.js';

const changes = (files: string[], o: { templates?: boolean; secondLook?: string[] } = {}): Changes => ({
  files: new Set(files),
  templates: o.templates ?? false,
  secondLook: new Set(o.secondLook ?? []),
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
