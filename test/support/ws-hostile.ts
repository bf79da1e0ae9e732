/**
 * A WebSocket server that misbehaves on purpose, for the client's tests: a
 * node:http server whose upgrades are answered one by one by `upgrade(n)`
 * (accept, refuse with a status, or never answer), and whose accepted
 * sockets hand each message to `message(socket, text, n)` (n counts
 * messages over all sockets). The `ws` package (a dev dependency) does the
 * framing; what it sends is whatever the test says.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type UpgradeAnswer = 'accept' | 'hang' | number;

export interface HostileOptions {
  /** How to answer the n-th upgrade (1-based). Default: accept. */
  upgrade?: (n: number, req: IncomingMessage) => UpgradeAnswer;
  /** What to do with the n-th message (1-based, over all sockets). */
  message?: (socket: WebSocket, text: string, n: number) => void;
}

export interface HostileServer {
  /** The http:// base URL (apiBase). */
  url: string;
  /** Upgrades asked for so far, and the messages received (text). */
  upgrades: number;
  received: string[];
  /** The sockets accepted so far (the latest last). */
  sockets: WebSocket[];
  close(): Promise<void>;
}

export async function startHostile(o: HostileOptions): Promise<HostileServer> {
  const wss = new WebSocketServer({ noServer: true });
  const raw = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(404).end());
  const state: HostileServer = {
    url: '',
    upgrades: 0,
    received: [],
    sockets: [],
    close: async () => {
      for (const s of state.sockets) s.terminate();
      for (const s of raw) s.destroy();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  server.on('connection', (s: Socket) => (raw.add(s), s.on('close', () => raw.delete(s))));
  server.on('upgrade', (req, socket: Socket, head) => {
    const n = ++state.upgrades;
    const answer = o.upgrade ? o.upgrade(n, req) : 'accept';
    if (answer === 'hang') return;
    if (typeof answer === 'number') {
      socket.end(`HTTP/1.1 ${answer} Refused\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":{"message":"refused"}}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.sockets.push(ws);
      ws.on('message', (data, binary) => {
        const text = binary ? '' : data.toString();
        state.received.push(text);
        o.message?.(ws, text, state.received.length);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
