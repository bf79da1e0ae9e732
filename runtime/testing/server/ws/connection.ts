/**
 * One WebSocket connection of the mock server: frames in (FrameReader),
 * messages run one at a time in arrival order (turn.ts), frames out with
 * backpressure, pings answered, the close handshake in both directions,
 * and the connection's own memory: its latest response (history and
 * output), which a `store: false` turn may continue on this socket and on
 * no other. Nothing a client sends can throw out of here: a protocol
 * violation closes the socket with its code.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Fault } from '../faults.js';
import { sleep } from '../http.js';
import type { ServerState } from '../state.js';
import { CLOSE, closePayload, encodeFrame, FrameReader, OPCODE, ProtocolViolation } from './frames.js';
import { WS_MOCK_DEFAULTS } from './options.js';

type Json = Record<string, unknown>;

export class MockConnection {
  private readonly reader: FrameReader;
  /** Messages waiting, in order (null: a binary message, which is refused in its turn). */
  private readonly queue: Array<string | null> = [];
  private busy = false;
  /** Set once a close frame went out or the socket ended: no more data is sent. */
  private closing = false;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private local: { id: string; items: Json[] } | undefined;
  /** The frame being written in drips (the `dripMs` fault), which a close frame must not cut. */
  private dripping: Promise<boolean> | undefined;

  constructor(
    readonly state: ServerState,
    private readonly socket: Duplex,
    /** The upgrade request's headers (recorded with each message). */
    readonly headers: IncomingHttpHeaders,
    private readonly run: (conn: MockConnection, text: string | null) => Promise<void>,
    private readonly onGone: () => void,
  ) {
    this.reader = new FrameReader({ maxFrameBytes: WS_MOCK_DEFAULTS.maxFrameBytes, maxMessageBytes: state.options.maxBodyBytes });
  }

  /** Starts reading (with the bytes that came with the upgrade). */
  start(head: Buffer): void {
    (this.socket as Socket).setNoDelay?.(true);
    (this.socket as Socket).setTimeout?.(this.state.options.idleTimeoutMs, () => this.close(CLOSE.goingAway, 'idle timeout'));
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => this.destroy());
    this.socket.on('close', () => {
      this.closing = true;
      if (this.closeTimer) clearTimeout(this.closeTimer);
      this.onGone();
    });
    if (head.length > 0) this.onData(head);
  }

  get closed(): boolean {
    return this.closing || this.socket.destroyed;
  }

  private onData(chunk: Buffer): void {
    let incoming;
    try {
      incoming = this.reader.push(chunk);
    } catch (e) {
      if (e instanceof ProtocolViolation) return this.close(e.code, e.message);
      return this.close(CLOSE.internalError, 'mock server error');
    }
    for (const m of incoming) {
      if (m.kind === 'ping') this.write(encodeFrame(OPCODE.pong, m.data));
      else if (m.kind === 'close') return this.answerClose(m.code);
      else if (m.kind === 'binary') this.enqueue(null);
      else if (m.kind === 'text') this.enqueue(m.text);
    }
  }

  private enqueue(text: string | null): void {
    if (this.closing) return;
    if (this.queue.length >= WS_MOCK_DEFAULTS.maxQueuedMessages) return this.close(CLOSE.policy, `more than ${WS_MOCK_DEFAULTS.maxQueuedMessages} messages waiting`);
    this.queue.push(text);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.closed) await this.run(this, this.queue.shift() as string | null);
    } finally {
      this.busy = false;
    }
  }

  /** The client closed: answer with the same code, then end. */
  private answerClose(code: number | undefined): void {
    if (!this.closing) this.write(encodeFrame(OPCODE.close, code === undefined ? Buffer.alloc(0) : closePayload(code, '')));
    this.closing = true;
    this.socket.end();
  }

  /** Closes from the server's side: a close frame (after the frame being dripped, if any), then the socket once the client answers (or after closeTimeoutMs). */
  close(code: number, reason: string): void {
    if (this.closing) return;
    const frame = encodeFrame(OPCODE.close, closePayload(code, reason));
    this.closing = true;
    const send = () => {
      this.write(frame);
      this.closeTimer = setTimeout(() => this.destroy(), WS_MOCK_DEFAULTS.closeTimeoutMs);
      this.closeTimer.unref?.();
    };
    if (this.dripping) void this.dripping.then(send);
    else send();
  }

  /** Drops the socket without a close frame (the `disconnectAfterEvents` fault; shutting down). */
  destroy(): void {
    this.closing = true;
    this.socket.destroy();
  }

  private write(frame: Buffer): boolean {
    if (this.socket.destroyed || this.socket.writableEnded) return false;
    return this.socket.write(frame);
  }

  /** Sends one text message (in drips when the fault asks); false once the socket is closing. */
  async sendText(text: string, fault?: Fault): Promise<boolean> {
    if (this.closed) return false;
    const frame = encodeFrame(OPCODE.text, Buffer.from(text, 'utf8'));
    if (!fault?.dripMs) return this.write(frame) || (await this.drained());
    // A frame once begun is finished (a close frame waits for it), or the stream of frames breaks.
    const step = fault.dripBytes ?? 16;
    const pause = fault.dripMs;
    const drip = async () => {
      for (let i = 0; i < frame.length; i += step) {
        if (this.socket.destroyed) return false;
        if (!this.write(frame.subarray(i, i + step)) && !(await this.drained())) return false;
        await sleep(pause);
      }
      return true;
    };
    this.dripping = drip();
    const ok = await this.dripping;
    this.dripping = undefined;
    return ok && !this.closed;
  }

  private drained(): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        this.socket.off('drain', onDrain);
        this.socket.off('close', onClose);
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      this.socket.on('drain', onDrain);
      this.socket.on('close', onClose);
    });
  }

  /** The items of the response this connection keeps, when `id` is it. */
  history(id: string): Json[] | undefined {
    return this.local?.id === id ? this.local.items : undefined;
  }

  /** Keeps a response as this connection's latest (one at a time, as OpenAI's connection-local cache does). */
  keep(id: string, items: Json[]): void {
    this.local = items.length <= WS_MOCK_DEFAULTS.maxLocalItems ? { id, items } : undefined;
  }
}
