/** `itogi preview` opens its page itself: the system's opener, never with --no-open nor without a terminal. */
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/options.js';
import { openBrowser, openerFor } from '../../src/preview/open.js';

function recorder(fail = false) {
  const calls: [string, string[]][] = [];
  const lines: string[] = [];
  const spawn = (command: string, args: string[]) => {
    calls.push([command, args]);
    return {
      on: (_: 'error', listener: (e: Error) => void) => (fail ? listener(new Error('ENOENT')) : undefined),
      unref: () => {},
    };
  };
  return { calls, lines, spawn, err: (l: string) => lines.push(l) };
}

describe('openBrowser', () => {
  const url = 'http://127.0.0.1:4870/';

  it('each system’s own opener', () => {
    expect(openerFor(url, 'linux')).toEqual(['xdg-open', [url]]);
    expect(openerFor(url, 'darwin')).toEqual(['open', [url]]);
    expect(openerFor('http://h/?a&b', 'win32')).toEqual(['cmd', ['/c', 'start', '""', 'http://h/?a^&b']]);
  });

  it('opens from a terminal; not with --no-open, not without a terminal', () => {
    const r = recorder();
    expect(openBrowser(url, { interactive: true, err: r.err, platform: 'linux', spawn: r.spawn })).toBe(true);
    expect(openBrowser(url, { interactive: true, noOpen: true, err: r.err, spawn: r.spawn })).toBe(false);
    expect(openBrowser(url, { interactive: false, err: r.err, spawn: r.spawn })).toBe(false);
    expect(r.calls).toEqual([['xdg-open', [url]]]);
  });

  it('no opener on the system: one line with the address, the preview goes on', () => {
    const r = recorder(true);
    openBrowser(url, { interactive: true, err: r.err, platform: 'linux', spawn: r.spawn });
    expect(r.lines).toEqual([`Не удалось открыть браузер (xdg-open); откройте адрес вручную: ${url}`]);
  });

  it('--no-open is a preview option', () => {
    expect(parseCli(['preview', '--no-open'])).toMatchObject({ kind: 'run', command: 'preview', noOpen: true });
    expect(parseCli(['preview'])).not.toHaveProperty('noOpen');
    expect(parseCli(['build', '--no-open'])).toMatchObject({ kind: 'usage-error' });
  });
});
