/**
 * `itogi preview` opens its page in the default browser, as the guide
 * promises: an official starts it and edits, with no address to copy. Not
 * when --no-open says so, nor when no one sits at the terminal (output not a
 * terminal: a script, a service, the tests). Each system's own opener is
 * used; nothing is downloaded. A failure costs only the line already printed
 * with the address.
 */
import { spawn as nodeSpawn } from 'node:child_process';

type Spawn = (
  command: string,
  args: string[],
  options: { detached: boolean; stdio: 'ignore' },
) => {
  on(event: 'error', listener: (e: Error) => void): unknown;
  unref(): void;
};

/** The system's command that opens `url` in the default browser. */
export function openerFor(url: string, platform: NodeJS.Platform): [string, string[]] {
  // `start` takes its first quoted argument as a window title: an empty one goes first.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  if (platform === 'darwin') return ['open', [url]];
  return ['xdg-open', [url]];
}

/** Opens the page unless told not to or nobody is at the terminal; says why it did not when it tried and failed. */
export function openBrowser(
  url: string,
  o: { noOpen?: boolean; interactive: boolean; err(line: string): void; platform?: NodeJS.Platform; spawn?: Spawn },
): boolean {
  if (o.noOpen || !o.interactive) return false;
  const [command, args] = openerFor(url, o.platform ?? process.platform);
  try {
    const child = (o.spawn ?? (nodeSpawn as unknown as Spawn))(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => o.err(`Не удалось открыть браузер (${command}); откройте адрес вручную: ${url}`));
    child.unref();
    return true;
  } catch {
    o.err(`Не удалось открыть браузер (${command}); откройте адрес вручную: ${url}`);
    return false;
  }
}
