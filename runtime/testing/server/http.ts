/**
 * The bytes on the wire: reading a request body within a size limit,
 * answering with JSON, and writing a stream of events (with the stream
 * faults: drip, disconnect, malformed data) while honouring backpressure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, statusError } from './errors.js';
import type { Fault } from './faults.js';

type Json = Record<string, unknown>;

/** The bytes of request bodies being read or handled at once, and their bound. */
export interface BodyPool {
  used: number;
  max: number;
}

/**
 * The request body, or an HttpError 413 as soon as it passes `limit` bytes,
 * or a 503 when the bodies in flight would pass `pool.max` (each byte is
 * taken from the pool as it arrives; the caller gives the body's length back
 * once it has handled it). The rest of a body refused is read and dropped
 * (nothing is kept), so the client finishes sending and reads the answer;
 * the server's request timeout bounds how long that may take.
 */
export function readBody(req: IncomingMessage, limit: number, pool: BodyPool): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return reject(tooLarge(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const refuse = (e: HttpError) => {
      req.off('data', onData);
      chunks.length = 0;
      pool.used -= size;
      req.resume();
      reject(e);
    };
    const onData = (c: Buffer) => {
      if (size + c.length > limit) return refuse(tooLarge(limit));
      if (pool.used + c.length > pool.max) return refuse(busy(pool.max));
      size += c.length;
      pool.used += c.length;
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => {
      // From here the caller holds the body's bytes, and gives them back.
      size = 0;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      pool.used -= size;
      size = 0;
      reject(e);
    });
  });
}

const tooLarge = (limit: number) => statusError(413, { message: `Request body too large: the limit is ${limit} bytes.` });
const busy = (max: number) =>
  statusError(503, { message: `The server is reading or handling ${max} bytes of request bodies already (maxInFlightBodyBytes): try again shortly.`, code: 'server_busy', headers: { 'retry-after': '1' } });

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, e: HttpError, closeAfter = false): void {
  sendJSON(res, e.status, e.body(), { ...e.headers, ...(closeAfter ? { connection: 'close' } : {}) });
}

/** Writes, waiting for the socket to drain when its buffer is full; false once the client has gone. */
async function write(res: ServerResponse, data: string, fault: Fault | undefined): Promise<boolean> {
  if (res.destroyed) return false;
  if (!fault?.dripMs) return res.write(data) || (await drained(res));
  const buf = Buffer.from(data);
  const step = fault.dripBytes ?? 16;
  for (let i = 0; i < buf.length; i += step) {
    if (res.destroyed) return false;
    if (!res.write(buf.subarray(i, i + step)) && !(await drained(res))) return false;
    await sleep(fault.dripMs);
  }
  return !res.destroyed;
}

const drained = (res: ServerResponse) =>
  new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });

const frame = (event: Json) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * Streams `events` as SSE. `replace(n)` may swap the event at position n (0-based)
 * for a final one (an `error` event, a `response.failed`); the stream ends after it.
 * Stream faults: `disconnectAfterEvents` destroys the socket, `malformed` sends bad data and ends the stream.
 * `terminator` (`[DONE]` for the openresponses and chat flavors) is sent as the last `data` of a stream that ends normally.
 * `framer` writes one event (default: `event: TYPE` and `data: JSON`; the chat flavor sends `data` only).
 */
export async function writeStream(res: ServerResponse, events: Json[], fault: Fault | undefined, replace?: (n: number) => Json | undefined, terminator?: string, framer: (event: Json) => string = frame): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  for (let n = 0; n < events.length; n++) {
    if (fault?.disconnectAfterEvents !== undefined && n >= fault.disconnectAfterEvents) {
      res.destroy();
      return;
    }
    if (fault?.malformed && n >= (fault.afterEvents ?? 1)) {
      await write(res, fault.malformed === 'bad-json' ? 'event: response.output_text.delta\ndata: {"type": "response.output_text.delta", "delta": \n\n' : `data: ${JSON.stringify(events[n]).slice(0, 24)}`, fault);
      res.end();
      return;
    }
    const last = replace?.(n);
    if (!(await write(res, framer(last ?? events[n]), fault))) return;
    if (last) break;
  }
  if (terminator !== undefined && !(await write(res, `data: ${terminator}\n\n`, fault))) return;
  res.end();
}
