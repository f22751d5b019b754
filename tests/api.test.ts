/**
 * The library's rules over many files (checkFiles, buildDecks, saveDeck): the
 * same as the CLI's, because the CLI only prints what these return.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeck, buildDecks, checkFile, checkFiles, type DeckFile, outDirProblem, saveDeck } from '../src/api.js';
import { type Diagnostic, formatDiagnostic, ItogiError } from '../src/errors.js';
import { WriteError } from '../src/output/write.js';
import { filesUnder, ROOT, useTempDir } from './helpers/cli.js';

const DUPLICATES = join('tests', 'cli', 'fixtures', 'duplicate-output');
const FIRST = join(DUPLICATES, 'a-first.yaml');
const COPY = join(DUPLICATES, 'b-second.yaml');
const SEED = join('tests', 'fixtures', 'workspace', 'content', '2023', 'institutional-environment.yaml');
const DECK = join('2023', 'institutional-environment.pptx');

describe('checkFiles: two files that claim one deck (same year and direction.id)', () => {
  const tmp = useTempDir('itogi-api-copies-');

  it.each([
    ['in path order', [FIRST, COPY]],
    ['named the other way round', [COPY, FIRST]],
  ])('%s: both are refused at their direction.id, each naming the other', async (_, files) => {
    const checked = await checkFiles(files, { cwd: ROOT });
    expect(checked.map((c) => c.file)).toEqual(files);
    for (const [self, other] of [
      [FIRST, COPY],
      [COPY, FIRST],
    ]) {
      const file = checked.find((c) => c.file === self)!;
      expect(file.diagnostics).toEqual([
        {
          code: 'DuplicateOutput',
          severity: 'error',
          file: self,
          line: 8,
          col: 7,
          path: 'direction.id',
          params: {
            year: 2023,
            id: 'institutional-environment',
            others: [other],
            deck: join('output', DECK),
            copies: [],
          },
          message: `report.year 2023 и direction.id «institutional-environment» те же, что в ${other}: ни одна из них не собирается в ${join('output', DECK)}, пока лишний файл не удалён или не переименован`,
          hint: 'у каждого направления за год должен быть свой direction.id',
        },
      ]);
    }
  });

  it('a file named like a copy (Explorer’s «- копия») is said to look like one, on both files', async () => {
    const dir = tmp();
    const text = await readFile(join(ROOT, FIRST));
    await writeFile(join(dir, 'economy.yaml'), text);
    await writeFile(join(dir, 'economy - копия.yaml'), text);
    const checked = await checkFiles(['economy - копия.yaml', 'economy.yaml'], { cwd: dir });
    for (const file of checked)
      expect(file.diagnostics.map((d) => d.message)).toEqual([
        expect.stringContaining(
          'пока лишний файл не удалён или не переименован; похоже на копию: «economy - копия.yaml»',
        ),
      ]);
  });

  it('a file unrelated to the pair is untouched; a missing file is its own error, not a throw', async () => {
    const checked = await checkFiles(
      [FIRST, 'nope.yaml', join('tests', 'fixtures', 'workspace', 'content', '2023', 'economy.yaml')],
      { cwd: ROOT },
    );
    expect(checked.map((c) => c.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))).toEqual([
      [],
      ['FileUnreadable'],
      [],
    ]);
  });

  it('the same file named twice: built once, the second mention says so (not a duplicate id)', async () => {
    const checked = await checkFiles([FIRST, FIRST], { cwd: ROOT });
    expect(checked[0]!.diagnostics).toEqual([]);
    expect(checked[1]!.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['FileNamedTwice', `этот файл уже указан: ${join('output', DECK)} собирается из него один раз`],
    ]);
  });
});

describe('buildDecks', () => {
  const tmp = useTempDir('itogi-api-');

  it('two files with one direction.id: no deck is written for either', async () => {
    const outDir = join(tmp(), 'decks');
    const built = await buildDecks([COPY, FIRST], { cwd: ROOT, outDir });
    expect(await filesUnder(outDir)).toEqual([]);
    expect(built.map((b) => b.deck)).toEqual([undefined, undefined]);
    expect(built.map((b) => b.diagnostics.map((d) => d.code))).toEqual([['DuplicateOutput'], ['DuplicateOutput']]);
  });

  it('a deck built before is not overwritten when a copy appears beside its file', async () => {
    const outDir = join(tmp(), 'decks');
    await buildDecks([FIRST], { cwd: ROOT, outDir });
    const before = await readFile(join(outDir, DECK));
    const { mtimeMs } = await stat(join(outDir, DECK));
    const built = await buildDecks([FIRST, COPY], { cwd: ROOT, outDir });
    expect(built.map((b) => b.deck?.status)).toEqual([undefined, undefined]);
    expect((await readFile(join(outDir, DECK))).equals(before)).toBe(true);
    expect((await stat(join(outDir, DECK))).mtimeMs).toBe(mtimeMs);
    expect(await filesUnder(outDir)).toEqual([DECK]);
  });

  it('a folder in the deck’s place: a write error on that deck (typed), not a failed render', async () => {
    const outDir = join(tmp(), 'decks');
    await mkdir(join(outDir, DECK), { recursive: true });
    const [result] = await buildDecks([SEED], { cwd: ROOT, outDir });
    expect(result!.deck).toBeUndefined();
    expect(result!.diagnostics.map((d) => d.code)).toEqual(['WriteFailed']);
    expect(result!.diagnostics[0]!.message).toMatch(
      /^не удалось записать файл: на месте файла находится папка \(EISDIR\)/,
    );
  });

  it('outDir that is a file: an ItogiError before anything is read or written', async () => {
    await writeFile(join(tmp(), 'decks'), 'не папка');
    const failed = await buildDecks([SEED], { cwd: tmp(), outDir: 'decks' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ItogiError);
    expect((failed as ItogiError).diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['OutNotFolder', '«decks» — это файл, а не папка', 'укажите папку для презентаций, например output'],
    ]);
    expect(await readFile(join(tmp(), 'decks'), 'utf8')).toBe('не папка');
  });
});

describe('outDirProblem', () => {
  const tmp = useTempDir('itogi-api-out-');

  it.each([
    ['a folder that exists', 'here', undefined],
    ['a folder that does not exist yet', 'new/deeper', undefined],
    ['a file', 'file.txt', '«file.txt» — это файл'],
    ['a path under a file', 'file.txt/x', '«file.txt» в пути «file.txt/x» — это файл'],
    ['a deck’s name', 'out.PPTX', '«out.PPTX» — это имя файла'],
    ['a PDF’s name', 'out.pdf', '«out.pdf» — это имя файла'],
  ])('%s', async (_, outDir, start) => {
    await mkdir(join(tmp(), 'here'));
    await writeFile(join(tmp(), 'file.txt'), '');
    const problem = await outDirProblem(outDir, tmp());
    if (start === undefined) expect(problem).toBeUndefined();
    else expect(problem?.message.startsWith(start), problem?.message).toBe(true);
  });
});

describe('saveDeck: only a failure to write is said to be one', () => {
  const deck = (save: () => Promise<'written' | 'unchanged'>): DeckFile =>
    ({ path: '/tmp/x/2023/a.pptx', buffer: Buffer.from('PK'), layout: { slides: [] }, save }) as unknown as DeckFile;

  it('a WriteError becomes WriteFailed on the deck, with the reason in Russian', async () => {
    const busy = Object.assign(new Error('busy'), { code: 'EBUSY' });
    const result = await saveDeck(
      deck(() => Promise.reject(new WriteError('/tmp/x/2023/a.pptx', busy))),
      '/tmp/x',
    );
    expect(result).toMatchObject({ code: 'WriteFailed', file: join('2023', 'a.pptx') });
    expect(formatDiagnostic(result as Diagnostic)).toMatch(
      /^2023\/a\.pptx: ошибка: не удалось записать файл: файл занят или недоступен для записи \(EBUSY\); проверьте/,
    );
  });

  it('any other error, even one with a system code, is thrown, not reported as a write error', async () => {
    const other = Object.assign(new Error('render broke'), { code: 'ERR_SOMETHING' });
    await expect(saveDeck(deck(() => Promise.reject(other)))).rejects.toBe(other);
  });

  const tmp = useTempDir('itogi-api-save-');

  it('DeckFile.save() rejects with a WriteError when the file cannot be written', async () => {
    // A file where the deck's folder would be: root cannot write there either.
    await writeFile(join(tmp(), 'decks'), '');
    const built = await buildDeck(await checkFile(SEED, { cwd: ROOT }), join(tmp(), 'decks'));
    const failed = await built.save().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(WriteError);
    expect((failed as WriteError).code).toMatch(/^(EEXIST|ENOTDIR)$/);
    expect((failed as WriteError).path).toBe(built.path);
  });
});
