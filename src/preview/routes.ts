/**
 * The preview's answers, from the fixed route table of security.ts: the
 * shell's script and style, the bundled assets, the event stream, the list
 * and deck pages, their live fragments, and the .pptx and PDF downloads.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { DeckFile } from '../api.js';
import { PdfError } from '../output/pdf.js';
import type { PreviewAsset } from '../render/html.js';
import type { Direction, Directions } from './directions.js';
import { hasErrors } from '../errors.js';
import { HTML, messagePage, notFound, send, TEXT } from './http.js';
import type { Editor } from './editor.js';
import { FORM_JS } from './formScript.js';
import { deckFragment, deckPage, LIVE_JS, listFragment, listPage, SHELL_CSS } from './page.js';
import { problemsHtml } from './problems.js';
import { hostAllowed, MAX_URL_LENGTH, routeOf, SECURITY_HEADERS, type DeckPart } from './security.js';

/** Open pages at once; more event streams are refused (each holds a socket). */
const MAX_EVENT_STREAMS = 64;
const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** What the answers read: the directions, the assets, the open streams; `allowed` and `ready` are set once listening. */
export interface Site {
  directions: Directions;
  /** A folder is previewed (a list page), not a single file. */
  folderMode: boolean;
  /** The folder as the list page names it. */
  folder: string;
  assets: Map<string, PreviewAsset>;
  /** Makes a deck's PDF; undefined when LibreOffice is not installed. */
  pdf: ((deck: DeckFile) => Promise<Buffer>) | undefined;
  streams: Set<ServerResponse>;
  /** Host header values accepted (DNS rebinding). */
  allowed: Set<string>;
  /** Resolves when every file has been built once. */
  ready: Promise<void>;
  /** The edit form's writes (editor.ts). */
  editor: Editor;
  err(line: string): void;
}

const fragmentOf = (site: Site, d: Direction) =>
  deckFragment({
    key: d.key,
    problems: problemsHtml(d.diagnostics, d.sources, d.good !== undefined),
    ...(d.good ? { slides: d.good.slides, fileName: d.good.fileName } : {}),
    pdf: site.pdf !== undefined,
    ...(d.good && hasErrors(d.diagnostics) ? { stale: true } : {}),
  });

const disposition = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}"`;

async function serveDeck(site: Site, req: IncomingMessage, res: ServerResponse, d: Direction, part: DeckPart) {
  if (part === 'edit') return site.editor.edit(req, res, d);
  if (part === 'form') return send(req, res, 200, HTML, await site.editor.form(d));
  if (part === 'page') {
    const page = deckPage({
      token: site.editor.token,
      form: await site.editor.form(d),
      key: d.key,
      version: d.version,
      title: d.title ?? d.name,
      file: d.name,
      fragment: fragmentOf(site, d),
      listLink: site.folderMode,
      ...(d.summary ? { summary: true } : {}),
    });
    return send(req, res, 200, HTML, page);
  }
  if (part === 'slides')
    return send(req, res, 200, HTML, fragmentOf(site, d), { 'X-Itogi-Version': String(d.version) });
  // The .pptx of the slides shown, built now if it is not yet (the same bytes as `itogi build`).
  const deck = await d.good?.deck();
  if (!deck)
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
  if (part === 'pptx')
    return send(req, res, 200, PPTX_TYPE, deck.buffer, { 'Content-Disposition': disposition(basename(deck.path)) });
  return servePdf(site, req, res, d.name, deck);
}

async function servePdf(site: Site, req: IncomingMessage, res: ServerResponse, name: string, deck: DeckFile) {
  if (!site.pdf)
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
    const pdf = await site.pdf(deck);
    return send(req, res, 200, 'application/pdf', pdf, {
      'Content-Disposition': disposition(basename(deck.path).replace(/\.pptx$/, '.pdf')),
    });
  } catch (e) {
    const why = e instanceof PdfError ? e.message : 'непредвиденная ошибка при вызове LibreOffice';
    if (!(e instanceof PdfError) && process.env['ITOGI_DEBUG']) console.error(e);
    site.err(`${name}: PDF: ${why}`);
    return send(req, res, 502, HTML, messagePage('Не удалось сделать PDF', why));
  }
}

function openStream(site: Site, req: IncomingMessage, res: ServerResponse) {
  if (site.streams.size >= MAX_EVENT_STREAMS)
    return send(req, res, 503, TEXT, 'Слишком много открытых страниц просмотра\n');
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
  if (req.method === 'HEAD') return res.end();
  res.write('retry: 1000\n\n');
  site.streams.add(res);
  req.on('close', () => site.streams.delete(res));
}

/** Refuses what no page of the preview sends: long addresses, other methods, a foreign Host. */
function refused(site: Site, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '';
  const route = url.length > MAX_URL_LENGTH ? undefined : routeOf(url);
  // Writes go to one address only, by POST only (the form's saves); everything else is read.
  const edit = route?.kind === 'deck' && route.part === 'edit';
  if (url.length > MAX_URL_LENGTH) send(req, res, 414, TEXT, 'Слишком длинный адрес\n');
  else if (edit ? req.method !== 'POST' : req.method !== 'GET' && req.method !== 'HEAD')
    send(req, res, 405, TEXT, 'Метод не поддерживается\n', { Allow: edit ? 'POST' : 'GET, HEAD' });
  // DNS rebinding: a page of another site that resolves to us still sends its own name.
  else if (!hostAllowed(req.headers.host, site.allowed))
    send(
      req,
      res,
      421,
      TEXT,
      'Неверный адрес сервера (заголовок Host): откройте адрес, который напечатал itogi preview\n',
    );
  else return false;
  return true;
}

export async function handle(site: Site, req: IncomingMessage, res: ServerResponse) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (refused(site, req, res)) return;
  const route = routeOf(req.url ?? '');
  if (!route) return notFound(req, res);
  switch (route.kind) {
    case 'shell':
      if (route.name === 'shell.css') return send(req, res, 200, 'text/css; charset=utf-8', SHELL_CSS);
      return send(req, res, 200, 'text/javascript; charset=utf-8', route.name === 'live.js' ? LIVE_JS : FORM_JS);
    case 'asset': {
      const asset = site.assets.get(route.path);
      return asset ? send(req, res, 200, asset.contentType, asset.body) : notFound(req, res);
    }
    case 'events':
      return openStream(site, req, res);
    default:
      break;
  }
  await site.ready;
  const { directions } = site;
  if (route.kind === 'list' || (route.kind === 'home' && site.folderMode)) {
    const fragment = listFragment(directions.entries());
    if (route.kind === 'list')
      return send(req, res, 200, HTML, fragment, { 'X-Itogi-Version': String(directions.listVersion) });
    return send(req, res, 200, HTML, listPage({ folder: site.folder, version: directions.listVersion, fragment }));
  }
  const d = route.kind === 'home' ? directions.first() : directions.byKey.get(route.key);
  if (!d) return notFound(req, res);
  return serveDeck(site, req, res, d, route.kind === 'home' ? 'page' : route.part);
}
