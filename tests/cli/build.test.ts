/**
 * `itogi build` on broken input: exit 1, no deck written, and a deck an
 * earlier run wrote is never touched. (Good decks are tested elsewhere.)
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = 'tests/content/fixtures/broken';

/** Runs from the repository root, so templates/ is found as a user would have it. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: ROOT });
  return { code, out, err };
}

/** Every file under dir (hidden temp files included), relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('itogi build on broken files', () => {
  let tmp: string;
  let out: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'itogi-build-'));
    out = join(tmp, 'output');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('a broken file: exit 1, the located error, no file in --out', async () => {
    const { code, out: stdout, err } = await run(['build', `${BROKEN}/plan-word.yaml`, '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(err).toEqual([
      `${BROKEN}/plan-word.yaml:57:13: ошибка: indicators.items[2].plan: ожидается число, получено «семьдесят»`,
      'Собрано: 0 из 1; с ошибками: 1',
    ]);
    expect(await filesUnder(out)).toEqual([]);
  });

  it('a folder of broken files: every one reported, nothing written', async () => {
    const names = (await readdir(join(ROOT, BROKEN))).filter((f) => f.endsWith('.yaml'));
    const { code, err } = await run(['build', BROKEN, '--out', out]);
    expect(code).toBe(1);
    for (const name of names) expect(err.some((l) => l.startsWith(`${BROKEN}/${name}:`)), name).toBe(true);
    expect(err.at(-1)).toBe(`Собрано: 0 из ${names.length}; с ошибками: ${names.length}`);
    expect(await filesUnder(out)).toEqual([]);
  });

  it('a deck from an earlier run is left byte for byte when the new build of that file fails', async () => {
    const deck = join(out, '2023', 'institutional-environment.pptx');
    await mkdir(dirname(deck), { recursive: true });
    const earlier = Buffer.from('PK\u0003\u0004 a deck an earlier run wrote');
    await writeFile(deck, earlier);
    // Same report.year and direction.id as the deck, one broken value.
    for (const broken of ['plan-word', 'several-errors', 'template-missing', 'duplicate-number']) {
      const { code } = await run(['build', `${BROKEN}/${broken}.yaml`, '--out', out]);
      expect(code, broken).toBe(1);
      expect((await readFile(deck)).equals(earlier), broken).toBe(true);
    }
    expect(await filesUnder(out)).toEqual([join('2023', 'institutional-environment.pptx')]);
  });

  it('a broken copy of the file inside a content folder leaves the deck alone too', async () => {
    const content = join(tmp, 'content', '2023');
    await mkdir(content, { recursive: true });
    await copyFile(join(ROOT, BROKEN, 'unclosed-quote.yaml'), join(content, 'institutional-environment.yaml'));
    const deck = join(out, '2023', 'institutional-environment.pptx');
    await mkdir(dirname(deck), { recursive: true });
    await writeFile(deck, 'earlier');
    const { code, err } = await run(['build', join(tmp, 'content'), '--out', out]);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/institutional-environment\.yaml:62:15: ошибка: не закрыта кавычка/);
    expect(await readFile(deck, 'utf8')).toBe('earlier');
    expect(await filesUnder(out)).toEqual([join('2023', 'institutional-environment.pptx')]);
  });
});
