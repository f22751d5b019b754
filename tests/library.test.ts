/**
 * The library leaves the process that imports it as it was: building a deck
 * installs no signal or exit listener and leaves JSZip's prototype untouched
 * (signals, exit codes and clean-up on Ctrl+C belong to the CLI).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDeck, checkFile } from '../src/index.js';
import { SEED_CONTENT } from './deck/build.js';

describe('the library and the process', () => {
  it('a deck built and saved: no SIGINT, SIGTERM or exit listener added, JSZip.prototype.generateAsync unchanged', async () => {
    const listeners = () => ['SIGINT', 'SIGTERM', 'exit'].map((e) => process.listenerCount(e));
    const before = listeners();
    const generate = JSZip.prototype.generateAsync;
    const checked = await checkFile(SEED_CONTENT);
    const out = await mkdtemp(join(tmpdir(), 'itogi-library-'));
    try {
      const deck = await buildDeck(checked, out);
      expect(await deck.save()).toBe('written');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    expect(listeners()).toEqual(before);
    expect(JSZip.prototype.generateAsync).toBe(generate);
    // Zipping with JSZip still works as JSZip's own.
    const zip = new JSZip();
    zip.file('a.txt', 'текст');
    expect((await zip.generateAsync({ type: 'uint8array' })).length).toBeGreaterThan(0);
  });
});
