/**
 * What reaches the terminal: a file name or text with escape sequences or
 * bidi controls is printed visibly escaped, never acted on by the terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/cli.js';
import { builtBin } from '../helpers/built.js';

describe('terminalSafe', () => {
  it.each([
    ['plain Russian text', 'content/2023/экономика.yaml: ошибка', 'content/2023/экономика.yaml: ошибка'],
    ['an escape sequence', 'a\x1b[2Jb.yaml', 'a\\u{1B}[2Jb.yaml'],
    ['a C1 control', 'a\x9bb', 'a\\u{9B}b'],
    ['a bidi override', 'a\u202Eb', 'a\\u{202E}b'],
    ['a tab stays', 'a\tb', 'a\tb'],
  ])('%s', (_, line, shown) => {
    expect(terminalSafe(line)).toBe(shown);
  });

  it('a file named with an escape sequence: the installed command prints it escaped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itogi-terminal-'));
    try {
      const name = 'x\x1b[31mred.yaml';
      writeFileSync(join(dir, name), 'report: [');
      const run = spawnSync(process.execPath, [builtBin(), 'check', name], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(run.stderr).toContain('x\\u{1B}[31mred.yaml');
      expect(run.stderr).not.toContain('\x1b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
