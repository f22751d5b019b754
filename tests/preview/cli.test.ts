/** `itogi preview` / `itogi watch` from the command line: parsing, and a run stopped as Ctrl+C would stop it. */
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/options.js';
import { runLive } from '../../src/preview/cli.js';
import { runItogi } from '../helpers/cli.js';
import { SEED_REL, seedCopy } from './fixture.js';

describe('parsing', () => {
  it.each([
    [['preview'], { command: 'preview', paths: ['content'] }],
    [
      ['preview', 'content/2023/x.yaml', '--port', '0'],
      { command: 'preview', paths: ['content/2023/x.yaml'], port: 0 },
    ],
    [['preview', '-p', '8080', '--host', '0.0.0.0'], { command: 'preview', port: 8080, host: '0.0.0.0' }],
    [['watch', 'content', 'more', '--out', 'decks'], { command: 'watch', paths: ['content', 'more'], out: 'decks' }],
  ])('%j', (argv, expected) => {
    expect(parseCli(argv)).toMatchObject({ kind: 'run', ...expected });
  });

  it.each([
    [['preview', '--port', 'abc'], '--port: «abc» — укажите номер порта от 0 до 65535 (0 — любой свободный)'],
    [['preview', '--port', '70000'], '--port: «70000» — укажите номер порта от 0 до 65535 (0 — любой свободный)'],
    [['preview', '--port=-1'], '--port: «-1» — укажите номер порта от 0 до 65535 (0 — любой свободный)'],
    [['preview', '--host', 'a b'], '--host: «a b» — укажите IP-адрес этого компьютера, например 0.0.0.0 (все сети)'],
    [['preview', 'a', 'b'], 'команде preview нужен один путь: файл направления или папка'],
    [['build', '--port', '1'], 'параметр --port не относится к команде build: он есть у команды preview'],
    [['watch', '--host', '0.0.0.0'], 'параметр --host не относится к команде watch: он есть у команды preview'],
    [
      ['preview', '--out', 'x'],
      'параметр --out не относится к команде preview: он есть у команд build, watch, export и publish',
    ],
  ])('%j → usage error', (argv, message) => {
    expect(parseCli(argv)).toEqual({ kind: 'usage-error', message });
  });

  it('wrong usage exits 2 before anything starts', async () => {
    const { code, err } = await runItogi(['preview', '--port', 'x']);
    expect(code).toBe(2);
    expect(err[1]).toBe('Справка: itogi --help');
  });
});

describe('a run, stopped', () => {
  it('preview: prints its address, serves, and exits 0 when stopped', async () => {
    const seed = await seedCopy('itogi-preview-cli-');
    try {
      const out: string[] = [];
      const err: string[] = [];
      let stop!: () => void;
      const stopped = new Promise<void>((r) => (stop = r));
      const request = parseCli(['preview', SEED_REL, '--port', '0']);
      if (request.kind !== 'run') throw new Error('parse');
      const running = runLive(request, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: seed.dir }, stopped);
      const deadline = Date.now() + 60_000;
      while (!out.some((l) => l.startsWith('Просмотр: ')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out[0] ?? '')?.[0];
      expect(out[0]).toMatch(/^Просмотр: http:\/\/127\.0\.0\.1:\d+\/ — Ctrl\+C, чтобы остановить$/);
      expect((await fetch(url!)).status).toBe(200);
      stop();
      expect(await running).toBe(0);
      expect(err).toEqual(['Остановлено.']);
      await expect(fetch(url!)).rejects.toThrow();
    } finally {
      await seed.remove();
    }
  });

  it('--host on a network address: a warning line', async () => {
    const seed = await seedCopy('itogi-preview-host-');
    try {
      const out: string[] = [];
      let stop!: () => void;
      const stopped = new Promise<void>((r) => (stop = r));
      const request = parseCli(['preview', SEED_REL, '--port', '0', '--host', '0.0.0.0']);
      if (request.kind !== 'run') throw new Error('parse');
      const running = runLive(request, { out: (l) => out.push(l), err: () => undefined, cwd: seed.dir }, stopped);
      const deadline = Date.now() + 60_000;
      while (!out.some((l) => l.startsWith('Внимание')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(out.find((l) => l.startsWith('Внимание'))).toMatch(
        /^Внимание: --host 0\.0\.0\.0 открывает просмотр для сети/,
      );
      stop();
      expect(await running).toBe(0);
    } finally {
      await seed.remove();
    }
  });
});
