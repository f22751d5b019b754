/**
 * Issue 20, items 3 and 4: `itogi publish` of the shipped content (content/2023).
 * Every page is checked in Debian's Chromium with axe-core (0 violations,
 * WCAG 2.1 A/AA and best practices), at 320 CSS px wide (200 % zoom of a
 * 640 px window) without scrolling sideways, from the keyboard, in print;
 * the open data hold every indicator of the year; the site has no scripts
 * and the same content gives the same bytes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, posix, relative, sep } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkFile } from '../../src/api.js';
import { publishSite } from '../../src/publish/site.js';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { filesUnder, ROOT, runItogi, useTempDir } from '../helpers/cli.js';
import { writeDirections } from '../helpers/directions.js';
import { hasLibreOffice } from '../helpers/libreoffice.js';
import { contrastLines, lowContrastSurgut } from '../helpers/template.js';

const YEAR = join(ROOT, 'content', '2023');

// What the page functions below use of the DOM (the tests are typed without lib.dom).
interface El {
  tagName: string;
  getAttribute(name: string): string | null;
}
declare const document: {
  documentElement: { scrollWidth: number };
  activeElement: El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): { length: number };
};
declare function getComputedStyle(el: El, pseudo?: string): { display: string; content: string };
/** axe-core's own source, injected into each page. */
const AXE = axe.source;

let site = '';
let pages: string[] = [];
let server: Server | undefined;
let origin = '';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The site as a web server gives it (axe reads the stylesheets by XHR, which file: URLs refuse). */
async function serve(): Promise<void> {
  server = createServer((req, res) => {
    const path = join(site, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    readFile(path).then(
      (data) => {
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        res.end(data);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const urlOf = (page: string) => `${origin}/${relative(site, page).split(sep).join('/')}`;
let run: Awaited<ReturnType<typeof runItogi>>;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'itogi-site-'));
  run = await runItogi(['publish', 'content/2023', '--out', site]);
  pages = (await filesUnder(site)).filter((f) => f.endsWith('.html')).map((f) => join(site, f));
  await serve();
}, 300_000);
afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await rm(site, { recursive: true, force: true });
});

async function indicatorsOfYear() {
  const checked = await Promise.all(readdirSync(YEAR).map((f) => checkFile(join(YEAR, f), { cwd: ROOT })));
  return checked.flatMap((c) =>
    c.computed!.indicators.map((i) => ({ direction: c.computed!.content.direction.name, ...i.indicator })),
  );
}

describe('itogi publish content/2023', () => {
  it('writes an index, a page per direction, the decks, the PDFs and the open data', async () => {
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(run.out.at(-1)).toMatch(/^Сайт: .+index\.html — направлений: 4, файлов: 19/);
    const files = (await filesUnder(site)).sort();
    for (const id of ['economy', 'human-capital', 'institutional-environment', 'urban-environment']) {
      for (const ext of ['html', 'pptx', ...(hasLibreOffice() ? ['pdf'] : [])])
        expect(files).toContain(`2023/${id}.${ext}`);
    }
    expect(files).toEqual(expect.arrayContaining(['index.html', 'style.css', '2023/index.html', '2023/summary.pptx']));
    expect(files).toEqual(expect.arrayContaining(['2023/indicators-2023.csv', '2023/indicators-2023.xlsx']));
  });

  it('links only to files that are there, and has no scripts', async () => {
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
      expect(html, page).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="ru">/);
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        const target = posix.normalize(posix.join(posix.dirname(relative(site, page)), href!.replace(/#.*$/, '')));
        expect(existsSync(join(site, target)), `${relative(site, page)} → ${href}`).toBe(true);
      }
    }
  });

  it('gives every indicator of the year in the CSV (UTF-8 with BOM) and the XLSX', async () => {
    const indicators = await indicatorsOfYear();
    expect(indicators.length).toBeGreaterThan(20);
    const csv = await readFile(join(site, '2023', 'indicators-2023.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(indicators.length + 1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(join(site, '2023', 'indicators-2023.xlsx'))) as unknown as ArrayBuffer);
    const cells = workbook.worksheets.flatMap((ws) => {
      const values: string[] = [];
      ws.eachRow((row) => values.push(row.values.toString()));
      return values;
    });
    for (const i of indicators) {
      expect(lines.some((l) => l.includes(`;${i.number};`) && l.includes(i.name))).toBe(true);
      expect(cells.some((c) => c.includes(i.name))).toBe(true);
    }
  });

  it('shows each direction’s slides as headings, lists, tables with th scope and the chart with its alternative', async () => {
    // No-break spaces (typeset.ts) read as spaces here.
    const html = (await readFile(join(site, '2023', 'institutional-environment.html'), 'utf8')).replace(/\u00a0/g, ' ');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h2>Основные задачи направления:</h2>');
    expect(html).toMatch(/<ul>\n<li>/);
    expect(html).toMatch(/<thead><tr>(<th scope="col">[^<]+<\/th>){4}<\/tr><\/thead>/);
    expect(html).toContain('<th scope="row">45. Удовлетворенность горожан');
    expect(html).toMatch(/<svg class="chart"[^>]* role="img" aria-labelledby="[^"]+"/);
    expect(html).toContain('Исполнение шести показателей: все выполнены на 100 % и более.');
    expect(html).toContain('ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.');
  });

  it('gives the same bytes for the same content', async () => {
    const [a, b] = [await mkdtemp(join(tmpdir(), 'itogi-site-a-')), await mkdtemp(join(tmpdir(), 'itogi-site-b-'))];
    try {
      const files = readdirSync(YEAR).map((f) => join(YEAR, f));
      await publishSite(files, a, { cwd: ROOT, pdf: false });
      await publishSite([...files].reverse(), b, { cwd: ROOT, pdf: false });
      const names = (await filesUnder(a)).sort();
      expect(names.length).toBeGreaterThan(10);
      expect((await filesUnder(b)).sort()).toEqual(names);
      for (const n of names) expect((await readFile(join(a, n))).equals(await readFile(join(b, n))), n).toBe(true);
      // The site made with PDFs (by the CLI) has the same decks, data and stylesheet.
      for (const n of names.filter((n) => !n.endsWith('.html')))
        expect((await readFile(join(a, n))).equals(await readFile(join(site, n))), n).toBe(true);
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasChromium())('the published pages in Chromium', () => {
  it('pass axe-core with 0 violations (WCAG 2.1 A/AA, best practices)', async () => {
    const browser = await launchChromium();
    try {
      for (const page of pages) {
        await browser.page.goto(urlOf(page));
        await browser.page.addScriptTag({ content: AXE });
        const result = (await browser.page.evaluate(() =>
          (globalThis as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
          }),
        )) as { violations: { id: string; nodes: { target: string[] }[] }[]; passes: unknown[] };
        const said = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(said, relative(site, page)).toEqual([]);
        expect(result.passes.length).toBeGreaterThan(10);
      }
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('reads at 320 CSS px wide (200 % zoom) without scrolling sideways', async () => {
    const browser = await launchChromium({ width: 320, height: 640 });
    try {
      for (const page of pages) {
        await browser.page.goto(urlOf(page));
        const width = await browser.page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, relative(site, page)).toBeLessThanOrEqual(320);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('reaches every link and table from the keyboard, the skip link first', async () => {
    const browser = await launchChromium();
    try {
      const page = pages.find((p) => p.endsWith('institutional-environment.html'))!;
      await browser.page.goto(urlOf(page));
      const focusable = await browser.page.evaluate(() => document.querySelectorAll('a[href], [tabindex="0"]').length);
      const reached: string[] = [];
      for (let i = 0; i < focusable; i++) {
        await browser.page.keyboard.press('Tab');
        reached.push(
          await browser.page.evaluate(() => {
            const el = document.activeElement!;
            return `${el.tagName.toLowerCase()}:${el.getAttribute('href') ?? el.getAttribute('aria-labelledby')}`;
          }),
        );
      }
      expect(reached[0]).toBe('a:#content');
      expect(new Set(reached).size).toBe(focusable);
      expect(reached.filter((r) => r.startsWith('div:'))).toHaveLength(2);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints without the navigation, the download links spelled out', async () => {
    const browser = await launchChromium();
    try {
      await browser.page.goto(urlOf(join(site, '2023', 'economy.html')));
      await browser.page.emulateMedia({ media: 'print' });
      expect(await browser.page.evaluate(() => getComputedStyle(document.querySelector('header nav')!).display)).toBe(
        'none',
      );
      const after = await browser.page.evaluate(
        () => getComputedStyle(document.querySelector('.downloads a')!, '::after').content,
      );
      expect(after).toContain('economy.pptx');
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('itogi publish with a broken file and no LibreOffice', () => {
  const dir = useTempDir('itogi-publish-bad-');

  it('publishes the valid files, says where the broken one is wrong, and that the PDFs are missing', async () => {
    const content = join(dir(), 'content', '2023');
    await mkdir(content, { recursive: true });
    await copyFile(join(YEAR, 'economy.yaml'), join(content, 'economy.yaml'));
    const broken = (await readFile(join(YEAR, 'human-capital.yaml'), 'utf8')).replace(/^(\s+plan: ).*$/m, '$1много');
    await writeFile(join(content, 'human-capital.yaml'), broken);
    vi.stubEnv('ITOGI_SOFFICE', '');
    vi.stubEnv('PATH', '');
    try {
      const r = await runItogi(['publish', '--out', 'site'], dir());
      expect(r.code).toBe(1);
      expect(r.err.join('\n')).toMatch(/content\/2023\/human-capital\.yaml:\d+:\d+: ошибка: .*plan/);
      expect(r.err).toContain(
        'itogi publish: LibreOffice не найден — сайт без PDF (установите LibreOffice и запустите publish ещё раз)',
      );
      const files = await filesUnder(join(dir(), 'site'));
      expect(files).toContain('2023/economy.html');
      expect(files).not.toContain('2023/human-capital.html');
      expect(files.filter((f) => f.endsWith('.pdf'))).toEqual([]);
      expect(await readFile(join(dir(), 'site', '2023', 'economy.html'), 'utf8')).not.toContain('.pdf');
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);

  it('says a template’s warning once, however many directions use the template', async () => {
    await writeDirections(join(dir(), 'content', '2023'), 3);
    const line = await lowContrastSurgut(dir());
    vi.stubEnv('ITOGI_SOFFICE', '');
    vi.stubEnv('PATH', '');
    try {
      const r = await runItogi(['publish', '--out', 'site'], dir());
      expect(r.code).toBe(0);
      expect(contrastLines(r.err)).toEqual([
        expect.stringMatching(new RegExp(`^templates/surgut/template\\.yaml:${line}:10: предупреждение: `)),
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);
});
