/**
 * The watch loop in-process (startWatch) on a temp copy of the seed: however
 * an editor saves, the deck under output/ is rewritten once with the saved
 * text, and nothing is reported for the moments in between.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWatch } from '../../src/preview/watch.js';
import { normalize } from '../deck/build.js';
import { openPptx, slideTexts } from '../helpers/pptx.js';
import { EDITOR_SAVES, edited, seedCopy } from './fixture.js';

const DECK = join('output', '2023', 'institutional-environment.pptx');

async function deckText(path: string): Promise<string> {
  const pkg = await openPptx(await readFile(path));
  return normalize(pkg.slides.flatMap(slideTexts).join('\n'));
}

describe('itogi watch, saved the ways editors save', () => {
  it.each(EDITOR_SAVES)('a save %s: the deck written once, with the saved text; no error', async (_, save) => {
    const seed = await seedCopy('itogi-watch-saves-');
    const out: string[] = [];
    const err: string[] = [];
    const watching = await startWatch({
      paths: ['content'],
      cwd: seed.dir,
      outDir: 'output',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    if ('failed' in watching) throw new Error('watch did not start');
    const written = () => out.filter((l) => l.includes(`→ ${DECK}`));
    try {
      expect(written()).toHaveLength(1);
      await save(seed.file, edited(seed.text, '      fact: 80.4', '      fact: 70'));
      const end = Date.now() + 15_000;
      while (written().length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      // Past the watcher's second look and any late event: nothing more to write.
      await new Promise((r) => setTimeout(r, 400));
      await watching.idle();
      expect({ out, err }).toEqual({ out: [...out.slice(0, -1), expect.stringContaining(`→ ${DECK}`)], err: [] });
      expect(written()).toHaveLength(2);
      expect(await deckText(join(seed.dir, DECK))).toContain('97,2 %');
    } finally {
      await watching.close();
      await seed.remove();
    }
  });
});
