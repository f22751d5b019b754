/**
 * `itogi watch` as a user runs it: the compiled CLI in its own process, a temp
 * copy of the seed, Ctrl+C (SIGINT) at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '../deck/build.js';
import { builtBinModule } from '../helpers/built.js';
import { openPptx, slideTexts } from '../helpers/pptx.js';
import { edited, seedCopy, type SeedCopy } from '../preview/fixture.js';

const DECK = join('output', '2023', 'institutional-environment.pptx');
const FACT = '      fact: 80.4';
/** Bounds each wait; a rebuild takes about a second. */
const WAIT_MS = 30_000;

async function until(what: string, ok: () => Promise<boolean> | boolean): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deckText(path: string): Promise<string> {
  const pkg = await openPptx(await readFile(path));
  return normalize(pkg.slides.flatMap(slideTexts).join('\n'));
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('itogi watch', () => {
  let seed: SeedCopy;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exit: Promise<number | null>;

  beforeAll(async () => {
    seed = await seedCopy('itogi-watch-');
    child = spawn(process.execPath, [builtBinModule(), 'watch'], {
      cwd: seed.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    exit = new Promise((r) => child.on('exit', (code) => r(code)));
    await until('the watch to start', () => stdout.includes('Слежу за изменениями'));
  }, 300_000);
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await seed?.remove();
  });

  it('builds the decks at start', async () => {
    expect(stdout).toContain(`content/2023/institutional-environment.yaml → ${DECK}`);
    expect(await deckText(join(seed.dir, DECK))).toContain('111,7 %');
  });

  it('an edit rewrites the deck', async () => {
    await writeFile(seed.file, edited(seed.text, FACT, '      fact: 63'));
    await until('the new deck', async () => (await deckText(join(seed.dir, DECK))).includes('87,5 %'));
  });

  it('a deck that cannot be written: a Russian line naming it, still running; written at the next event once free', async () => {
    const deck = join(seed.dir, DECK);
    // A folder where the deck should be: the rename over it fails, like a deck open in PowerPoint.
    await rm(deck);
    await mkdir(join(deck, 'locked'), { recursive: true });
    await writeFile(seed.file, edited(seed.text, FACT, '      fact: 70'));
    await until('the write failure', () => stderr.includes(DECK));
    const line = stderr.split('\n').find((l) => l.includes(DECK))!;
    expect(line).toMatch(
      /^output\/2023\/institutional-environment\.pptx: ошибка: .*EISDIR.* Презентация будет записана при следующем сохранении$/,
    );
    expect(child.exitCode).toBeNull();

    // Freed, then any later event (here: another direction saved) writes the pending deck.
    await rm(deck, { recursive: true });
    const other = edited(seed.text, 'id: institutional-environment', 'id: second-direction');
    await writeFile(join(seed.dir, 'content', '2023', 'second.yaml'), other);
    await until('the pending deck', async () => (await files(join(seed.dir, 'output'))).includes(deck));
    expect(await deckText(deck)).toContain('97,2 %');
    await until('the other deck', async () =>
      (await files(join(seed.dir, 'output'))).includes(join(seed.dir, 'output', '2023', 'second-direction.pptx')),
    );
  });

  it('a broken save is reported with its line and column; the deck on disk stays as it was', async () => {
    const before = await readFile(join(seed.dir, DECK));
    await writeFile(seed.file, edited(seed.text, '      plan: 72', '      plan: семьдесят'));
    await until('the error', () => stderr.includes('content/2023/institutional-environment.yaml:44:13: ошибка:'));
    expect((await readFile(join(seed.dir, DECK))).equals(before)).toBe(true);
  });

  it('Ctrl+C: exit 0, no temp files left', async () => {
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    const left = (await files(seed.dir)).filter((f) => f.endsWith('.tmp'));
    expect(left).toEqual([]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
