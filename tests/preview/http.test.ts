/**
 * An error answer before any request (408 after the request timeout, 431,
 * 400) is sent and its socket closed, even when the client keeps its side of
 * the connection open: a slow client cannot hold sockets of the preview.
 */
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerClientError } from '../../src/preview/http.js';

describe('answerClientError', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', '408 Request Timeout'],
    ['HPE_HEADER_OVERFLOW', '431 Request Header Fields Too Large'],
    ['HPE_INVALID_METHOD', '400 Bad Request'],
  ])('%s: answers %s and closes the socket though the client never ends its side', async (code, status) => {
    let serverSide: Socket | undefined;
    const closed = new Promise<void>((resolve) => {
      const server = createServer({ allowHalfOpen: true }, (socket) => {
        serverSide = socket;
        socket.on('close', () => {
          server.close();
          resolve();
        });
        answerClientError(Object.assign(new Error('x'), { code }), socket);
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        // allowHalfOpen: this client does not end its side when the server ends its own.
        const client = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
        let text = '';
        client.setEncoding('utf8').on('data', (d: string) => (text += d));
        client.on('close', () => expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status}\\r\\n`)));
      });
    });
    await closed;
    expect(serverSide!.destroyed).toBe(true);
  });
});
