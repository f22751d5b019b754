/**
 * Acceptance in a real browser: Debian's chromium, headless, driven by
 * playwright-core (no browser download). The page of a temp copy of the seed
 * follows the file as it is edited, without a reload.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { normalize, seedLines } from '../deck/build.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import { edited, saveByRename, seedCopy, type SeedCopy } from './fixture.js';

const DECK = '/d/2023/institutional-environment/';

// The page's globals these tests use (the project compiles without the DOM library).
interface El {
  parentElement: El | null;
}
declare function getComputedStyle(el: El): { fontFamily: string; fontSize: string };
/** Bounds the waits; a live update is expected well within a second. */
const WAIT = { timeout: 15_000 };

const FACT = '      fact: 80.4';
const PLAN = '      plan: 72';

describe.skipIf(!existsSync(CHROMIUM))('preview in headless Chromium', () => {
  let seed: SeedCopy;
  let preview: Preview;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const terminal: string[] = [];
  const pageProblems: string[] = [];

  beforeAll(async () => {
    seed = await seedCopy('itogi-preview-browser-');
    preview = await startPreview({
      path: 'content',
      cwd: seed.dir,
      port: 0,
      out: (l) => terminal.push(l),
      err: (l) => terminal.push(l),
    });
    profile = await mkdtemp(join(tmpdir(), 'itogi-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // CSP violations and script errors would show here: the page must run under its own policy.
    page.on('console', (m) => {
      if (m.type() === 'error') pageProblems.push(m.text());
    });
    page.on('pageerror', (e) => pageProblems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) pageProblems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${preview.url.replace(/\/$/, '')}${DECK}`);
    await page.waitForSelector('.itogi-slide', WAIT);
  });
  afterAll(async () => {
    await context?.close();
    await preview?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await seed?.remove();
  });

  /** Text of every paragraph and table cell, its measured lines joined by spaces. */
  const texts = () =>
    page.$$eval('.itogi-p, .itogi-cell', (els) =>
      els.map((e) => [...e.querySelectorAll('.itogi-line')].map((s) => s.textContent ?? '').join(' ')),
    );
  const pageText = async () => normalize((await texts()).join('\n'));
  // waitForFunction takes functions (a string would need eval, which the page's CSP forbids);
  // `document` is reached through globalThis as the project's TypeScript has no DOM library.
  const waitForText = (needle: string) =>
    page.waitForFunction(
      (n) => {
        const doc = (
          globalThis as unknown as {
            document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
          }
        ).document;
        return Array.from(doc.querySelectorAll('.itogi-line'), (s) => s.textContent)
          .join(' ')
          .replace(/[\u00a0\u202f]/g, ' ')
          .includes(n);
      },
      needle,
      WAIT,
    );
  const noProblems = () =>
    page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
          '.itogi-problems',
        ) === null,
      undefined,
      WAIT,
    );
  const problems = (): Promise<string[]> =>
    page.evaluate(`[...document.querySelectorAll('.itogi-problems')].map((e) => e.innerText)`);
  const marker = (): Promise<unknown> => page.evaluate('window.itogiMarker');
  const scrollY = (): Promise<number> => page.evaluate('window.scrollY');

  it('every slide text line is drawn in its box’s font and size, not the page’s own styles', async () => {
    const lines = await page.$$eval('.itogi-slide .itogi-line', (els: El[]) =>
      els.map((e) => {
        const own = getComputedStyle(e);
        const box = getComputedStyle(e.parentElement!);
        return { family: own.fontFamily, size: own.fontSize, boxFamily: box.fontFamily, boxSize: box.fontSize };
      }),
    );
    expect(lines.length).toBeGreaterThan(50);
    for (const l of lines) {
      expect(l.family).toBe(l.boxFamily);
      expect(l.size).toBe(l.boxSize);
      expect(l.family).not.toMatch(/mono/i);
    }
  });

  it('shows every line of the seed transcript', async () => {
    const onPage = (await pageText()).replace(/\s/g, '');
    // Measured lines may break after a slash or hyphen: compare without white space.
    const missing = seedLines().filter((line) => !onPage.includes(line.replace(/\s/g, '')));
    expect(missing).toEqual([]);
    expect(await page.locator('.itogi-slide').count()).toBe(8);
    expect(pageProblems).toEqual([]);
  });

  it('an edited fact shows its new percentage without a reload, the scroll kept', async () => {
    await page.evaluate('window.itogiMarker = 42; window.scrollTo(0, 2600)');
    const before = await scrollY();
    expect(before).toBeGreaterThan(1000);
    await writeFile(seed.file, edited(seed.text, FACT, '      fact: 63'));
    await waitForText('87,5 %');
    expect(await marker()).toBe(42);
    expect(Math.abs((await scrollY()) - before)).toBeLessThanOrEqual(2);
    expect(await pageText()).not.toContain('111,7 %');
  });

  it('a broken save: the located error with its source line and marker, above the last good slides; the terminal says the same', async () => {
    await writeFile(seed.file, edited(edited(seed.text, FACT, '      fact: 63'), PLAN, '      plan: семьдесят'));
    await page.waitForSelector('.itogi-problems.itogi-has-errors', WAIT);
    const [block] = await problems();
    const line =
      'content/2023/institutional-environment.yaml:44:13: ошибка: показатель № 45 (indicators.items[0]).plan:';
    expect(block).toContain(line);
    expect(block).toContain('44 |       plan: семьдесят');
    expect(await page.locator('.itogi-marker').first().textContent()).toBe(`${' '.repeat(12)}^`);
    // The last good slides stay under it.
    expect(await pageText()).toContain('87,5 %');
    expect(terminal.some((l) => l.startsWith(line))).toBe(true);
    expect(await marker()).toBe(42);
  });

  it('the next good save clears the error', async () => {
    await writeFile(seed.file, seed.text);
    await waitForText('111,7 %');
    await noProblems();
    expect(terminal.some((l) => /institutional-environment\.yaml: обновлено, ошибок нет/.test(l))).toBe(true);
  });

  it('a save by rename, an empty-then-full save and a delete-then-recreate do not stop the updates', async () => {
    await saveByRename(seed.file, edited(seed.text, FACT, '      fact: 70'));
    await waitForText('97,2 %');

    await writeFile(seed.file, '');
    await writeFile(seed.file, edited(seed.text, FACT, '      fact: 75'));
    await waitForText('104,2 %');

    await unlink(seed.file);
    await new Promise((r) => setTimeout(r, 1000));
    await writeFile(seed.file, edited(seed.text, FACT, '      fact: 76'));
    await waitForText('105,6 %');
    await noProblems();

    expect(await marker()).toBe(42);
    expect(pageProblems).toEqual([]);
  });

  it('an edit replaces only the slides it changed; the native chart is drawn anew with the new value', async () => {
    // Marks on the elements themselves: a replaced element loses them.
    await page.evaluate(`document.querySelectorAll('.itogi-slide').forEach((s) => { s.itogiKept = true; })`);
    await writeFile(seed.file, edited(seed.text, FACT, '      fact: 77'));
    await waitForText('106,9 %');
    const kept: boolean[] = await page.evaluate(
      `[...document.querySelectorAll('.itogi-slide')].map((s) => s.itogiKept === true)`,
    );
    expect(kept).toHaveLength(8);
    // The title slide does not show the fact; the table and the chart do.
    expect(kept[0]).toBe(true);
    expect(kept.filter((k) => !k).length).toBeGreaterThan(0);
    const chart: { slideKept: boolean; label: boolean; drawn: string | null } = await page.evaluate(`(() => {
      const box = document.querySelector('.itogi-chart[data-native]');
      return { slideKept: box.closest('.itogi-slide').itogiKept === true, label: box.textContent.replace(/[\\u00a0\\u202f]/g, ' ').includes('106,9 %'), drawn: box.getAttribute('data-drawn') };
    })()`);
    expect(chart).toEqual({ slideKept: false, label: true, drawn: 'true' });
    expect(await pageText()).not.toContain('105,6 %');
    expect(await marker()).toBe(42);
    expect(pageProblems).toEqual([]);
  });
});
