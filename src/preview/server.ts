/**
 * `itogi preview`: a local web server beside the CLI, over the same API
 * (checkFile, buildDeck). It serves only what it generated, from a fixed
 * route table; pages update themselves over Server-Sent Events when a
 * direction file or a template is saved.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { basename, resolve } from 'node:path';
import { displayPath, type DeckFile } from '../api.js';
import { DEFAULT_CONTENT_DIR, DEFAULT_OUT_DIR } from '../cli/options.js';
import { diagnostic, formatDiagnostic, hasErrors, type Diagnostic } from '../errors.js';
import { collectFiles } from '../files.js';
import { cancelConversions, convertToPdf, findSoffice, PdfError } from '../output/pdf.js';
import { previewAssets, renderSlidesHtml, type PreviewAsset } from '../render/html.js';
import { forgetLoadedTemplates, templateSearchPath } from '../template/load.js';
import { deckFragment, deckPage, LIVE_JS, listFragment, listPage, SHELL_CSS, type ListEntry } from './page.js';
import { escapeHtml, problemsHtml } from './problems.js';
import { freePortNear } from './port.js';
import { rebuild, serialQueue, type Rebuilt } from './rebuild.js';
import {
  allowedHosts,
  hostAllowed,
  HEADERS_TIMEOUT_MS,
  hostPort,
  isLoopback,
  isWildcard,
  LOOPBACK,
  MAX_HEADER_BYTES,
  MAX_URL_LENGTH,
  REQUEST_TIMEOUT_MS,
  routeOf,
  SECURITY_HEADERS,
  type DeckPart,
} from './security.js';
import { watchSources, type Changes, type SourceWatcher } from './watcher.js';

export const DEFAULT_PORT = 4870;
/** Open pages at once; more event streams are refused (each holds a socket). */
const MAX_EVENT_STREAMS = 64;
const HEARTBEAT_MS = 25_000;
/** PDFs kept per server, newest first. */
const PDF_CACHE_SIZE = 8;

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

/** Why the preview could not start, in Russian; exitCode 2 for the environment or usage (port, host), 1 for content paths. */
export class PreviewStartError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2) {
    super(message);
    this.name = 'PreviewStartError';
    this.exitCode = exitCode;
  }
}

interface Direction {
  file: string;
  name: string;
  key: string;
  version: number;
  diagnostics: Diagnostic[];
  sources: Map<string, string[]>;
  title?: string;
  year?: number;
  gone: boolean;
  good?: { deck: DeckFile; slides: string; fileName: string };
}

const SLUG = /^[A-Za-z0-9_-]{1,80}$/;

/** year/id from the content, validated or raw (a broken file still keeps its address). */
function keyOf(r: Rebuilt): string | undefined {
  const content = r.checked?.computed?.content;
  if (content) return `${content.report.year}/${content.direction.id}`;
  const data = r.checked?.source?.data as { report?: { year?: unknown }; direction?: { id?: unknown } } | undefined;
  const year = data?.report?.year;
  const id = data?.direction?.id;
  if (typeof year === 'number' && Number.isInteger(year) && typeof id === 'string' && SLUG.test(id))
    return `${year}/${id}`;
  return undefined;
}

function printedHosts(host: string): string[] {
  if (!isWildcard(host)) return [host];
  const v4 = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  return [LOOPBACK, ...v4];
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = options.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const host = options.host ?? LOOPBACK;
  const wantedPort = options.port ?? DEFAULT_PORT;
  const target = options.path ?? DEFAULT_CONTENT_DIR;
  const targetAbs = resolve(cwd, target);

  const info = await stat(targetAbs).catch(() => undefined);
  if (!info)
    throw new PreviewStartError(
      formatDiagnostic(diagnostic('PathNotFound', { file: target }, 'нет такого файла или папки')),
      1,
    );
  const folderMode = info.isDirectory();
  const { files } = await collectFiles([targetAbs], cwd);

  // ---- state
  const directions = new Map<string, Direction>(); // by absolute file
  const byKey = new Map<string, Direction>();
  let listVersion = 0;
  let fileCounter = 0;
  const soffice = findSoffice();
  const pdfCache = new Map<string, Promise<Buffer>>();
  const assets: Map<string, PreviewAsset> = await previewAssets();
  const streams = new Set<ServerResponse>();
  const renderOptions = {
    cwd,
    outDir: resolve(cwd, DEFAULT_OUT_DIR),
    ...(options.template ? { template: options.template } : {}),
  };

  const broadcast = (key: string, version: number) => {
    const message = `event: change\ndata: ${JSON.stringify({ key, version })}\n\n`;
    for (const s of streams) s.write(message);
  };

  async function sourceLines(r: Rebuilt): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const d of r.diagnostics) {
      if (d.line <= 0 || out.has(d.file)) continue;
      // The checked file's text is at hand; a template's is read back (it is the file the diagnostic names).
      let text = d.file === r.file ? r.checked?.source?.text : undefined;
      if (text === undefined && /\.ya?ml$/i.test(d.file))
        text = await readFile(resolve(cwd, d.file), 'utf8').catch(() => undefined);
      if (text !== undefined) out.set(d.file, text.split(/\r?\n/));
    }
    return out;
  }

  async function refresh(file: string): Promise<void> {
    const r = await rebuild(file, renderOptions);
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    let d = directions.get(file);
    if (!d) {
      let key = keyOf(r) ?? `f/${++fileCounter}`;
      for (let n = 2; byKey.has(key); n++) key = `${keyOf(r) ?? 'f'}-${n}`;
      d = { file, name: r.file, key, version: 0, diagnostics: [], sources: new Map(), gone: false };
      directions.set(file, d);
      byKey.set(key, d);
    }
    const wasGone = d.gone;
    const diagnostics = [...r.diagnostics];
    let good = d.good;
    if (r.deck && r.checked?.template) {
      try {
        const slides = renderSlidesHtml(r.deck.layout, r.checked.template);
        good = { deck: r.deck, slides, fileName: basename(r.deck.path) };
      } catch (e) {
        // The deck itself was built (and can be downloaded); only its page failed.
        if (process.env['ITOGI_DEBUG']) console.error(e);
        diagnostics.push(
          diagnostic(
            'RenderFailed',
            { file: r.file },
            `не удалось показать слайды на странице: ${e instanceof Error ? e.message : String(e)}`,
          ),
        );
      }
    }
    const sources = await sourceLines({ ...r, diagnostics });
    // Updated together, after the last await: a request never sees half a change.
    const hadErrors = hasErrors(d.diagnostics);
    d.diagnostics = diagnostics;
    d.sources = sources;
    d.gone = !exists;
    if (good) d.good = good;
    const content = r.checked?.computed?.content;
    if (content) {
      d.title = content.direction.name;
      d.year = content.report.year;
    }
    d.version++;
    listVersion++;
    // The terminal says what the page says.
    if (d.gone && !wasGone && folderMode) out(`${r.file}: файл удалён`);
    else if (diagnostics.length > 0) for (const x of diagnostics) err(formatDiagnostic(x));
    if (!d.gone && !hasErrors(diagnostics) && (hadErrors || d.version > 1))
      out(
        `${r.file}: обновлено${hadErrors ? ', ошибок нет' : ''} (слайдов: ${d.good?.deck.layout.slides.length ?? 0})`,
      );
    broadcast(d.key, d.version);
  }

  // One rebuild at a time; a bug in one is a line on the terminal, and the loop goes on.
  const queue = serialQueue(err);
  const enqueue = queue.enqueue;
  const onChanges = (changes: Changes) =>
    enqueue(async () => {
      if (changes.templates) forgetLoadedTemplates();
      const targets = changes.templates ? new Set([...directions.keys(), ...changes.files]) : changes.files;
      for (const file of [...targets].sort()) await refresh(file);
    });

  // ---- HTTP
  const fragmentOf = (d: Direction) =>
    deckFragment({
      key: d.key,
      problems: problemsHtml(d.diagnostics, d.sources, d.good !== undefined),
      ...(d.good ? { slides: d.good.slides, fileName: d.good.fileName } : {}),
      pdf: soffice !== undefined,
    });
  const listEntries = (): ListEntry[] =>
    [...directions.values()]
      .filter((d) => !d.gone)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((d) => ({
        key: d.key,
        file: d.name,
        ...(d.title ? { title: d.title } : {}),
        ...(d.year ? { year: d.year } : {}),
        errors: d.diagnostics.filter((x) => x.severity === 'error').length,
      }));

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...headers });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }
  const HTML = 'text/html; charset=utf-8';
  const TEXT = 'text/plain; charset=utf-8';
  const notFound = (req: IncomingMessage, res: ServerResponse) => send(req, res, 404, TEXT, 'Не найдено\n');
  const messagePage = (title: string, text: string) =>
    `<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/shell.css"></head><body><main id="itogi-live"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/">← назад</a></p></main></body></html>\n`;

  /** The conversion before the next one: PDFs are made one after another. */
  let pdfTurn: Promise<unknown> = Promise.resolve();
  async function pdfOf(deck: DeckFile): Promise<Buffer> {
    const hash = createHash('sha256').update(deck.buffer).digest('hex');
    let pending = pdfCache.get(hash);
    if (!pending) {
      // One LibreOffice at a time, whoever asks: requests for many decks queue up rather than start a converter each.
      pending = pdfTurn.then(() => convertToPdf(deck.buffer, { soffice: soffice! }));
      pdfTurn = pending.catch(() => undefined);
      pdfCache.set(hash, pending);
      pending.catch(() => pdfCache.delete(hash));
      while (pdfCache.size > PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value!);
    }
    return pending;
  }

  async function serveDeck(req: IncomingMessage, res: ServerResponse, d: Direction, part: DeckPart) {
    if (part === 'page') {
      const page = deckPage({
        key: d.key,
        version: d.version,
        title: d.title ?? d.name,
        file: d.name,
        fragment: fragmentOf(d),
        listLink: folderMode,
      });
      return send(req, res, 200, HTML, page);
    }
    if (part === 'slides') return send(req, res, 200, HTML, fragmentOf(d), { 'X-Itogi-Version': String(d.version) });
    const good = d.good;
    if (!good)
      return send(
        req,
        res,
        409,
        HTML,
        messagePage(
          'Презентация ещё не собрана',
          'В файле ошибки: исправьте их (они показаны на странице направления), и презентацию можно будет скачать.',
        ),
      );
    const disposition = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}"`;
    if (part === 'pptx') {
      return send(
        req,
        res,
        200,
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        good.deck.buffer,
        { 'Content-Disposition': disposition(good.fileName) },
      );
    }
    if (!soffice)
      return send(
        req,
        res,
        404,
        HTML,
        messagePage(
          'PDF недоступен',
          'LibreOffice не найден на этом компьютере, поэтому PDF не делается; скачайте .pptx.',
        ),
      );
    try {
      const pdf = await pdfOf(good.deck);
      return send(req, res, 200, 'application/pdf', pdf, {
        'Content-Disposition': disposition(good.fileName.replace(/\.pptx$/, '.pdf')),
      });
    } catch (e) {
      const why = e instanceof PdfError ? e.message : 'непредвиденная ошибка при вызове LibreOffice';
      if (!(e instanceof PdfError) && process.env['ITOGI_DEBUG']) console.error(e);
      err(`${d.name}: PDF: ${why}`);
      return send(req, res, 502, HTML, messagePage('Не удалось сделать PDF', why));
    }
  }

  function openStream(req: IncomingMessage, res: ServerResponse) {
    if (streams.size >= MAX_EVENT_STREAMS)
      return send(req, res, 503, TEXT, 'Слишком много открытых страниц просмотра\n');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
    if (req.method === 'HEAD') return res.end();
    res.write('retry: 1000\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  let allowed = new Set<string>();
  let ready: Promise<void> = Promise.resolve();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = req.url ?? '';
    if (url.length > MAX_URL_LENGTH) return send(req, res, 414, TEXT, 'Слишком длинный адрес\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(req, res, 405, TEXT, 'Метод не поддерживается\n', { Allow: 'GET, HEAD' });
    // DNS rebinding: a page of another site that resolves to us still sends its own name.
    if (!hostAllowed(req.headers.host, allowed))
      return send(
        req,
        res,
        421,
        TEXT,
        'Неверный адрес сервера (заголовок Host): откройте адрес, который напечатал itogi preview\n',
      );
    const route = routeOf(url);
    if (!route) return notFound(req, res);
    switch (route.kind) {
      case 'shell':
        return route.name === 'live.js'
          ? send(req, res, 200, 'text/javascript; charset=utf-8', LIVE_JS)
          : send(req, res, 200, 'text/css; charset=utf-8', SHELL_CSS);
      case 'asset': {
        const asset = assets.get(route.path);
        return asset ? send(req, res, 200, asset.contentType, asset.body) : notFound(req, res);
      }
      case 'events':
        return openStream(req, res);
      default:
        break;
    }
    await ready;
    if (route.kind === 'list' || (route.kind === 'home' && folderMode)) {
      const fragment = listFragment(listEntries());
      if (route.kind === 'list') return send(req, res, 200, HTML, fragment, { 'X-Itogi-Version': String(listVersion) });
      return send(
        req,
        res,
        200,
        HTML,
        listPage({ folder: displayPath(targetAbs, cwd), version: listVersion, fragment }),
      );
    }
    const d = route.kind === 'home' ? directions.values().next().value : byKey.get(route.key);
    if (!d) return notFound(req, res);
    return serveDeck(req, res, d, route.kind === 'home' ? 'page' : route.part);
  }

  const server: Server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (process.env['ITOGI_DEBUG']) console.error(e);
        err(
          `itogi: внутренняя ошибка при ответе на ${req.method ?? '?'} ${(req.url ?? '').slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`,
        );
        if (!res.headersSent)
          send(req, res, 500, TEXT, 'Внутренняя ошибка itogi; подробности — в окне, где запущен itogi preview\n');
        else res.destroy();
      });
    },
  );
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      e.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  const port = await new Promise<number>((resolveListen, rejectListen) => {
    const onError = async (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        const free = await freePortNear(wantedPort, host);
        const suggestion =
          free !== undefined ? `свободен порт ${free}: itogi preview --port ${free}` : 'укажите другой порт';
        rejectListen(
          new PreviewStartError(
            `itogi: порт ${wantedPort} занят (другой программой или уже запущенным itogi preview); ${suggestion}, или --port 0 — любой свободный порт`,
            2,
          ),
        );
      } else if (e.code === 'EACCES') {
        rejectListen(
          new PreviewStartError(
            `itogi: нет прав открыть порт ${wantedPort}; укажите порт от 1024, например --port ${DEFAULT_PORT}, или --port 0`,
            2,
          ),
        );
      } else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
        rejectListen(new PreviewStartError(`itogi: --host ${host}: у этого компьютера нет такого адреса`, 2));
      } else
        rejectListen(
          new PreviewStartError(
            `itogi: не удалось запустить сервер на ${hostPort(host, wantedPort)} (${e.code ?? e.message})`,
            2,
          ),
        );
    };
    const onListenError = (e: NodeJS.ErrnoException) => void onError(e);
    server.once('error', onListenError);
    server.listen({ port: wantedPort, host, exclusive: true }, () => {
      server.off('error', onListenError);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
  server.on('error', (e) => err(`itogi: сервер: ${e.message}`));

  const hosts = printedHosts(host);
  allowed = allowedHosts(hosts, port);
  const urls = hosts.map((h) => `http://${hostPort(h, port)}/`);

  // Every file once, then on each save.
  ready = enqueue(async () => {
    for (const file of files) await refresh(resolve(file));
  });
  let watcher: SourceWatcher | undefined;
  try {
    watcher = await watchSources({
      folders: folderMode ? [targetAbs] : [],
      files: folderMode ? [] : [targetAbs],
      templateRoots: templateSearchPath(cwd),
      onChanges: (c) => void onChanges(c),
      onError: (e) => err(`itogi: слежение за файлами: ${e.message}`),
    });
  } catch (e) {
    server.close();
    throw e;
  }
  await ready;

  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  out(`Просмотр: ${urls[urls.length > 1 ? 1 : 0]} — Ctrl+C, чтобы остановить`);
  if (!isLoopback(host)) {
    if (urls.length > 1) out(`Также: ${urls.filter((_, i) => i !== 1).join(', ')}`);
    out(
      `Внимание: --host ${host} открывает просмотр для сети: любой, кто может подключиться к этому компьютеру, увидит слайды и скачает презентации.`,
    );
  }

  return {
    url: urls[urls.length > 1 ? 1 : 0]!,
    urls,
    port,
    idle: queue.idle,
    async close() {
      clearInterval(heartbeat);
      // A PDF being made for the page would keep LibreOffice (and this process) going for up to two minutes.
      cancelConversions();
      await watcher?.close();
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await queue.idle();
    },
  };
}
