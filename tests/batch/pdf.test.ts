/**
 * `itogi build --pdf`: a PDF beside each deck through LibreOffice, one page
 * per slide; kept while its deck is unchanged, made again when missing; and
 * without LibreOffice one message with the install command, decks still built.
 */
import { chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closingLine, runItogi, useTempDir } from '../helpers/cli.js';
import { hasLibreOffice, hasPoppler, pdfPageCount, pdfPageTexts } from '../helpers/libreoffice.js';
import { openPptx } from '../helpers/pptx.js';
import { writeDirections } from './directions.js';

describe.skipIf(!hasLibreOffice() || !hasPoppler())('itogi build --pdf', () => {
  const tmp = useTempDir('itogi-pdf-');

  it('writes one PDF page per slide; keeps the PDF of an unchanged deck; makes a missing one again', async () => {
    await writeDirections(tmp(), [{ name: 'a', id: 'alpha' }]);
    const deck = join(tmp(), 'out', '2023', 'alpha.pptx');
    const pdf = join(tmp(), 'out', '2023', 'alpha.pdf');

    const first = await runItogi(['build', 'a.yaml', '--out', 'out', '--pdf', '--jobs', '1'], tmp());
    expect(first.code).toBe(0);
    expect(first.out).toEqual([
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: \d+, \d+ КБ\)$/),
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pdf \(PDF, \d+ КБ\)$/),
    ]);
    expect(first.err).toEqual([closingLine({ built: 1, unchanged: 0, failed: 0, warnings: 0, pdf: 1 })]);
    const slides = (await openPptx(await readFile(deck))).slides.length;
    expect(first.out[0]).toContain(`(слайдов: ${slides},`);
    expect(await pdfPageCount(pdf)).toBe(slides);
    const pages = await pdfPageTexts(pdf);
    expect(pages.at(-1)).toContain('СПАСИБО ЗА ВНИМАНИЕ!');

    const before = await stat(pdf);
    const second = await runItogi(['build', 'a.yaml', '--out', 'out', '--pdf', '--jobs', '1'], tmp());
    expect(second.code).toBe(0);
    expect(second.out).toEqual([
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(без изменений; слайдов: /),
      'a.yaml → out/2023/alpha.pdf (PDF прежний: презентация не менялась)',
    ]);
    expect(second.err).toEqual([closingLine({ built: 0, unchanged: 1, failed: 0, warnings: 0, pdf: 0 })]);
    const kept = await stat(pdf);
    expect(kept.ino).toBe(before.ino);
    expect(kept.mtimeMs).toBe(before.mtimeMs);

    await rm(pdf);
    const third = await runItogi(['build', 'a.yaml', '--out', 'out', '--pdf', '--jobs', '1'], tmp());
    expect(third.code).toBe(0);
    expect(third.out[1]).toMatch(/^a\.yaml → out\/2023\/alpha\.pdf \(PDF, \d+ КБ\)$/);
    expect(await pdfPageCount(pdf)).toBe(slides);

    // The deck rebuilt without --pdf: its PDF is now older than it, and the next --pdf remakes it.
    const yaml = join(tmp(), 'a.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/^(\s*)plan: 72$/m, '$1plan: 73'));
    expect((await runItogi(['build', 'a.yaml', '--out', 'out', '--jobs', '1'], tmp())).out[0]).toMatch(
      /^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: /,
    );
    const fourth = await runItogi(['build', 'a.yaml', '--out', 'out', '--pdf', '--jobs', '1'], tmp());
    expect(fourth.out).toEqual([
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(без изменений; слайдов: /),
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pdf \(PDF, \d+ КБ\)$/),
    ]);
    // 80,4 / 73 = 110,1 %, as the rebuilt deck says.
    expect((await pdfPageTexts(pdf)).join('\n')).toContain('110,1');
  });
});

describe('itogi build --pdf without LibreOffice', () => {
  const tmp = useTempDir('itogi-nopdf-');
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('prints the install command once, still builds every deck, exits 1', async () => {
    await writeDirections(tmp(), [
      { name: 'a', id: 'alpha' },
      { name: 'b', id: 'beta' },
    ]);
    // A PATH with no soffice on it (the temp folder holds only YAML files).
    vi.stubEnv('PATH', tmp());
    vi.stubEnv('ITOGI_SOFFICE', '');
    const { code, out, err } = await runItogi(
      ['build', '.', '--out', 'out', '--pdf', '--jobs', '1', '--no-summary'],
      tmp(),
    );
    expect(code).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: /),
      expect.stringMatching(/^b\.yaml → out\/2023\/beta\.pptx \(слайдов: /),
    ]);
    expect(err).toEqual([
      '--pdf: ошибка: LibreOffice (soffice) не найден: установите LibreOffice: sudo apt-get install libreoffice-impress; презентации собраны без PDF; после установки запустите сборку с --pdf ещё раз',
      closingLine({ built: 2, unchanged: 0, failed: 0, warnings: 0, pdf: 0 }),
    ]);
    for (const id of ['alpha', 'beta']) {
      expect((await stat(join(tmp(), 'out', '2023', `${id}.pptx`))).isFile()).toBe(true);
      await expect(stat(join(tmp(), 'out', '2023', `${id}.pdf`))).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });
});

describe('itogi build --pdf when LibreOffice fails on a deck', () => {
  const tmp = useTempDir('itogi-pdf-fails-');
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('the deck is written, the PDF error names the PDF, no PDF is left, exit 1', async () => {
    await writeDirections(tmp(), [{ name: 'a', id: 'alpha' }]);
    // A "soffice" that fails the way a broken installation does.
    const soffice = join(tmp(), 'soffice');
    await writeFile(soffice, '#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 1\n');
    await chmod(soffice, 0o755);
    vi.stubEnv('ITOGI_SOFFICE', soffice);
    const { code, out, err } = await runItogi(['build', 'a.yaml', '--out', 'out', '--pdf', '--jobs', '1'], tmp());
    expect(code).toBe(1);
    expect(out).toEqual([expect.stringMatching(/^a\.yaml → out\/2023\/alpha\.pptx \(слайдов: /)]);
    expect(err).toEqual([
      'out/2023/alpha.pdf: ошибка: LibreOffice не смог сделать PDF: Error: source file could not be loaded; презентация записана; PDF будет сделан заново при следующем запуске с --pdf',
      expect.stringMatching(
        /^Собрано: 1, без изменений: 0, с ошибками: 0, предупреждений: 0, PDF записано: 0, PDF с ошибками: 1 — \d+,\d с$/,
      ),
    ]);
    expect(await readdir(join(tmp(), 'out', '2023'))).toEqual(['alpha.pptx']);
  });
});
