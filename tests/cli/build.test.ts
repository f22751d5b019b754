/**
 * `itogi build` on broken input: exit 1, no deck written, and a deck an
 * earlier run wrote is never touched. A good build from any folder: the
 * built-in template is found, a local templates/<name>/ wins.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closingLine, filesUnder, runItogi, useTempDir, WORKSPACE } from '../helpers/cli.js';
import { openPptx, plainSlideTexts } from '../helpers/pptx.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = 'tests/content/fixtures/broken';

const SEED = join(ROOT, 'tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const DUPLICATES = 'tests/cli/fixtures/duplicate-output';

/** Runs from the repository root by default, so templates/ is found as a user would have it. */
const run = runItogi;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
      `${BROKEN}/plan-word.yaml:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4`,
      closingLine({ built: 0, unchanged: 0, failed: 1, warnings: 0 }),
    ]);
    expect(await filesUnder(out)).toEqual([]);
  });

  it('a folder of broken files: every one reported, nothing written', async () => {
    const names = (await readdir(join(ROOT, BROKEN))).filter((f) => f.endsWith('.yaml'));
    const { code, err } = await run(['build', BROKEN, '--out', out]);
    expect(code).toBe(1);
    for (const name of names)
      expect(
        err.some((l) => l.startsWith(`${BROKEN}/${name}:`)),
        name,
      ).toBe(true);
    expect(err.at(-1)).toEqual(closingLine({ built: 0, unchanged: 0, failed: names.length }));
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
    expect(err[0]).toMatch(/institutional-environment\.yaml:62:13: ошибка: кавычка " открыта здесь и не закрыта/);
    expect(await readFile(deck, 'utf8')).toBe('earlier');
    expect(await filesUnder(out)).toEqual([join('2023', 'institutional-environment.pptx')]);
  });
});

describe('itogi build of a good file', () => {
  const tmp = useTempDir('itogi-build-ok-');

  it('from a folder with no templates/, on an absolute path: the built-in template, exit 0, the → line, a zip', async () => {
    const { code, out, err } = await run(['build', SEED, '--out', 'decks'], tmp());
    expect(err).toEqual([closingLine({ built: 1, unchanged: 0, failed: 0, warnings: 0 })]);
    expect(code).toBe(0);
    const deck = join('decks', '2023', 'institutional-environment.pptx');
    // Outside the current folder the content is named by its absolute path.
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(new RegExp(`^${escapeRe(SEED)} → ${escapeRe(deck)} \\(слайдов: \\d+, \\d+ КБ\\)$`));
    expect(await filesUnder(tmp())).toEqual([deck]);
    const bytes = await readFile(join(tmp(), deck));
    expect(bytes.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004'))).toBe(true);
    const pkg = await openPptx(bytes);
    expect(pkg.slides.flatMap(plainSlideTexts)).toContain('СПАСИБО ЗА ВНИМАНИЕ!');
  });

  it('a templates/surgut/ in the current folder wins over the built-in one', async () => {
    const builtIn = await readFile(join(ROOT, 'templates', 'surgut', 'template.yaml'), 'utf8');
    const local = builtIn.replace(/^(\s*)closing: .*$/m, '$1closing: ДО НОВЫХ ВСТРЕЧ, КОЛЛЕГИ!');
    expect(local).not.toBe(builtIn);
    await mkdir(join(tmp(), 'templates', 'surgut'), { recursive: true });
    await writeFile(join(tmp(), 'templates', 'surgut', 'template.yaml'), local);
    const { code, out } = await run(['build', SEED, '--out', 'decks'], tmp());
    expect(code).toBe(0);
    expect(out[0]).toContain(' → ');
    const pkg = await openPptx(await readFile(join(tmp(), 'decks', '2023', 'institutional-environment.pptx')));
    const texts = pkg.slides.flatMap(plainSlideTexts);
    expect(texts).toContain('ДО НОВЫХ ВСТРЕЧ, КОЛЛЕГИ!');
    expect(texts).not.toContain('СПАСИБО ЗА ВНИМАНИЕ!');
  });
});

describe('two files that would write the same deck', () => {
  const tmp = useTempDir('itogi-build-dup-');

  const duplicateLine = (self: string, other: string, out: string) =>
    `${DUPLICATES}/${self}:8:7: ошибка: direction.id: report.year 2023 и direction.id «institutional-environment» те же, что в ${DUPLICATES}/${other}: ` +
    `ни одна из них не собирается в ${out}/2023/institutional-environment.pptx, пока лишний файл не удалён или не переименован; у каждого направления за год должен быть свой direction.id`;

  it.each([
    ['in path order', [DUPLICATES]],
    ['named the other way round', [`${DUPLICATES}/b-second.yaml`, `${DUPLICATES}/a-first.yaml`]],
  ])('build, %s: neither is built, each is an error naming the other; exit 1', async (_, paths) => {
    const out = join(tmp(), 'decks');
    const { code, out: stdout, err } = await run(['build', ...paths, '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(new Set(err.slice(0, -1))).toEqual(
      new Set([
        duplicateLine('a-first.yaml', 'b-second.yaml', out),
        duplicateLine('b-second.yaml', 'a-first.yaml', out),
      ]),
    );
    expect(err.at(-1)).toEqual(closingLine({ built: 0, unchanged: 0, failed: 2, warnings: 0 }));
    expect(await filesUnder(out)).toEqual([]);
  });

  it('check says the same (and exits 1), so a check that passes means the build will', async () => {
    const { code, out: stdout, err } = await run(['check', DUPLICATES]);
    expect(code).toBe(1);
    expect(err).toEqual([
      duplicateLine('a-first.yaml', 'b-second.yaml', 'output'),
      duplicateLine('b-second.yaml', 'a-first.yaml', 'output'),
      'Проверено: 0 из 2; с ошибками: 2',
    ]);
    expect(stdout).toEqual([]);
  });

  it('an Explorer copy beside the real file: neither is built, and the copy is named as the likely copy', async () => {
    const dir = join(tmp(), 'content', '2023');
    await mkdir(dir, { recursive: true });
    const text = await readFile(join(ROOT, DUPLICATES, 'a-first.yaml'));
    await writeFile(join(dir, 'economy.yaml'), text);
    await writeFile(join(dir, 'economy - копия.yaml'), text);
    const { code, out: stdout, err } = await run(['build', join(tmp(), 'content'), '--out', join(tmp(), 'decks')]);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(err.filter((l) => l.includes('похоже на копию: «'))).toHaveLength(2);
    expect(await filesUnder(join(tmp(), 'decks'))).toEqual([]);
  });
});

describe('--out naming a file, not a folder: wrong usage, exit 2, nothing read or written', () => {
  const tmp = useTempDir('itogi-build-out-');

  it.each([
    [
      'an existing file',
      'report.pptx',
      '«report.pptx» — это файл, а не папка; укажите папку для презентаций, например output',
    ],
    [
      'a path under a file',
      'notes.txt/decks',
      '«notes.txt» в пути «notes.txt/decks» — это файл, а не папка; укажите папку для презентаций, например output',
    ],
    [
      'a deck’s name that is not there yet',
      'итоги.pptx',
      '«итоги.pptx» — это имя файла, а нужна папка: в ней каждая презентация записывается под своим именем (<год>/<direction.id>.pptx); укажите папку для презентаций, например output',
    ],
  ])('build: %s', async (_, outArg, message) => {
    await writeFile(join(tmp(), 'report.pptx'), 'старая презентация');
    await writeFile(join(tmp(), 'notes.txt'), 'заметки');
    const { code, out, err } = await run(['build', SEED, '--out', outArg], tmp());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`itogi: --out: ${message}`, 'Справка: itogi --help']);
    // Said about the folder, not about PowerPoint or a locked file.
    expect(err.join('\n')).not.toMatch(/PowerPoint|EEXIST|ENOTDIR/);
    expect(await filesUnder(tmp())).toEqual(['notes.txt', 'report.pptx']);
    expect(await readFile(join(tmp(), 'report.pptx'), 'utf8')).toBe('старая презентация');
  });

  it('watch: the same message before anything is watched', async () => {
    await writeFile(join(tmp(), 'report.pptx'), 'x');
    const { code, err } = await run(['watch', SEED, '-o', 'report.pptx'], tmp());
    expect(code).toBe(2);
    expect(err[0]).toBe(
      'itogi: --out: «report.pptx» — это файл, а не папка; укажите папку для презентаций, например output',
    );
  });

  it('a folder whose name ends in .pptx is a folder: built into it', async () => {
    await mkdir(join(tmp(), 'decks.pptx'));
    const { code } = await run(['build', SEED, '--out', 'decks.pptx'], tmp());
    expect(code).toBe(0);
    expect(await filesUnder(join(tmp(), 'decks.pptx'))).toEqual([join('2023', 'institutional-environment.pptx')]);
  });
});

describe('--verbose shows the error codes; without it they are not shown', () => {
  const tmp = useTempDir('itogi-build-verbose-');

  it.each([['build'], ['check']])('%s', async (command) => {
    const file = `${BROKEN}/plan-word.yaml`;
    const extra = command === 'build' ? ['--out', tmp()] : [];
    const plain = await run([command, file, ...extra]);
    const verbose = await run([command, file, '--verbose', ...extra]);
    expect(plain.code).toBe(1);
    expect(verbose.code).toBe(1);
    expect(plain.err[0]).toBe(
      `${file}:57:13: ошибка: показатель № 47 (indicators.items[2]).plan: ожидается число, получено «семьдесят»; напишите число цифрами, например 72 или 80.4`,
    );
    expect(plain.err[0]).not.toContain('InvalidValue');
    expect(verbose.err[0]).toContain('InvalidValue');
    expect(verbose.err[0]).toContain('ожидается число, получено «семьдесят»');
  });
});

describe('a PDF beside a rewritten deck', () => {
  const tmp = useTempDir('itogi-build-pdf-stale-');

  it('without --pdf, a PDF left from an earlier --pdf run is removed when its deck is rewritten, and the line says so', async () => {
    const out = join(tmp(), 'decks');
    await mkdir(join(out, '2023'), { recursive: true });
    const pdf = join(out, '2023', 'institutional-environment.pdf');
    await writeFile(pdf, '%PDF-1.7 прежние данные');
    const { code, out: stdout } = await run(['build', SEED, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      expect.stringMatching(/→ .*institutional-environment\.pptx \(слайдов: \d+, \d+ КБ\)$/),
      expect.stringMatching(
        /→ .*institutional-environment\.pdf \(PDF удалён: в нём были прежние данные; новый делается с --pdf\)$/,
      ),
    ]);
    expect(await filesUnder(out)).toEqual([join('2023', 'institutional-environment.pptx')]);
    // The deck unchanged and no PDF: nothing more to say.
    const again = await run(['build', SEED, '--out', out]);
    expect(again.out).toEqual([expect.stringMatching(/\(без изменений; слайдов: \d+, \d+ КБ\)$/)]);
  });
});

describe('sample directions (sample: true)', () => {
  const tmp = useTempDir('itogi-build-sample-');
  const SAMPLE_MARK = 'ОБРАЗЕЦ: вымышленные данные, не для показа';

  it('every slide of a sample deck says so; the real direction’s deck does not; the summary names the samples', async () => {
    const out = join(tmp(), 'decks');
    const { code } = await run(['build', 'content', '--out', out], WORKSPACE);
    expect(code).toBe(0);
    const texts = async (name: string) =>
      (await openPptx(await readFile(join(out, '2023', name)))).slides.map((s) => plainSlideTexts(s));
    for (const slide of await texts('economy.pptx')) expect(slide).toContain(SAMPLE_MARK);
    for (const slide of await texts('institutional-environment.pptx'))
      expect(slide.join('\n')).not.toContain('ОБРАЗЕЦ');
    for (const slide of await texts('summary.pptx'))
      expect(slide).toContain('ОБРАЗЕЦ: вымышленные направления economy, human-capital, urban-environment');
  });
});

describe('--jobs above the cores', () => {
  const tmp = useTempDir('itogi-build-jobs-');

  it('is capped to the cores, and the run says so', async () => {
    const { code, err } = await run(['build', SEED, '--out', join(tmp(), 'out'), '--jobs', '999']);
    expect(code).toBe(0);
    const cores = availableParallelism();
    expect(err[0]).toMatch(
      new RegExp(`^itogi: --jobs 999: у этого компьютера ${cores} ядр\\S*, собираю по ${cores} одновременно$`),
    );
  });
});

describe('itogi build run inside content/<year>/', () => {
  const tmp = useTempDir('itogi-build-inside-');

  it('writes the deck to output/ beside content/, not under content/, and the deck line says where', async () => {
    const year = join(tmp(), 'content', '2023');
    await mkdir(year, { recursive: true });
    await copyFile(SEED, join(year, 'institutional-environment.yaml'));
    const { code, out } = await run(['build', 'institutional-environment.yaml'], year);
    expect(code).toBe(0);
    // outside the current folder, so named in full
    const deck = join(tmp(), 'output', '2023', 'institutional-environment.pptx');
    expect(out).toHaveLength(1);
    expect(out[0]!.startsWith(`institutional-environment.yaml → ${deck} (слайдов: `)).toBe(true);
    expect(await filesUnder(tmp())).toEqual([
      'content/2023/institutional-environment.yaml',
      'output/2023/institutional-environment.pptx',
    ]);
  });
});
