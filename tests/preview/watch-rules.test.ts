/**
 * `itogi watch` applies the rules `build` applies, as files change under it:
 * a copy saved beside a direction stops both, a year's summary is kept up to
 * date and held back while one of its directions fails, a PDF beside a
 * rewritten deck is removed.
 */
import { mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWatch, type Watching } from '../../src/preview/watch.js';
import { writeDirections } from '../helpers/directions.js';
import { contrastLines, LOCAL_TEMPLATE, lowContrastSurgut } from '../helpers/template.js';

const until = async (what: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await what()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return what();
};
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('itogi watch keeps the rules of build', () => {
  let dir = '';
  let watching: Watching | undefined;
  const out: string[] = [];
  const err: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-watch-rules-'));
    out.length = 0;
    err.length = 0;
  });
  afterEach(async () => {
    await watching?.close();
    watching = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function watch(): Promise<Watching> {
    const started = await startWatch({
      paths: ['content'],
      cwd: dir,
      outDir: 'output',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    if ('failed' in started) throw new Error('watch did not start');
    watching = started;
    return started;
  }

  it('writes the year summary at start, rewrites it when a fact changes, holds it while a direction fails', async () => {
    const [first, second] = await writeDirections(join(dir, 'content', '2023'), 2);
    const w = await watch();
    const summary = join(dir, 'output', '2023', 'summary.pptx');
    expect(out.filter((l) => l.startsWith('сводная за 2023 год → output/2023/summary.pptx'))).toHaveLength(1);
    const before = await readFile(summary);

    await writeFile(first!, (await readFile(first!, 'utf8')).replace('fact: 99.75', 'fact: 50'));
    expect(await until(() => out.filter((l) => l.startsWith('сводная за 2023 год')).length === 2)).toBe(true);
    await w.idle();
    const afterEdit = await readFile(summary);
    expect(afterEdit.equals(before)).toBe(false);

    await writeFile(second!, (await readFile(second!, 'utf8')).replace('fact: 99.75', 'fact: 56,2'));
    expect(await until(() => err.some((l) => l.includes('сводная за 2023 год не обновлена')))).toBe(true);
    await w.idle();
    expect(err.find((l) => l.includes('сводная за 2023 год не обновлена'))).toContain(
      'не вошли направления из файлов с ошибками — direction-02 (content/2023/direction-02.yaml); output/2023/summary.pptx осталась от прежнего запуска',
    );
    expect((await readFile(summary)).equals(afterEdit)).toBe(true);
  });

  it('a copy saved beside a direction stops both; removing it builds the real one again', async () => {
    const [first] = await writeDirections(join(dir, 'content', '2023'), 1);
    const w = await watch();
    const deck = join(dir, 'output', '2023', 'direction-01.pptx');
    const built = await readFile(deck);
    const copy = join(dir, 'content', '2023', 'direction-01 - копия.yaml');
    await writeFile(copy, (await readFile(first!, 'utf8')).replace('fact: 99.75', 'fact: 91'));
    expect(await until(() => err.filter((l) => l.includes('похоже на копию')).length >= 2)).toBe(true);
    await w.idle();
    expect(err.filter((l) => l.includes('похоже на копию: «content/2023/direction-01 - копия.yaml»'))).toHaveLength(2);
    expect((await readFile(deck)).equals(built)).toBe(true);

    const lines = out.length;
    await rm(copy);
    expect(await until(() => out.slice(lines).some((l) => l.includes('→ output/2023/direction-01.pptx')))).toBe(true);
  });

  it('a PDF beside a rewritten deck is removed, and the line says so', async () => {
    const [first] = await writeDirections(join(dir, 'content', '2023'), 1);
    const w = await watch();
    const pdf = join(dir, 'output', '2023', 'direction-01.pdf');
    await writeFile(pdf, '%PDF-1.7 прежние данные');
    await writeFile(first!, (await readFile(first!, 'utf8')).replace('fact: 99.75', 'fact: 95'));
    expect(await until(async () => !(await exists(pdf)))).toBe(true);
    await w.idle();
    expect(out.at(-1)).toBe(
      'content/2023/direction-01.yaml → output/2023/direction-01.pdf (PDF удалён: в нём были прежние данные; новый делается с --pdf)',
    );
  });

  it('a symlink that appears while watching is refused with a message, never read', async () => {
    await writeDirections(join(dir, 'content', '2023'), 1);
    const w = await watch();
    await symlink('/etc/passwd', join(dir, 'content', '2023', 'passwd.yaml'));
    expect(
      await until(() => err.some((l) => l.startsWith('content/2023/passwd.yaml: ошибка: это символьная ссылка'))),
    ).toBe(true);
    await w.idle();
    expect([...out, ...err].join('\n')).not.toContain('root:');
  });

  it('a year folder renamed while watching: its files are followed under the new name, no «same deck» error', async () => {
    await writeDirections(join(dir, 'content', '2023'), 2);
    const w = await watch();
    const lines = out.length;
    await rename(join(dir, 'content', '2023'), join(dir, 'content', '2023-итоги'));
    const moved = join(dir, 'content', '2023-итоги', 'direction-01.yaml');
    await new Promise((r) => setTimeout(r, 500));
    await writeFile(moved, (await readFile(moved, 'utf8')).replace('fact: 99.75', 'fact: 95'));
    expect(
      await until(() =>
        out
          .slice(lines)
          .some((l) => l.startsWith('content/2023-итоги/direction-01.yaml → output/2023/direction-01.pptx')),
      ),
    ).toBe(true);
    await w.idle();
    expect(err.filter((l) => l.includes('те же, что в'))).toEqual([]);
  });

  it('says a template’s warning once for all its directions, not again on a save, again when the template is saved', async () => {
    const files = await writeDirections(join(dir, 'content', '2023'), 3);
    const line = await lowContrastSurgut(dir);
    const w = await watch();
    const warning = expect.stringMatching(new RegExp(`^templates/surgut/template\\.yaml:${line}:10: предупреждение: `));
    expect(contrastLines(err)).toEqual([warning]);
    const decks = () => out.filter((l) => l.includes('→ output/2023/direction-02.pptx')).length;
    const second = files[1]!;
    await writeFile(second, (await readFile(second, 'utf8')).replace('fact: 99.75', 'fact: 95'));
    expect(await until(() => decks() === 2)).toBe(true);
    await w.idle();
    expect(contrastLines(err)).toEqual([warning]);
    // A save of the template that leaves the colour as it was: the warning still holds, and is said again, once.
    const template = join(dir, LOCAL_TEMPLATE);
    await writeFile(
      template,
      (await readFile(template, 'utf8')).replace(/^( {2}pending: ).*$/m, (_, key: string) => `${key}94A3B9`),
    );
    expect(await until(() => contrastLines(err).length > 1)).toBe(true);
    await w.idle();
    expect(contrastLines(err)).toEqual([warning, warning]);
  });
});
