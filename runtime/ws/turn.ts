/**
 * One turn of a session: a `response.create` waiting its turn, sent, and
 * read until its terminal event, as a ResponseStream of the same kind a
 * streamed HTTP call gives. The turn owns its limits (`timeoutMs` from
 * sending to the terminal event, `idleTimeoutMs` of silence from the server
 * while it is in flight, `maxMessageBytes` per message, `maxStreamBytes`
 * for all of its messages) and its Boundary (one Redactor per turn). The
 * server's WebSocket error event (`{type: "error", status, error}`) is the
 * turn's HTTP status: the same error class an HTTP call would throw.
 * `create()` resolves at the turn's first event, as an HTTP stream resolves
 * at its headers; what fails before that rejects it.
 */
import type { Boundary } from '../client/boundary.js';
import { CallClock } from '../core/clock.js';
import { AbortError, errorFromResponse, IdleTimeoutError, MalformedEventError, ProtocolError, TimeoutError } from '../core/errors.js';
import { LIMITS, MessageTooLargeError, raiseHint, StreamTooLargeError, type Limits } from '../core/limits.js';
import type { StreamEvent } from '../stream/accumulator.js';
import { ResponseStream } from '../stream/response-stream.js';

type Json = Record<string, unknown>;

/** What receiving a message did to the turn. */
export type Progress = 'more' | 'done' | 'error' | 'broken';

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);

export interface TurnSetup {
  provider: string;
  /** The `response.create` message, serialised once. */
  text: string;
  limits: Limits;
  /** The caller's own signal or limits: exact timers (else the shared watchdog). */
  exact: boolean;
  signal?: AbortSignal;
  boundary: Boundary;
  /** Checks each event before it is delivered (validation and the stream rules); throws to fail the stream. */
  onEvent?: (event: StreamEvent) => void;
  /** Checks a WebSocket error event (for warnings) before it becomes the turn's error. */
  onErrorEvent?: (event: Json) => void;
  /** The API key and header values, kept out of errors built from what the server sent. */
  secrets: readonly string[];
  /** The turn asked for `store: false`: its response lives only in the socket's cache. */
  storeFalse: boolean;
}

export interface TurnHooks {
  /** The caller gave up on the turn (its signal, abort(), an early break). */
  aborted(turn: Turn): void;
  /** A limit passed while the turn was in flight: the socket still carries its events. */
  broken(turn: Turn): void;
}

export class Turn {
  state: 'queued' | 'sent' | 'done' = 'queued';
  readonly controller = new AbortController();
  readonly stream: ResponseStream;
  readonly started: Promise<ResponseStream>;
  /** The response id the turn's events carry (response.created), once known. */
  responseId: string | undefined;
  private resolveStarted!: (s: ResponseStream) => void;
  private rejectStarted!: (e: unknown) => void;
  private buf: Array<StreamEvent | undefined> = [];
  private head = 0;
  private failure: unknown;
  private ended = false;
  private wake: (() => void) | undefined;
  private clock: CallClock | undefined;
  private bytes = 0;
  private first = true;

  constructor(
    readonly setup: TurnSetup,
    private readonly hooks: TurnHooks,
  ) {
    this.started = new Promise((resolve, reject) => {
      this.resolveStarted = resolve;
      this.rejectStarted = reject;
    });
    this.started.catch(() => {});
    this.stream = new ResponseStream(this.source(), this.controller, { provider: setup.provider, maxIndex: setup.limits.maxIndex, redact: (e) => setup.boundary.error(e), onEvent: setup.onEvent });
    const onAbort = () => {
      if (this.state === 'done') return;
      this.fail(new AbortError('the turn was aborted', { provider: setup.provider, cause: setup.signal?.aborted ? setup.signal.reason : this.controller.signal.reason }));
      this.hooks.aborted(this);
    };
    this.controller.signal.addEventListener('abort', onAbort, { once: true });
    if (setup.signal) {
      if (setup.signal.aborted) queueMicrotask(onAbort);
      else {
        // A caller's signal may outlive many turns: its listener goes when the turn ends.
        setup.signal.addEventListener('abort', onAbort, { once: true });
        this.detach = () => setup.signal!.removeEventListener('abort', onAbort);
      }
    }
  }

  private detach: (() => void) | undefined;

  /** The message went out: the turn's clock starts. */
  sent(): void {
    this.state = 'sent';
    const { limits, exact, provider } = this.setup;
    this.clock = new CallClock(limits.timeoutMs, limits.idleTimeoutMs, exact, (which) => {
      if (this.state === 'done') return;
      const ms = which === 'timeoutMs' ? limits.timeoutMs : limits.idleTimeoutMs;
      const Err = which === 'timeoutMs' ? TimeoutError : IdleTimeoutError;
      const what = which === 'timeoutMs' ? `the turn did not end within ${ms} ms (limits.timeoutMs)` : `the server sent nothing for ${ms} ms (limits.idleTimeoutMs)`;
      this.fail(new Err(`${provider}: ${what}; ${raiseHint(which)}`, { provider, limit: which, value: ms }));
      this.hooks.broken(this);
    });
    this.clock.waiting();
  }

  /** One message the socket received while this turn was in flight. */
  receive(text: string | null): Progress {
    const { limits, provider } = this.setup;
    if (text === null) return this.breakWith(new ProtocolError(`${provider}: a binary WebSocket message; the protocol sends JSON text`, { provider }));
    if (text.length > limits.maxMessageBytes) return this.breakWith(new MessageTooLargeError('a WebSocket message', 'maxMessageBytes', limits.maxMessageBytes, provider));
    this.bytes += text.length;
    if (this.bytes > limits.maxStreamBytes) return this.breakWith(new StreamTooLargeError("the turn's messages", 'maxStreamBytes', limits.maxStreamBytes, provider));
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      event = undefined;
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event) || typeof (event as Json).type !== 'string') {
      return this.breakWith(new MalformedEventError(`${provider}: a WebSocket message that is not a JSON event: ${JSON.stringify(text.slice(0, 120))}`, { provider }));
    }
    const e = event as StreamEvent;
    this.clock?.received();
    if (e.type === 'error' && typeof e.status === 'number') {
      this.setup.onErrorEvent?.(e);
      this.fail(errorFromResponse({ provider, status: e.status, headers: new Headers(), body: { error: e.error ?? e }, secrets: this.setup.secrets }));
      return 'error';
    }
    if (e.type === 'response.created' && typeof (e.response as Json | undefined)?.id === 'string') this.responseId = (e.response as Json).id as string;
    this.push(e);
    if (TERMINAL.has(e.type)) {
      this.end();
      return 'done';
    }
    if (e.type === 'error') {
      this.end();
      return 'error';
    }
    this.clock?.waiting();
    return 'more';
  }

  /** Ends the turn with an error (the socket closed, an abort, a limit); what was received stays readable before it. */
  fail(error: unknown): void {
    if (this.state === 'done' && this.failure === undefined && this.ended) return;
    this.state = 'done';
    this.clock?.stop();
    this.detach?.();
    if (this.failure === undefined) this.failure = error;
    if (this.first) {
      this.first = false;
      this.rejectStarted(this.setup.boundary.error(error));
    }
    this.wake?.();
  }

  private breakWith(error: unknown): Progress {
    this.fail(error);
    return 'broken';
  }

  private push(e: StreamEvent): void {
    this.buf.push(e);
    if (this.first) {
      this.first = false;
      this.resolveStarted(this.stream);
    }
    this.wake?.();
  }

  private end(): void {
    this.state = 'done';
    this.ended = true;
    this.clock?.stop();
    this.detach?.();
    this.wake?.();
  }

  private async *source(): AsyncGenerator<StreamEvent> {
    for (;;) {
      if (this.head < this.buf.length) {
        const e = this.buf[this.head]!;
        this.buf[this.head++] = undefined;
        if (this.head > 1024 && this.head * 2 > this.buf.length) {
          this.buf = this.buf.slice(this.head);
          this.head = 0;
        }
        yield e;
        continue;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}

/** Whether a turn's limits need exact timers (the caller's own), as transport.ts decides for a call. */
export const exactClock = (limits: Limits, signal?: AbortSignal) => signal !== undefined || limits.timeoutMs !== LIMITS.timeoutMs || limits.idleTimeoutMs !== LIMITS.idleTimeoutMs;
