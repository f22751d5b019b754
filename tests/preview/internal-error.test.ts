/**
 * A bug in itogi while the preview runs (here: the HTML renderer throws) is one
 * located line on the page and in the terminal, never a stack trace; the
 * server keeps answering.
 */
import { describe, expect, it, vi } from 'vitest';
import { startPreview } from '../../src/preview/server.js';
import { SEED_REL, seedCopy } from './fixture.js';

vi.mock('../../src/render/html.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/render/html.js')>()),
  renderSlidesHtml: () => {
    throw new TypeError('boom');
  },
}));

describe('an internal error in the preview', () => {
  it('one line on the page and in the terminal, no stack', async () => {
    const seed = await seedCopy('itogi-preview-bug-');
    const terminal: string[] = [];
    const preview = await startPreview({
      path: SEED_REL,
      cwd: seed.dir,
      port: 0,
      out: (l) => terminal.push(l),
      err: (l) => terminal.push(l),
    });
    try {
      const html = await (await fetch(preview.url)).text();
      const line =
        'content/2023/institutional-environment.yaml: ошибка: не удалось показать слайды на странице: boom; это ошибка itogi; сообщите разработчикам, приложив YAML-файл';
      expect(html).toContain(line);
      expect(terminal).toContain(line);
      for (const text of [html, ...terminal]) {
        expect(text).not.toMatch(/\n\s+at |TypeError|\.ts:\d+/);
      }
    } finally {
      await preview.close();
      await seed.remove();
    }
  });
});
