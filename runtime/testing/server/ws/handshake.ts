/**
 * The opening handshake (RFC 6455, 4.2) on the mock server's own port: an
 * HTTP `GET /v1/responses` with `Upgrade: websocket` is checked (path,
 * method, version 13, a key of 16 bytes, the API key like any request) and
 * answered `101 Switching Protocols` with its `Sec-WebSocket-Accept`, or
 * with the provider-style JSON error a provider gives before upgrading
 * (404, 400, 426, 401), after which the socket is closed. No extension and
 * no subprotocol is negotiated.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError } from '../errors.js';
import { authorize } from '../handler.js';
import type { ServerState } from '../state.js';
import { WS_MOCK_DEFAULTS } from './options.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** `Sec-WebSocket-Accept` for a client's key. */
export const acceptKey = (key: string) => createHash('sha1').update(key + GUID).digest('base64');

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 426: 'Upgrade Required', 500: 'Internal Server Error' };

/** Answers an upgrade it refuses: the status, the error body, and the socket closed. */
export function refuse(socket: Duplex, e: HttpError, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(e.body());
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...e.headers, ...extra };
  const head = `HTTP/1.1 ${e.status} ${STATUS_TEXT[e.status] ?? 'Error'}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  if (!socket.destroyed) socket.end(head + body);
}

/** Checks an upgrade request; throws the HttpError to refuse it with. */
export function checkUpgrade(state: ServerState, req: IncomingMessage): string {
  const url = new URL(req.url ?? '/', 'http://mock');
  const path = url.pathname.replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '');
  if (path !== WS_MOCK_DEFAULTS.path) throw new HttpError(404, `No WebSocket endpoint at ${url.pathname}: WebSocket mode is on /v1/responses.`, 'invalid_request_error', 'unknown_url');
  if (req.method !== 'GET') throw new HttpError(400, `A WebSocket upgrade is a GET, not ${req.method}.`, 'invalid_request_error', 'invalid_upgrade');
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') throw new HttpError(400, 'Upgrade: websocket is missing.', 'invalid_request_error', 'invalid_upgrade');
  if (req.headers['sec-websocket-version'] !== '13') throw new HttpError(426, 'Only WebSocket version 13 is supported.', 'invalid_request_error', 'unsupported_version');
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key)) throw new HttpError(400, 'Sec-WebSocket-Key must be 16 bytes in base64.', 'invalid_request_error', 'invalid_upgrade');
  authorize(state, req);
  return key;
}

/** The 101 answer that completes the handshake. */
export function accept(socket: Duplex, key: string): void {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`);
}

export const versionHeader = { 'sec-websocket-version': '13' };
