/**
 * What the preview server accepts, as plain functions: the Host it answers
 * to (DNS rebinding), the fixed route table (no path of the disk can be
 * named), bounds and the headers every answer carries.
 */

/** Longer request targets get 414: the server's own URLs are short. */
export const MAX_URL_LENGTH = 2048;
/** Node's maxHeaderSize for the server (431 above it). */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Time to receive a whole request (headers and body), then 408. */
export const REQUEST_TIMEOUT_MS = 15_000;
export const HEADERS_TIMEOUT_MS = 10_000;

export const LOOPBACK = '127.0.0.1';

/** `host:port` as it appears in a URL and in a Host header (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export const isLoopback = (host: string) =>
  host === LOOPBACK || host === '::1' || host === 'localhost' || /^127\./.test(host);

export const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

/**
 * Host header values the server answers: the printed host:port, plus
 * localhost:port when it listens on the loopback (no web page can make a
 * browser send "localhost" for its own domain, so this keeps the DNS
 * rebinding protection).
 */
export function allowedHosts(printedHosts: readonly string[], port: number): Set<string> {
  const out = new Set<string>();
  for (const h of printedHosts) {
    out.add(hostPort(h, port).toLowerCase());
    if (isLoopback(h)) out.add(`localhost:${port}`);
  }
  return out;
}

export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return header !== undefined && allowed.has(header.trim().toLowerCase());
}

/** A direction's key in URLs: /d/<year>/<id>/ (or /d/f/<n>/ for a file that never named its year and id). */
const SEGMENT = '[A-Za-z0-9_-]{1,80}';

export type DeckPart = 'page' | 'slides' | 'pptx' | 'pdf' | 'form' | 'edit';

export type Route =
  | { kind: 'home' }
  | { kind: 'list' }
  | { kind: 'events' }
  | { kind: 'shell'; name: 'live.js' | 'shell.css' | 'edit.js' }
  | { kind: 'asset'; path: string }
  | { kind: 'deck'; key: string; part: DeckPart };

const DECK_ROUTE = new RegExp(`^/d/(${SEGMENT}/${SEGMENT})/(|slides|deck\\.pptx|deck\\.pdf|form|edit)$`);
const PARTS: Record<string, DeckPart> = {
  '': 'page',
  slides: 'slides',
  'deck.pptx': 'pptx',
  'deck.pdf': 'pdf',
  form: 'form',
  edit: 'edit',
};

/**
 * The request target → a route of the fixed table, or undefined (404).
 * Nothing is decoded or normalised: a dot segment, a percent sign, a
 * backslash, an absolute-form target or a '//' path simply names no route.
 */
export function routeOf(target: string): Route | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  const path = target.split('?', 1)[0]!;
  if (/[%\\]|\/\.\.?(\/|$)/.test(path)) return undefined;
  if (path === '/') return { kind: 'home' };
  if (path === '/list') return { kind: 'list' };
  if (path === '/events') return { kind: 'events' };
  if (path === '/live.js' || path === '/shell.css' || path === '/edit.js')
    return { kind: 'shell', name: path.slice(1) as 'live.js' | 'shell.css' | 'edit.js' };
  // Assets are looked up by exact name in the renderer's table.
  if (/^\/assets\/[A-Za-z0-9_.-]+$/.test(path)) return { kind: 'asset', path };
  const deck = DECK_ROUTE.exec(path);
  if (deck) return { kind: 'deck', key: deck[1]!, part: PARTS[deck[2]!]! };
  return undefined;
}

/**
 * On every answer. Scripts and styles only from the server's own files (no
 * inline script); inline style attributes are allowed, as the slides position
 * their boxes with them; fonts and chart pictures from the server or data: URLs.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
