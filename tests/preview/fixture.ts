/** A throwaway copy of the seed direction for the preview and watch tests. */
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { SEED_CONTENT } from '../deck/build.js';

export const SEED_REL = join('content', '2023', 'institutional-environment.yaml');

export interface SeedCopy {
  dir: string;
  /** Absolute path of the copy. */
  file: string;
  text: string;
  remove(): Promise<void>;
}

export async function seedCopy(prefix: string): Promise<SeedCopy> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const file = join(dir, SEED_REL);
  await mkdir(join(dir, 'content', '2023'), { recursive: true });
  await copyFile(SEED_CONTENT, file);
  return { dir, file, text: await readFile(file, 'utf8'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The seed with one line replaced; fails loudly when the line is not there (the seed changed). */
export function edited(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the seed has no line ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** How editors such as VS Code or vim save: write a temp file beside it, rename it over. */
export async function saveByRename(file: string, text: string): Promise<void> {
  const tmp = `${file}.swp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** How editors save: in place, empty then full, a temp file renamed over it, the old file renamed away (vim). */
export const EDITOR_SAVES: [string, (file: string, text: string) => Promise<void>][] = [
  ['in place', (file, text) => writeFile(file, text)],
  [
    'empty, then full 15 ms later',
    async (file, text) => {
      await writeFile(file, '');
      await new Promise((r) => setTimeout(r, 15));
      await writeFile(file, text);
    },
  ],
  ['a temp file renamed over it', saveByRename],
  [
    'the old file renamed away, a new one written',
    async (file, text) => {
      await rename(file, `${file}~`);
      await writeFile(file, text);
      await rm(`${file}~`);
    },
  ],
];

/** One raw HTTP/1.1 request (nothing normalised, unlike fetch); resolves to the status line and the body. */
export function rawRequest(port: number, head: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.on('error', reject);
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }));
    socket.write(head.includes('\r\n\r\n') ? head : `${head}\r\n\r\n`);
  });
}
