/**
 * A session: one socket (reopened when it closes) carrying turns one after
 * another. `create()` checks and queues a turn (bounded: maxQueuedTurns)
 * and resolves with its ResponseStream at the turn's first event; the next
 * turn is sent as soon as the one in flight has its terminal event, whether
 * or not its stream has been read (what was received waits in the turn,
 * within its limits).
 *
 * Events carry no request id, so the socket is the only way to tell turns
 * apart: a turn that ends on an `error` event may be followed by its
 * `response.failed`, which is dropped (anything before the next turn's
 * `response.created`); a turn that cannot be finished cleanly (aborted, a
 * limit passed, a malformed message) closes the socket, since the rest of
 * its events would otherwise be read as the next turn's. A socket the
 * server closes fails the turn in flight with WebSocketClosedError (it is
 * never sent again by itself: the server may have run it); turns still
 * queued were never sent and go out on the next socket, opened with
 * backoff and told to onReconnect. The server's connection cache goes with
 * each socket: a `store: false` response made on one cannot be continued
 * on the next (ReconnectInfo.lostResponseIds lists them).
 */
import { Boundary } from '../client/boundary.js';
import type { Manifest } from '../client/providers.js';
import { AbortError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { MessageTooLargeError, resolveLimits } from '../core/limits.js';
import type { ResponseStream } from '../stream/response-stream.js';
import { QueueFullError, SessionClosedError, WebSocketClosedError } from './errors.js';
import type { FoundWebSocket } from './implementation.js';
import type { Validate } from '../client/validators.js';
import { buildMessage, eventChecks } from './message.js';
import { WS_DEFAULTS, type ConnectOptions, type ReconnectInfo } from './options.js';
import { Channel, retryable } from './socket.js';
import { exactClock, Turn, type TurnHooks } from './turn.js';

type Json = Record<string, unknown>;

export interface SessionInit {
  manifest: Manifest;
  /** The model of every turn (a turn may name another in its options). */
  model: string;
  url: string;
  headers: Record<string, string>;
  found: FoundWebSocket;
  options: ConnectOptions;
  limits: Limits;
  validate: Validate | undefined;
  secrets: readonly string[];
  boundary: Boundary;
}

/** Close codes after which the session does not open another socket: the server refused what it was sent. */
const FINAL_CODES = new Set([1002, 1003, 1007, 1008, 1010]);
/** Close codes that say the server or the network failed: the next socket waits its backoff first. */
const CLEAN_CODES = new Set([1000, 1001]);
/** How many store: false response ids of a socket are remembered for lostResponseIds. */
const LOST_IDS_MAX = 100;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(t), reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class ResponsesSession {
  readonly provider: string;
  readonly model: string;
  private channel: Channel | undefined;
  private opening: Promise<Channel> | undefined;
  private readonly queue: Turn[] = [];
  private current: Turn | undefined;
  /** After a turn that ended on an error event: drop what follows until the next turn's response.created. */
  private tail = false;
  private pumping = false;
  private closedWith: SessionClosedError | undefined;
  private closing: Promise<void> | undefined;
  private lastClose: { code: number; reason: string; ours: boolean } | undefined;
  private sockets = 0;
  private storeFalseIds: string[] = [];
  private lostIds: string[] = [];

  constructor(private readonly init: SessionInit) {
    // What the session holds (the key in its headers, the socket) stays out of inspect and JSON.stringify.
    for (const key of ['init', 'channel', 'opening']) Object.defineProperty(this, key, { enumerable: false, writable: true, value: (this as unknown as Json)[key] });
    this.provider = init.manifest.name;
    this.model = init.model;
    const signal = init.options.signal;
    if (signal) {
      const onAbort = () => void this.close();
      if (signal.aborted) queueMicrotask(onAbort);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  /** Opens the first socket. */
  async start(): Promise<void> {
    await this.ensure();
  }

  /** Sockets opened so far (1, plus one per reconnect). */
  get connections(): number {
    return this.sockets;
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Whether a socket is open now (a session opens one when a turn needs it). */
  get connected(): boolean {
    return this.channel?.open === true;
  }

  /** What inspecting or serialising a session shows: never its headers or key. */
  toJSON(): Json {
    return { provider: this.provider, model: this.model, url: this.url, connections: this.sockets, connected: this.connected, closed: this.closed };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ResponsesSession ${JSON.stringify(this.toJSON())}`;
  }

  /** The socket's URL (without its query). */
  get url(): string {
    return this.init.url.replace(/\?.*$/, '');
  }

  /**
   * Queues a turn: `response.create` with the parameters of `responses()`. Resolves with its
   * ResponseStream at its first event; rejects with what the server answered instead (the
   * error class an HTTP call gets), or with what refused it before any traffic.
   */
  create(input: unknown, options: Json = {}): Promise<ResponseStream> {
    const { manifest, options: session } = this.init;
    const boundary = new Boundary({ ...session, ...options } as ConstructorParameters<typeof Boundary>[0]);
    boundary.connected({ secrets: this.init.secrets, headers: this.init.headers, baseURL: this.init.url }, manifest.auth?.header);
    return boundary.run(async () => {
      if (this.closedWith) throw this.closedWith;
      const limits = resolveLimits(this.init.limits, options.limits as Partial<Limits> | undefined, typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : undefined);
      const check = (options.validate as boolean | undefined) ?? session.validate ?? true;
      const validate = check ? this.init.validate : undefined;
      const built = buildMessage(this.model, input, options, manifest, validate, limits);
      const max = session.maxQueuedTurns ?? WS_DEFAULTS.maxQueuedTurns;
      // Waiting: behind the turn in flight, or behind the one about to go out.
      if (this.queue.length - (this.current ? 0 : 1) >= max) throw new QueueFullError(max, this.provider);
      const onWarnings = (options.onWarnings as ConnectOptions['onWarnings']) ?? session.onWarnings;
      const signal = options.signal as AbortSignal | undefined;
      const checks = validate ? eventChecks(manifest.flavor!, this.provider, validate, limits, boundary, onWarnings) : undefined;
      const turn = new Turn({ provider: this.provider, text: built.text, limits, exact: exactClock(limits, signal), signal, boundary, secrets: this.init.secrets, storeFalse: built.body.store === false, onEvent: checks?.onEvent, onErrorEvent: checks?.onErrorEvent }, this.hooks);
      this.queue.push(turn);
      void this.pump();
      return turn.started;
    });
  }

  private readonly hooks: TurnHooks = {
    aborted: (turn) => this.giveUp(turn, 'turn aborted'),
    broken: (turn) => this.giveUp(turn, 'turn failed'),
  };

  /** A turn that cannot finish cleanly: out of the queue, or (in flight) its socket closed. */
  private giveUp(turn: Turn, reason: string): void {
    const at = this.queue.indexOf(turn);
    if (at >= 0) this.queue.splice(at, 1);
    if (turn !== this.current) return;
    this.current = undefined;
    this.drop(reason);
    void this.pump();
  }

  /** Closes the socket from this side; the next turn opens another. */
  private drop(reason: string): void {
    const ch = this.channel;
    this.channel = undefined;
    this.tail = false;
    this.lastClose = { code: 1000, reason, ours: true };
    this.lostIds = this.storeFalseIds;
    this.storeFalseIds = [];
    if (ch) void ch.close(1000, reason, WS_DEFAULTS.closeTimeoutMs);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.current && this.queue.length > 0 && !this.closedWith) {
        if (this.queue[0].state === 'done') {
          this.queue.shift();
          continue;
        }
        // An open socket is used at once, so a turn leaves the queue as it is created.
        let ch = this.channel?.open ? this.channel : undefined;
        if (!ch) {
          try {
            ch = await this.ensure();
          } catch (e) {
            // The socket cannot be opened: the turns waiting for it were never sent.
            for (const t of this.queue.splice(0)) t.fail(e);
            return;
          }
        }
        const next = this.queue.shift()!;
        if (next.state === 'done') continue;
        if (!ch.send(next.setup.text)) {
          this.queue.unshift(next);
          this.channel = undefined;
          continue;
        }
        this.current = next;
        next.sent();
      }
    } finally {
      this.pumping = false;
    }
  }

  private onMessage(text: string | null): void {
    if (this.tail) {
      if (text !== null && !startsTurn(text)) return;
      this.tail = false;
    }
    const turn = this.current;
    if (!turn) return this.drop(`a message with no turn in flight${text === null ? '' : `: ${text.slice(0, 120)}`}`);
    const progress = turn.receive(text);
    if (progress === 'more') return;
    this.current = undefined;
    if (turn.setup.storeFalse && turn.responseId) {
      this.storeFalseIds.push(turn.responseId);
      if (this.storeFalseIds.length > LOST_IDS_MAX) this.storeFalseIds.shift();
    }
    if (progress === 'error') this.tail = true;
    if (progress === 'broken') this.drop('a turn could not be read');
    void this.pump();
  }

  private onClosed(code: number, reason: string, tooLarge: boolean): void {
    this.channel = undefined;
    this.tail = false;
    this.lastClose = { code, reason, ours: false };
    this.lostIds = this.storeFalseIds;
    this.storeFalseIds = [];
    const turn = this.current;
    this.current = undefined;
    turn?.fail(
      tooLarge
        ? new MessageTooLargeError('a WebSocket message', 'maxMessageBytes', this.init.limits.maxMessageBytes, this.provider)
        : new WebSocketClosedError(
            `${this.provider}: the WebSocket closed (code ${code}${reason ? `: ${reason}` : ''}) while a turn was in flight; it was not sent again, since the server may have run it: send it again, or continue from the last response you have`,
            code,
            reason,
            { provider: this.provider },
          ),
    );
    if (FINAL_CODES.has(code) || this.init.options.reconnect === false) {
      this.end(new SessionClosedError(`${this.provider}: the server closed the WebSocket (code ${code}${reason ? `: ${reason}` : ''})${FINAL_CODES.has(code) ? ', which it may not be reopened after' : ' and reconnect is false'}; connect again for a new session`, { provider: this.provider }));
      return;
    }
    void this.pump();
  }

  private ensure(): Promise<Channel> {
    if (this.channel?.open) return Promise.resolve(this.channel);
    this.channel = undefined;
    this.opening ??= this.openWithRetries().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openWithRetries(): Promise<Channel> {
    const o = this.init.options;
    const policy = o.reconnect === false ? undefined : { ...WS_DEFAULTS.reconnect, ...o.reconnect };
    const reopening = this.sockets > 0;
    if (reopening && !policy) throw this.end(new SessionClosedError(`${this.provider}: the WebSocket closed and reconnect is false`, { provider: this.provider }));
    const maxAttempts = (policy?.maxRetries ?? 0) + 1;
    let last = this.lastClose;
    for (let attempt = 1; ; attempt++) {
      if (this.closedWith) throw this.closedWith;
      const backoff = attempt > 1 || (reopening && last !== undefined && !last.ours && !CLEAN_CODES.has(last.code));
      const delayMs = backoff && policy ? Math.round(Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs) * (0.75 + Math.random() * 0.25)) : 0;
      if (reopening || attempt > 1) {
        const info: ReconnectInfo = { attempt, maxAttempts, delayMs, code: last?.code, reason: last?.reason ?? '', lostResponseIds: [...this.lostIds] };
        let said: void | boolean;
        try {
          said = o.onReconnect?.(this.init.boundary.redactor.value(info));
        } catch (e) {
          throw this.end(new SessionClosedError(`${this.provider}: onReconnect threw, so the session is closed: ${(e as Error)?.message ?? String(e)}`, { provider: this.provider, cause: e }));
        }
        if (said === false) throw this.end(new SessionClosedError(`${this.provider}: onReconnect returned false, so the session is closed`, { provider: this.provider }));
      }
      if (delayMs > 0) await sleep(delayMs, o.signal).catch(() => undefined);
      if (this.closedWith) throw this.closedWith;
      try {
        const ch = await Channel.open(
          { found: this.init.found, url: this.init.url, headers: this.init.headers, maxPayload: this.init.limits.maxMessageBytes, provider: this.provider, timeoutMs: o.connectTimeoutMs ?? WS_DEFAULTS.connectTimeoutMs, signal: o.signal },
          { message: (t) => this.onMessage(t), closed: (c, r, big) => this.onClosed(c, r, big) },
        );
        if (this.closedWith) {
          void ch.close(1000, 'session closed', WS_DEFAULTS.closeTimeoutMs);
          throw this.closedWith;
        }
        this.channel = ch;
        this.sockets++;
        this.lostIds = [];
        return ch;
      } catch (e) {
        if (!retryable(e) || attempt >= maxAttempts || this.closedWith) throw e;
        last = { code: e instanceof WebSocketClosedError ? e.closeCode : 1006, reason: (e as Error).message, ours: false };
      }
    }
  }

  /** The session is over: every waiting turn fails with `error`. */
  private end(error: SessionClosedError): SessionClosedError {
    this.closedWith ??= error;
    for (const t of this.queue.splice(0)) t.fail(this.closedWith);
    return this.closedWith;
  }

  /**
   * Closes the session: turns still waiting fail with SessionClosedError, the turn in flight
   * with AbortError, and the socket is closed (code 1000), waiting up to closeTimeoutMs for
   * the server's answer. Safe to call more than once.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.end(new SessionClosedError(`${this.provider}: the session is closed`, { provider: this.provider }));
    const turn = this.current;
    this.current = undefined;
    turn?.fail(new AbortError('the session was closed while the turn was in flight', { provider: this.provider }));
    const ch = this.channel;
    this.channel = undefined;
    this.closing = ch ? ch.close(1000, 'session closed', WS_DEFAULTS.closeTimeoutMs) : Promise.resolve();
    return this.closing;
  }
}

/** Whether a message starts a turn: `response.created`, or the WebSocket error event that answers a turn instead. */
function startsTurn(text: string): boolean {
  try {
    const e = JSON.parse(text) as Json;
    return e.type === 'response.created' || (e.type === 'error' && typeof e.status === 'number');
  } catch {
    return true;
  }
}
