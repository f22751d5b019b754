/**
 * The slides of a save are shown before its .pptx is built; when that .pptx
 * then cannot be built (here: packaging throws), the page and the terminal
 * say so in one located line, the last good slides come back, and the
 * download is still the last good deck.
 */
import { writeFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { startPreview } from '../../src/preview/server.js';
import { edited, seedCopy } from './fixture.js';

const packaging = vi.hoisted(() => ({ fail: false }));
vi.mock('../../src/render/package.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/package.js')>();
  return {
    ...real,
    finalizePptx: (...args: Parameters<typeof real.finalizePptx>) => {
      if (packaging.fail) throw new TypeError('boom');
      return real.finalizePptx(...args);
    },
  };
});

const KEY = '2023/institutional-environment';

describe('a deck that cannot be built after its slides were shown', () => {
  it('one located line on the page and in the terminal; the last good slides and deck stay', async () => {
    const seed = await seedCopy('itogi-preview-deck-failure-');
    const terminal: string[] = [];
    const preview = await startPreview({
      path: 'content',
      cwd: seed.dir,
      port: 0,
      out: (l) => terminal.push(l),
      err: (l) => terminal.push(l),
    });
    const fragment = async () => (await fetch(`${preview.url}d/${KEY}/slides`)).text();
    const download = async () => Buffer.from(await (await fetch(`${preview.url}d/${KEY}/deck.pptx`)).arrayBuffer());
    try {
      const good = await download();
      packaging.fail = true;
      await writeFile(seed.file, edited(seed.text, '      fact: 80.4', '      fact: 63'));
      // The download asks for the new deck: it fails, and the answer is the last good one.
      let html = '';
      const end = Date.now() + 15_000;
      while (!html.includes('itogi-has-errors') && Date.now() < end) {
        if ((await fragment()).includes('87,5')) expect((await download()).equals(good)).toBe(true);
        html = await fragment();
      }
      const line =
        'content/2023/institutional-environment.yaml: ошибка: не удалось собрать презентацию: boom; это ошибка itogi; сообщите разработчикам, приложив YAML-файл';
      expect(html).toContain(line);
      expect(terminal).toContain(line);
      expect(html).toContain('111,7');
      expect(html).not.toContain('87,5');
      expect((await download()).equals(good)).toBe(true);
      expect(terminal.join('\n')).not.toMatch(/\n\s+at |TypeError/);
    } finally {
      packaging.fail = false;
      await preview.close();
      await seed.remove();
    }
  });
});
