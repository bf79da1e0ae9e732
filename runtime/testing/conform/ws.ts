/**
 * How conform talks WebSocket mode, with Node alone (anyresponses/testing
 * has no dependency): the upgrade through node:http or node:https, the
 * server's frames read with the mock's own FrameReader (unmasked frames
 * expected), the client's frames masked. Bounded like every request: the
 * upgrade and each message count against the run's budget, each waits at
 * most the request timeout (and never past the deadline), and a turn's
 * messages together at most maxResponseBytes. Nothing here throws for what
 * the server does: a failure is an `error` string.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { acceptKey } from '../server/ws/handshake.js';
import { closePayload, encodeFrame, FrameReader, OPCODE, ProtocolViolation, type Incoming } from '../server/ws/frames.js';
import type { Session } from './http.js';
import type { ResolvedConformOptions } from './options.js';

type Json = Record<string, unknown>;

export interface Upgrade {
  /** 101 when the server accepted; its status otherwise (0: no answer). */
  status: number;
  socket?: WsSocket;
  /** The body of a refused upgrade, or why there was none. */
  body?: string;
  error?: string;
}

/** One turn as received: each message parsed (a string when it is not JSON), and why the turn stopped short, if it did. */
export interface WsTurn {
  messages: Array<Json | string>;
  bytes: number;
  error?: string;
}

const END = /^response\.(completed|failed|incomplete)$/;

export class WsSocket {
  private readonly reader: FrameReader;
  private readonly queue: Incoming[] = [];
  private wake: (() => void) | undefined;
  private failure: string | undefined;
  private ended = false;

  constructor(
    private readonly socket: Duplex,
    private readonly o: ResolvedConformOptions,
    private readonly session: Session,
    head: Buffer,
  ) {
    this.reader = new FrameReader({ maxFrameBytes: o.maxResponseBytes, maxMessageBytes: o.maxResponseBytes, masked: false });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e: Error) => this.stop(`the socket failed: ${e.message}`));
    socket.on('close', () => this.stop('the server closed the socket'));
    if (head.length > 0) this.onData(head);
  }

  private onData(chunk: Buffer): void {
    try {
      for (const m of this.reader.push(chunk)) {
        if (m.kind === 'ping') this.socket.write(encodeFrame(OPCODE.pong, m.data, randomBytes(4)));
        else if (m.kind === 'close') this.stop(`the server closed the socket (code ${m.code ?? 'none'}${m.reason ? `: ${m.reason}` : ''})`);
        else if (m.kind !== 'pong') this.queue.push(m);
      }
    } catch (e) {
      this.stop(e instanceof ProtocolViolation ? `the server broke the WebSocket protocol: ${e.message}` : String(e));
      this.socket.destroy();
    }
    this.wake?.();
  }

  private stop(why: string): void {
    if (!this.ended) this.failure = why;
    this.ended = true;
    this.wake?.();
  }

  /** Sends one message (a request against the run's budget); false when it could not be sent. */
  send(message: Json): string | undefined {
    if (this.ended) return this.failure ?? 'the socket is closed';
    if (this.session.budgetLeft <= 0) return `not sent: the run's budget of ${this.o.maxRequests} requests is spent`;
    this.session.requests++;
    this.socket.write(encodeFrame(OPCODE.text, Buffer.from(JSON.stringify(message)), randomBytes(4)));
    return undefined;
  }

  /** Messages until the turn's terminal event or an error event, within the request timeout. */
  async turn(): Promise<WsTurn> {
    const out: WsTurn = { messages: [], bytes: 0 };
    const until = Math.min(Date.now() + this.o.requestTimeoutMs, this.session.deadline);
    for (;;) {
      const m = this.queue.shift();
      if (m) {
        const text = m.kind === 'text' ? m.text : undefined;
        out.bytes += text?.length ?? (m.kind === 'binary' ? m.data.length : 0);
        if (text === undefined) {
          out.error = 'a binary message; the protocol sends JSON text';
          return out;
        }
        let parsed: Json | string = text;
        try {
          const v = JSON.parse(text) as unknown;
          if (v !== null && typeof v === 'object' && !Array.isArray(v)) parsed = v as Json;
        } catch {
          // kept as text: the checks say it is not an event
        }
        out.messages.push(parsed);
        // A message that is not JSON is a finding, not the end: the turn goes on to its terminal event.
        if (typeof parsed !== 'string' && (parsed.type === 'error' || END.test(String(parsed.type)))) return out;
        if (out.bytes > this.o.maxResponseBytes) {
          out.error = `the turn passed the size limit (${this.o.maxResponseBytes} bytes)`;
          return out;
        }
        continue;
      }
      if (this.ended) {
        out.error = this.failure;
        return out;
      }
      const left = until - Date.now();
      if (left <= 0) {
        out.error = `no end of the turn within the request timeout (${this.o.requestTimeoutMs} ms)`;
        return out;
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.wake = () => (clearTimeout(t), r());
      });
      this.wake = undefined;
    }
  }

  close(): void {
    if (!this.ended && !this.socket.destroyed) this.socket.end(encodeFrame(OPCODE.close, closePayload(1000, 'conform done'), randomBytes(4)));
    this.ended = true;
    setTimeout(() => this.socket.destroy(), 200).unref?.();
  }
}

/** Opens a socket to `${baseUrl}/responses` (the upgrade is a request against the budget). */
export function openWebSocket(o: ResolvedConformOptions, session: Session): Promise<Upgrade> {
  if (session.budgetLeft <= 0) return Promise.resolve({ status: 0, error: `not sent: the run's budget of ${o.maxRequests} requests is spent` });
  const left = session.deadline - Date.now();
  if (left <= 0) return Promise.resolve({ status: 0, error: `not sent: the run's deadline (${o.deadlineMs} ms) has passed` });
  session.requests++;
  const url = new URL(`${o.baseUrl}/responses`);
  const key = randomBytes(16).toString('base64');
  const headers: Record<string, string> = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key };
  if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let done = false;
    const finish = (u: Upgrade) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(u);
    };
    const req = request(url, { method: 'GET', headers });
    const timer = setTimeout(() => (req.destroy(), finish({ status: 0, error: `no answer to the upgrade within the request timeout (${o.requestTimeoutMs} ms)` })), Math.min(o.requestTimeoutMs, left));
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      session.answered++;
      if (res.headers['sec-websocket-accept'] !== acceptKey(key)) {
        socket.destroy();
        return finish({ status: 101, error: 'the upgrade was answered 101 with a wrong Sec-WebSocket-Accept' });
      }
      finish({ status: 101, socket: new WsSocket(socket, o, session, head) });
    });
    req.on('response', (res: IncomingMessage) => {
      session.answered++;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => void (body.length < 2000 && (body += c)));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body }));
      res.on('error', () => finish({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e: Error & { code?: string }) => finish({ status: 0, error: `no answer: ${e.code ?? e.message}` }));
    req.end();
  });
}
