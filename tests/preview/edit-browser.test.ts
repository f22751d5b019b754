/**
 * The scenario in a real browser: an official changes three facts
 * and one task and adds an event item in the page, from the keyboard,
 * without a text editor; `git diff` of the YAML then shows exactly those
 * lines. Then a wrong value (check's message at the field, nothing written)
 * and a save from a text editor while the page is open (never overwritten).
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { type Browser, hasChromium, launchChromium } from '../helpers/chromium.js';
import { SEED_REL, seedCopy, type SeedCopy } from './fixture.js';

const DECK = '/d/2023/institutional-environment/';
const WAIT = { timeout: 15_000 };

// The page's globals the waits use (the project compiles without the DOM library).
type Field = { value: string; dataset: Record<string, string | undefined>; textContent: string | null };
type Win = { document: { querySelector(s: string): Field | null; querySelectorAll(s: string): ArrayLike<Field> } };

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' });

describe.skipIf(!hasChromium())('editing in the preview page (Chromium)', () => {
  let seed: SeedCopy;
  let preview: Preview;
  let browser: Browser;

  beforeAll(async () => {
    seed = await seedCopy('itogi-edit-browser-');
    git(seed.dir, 'init', '-q');
    git(seed.dir, 'add', '.');
    git(seed.dir, 'commit', '-qm', 'seed');
    preview = await startPreview({ path: 'content', cwd: seed.dir, port: 0, out: () => {}, err: () => {} });
    browser = await launchChromium({ width: 1400, height: 900 });
    await browser.page.goto(`${preview.url.replace(/\/$/, '')}${DECK}`);
    await browser.page.waitForSelector('.itogi-slide', WAIT);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await seed?.remove();
  });

  /** Types into the field from the keyboard (select all, type) and leaves it with Tab, as a person does. */
  async function type(name: string, value: string) {
    const { page } = browser;
    await page.focus(`[name="${name}"]`);
    await page.keyboard.press('Control+A');
    if (value === '') await page.keyboard.press('Delete');
    else await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  /** Waits until the field's value is saved (the page marks it) or its error is shown. */
  const saved = (name: string, value: string) =>
    browser.page.waitForFunction(
      ([n, v]) => {
        const el = (globalThis as unknown as Win).document.querySelector(`[name="${n}"]`);
        return el !== null && el.dataset['saved'] === v;
      },
      [name, value] as const,
      WAIT,
    );
  const status = () => browser.page.$eval('.itogi-status', (e) => e.textContent);

  it('every field has a visible label and is named by its path', async () => {
    const unlabelled = await browser.page.$$eval('.itogi-form [name], .itogi-form [data-new]', (els) =>
      els
        .filter((e) => {
          const labels = (e as unknown as { labels: ArrayLike<{ offsetWidth: number }> | null }).labels;
          return !labels || labels.length === 0 || labels[0]!.offsetWidth === 0;
        })
        .map((e) => e.getAttribute('name') ?? e.id),
    );
    expect(unlabelled).toEqual([]);
    const names = await browser.page.$$eval('.itogi-form [name]', (els) => els.map((e) => e.getAttribute('name')));
    expect(names).toEqual(
      expect.arrayContaining([
        'indicators.items[0].fact',
        'tasks[2]',
        'events[1].items[0]',
        'indicators.items[5].better',
      ]),
    );
    // The slides' own styles (their .itogi-row, .itogi-line…) must not reach the form: nothing in it is lifted out of the flow.
    const lifted = await browser.page.$$eval('.itogi-form *', (els) =>
      els
        .filter(
          (e) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle(e)
              .position === 'absolute',
        )
        .map((e) => e.className),
    );
    expect(lifted).toEqual([]);
    expect(browser.problems).toEqual([]);
  });

  it('a wrong value: check’s message beside the field, «Не сохранено», nothing written', async () => {
    await type('indicators.items[2].fact', '12,3.4');
    await browser.page.waitForFunction(
      () =>
        ((globalThis as unknown as Win).document.querySelector('[id="f-indicators_items_2__fact-e"]')?.textContent ??
          '') !== '',
      undefined,
      WAIT,
    );
    expect(await browser.page.$eval('[id="f-indicators_items_2__fact-e"]', (e) => e.textContent)).toBe(
      'ожидается число, получено «12,3.4» — напишите число цифрами, например 72 или 80.4',
    );
    expect(await status()).toMatch(/^Не сохранено: ожидается число, получено «12,3.4»/);
    expect(git(seed.dir, 'diff', '--stat')).toBe('');
    // The refusal's answer is the one failed request the page made.
    expect(browser.problems).toEqual(['422 /d/2023/institutional-environment/edit']);
    browser.problems.length = 0;
  });

  it('three facts, one task and a new event item, from the keyboard: git diff shows exactly those lines', async () => {
    await type('indicators.items[0].fact', '80,9');
    await saved('indicators.items[0].fact', '80,9');
    // Enter in a field saves it too (and sends no form: the page's CSP would refuse that).
    await browser.page.focus('[name="indicators.items[1].fact"]');
    await browser.page.keyboard.press('Control+A');
    await browser.page.keyboard.type('5 240');
    await browser.page.keyboard.press('Enter');
    await saved('indicators.items[1].fact', '5 240');
    await type('indicators.items[2].fact', 'н/д');
    await saved('indicators.items[2].fact', 'н/д');
    expect(await status()).toBe('Сохранено');
    expect(await browser.page.$eval('[id="f-indicators_items_2__fact-e"]', (e) => e.textContent)).toBe('');
    await type('tasks[2]', 'повышение качества муниципального управления;');
    await saved('tasks[2]', 'повышение качества муниципального управления;');
    const adder = '.itogi-adder[data-list="events[1].items"] input';
    await browser.page.focus(adder);
    await browser.page.keyboard.type('запуск портала «Сургут онлайн».');
    await browser.page.keyboard.press('Enter');
    await browser.page.waitForSelector('[name="events[1].items[1]"]', WAIT);
    expect(await browser.page.$eval('[name="events[1].items[1]"]', (e) => (e as unknown as Field).value)).toBe(
      'запуск портала «Сургут онлайн».',
    );
    // The slides follow: the new item is drawn.
    await browser.page.waitForFunction(
      () =>
        Array.from((globalThis as unknown as Win).document.querySelectorAll('.itogi-line'), (s) => s.textContent)
          .join(' ')
          .replace(/[\u00a0\u202f]/g, ' ')
          .includes('Сургут онлайн'),
      undefined,
      WAIT,
    );
    const diff = git(seed.dir, 'diff', '--unified=0', '--no-color', '--', SEED_REL)
      .split('\n')
      .filter((l) => /^[-+](?![-+])/.test(l));
    expect(diff).toEqual([
      '-  - повышение эффективности муниципального управления;',
      '+  - повышение качества муниципального управления;',
      '+      - запуск портала «Сургут онлайн».',
      '-      fact: 80.4',
      '+      fact: 80.9',
      '-      fact: 5236',
      '+      fact: 5240',
      '-      fact: 8',
      '+      fact: null',
    ]);
    expect(browser.problems).toEqual([]);
  });

  it('a save from the text editor while the page is open is never overwritten; the page shows both values', async () => {
    // The editor saves while the official is typing in the page (the field has unsaved text).
    const { page } = browser;
    await page.focus('[name="indicators.items[3].fact"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('175');
    const theirs = (await readFile(seed.file, 'utf8')).replace('      fact: 172.7', '      fact: 180.2');
    await writeFile(seed.file, theirs);
    await page.keyboard.press('Tab');
    await page.waitForSelector('.itogi-conflict:not([hidden])', WAIT);
    const conflict = await page.$eval('.itogi-conflict', (e) => e.textContent ?? '');
    expect(conflict).toContain('В файле сейчас: «180,2»');
    expect(conflict).toContain('Ваше значение: «175»');
    expect(await status()).toMatch(/^Не сохранено: файл изменён в другой программе/);
    expect(await page.$eval('[name="indicators.items[3].fact"]', (e) => (e as unknown as Field).value)).toBe('175');
    expect(await readFile(seed.file, 'utf8')).toBe(theirs);
  });

  it('undo takes back the page’s saves, newest first', async () => {
    const { page } = browser;
    // Back to the file on disk, then one save from here, undone.
    await page.click('.itogi-conflict button:nth-of-type(2)');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as Win).document.querySelector('[name="indicators.items[3].fact"]')?.value === '180,2',
      undefined,
      WAIT,
    );
    const before = await readFile(seed.file, 'utf8');
    await type('indicators.items[4].fact', '75');
    await saved('indicators.items[4].fact', '75');
    await page.click('[data-op="undo"]');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as Win).document.querySelector('[name="indicators.items[4].fact"]')?.value === '74,9',
      undefined,
      WAIT,
    );
    expect(await readFile(seed.file, 'utf8')).toBe(before);
  });
});
