/**
 * `itogi preview`: a local web server beside the CLI, over the same API
 * (checkFile, buildDeck). It serves only what it generated, from a fixed
 * route table (routes.ts); pages update themselves over Server-Sent Events
 * when a direction file or a template is saved.
 */
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { displayPath, type CheckedFile } from '../api.js';
import { Workspace } from '../core/workspace.js';
import { diagnostic, formatDiagnostic, hasErrors } from '../errors.js';
import { collectFiles } from '../files.js';
import { cancelConversions, findSoffice } from '../output/pdf.js';
import { previewAssets } from '../render/html.js';
import { templateSearchPath } from '../template/load.js';
import { createEditor } from './editor.js';
import { showSummaries } from './summaries.js';
import { type Direction, Directions, type GoodDeck, type ShownSlides, slidesOf, sourceLines } from './directions.js';
import { answerClientError, DEFAULT_PORT, listen, PreviewStartError, send, TEXT } from './http.js';
import { pdfQueue } from './pdfQueue.js';
import { changeQueue, lastRead, lookAgainAt, type Rebuilt, seenAlready, withDeck } from './rebuild.js';
import { handle, type Site } from './routes.js';
import {
  allowedHosts,
  HEADERS_TIMEOUT_MS,
  hostPort,
  isLoopback,
  isWildcard,
  LOOPBACK,
  MAX_HEADER_BYTES,
  REQUEST_TIMEOUT_MS,
} from './security.js';
import { watchSources, type Changes, type SourceWatcher } from './watcher.js';

export { PreviewStartError };

/**
 * The CLI's defaults (cli/options.ts: DEFAULT_CONTENT_DIR, DEFAULT_OUT_DIR),
 * repeated because the preview must not import the CLI (issue 10 §2). The
 * out folder only names the deck: the preview writes nothing.
 */
const DEFAULT_PATH = 'content';
const OUT_DIR = 'output';
const HEARTBEAT_MS = 25_000;
/**
 * The .pptx of new slides is built this long after they are shown (or at
 * once when downloaded): the page's redraw has the machine to itself, and a
 * save that follows quickly makes the earlier deck unnecessary.
 */
const DECK_AFTER_MS = 300;

export interface PreviewOptions {
  /** A direction file or a folder of them (default content/). */
  path?: string;
  cwd?: string;
  /** Default 4870; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; anything else shares the preview on a network. */
  host?: string;
  template?: string;
  out?(line: string): void;
  err?(line: string): void;
}

export interface Preview {
  /** The address printed, e.g. http://127.0.0.1:4870/ */
  url: string;
  /** Every address the server answers to (several when --host is 0.0.0.0). */
  urls: string[];
  port: number;
  /** Resolves when every saved change so far has been rebuilt. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function printedHosts(host: string): string[] {
  if (!isWildcard(host)) return [host];
  const v4 = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  return [LOOPBACK, ...v4];
}

/** The event every open page listens to: this direction (or the list) has a new version. */
function broadcast(streams: Set<ServerResponse>, key: string, version: number): void {
  const message = `event: change\ndata: ${JSON.stringify({ key, version })}\n\n`;
  for (const s of streams) s.write(message);
}

interface Live {
  cwd: string;
  directions: Directions;
  streams: Set<ServerResponse>;
  folderMode: boolean;
  /** Decks waiting for DECK_AFTER_MS (close() drops them), then built one after another (idle() waits for them). */
  deckTimers: Set<NodeJS.Timeout>;
  decksBuilt: Promise<unknown>;
  /** The core: every file as last read and checked, its templates, and the rules over all of them. */
  workspace: Workspace;
  out(line: string): void;
  err(line: string): void;
}

/**
 * The deck of slides just shown, built on its first call: a failure is one
 * more problem on the page (the terminal says it too), and the previous good
 * deck stays the one to download.
 */
function goodDeck(live: Live, d: Direction, r: Rebuilt, shown: ShownSlides, previous: GoodDeck | undefined): GoodDeck {
  let built: Promise<Rebuilt> | undefined;
  const good: GoodDeck = {
    ...shown,
    async deck() {
      built ??= withDeck(r, live.workspace.outDir);
      const b = await built;
      if (b.deck) {
        // Built: the earlier versions are not needed any more (nor kept in memory).
        previous = undefined;
        return b.deck;
      }
      if (d.good === good) {
        const failures = b.diagnostics.slice(r.diagnostics.length);
        d.good = previous;
        d.diagnostics = [...d.diagnostics, ...failures];
        d.version++;
        live.directions.listVersion++;
        for (const x of failures) live.err(formatDiagnostic(x));
        broadcast(live.streams, d.key, d.version);
      }
      return previous?.deck();
    },
  };
  return good;
}

/**
 * Builds the shown deck a moment later, unless a newer version has replaced
 * it by then; one deck at a time (a folder of many files shown at start
 * would otherwise build them all at once).
 */
function buildLater(live: Live, d: Direction, good: GoodDeck): void {
  const timer = setTimeout(() => {
    live.deckTimers.delete(timer);
    live.decksBuilt = live.decksBuilt
      .then(() => (d.good === good ? good.deck() : undefined))
      .catch((e: unknown) => live.err(`itogi: внутренняя ошибка: ${e instanceof Error ? e.message : String(e)}`));
  }, DECK_AFTER_MS);
  timer.unref();
  live.deckTimers.add(timer);
}

/** A saved file read again by the core, and every file whose verdict that changed (a copy saved or removed) shown anew. */
async function refresh(live: Live, file: string): Promise<number[]> {
  const affected = await live.workspace.update([file]);
  for (const gone of affected.gone) await show(live, gone.path, gone.read, undefined);
  for (const change of affected.files) await show(live, change.path, change.read, change.checked);
  return affected.years.map((plan) => plan.year);
}

/** A file's page, after its last read (`checkedNow`) and its verdict over every file (none: it is gone). */
async function show(live: Live, file: string, checkedNow: Rebuilt, verdict: CheckedFile | undefined) {
  const exists = verdict !== undefined;
  const r: Rebuilt = verdict ? { ...checkedNow, checked: verdict, diagnostics: verdict.diagnostics } : checkedNow;
  const d = live.directions.of(file, r);
  const wasGone = d.gone;
  const { shown, diagnostics } = await slidesOf(r, live.workspace.outDir);
  const sources = await sourceLines({ ...r, diagnostics }, live.cwd);
  // Updated together, after the last await: a request never sees half a change.
  const hadErrors = hasErrors(d.diagnostics);
  d.diagnostics = diagnostics;
  d.sources = sources;
  d.gone = !exists;
  if (shown) d.good = goodDeck(live, d, r, shown, d.good);
  const content = r.checked?.computed?.content;
  if (content) {
    d.title = content.direction.name;
    d.year = content.report.year;
  }
  d.version++;
  live.directions.listVersion++;
  broadcast(live.streams, d.key, d.version);
  // The terminal says what the page says (a template's warning once: each page shows it).
  if (d.gone && !wasGone && live.folderMode) live.out(`${r.file}: файл удалён`);
  else if (diagnostics.length > 0)
    for (const x of live.workspace.toSay(r.file, diagnostics)) live.err(formatDiagnostic(x));
  if (!d.gone && !hasErrors(diagnostics) && (hadErrors || d.version > 1))
    live.out(`${r.file}: обновлено${hadErrors ? ', ошибок нет' : ''} (слайдов: ${d.good?.slideCount ?? 0})`);
  d.last = lastRead(checkedNow);
  if (shown && d.good) buildLater(live, d, d.good);
}

/**
 * The city summaries as the files are now (summaries.ts), laid out again for the
 * years in `redo` (default: every year); open pages told of each that changed.
 */
function summaries(live: Live, redo?: ReadonlySet<number>): Promise<void> {
  return showSummaries({
    directions: live.directions,
    years: live.workspace.years(),
    outDir: live.workspace.outDir,
    changed: (d) => broadcast(live.streams, d.key, d.version),
    err: live.err,
    ...(redo ? { redo } : {}),
  });
}

/** The HTTP server: each request answered by routes.ts; a bug in an answer is a line on the terminal and a 500. */
function previewServer(site: Site): Server {
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS },
    (req, res) => {
      handle(site, req, res).catch((e: unknown) => {
        if (process.env['ITOGI_DEBUG']) console.error(e);
        site.err(
          `itogi: внутренняя ошибка при ответе на ${req.method ?? '?'} ${(req.url ?? '').slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`,
        );
        if (!res.headersSent)
          send(req, res, 500, TEXT, 'Внутренняя ошибка itogi; подробности — в окне, где запущен itogi preview\n');
        else res.destroy();
      });
    },
  );
  server.on('clientError', answerClientError);
  return server;
}

/** The address to open, and a warning when the preview is open to the network. */
function announce(out: (line: string) => void, host: string, urls: string[]): void {
  out(`Просмотр: ${urls[urls.length > 1 ? 1 : 0]} — Ctrl+C, чтобы остановить`);
  if (!isLoopback(host)) {
    if (urls.length > 1) out(`Также: ${urls.filter((_, i) => i !== 1).join(', ')}`);
    out(
      `Внимание: --host ${host} открывает просмотр для сети: любой, кто может подключиться к этому компьютеру, увидит слайды и скачает презентации.`,
    );
  }
}

/** The file or folder to preview, or a located error when it is not there. */
async function previewTarget(cwd: string, target: string): Promise<{ abs: string; folderMode: boolean }> {
  const abs = resolve(cwd, target);
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new PreviewStartError(formatDiagnostic(diagnostic('PathNotFound', { file: target }, {})), 1);
  return { abs, folderMode: info.isDirectory() };
}

/** The state the rebuilds write (Live) and the answers read (Site): the same directions and streams. */
async function previewState(
  o: { cwd: string; target: { abs: string; folderMode: boolean }; template?: string | undefined },
  out: (line: string) => void,
  err: (line: string) => void,
  written: (file: string) => void,
): Promise<{ live: Live; site: Site }> {
  const { cwd } = o;
  const { folderMode } = o.target;
  const soffice = findSoffice();
  const live: Live = {
    cwd,
    directions: new Directions(),
    streams: new Set<ServerResponse>(),
    folderMode,
    deckTimers: new Set(),
    decksBuilt: Promise.resolve(),
    workspace: new Workspace({ cwd, outDir: OUT_DIR, ...(o.template ? { template: o.template } : {}) }),
    out,
    err,
  };
  const site: Site = {
    directions: live.directions,
    folderMode,
    folder: displayPath(o.target.abs, cwd),
    assets: await previewAssets(),
    pdf: soffice !== undefined ? pdfQueue(soffice) : undefined,
    streams: live.streams,
    allowed: new Set<string>(),
    ready: Promise.resolve(),
    editor: createEditor({ written, err }),
    err,
  };
  return { live, site };
}

/** Stops in order: no more heartbeats or PDFs, no more saves seen or decks to come, pages closed, the server, the last rebuild. */
async function stopPreview(parts: {
  heartbeat: NodeJS.Timeout;
  watcher: SourceWatcher | undefined;
  live: Live;
  server: Server;
  idle: () => Promise<void>;
}): Promise<void> {
  clearInterval(parts.heartbeat);
  // A PDF being made for the page would keep LibreOffice (and this process) going for up to two minutes.
  cancelConversions();
  await parts.watcher?.close();
  for (const t of parts.live.deckTimers) clearTimeout(t);
  parts.live.deckTimers.clear();
  for (const s of parts.live.streams) s.end();
  parts.live.streams.clear();
  await new Promise<void>((r) => {
    parts.server.close(() => r());
    parts.server.closeAllConnections();
  });
  await parts.idle();
}

/**
 * Starts the preview: builds every file once, listens, watches the files and
 * templates, and rebuilds on each save. About 60 lines because it wires the
 * parts (state, server, queue, watcher, heartbeat) in the order they must
 * start, each a line or two.
 */
export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = options.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const host = options.host ?? LOOPBACK;
  const wantedPort = options.port ?? DEFAULT_PORT;
  const target = await previewTarget(cwd, options.path ?? DEFAULT_PATH);
  const { files } = await collectFiles([target.abs], cwd);
  // A save from the page is rebuilt at once, not when the watcher hears of it.
  let written = (_file: string) => {};
  const { live, site } = await previewState({ cwd, target, template: options.template }, out, err, (file) =>
    written(file),
  );

  // One rebuild at a time, what arrives meanwhile in one batch; a bug in one is a line on the terminal, and the loop goes on.
  const queue = changeQueue(async (changes: Changes) => {
    if (changes.templates) live.workspace.forgetTemplates();
    const targets = changes.templates ? new Set([...live.directions.byFile.keys(), ...changes.files]) : changes.files;
    let refreshed = false;
    const years = new Set<number>();
    for (const file of [...targets].sort()) {
      if (await seenAlready(file, changes, live.directions.byFile.get(file)?.last)) continue;
      for (const year of await refresh(live, file)) years.add(year);
      refreshed = true;
    }
    // A saved template changes every year's summary; a saved file, the years the workspace names.
    if (refreshed) await summaries(live, changes.templates ? undefined : years);
  }, err);
  written = (file) =>
    queue.changed({ files: new Set([file]), templates: false, secondLook: new Set(), at: performance.now() });
  // Every saved change so far shown, and the decks of what is shown built.
  const idle = async () => {
    await queue.idle();
    await live.decksBuilt;
  };

  const server = previewServer(site);
  const port = await listen(server, wantedPort, host);
  server.on('error', (e) => err(`itogi: сервер: ${e.message}`));

  const hosts = printedHosts(host);
  site.allowed = allowedHosts(hosts, port);
  const urls = hosts.map((h) => `http://${hostPort(h, port)}/`);

  // Every file once, then on each save.
  site.ready = queue.enqueue(async () => {
    for (const file of files) await refresh(live, resolve(file));
    await summaries(live);
  });
  let watcher: SourceWatcher | undefined;
  try {
    watcher = await watchSources({
      folders: target.folderMode ? [target.abs] : [],
      files: target.folderMode ? [] : [target.abs],
      templateRoots: templateSearchPath(cwd),
      onChanges: (c) => queue.changed(c),
      onError: (e) => err(`itogi: слежение за файлами: ${e.message}`),
    });
  } catch (e) {
    server.close();
    throw e;
  }
  await site.ready;
  queue.changed(lookAgainAt([...live.directions.byFile.keys()]));

  const heartbeat = setInterval(() => {
    for (const s of live.streams) s.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  announce(out, host, urls);

  return {
    url: urls[urls.length > 1 ? 1 : 0]!,
    urls,
    port,
    idle,
    close: () => stopPreview({ heartbeat, watcher, live, server, idle }),
  };
}
