/**
 * The preview's HTTP basics: sending a response (no body for HEAD), the
 * Russian message page, answers to malformed requests, and listening on the
 * port with start-up errors a user can act on.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { escapeHtml } from './problems.js';
import { freePortNear } from './port.js';
import { hostPort } from './security.js';

export const DEFAULT_PORT = 4870;
export const HTML = 'text/html; charset=utf-8';
export const TEXT = 'text/plain; charset=utf-8';

/** Why the preview could not start, in Russian; exitCode 2 for the environment or usage (port, host), 1 for content paths. */
export class PreviewStartError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2) {
    super(message);
    this.name = 'PreviewStartError';
    this.exitCode = exitCode;
  }
}

export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...headers });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

export const notFound = (req: IncomingMessage, res: ServerResponse) => send(req, res, 404, TEXT, 'Не найдено\n');

/** A page with a heading, one paragraph and a link back to the list. */
export const messagePage = (title: string, text: string) =>
  `<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/shell.css"></head><body><main id="itogi-live"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/">← назад</a></p></main></body></html>\n`;

/** A request Node could not parse (headers too large, too slow, malformed): a status line, then close. */
export function answerClientError(e: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    e.code === 'HPE_HEADER_OVERFLOW'
      ? '431 Request Header Fields Too Large'
      : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : '400 Bad Request';
  // Closed once the answer is out: a client that keeps its side open (the server allows half-open
  // sockets) would otherwise hold the socket as long as it likes.
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  setTimeout(() => socket.destroy(), CLIENT_ERROR_LINGER_MS).unref();
}

/** How long a client that reads nothing is given to take an error answer before its socket is closed. */
const CLIENT_ERROR_LINGER_MS = 2_000;

/** Why listening failed, as the line the user reads (with a free port to try when the port is taken). */
async function listenError(e: NodeJS.ErrnoException, port: number, host: string): Promise<PreviewStartError> {
  if (e.code === 'EADDRINUSE') {
    const free = await freePortNear(port, host);
    const suggestion =
      free !== undefined ? `свободен порт ${free}: itogi preview --port ${free}` : 'укажите другой порт';
    return new PreviewStartError(
      `itogi: порт ${port} занят (другой программой или уже запущенным itogi preview); ${suggestion}, или --port 0 — любой свободный порт`,
      2,
    );
  }
  if (e.code === 'EACCES')
    return new PreviewStartError(
      `itogi: нет прав открыть порт ${port}; укажите порт от 1024, например --port ${DEFAULT_PORT}, или --port 0`,
      2,
    );
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')
    return new PreviewStartError(`itogi: --host ${host}: у этого компьютера нет такого адреса`, 2);
  return new PreviewStartError(
    `itogi: не удалось запустить сервер на ${hostPort(host, port)} (${e.code ?? e.message})`,
    2,
  );
}

/** Listens on host:port (port 0: any free one) and resolves with the port, or rejects with a PreviewStartError. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolveListen, rejectListen) => {
    const onListenError = (e: NodeJS.ErrnoException) => void listenError(e, port, host).then(rejectListen);
    server.once('error', onListenError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onListenError);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}
