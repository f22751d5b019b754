/**
 * Help as an official meets it: the overview, each command's own help (three
 * ways to ask), suggestions for typos, the version. Help is generated from the
 * options as data, so these tests read it back and compare it with that data.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS, COMMANDS, type Command, optionShown, parseCli } from '../../src/cli/options.js';
import { ROOT, runItogi, useTempDir } from '../helpers/cli.js';

const COMMAND_NAMES = Object.keys(COMMANDS) as Command[];

/** The long options a help text lists in its «Параметры:» block (lines that start with an option). */
function listedOptions(help: string): string[] {
  const block = help.split('\n\n').find((b) => b.startsWith('Параметры:')) ?? '';
  return [...block.matchAll(/^ {2}(?:-\w, | {4})--([\w-]+)/gm)].map((m) => m[1]!);
}

/** The example commands of a help text: the lines under «Примеры:» that start with «itogi ». */
function examples(help: string): string[] {
  const block = help.split('\n\n').find((b) => b.startsWith('Примеры:')) ?? '';
  return [...block.matchAll(/^ {2}itogi (.+)$/gm)].map((m) => m[1]!);
}

describe("each command's own help", () => {
  const dir = useTempDir('itogi-help-');

  it.each(COMMAND_NAMES)(
    '%s: the same text from «help X», «X --help» and «X -h»; exit 0, nothing written',
    async (c) => {
      const asked = await Promise.all(
        [
          ['help', c],
          [c, '--help'],
          [c, '-h'],
        ].map((argv) => runItogi(argv, dir())),
      );
      for (const { code, out, err } of asked) {
        expect(code).toBe(0);
        expect(err).toEqual([]);
        expect(out).toEqual(asked[0]!.out);
      }
      expect(await readdir(dir())).toEqual([]);
    },
  );

  it.each(COMMAND_NAMES)(
    '%s: its usage line, every option it takes and no other, 2–3 examples that parse',
    async (c) => {
      const help = (await runItogi(['help', c], dir())).out.join('\n');
      expect(help.split('\n')[0]).toBe(`itogi ${c}: ${COMMANDS[c].summary}`);
      expect(help).toMatch(new RegExp(`^Использование: itogi ${c}\\b`, 'm'));
      expect(listedOptions(help)).toEqual(COMMAND_OPTIONS[c]);
      // The usage line names the same options, each with its value word.
      const usage = /^Использование: (.*)$/m.exec(help)![1]!;
      for (const name of COMMAND_OPTIONS[c]) {
        const { value } = optionShown(c, name);
        expect(usage).toContain(`[--${name}${value ? ` ${value}` : ''}]`);
      }
      const shown = examples(help);
      expect(shown.length).toBeGreaterThanOrEqual(1);
      expect(shown.length).toBeLessThanOrEqual(3);
      for (const example of shown) {
        expect(example.startsWith(`${c}`), example).toBe(true);
        const request = parseCli(example.split(' '));
        expect(request.kind, example).not.toBe('usage-error');
      }
      // Russian throughout: every line of prose has Cyrillic in it.
      expect(help).toMatch(/Примеры:/);
      expect(help).toMatch(/Код выхода|Ctrl\+C/);
    },
  );

  it('build, check and watch have at least two examples; every command that reads files says what ПУТЬ is', async () => {
    for (const c of ['build', 'check', 'watch'] as const) {
      const help = (await runItogi(['help', c], dir())).out.join('\n');
      expect(examples(help).length, c).toBeGreaterThanOrEqual(2);
      expect(help).toContain('ПУТЬ — YAML-файл или папка');
    }
  });
});

describe('the overview', () => {
  it('itogi alone prints it too, exit 0', async () => {
    const alone = await runItogi([]);
    expect(alone).toEqual(await runItogi(['--help']));
    expect(alone.code).toBe(0);
    expect(alone.err).toEqual([]);
  });

  it('itogi --help and itogi help print it: every command with its usage line, how to get a command’s help', async () => {
    const a = await runItogi(['--help']);
    const b = await runItogi(['help']);
    expect(a).toEqual(b);
    expect(a.code).toBe(0);
    const text = a.out.join('\n');
    for (const c of COMMAND_NAMES) expect(text).toContain(`  itogi ${c}`);
    expect(text).toContain('itogi help КОМАНДА');
    expect(listedOptions(text.replace('Общие параметры:', 'Параметры:'))).toEqual(['help', 'version']);
  });
});

describe('typos get a suggestion, exit 2, nothing run', () => {
  const dir = useTempDir('itogi-typo-');

  it.each([
    [['biuld'], 'itogi: неизвестная команда «biuld»', 'itogi build'],
    [['Check', 'content'], 'itogi: неизвестная команда «Check»', 'itogi check'],
    [['prevew'], 'itogi: неизвестная команда «prevew»', 'itogi preview'],
    [['hlep'], 'itogi: неизвестная команда «hlep»', 'itogi help'],
    [['help', 'biuld'], 'itogi: неизвестная команда «biuld»', 'itogi build'],
    [['biuld', '--help'], 'itogi: неизвестная команда «biuld»', 'itogi build'],
    [['build', '--outt', 'decks'], 'itogi: неизвестный параметр --outt', '--out'],
    [['build', '--no-sumary'], 'itogi: неизвестный параметр --no-sumary', '--no-summary'],
    [['check', '--verbos'], 'itogi: неизвестный параметр --verbos', '--verbose'],
    [['build', '--tempalte', 'surgut'], 'itogi: неизвестный параметр --tempalte', '--template'],
    // typed with the Russian keyboard layout on: «ишдв» is «bild» on the same keys
    [['ишдв'], 'itogi: неизвестная команда «ишдв» (в английской раскладке — «bild»)', 'itogi build'],
    [['срусл'], 'itogi: неизвестная команда «срусл» (в английской раскладке — «check»)', 'itogi check'],
    [['build', '--щге', 'decks'], 'itogi: неизвестный параметр --щге', '--out'],
    // a Russian word for the command
    [['сборка'], 'itogi: неизвестная команда «сборка»', 'itogi build'],
    [['проверить', 'content'], 'itogi: неизвестная команда «проверить»', 'itogi check'],
    [['справка'], 'itogi: неизвестная команда «справка»', 'itogi help'],
  ])('%j → %s; %s', async (argv, first, suggestion) => {
    const { code, out, err } = await runItogi(argv, dir());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(err.slice(1)).toEqual([`Возможно, вы имели в виду: ${suggestion}`, 'Справка: itogi --help']);
    expect(await readdir(dir())).toEqual([]);
  });

  it.each([
    [['frobnicate']],
    [['check', '--foo']],
    // --pdf is build's: check is not told to use it.
    [['check', '--pdff']],
    [['build', '-x']],
  ])('%j: nothing close, no suggestion', async (argv) => {
    const { code, err } = await runItogi(argv, dir());
    expect(code).toBe(2);
    expect(err).toHaveLength(2);
    expect(err[1]).toBe('Справка: itogi --help');
  });
});

describe('version', () => {
  it.each([['--version'], ['-v']])('%s prints the version from package.json', async (flag) => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, out, err } = await runItogi([flag]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([pkg.version]);
  });
});
