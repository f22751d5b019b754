/**
 * Bullets name their font, so they survive other clients: LibreOffice took a
 * bare `a:buChar` for a Symbol-font bullet and saved «–» as an empty one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasLibreOffice } from '../helpers/libreoffice.js';
import { openPptx } from '../helpers/pptx.js';
import { build, SEED_CONTENT } from './build.js';

/** Every paragraph's bullet as (font, character), from every slide. */
const bullets = (slides: string[]) =>
  slides.flatMap((xml) =>
    [...xml.matchAll(/<a:pPr\b[^>]*>([\s\S]*?)<\/a:pPr>/g)].flatMap((m) => {
      const char = /<a:buChar char="([^"]*)"\/>/.exec(m[1]!)?.[1];
      if (char === undefined) return [];
      return [{ font: /<a:buFont typeface="([^"]*)"/.exec(m[1]!)?.[1], char: char.replace(/&#x2013;/i, '\u2013') }];
    }),
  );

let dir: string;
let deck: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-bullets-'));
  deck = (await build(SEED_CONTENT, dir)).buffer;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bullets', () => {
  it('every bullet character has its font, the template’s Arial', async () => {
    const found = bullets((await openPptx(deck)).slides);
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((b) => b.font === 'Arial' && b.char === '\u2013')).toBe(true);
  });

  it.skipIf(!hasLibreOffice())('keep «–» through a LibreOffice round trip', async () => {
    await writeFile(join(dir, 'deck.pptx'), deck);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'pptx:Impress MS PowerPoint 2007 XML',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'deck.pptx'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const found = bullets((await openPptx(await readFile(join(dir, 'out', 'deck.pptx')))).slides);
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter((b) => b.char !== '\u2013')).toEqual([]);
  });
});
