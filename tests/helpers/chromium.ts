/**
 * Debian's chromium, headless, driven by playwright-core (no browser
 * download), with a fresh profile per launch; and a tiny local server that
 * gives it a preview fragment with its assets, under the preview server's
 * own security headers.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PREVIEW_HEAD, previewAssets } from '../../src/render/html.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The probe's flags: without the background-networking ones Chromium knocks on the closed network at every start. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for; every script error, console error and failed request (but the favicon). */
  requests: string[];
  problems: string[];
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'itogi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // A failed request is reported by URL below; its console line names none.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 400 && path !== '/favicon.ico') problems.push(`${r.status()} ${path}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return {
    context,
    page,
    requests,
    problems,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface FragmentServer {
  origin: string;
  close(): Promise<void>;
}

/** A page per name: the fragment inside a plain document with PREVIEW_HEAD; the assets; 404 for the rest. */
export async function serveFragments(
  pages: Record<string, string>,
  headers: Readonly<Record<string, string>> = {},
): Promise<FragmentServer> {
  const assets = await previewAssets();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const asset = assets.get(path);
    const fragment = pages[path.replace(/^\//, '')];
    if (asset) {
      res.writeHead(200, { ...headers, 'Content-Type': asset.contentType });
      res.end(asset.body);
    } else if (fragment !== undefined) {
      const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>preview</title>${PREVIEW_HEAD}</head><body style="margin:0;padding:16px;background:#e5e7eb"><main id="deck">${fragment}</main></body></html>`;
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** As much of the page's document as openDrawn's page function uses: the tests compile without the DOM library. */
declare const document: {
  querySelector(s: string): unknown;
  querySelectorAll(s: string): { length: number };
  fonts: { ready: Promise<unknown> };
};

/** Opens a page of `serveFragments` and waits until its charts are drawn (if it has any) and its fonts loaded. */
export async function openDrawn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.itogi-chart[data-drawn]').length > 0 ||
      document.querySelector('.itogi-chart') === null,
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(() => document.fonts.ready);
}
