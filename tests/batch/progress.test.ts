/** The progress line on a terminal is redrawn below every message; without a terminal there is none. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barDisplay, plainDisplay } from '../../src/batch/progress.js';
import { runCli } from '../../src/cli.js';
import { useTempDir } from '../helpers/cli.js';
import { writeDirections } from '../helpers/directions.js';
import { emptyTally } from '../../src/batch/tally.js';

function recorder() {
  const screen: string[] = [];
  return {
    screen,
    lines: { out: (l: string) => screen.push(`out:${l}\n`), err: (l: string) => screen.push(`err:${l}\n`) },
    terminal: { write: (t: string) => screen.push(t), columns: 120 },
  };
}

describe('barDisplay', () => {
  it('is drawn from the first update; clears the bar, prints the message, draws the bar again; finish leaves a clean line', () => {
    const r = recorder();
    const display = barDisplay(r.lines, r.terminal, emptyTally(), 2);
    expect(r.screen).toEqual([]);
    display.update(emptyTally(), 2);
    display.out('a.yaml → a.pptx');
    display.update({ ...emptyTally(), built: 1 }, 2);
    display.finish();
    const bar0 = `\r\x1b[2KСборка ${'░'.repeat(20)} 0/2 · собрано 0, без изменений 0`;
    const bar1 = `\r\x1b[2KСборка ${'█'.repeat(10)}${'░'.repeat(10)} 1/2 · собрано 1, без изменений 0`;
    expect(r.screen).toEqual([bar0, '\r\x1b[2K', 'out:a.yaml → a.pptx\n', bar0, bar1, '\r\x1b[2K']);
  });
});

describe('plainDisplay', () => {
  it('passes lines through and draws nothing', () => {
    const r = recorder();
    const display = plainDisplay(r.lines);
    display.err('x');
    display.update({ ...emptyTally(), built: 1 }, 1);
    display.finish();
    expect(r.screen).toEqual(['err:x\n']);
  });
});

describe('itogi build on a terminal', () => {
  const tmp = useTempDir('itogi-progress-');

  it('counts the city summary in its total from the first bar drawn: the total never changes', async () => {
    await writeDirections(join(tmp(), 'content'), 2);
    const drawn: string[] = [];
    const code = await runCli(['build', 'content', '--out', 'decks', '--jobs', '1'], {
      out: () => undefined,
      err: () => undefined,
      cwd: tmp(),
      tty: { write: (t) => drawn.push(t), columns: 120 },
    });
    expect(code).toBe(0);
    const totals = drawn.map((t) => /Сборка \S+ (\d+)\/(\d+)/.exec(t)).filter((m) => m !== null);
    expect(totals.length).toBeGreaterThan(0);
    // two decks and the summary
    expect(new Set(totals.map((m) => m[2]))).toEqual(new Set(['3']));
    expect(totals.at(-1)![1]).toBe('3');
  });
});
