/**
 * A small real HTTP server on 127.0.0.1 for transport tests: each test
 * scripts the replies in order and reads back what arrived.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply = (req: Received, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  url: string;
  received: Received[];
  /** Replies used in order; the last one repeats. */
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const received: Received[] = [];
  let replies: Reply[] = [(_q, r) => void r.end('{}')];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const reply = replies[Math.min(received.length - 1, replies.length - 1)];
      void reply(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply: (...r) => {
      replies = r;
      received.length = 0;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (_q, r) => {
  r.writeHead(status, { 'content-type': 'application/json', ...headers });
  r.end(JSON.stringify(body));
};
