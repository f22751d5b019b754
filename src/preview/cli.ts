/**
 * The CLI's side of `preview` and `watch`: start, run until Ctrl+C (or
 * SIGTERM), stop cleanly, exit 0. Start-up problems (port taken, no such
 * host) are one Russian line and exit 2; a path that does not exist, exit 1
 * like `build`.
 */
import { openBrowser } from './open.js';
import { PreviewStartError, startPreview } from './server.js';
import { startWatch } from './watch.js';

/**
 * What the CLI hands over: the parts of its `Io` and of its parsed `run`
 * request (cli.ts, cli/options.ts) that preview and watch read. Spelled out
 * here because the preview stage must not import the CLI, which comes after
 * it (issue 10 §2); the CLI's own types fit these.
 */
interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}
interface RunRequest {
  command: string;
  paths: string[];
  out: string;
  template?: string;
  port?: number;
  host?: string;
  noOpen?: boolean;
  verbose?: boolean;
}

/**
 * Resolves on the first SIGINT or SIGTERM. Listening from the start means a
 * Ctrl+C during the first build still stops cleanly (no temp file left);
 * dispose() removes the listeners when the run ends another way.
 */
export function interrupted(): { signal: Promise<void>; dispose(): void } {
  let stop: () => void = () => {};
  const signal = new Promise<void>((resolve) => {
    stop = () => {
      dispose();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const dispose = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  return { signal, dispose };
}

export async function runLive(request: RunRequest, io: Io, until?: Promise<void>): Promise<number> {
  const signals = until ? undefined : interrupted();
  try {
    return await run(request, io, until ?? signals!.signal);
  } finally {
    signals?.dispose();
  }
}

async function run(request: RunRequest, io: Io, until: Promise<void>): Promise<number> {
  const template = request.template !== undefined ? { template: request.template } : {};
  if (request.command === 'watch') {
    const watching = await startWatch({
      paths: request.paths,
      cwd: io.cwd,
      outDir: request.out,
      ...template,
      ...(request.verbose ? { verbose: true } : {}),
      out: io.out,
      err: io.err,
    });
    if ('failed' in watching) return 1;
    await until;
    await watching.close();
    io.err('Остановлено.');
    return 0;
  }
  let preview;
  try {
    preview = await startPreview({
      path: request.paths[0]!,
      cwd: io.cwd,
      ...(request.port !== undefined ? { port: request.port } : {}),
      ...(request.host !== undefined ? { host: request.host } : {}),
      ...template,
      out: io.out,
      err: io.err,
    });
  } catch (e) {
    if (!(e instanceof PreviewStartError)) throw e;
    io.err(e.message);
    return e.exitCode;
  }
  openBrowser(preview.url, {
    ...(request.noOpen ? { noOpen: true } : {}),
    interactive: process.stdout.isTTY === true,
    err: io.err,
  });
  await until;
  await preview.close();
  io.err('Остановлено.');
  return 0;
}
