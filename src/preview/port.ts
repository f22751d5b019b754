/** A free TCP port to suggest when the asked one is taken. */
import { createServer } from 'node:net';

function tryPort(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(undefined));
    probe.listen({ port, host, exclusive: true }, () => {
      const { port: got } = probe.address() as { port: number };
      probe.close(() => resolve(got));
    });
  });
}

/** The first free port after `port` (up to 20 tried), else any free one the system gives. */
export async function freePortNear(port: number, host: string): Promise<number | undefined> {
  for (let p = port + 1; p <= Math.min(port + 20, 65535); p++) {
    const free = await tryPort(p, host);
    if (free !== undefined) return free;
  }
  return tryPort(0, host);
}
