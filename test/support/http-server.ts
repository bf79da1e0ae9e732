/**
 * A small real HTTP server on 127.0.0.1 (random port) for transport and
 * client tests. Each test scripts the replies, one per request in order
 * (the last one repeats), and reads back what arrived: method, URL,
 * headers, body, and whether the client went away before the response was
 * finished.
 *
 *   server.reply(json(429, {...}, { 'retry-after': '0' }), json(200, {...}));
 *   server.reply(script({ headersDelayMs: 50, body: ['data: 1\n\n', 20, 'data: 2\n\n'], reset: 'after-body' }));
 *   server.reply(hang());  // never answers
 *
 * A reply is any `(request, res) => void` function; `json`, `text`,
 * `script` and `hang` build the usual ones.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /**
   * Settles when this exchange is over: `true` when the client closed the
   * connection before the response was finished (an abort, a timeout, a
   * `break` out of a stream), `false` when the response ended normally.
   */
  closed: Promise<boolean>;
}

export type Reply = (req: Received, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The requests since the last `reply()`, in arrival order. */
  received: Received[];
  /** Sets the replies (used in order, the last one repeats) and forgets earlier requests. */
  reply(...replies: Reply[]): void;
  /** Resolves when `n` requests have arrived since the last `reply()`. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const received: Received[] = [];
  let replies: Reply[] = [json(200, {})];
  let waiters: Array<{ n: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const closed = new Promise<boolean>((resolve) => res.on('close', () => resolve(!res.writableFinished)));
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), closed };
      received.push(r);
      waiters = waiters.filter((w) => (received.length >= w.n ? (w.resolve(), false) : true));
      const reply = replies[Math.min(received.length - 1, replies.length - 1)];
      Promise.resolve(reply(r, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply: (...r) => {
      if (r.length === 0) throw new Error('reply() needs at least one reply');
      replies = r;
      received.length = 0;
    },
    waitForRequests: (n) => (received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON reply. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_q, r) => {
    r.writeHead(status, { 'content-type': 'application/json', ...headers });
    r.end(JSON.stringify(body));
  };

/** A plain-text reply. */
export const text =
  (status: number, body: string, headers: Record<string, string> = {}): Reply =>
  (_q, r) => {
    r.writeHead(status, { 'content-type': 'text/plain', ...headers });
    r.end(body);
  };

/** Never answers: no status, no headers (the connection stays open until the client gives up). */
export const hang = (): Reply => () => {};

export interface Script {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long (ms) before sending the status and headers. */
  headersDelayMs?: number;
  /** Body pieces, each written (and flushed) in turn; a number is a pause in ms. */
  body?: string | Array<string | Uint8Array | number>;
  /**
   * Destroy the socket instead of answering (`before-headers`), or after the
   * body pieces instead of ending the response (`after-body`).
   */
  reset?: 'before-headers' | 'after-body';
  /** Leave the response open after the body (a stream that never ends). */
  keepOpen?: boolean;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A reply that follows a script: delayed headers, body pieces with pauses, a reset, an open end. */
export const script =
  (s: Script): Reply =>
  async (_q, res) => {
    if (s.headersDelayMs) await pause(s.headersDelayMs);
    if (res.destroyed) return;
    if (s.reset === 'before-headers') return void res.socket?.destroy();
    res.writeHead(s.status ?? 200, s.headers ?? {});
    res.flushHeaders();
    const pieces = typeof s.body === 'string' ? [s.body] : (s.body ?? []);
    for (const p of pieces) {
      if (res.destroyed) return;
      if (typeof p === 'number') await pause(p);
      else res.write(p);
    }
    if (res.destroyed) return;
    if (s.reset === 'after-body') {
      // Let the written pieces reach the client before the reset.
      await pause(10);
      return void res.socket?.destroy();
    }
    if (!s.keepOpen) res.end();
  };
