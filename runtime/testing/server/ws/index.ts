/**
 * WebSocket mode on the mock server's own port: `GET /v1/responses` with
 * `Upgrade: websocket` (both flavors). handshake.ts accepts or refuses the
 * upgrade, connection.ts runs each socket (frames.ts: RFC 6455 framing, by
 * hand: anyresponses/testing is Node-only and has no dependency), turn.ts
 * answers each `response.create`. Every bound is in WS_MOCK_DEFAULTS.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError, statusError } from '../errors.js';
import type { ServerState } from '../state.js';
import { MockConnection } from './connection.js';
import { accept, checkUpgrade, refuse, versionHeader } from './handshake.js';
import { record } from './record.js';
import { runTurn } from './turn.js';

export interface WebSocketMode {
  /** Drops every open socket (the server is closing). */
  closeAll(): void;
}

export function attachWebSocket(server: Server, state: ServerState): WebSocketMode {
  const open = new Set<MockConnection>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    record(state, { method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers, body: undefined, rawBody: '' });
    let key: string;
    try {
      key = checkUpgrade(state, req);
    } catch (e) {
      const err = e instanceof HttpError ? e : statusError(500);
      return refuse(socket, err, err.status === 426 ? versionHeader : {});
    }
    accept(socket, key);
    const conn: MockConnection = new MockConnection(state, socket, req.headers, runTurn, () => open.delete(conn));
    open.add(conn);
    conn.start(head);
  });
  return {
    closeAll() {
      for (const c of open) c.destroy();
      open.clear();
    },
  };
}

