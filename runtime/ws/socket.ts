/**
 * One socket of a session: opened within a time limit and the caller's
 * signal, its handshake failures mapped into the error hierarchy (401/403
 * are not retried; 429, 5xx and a lost connection are), and then a plain
 * channel: text out, text in (a binary message is handed on as null), and
 * one `closed` callback with the close code and reason, however it closed
 * (and whether it was this side's ws closing on a message over maxPayload).
 */
import { AbortError, AuthenticationError, ConfigurationError, ModelNotFoundError, TimeoutError } from '../core/errors.js';
import { safeURL } from '../core/secrets.js';
import { WebSocketClosedError } from './errors.js';
import { newSocket, type FoundWebSocket, type WebSocketLike } from './implementation.js';

export interface ChannelEvents {
  message(text: string | null): void;
  /** `tooLarge`: this side closed it because a message was over maxPayload (ws). */
  closed(code: number, reason: string, tooLarge: boolean): void;
}

const OPEN = 1;

/** The HTTP status of a refused handshake, where the implementation says it (ws: "Unexpected server response: 401"). */
const statusOf = (e: unknown) => {
  const m = /\b(?:response|status)(?: code)?:? (\d{3})\b/i.exec(String((e as { message?: unknown })?.message ?? ''));
  return m ? Number(m[1]) : undefined;
};

export interface OpenOptions {
  found: FoundWebSocket;
  url: string;
  headers: Record<string, string>;
  maxPayload: number;
  provider: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** ws's error for a message over its maxPayload (it then sends a close frame with 1009 and stops reading: the close code it reports is often 1006). */
const overPayload = (e: unknown) => (e as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

/** Whether a failed opening may be tried again. */
export const retryable = (e: unknown) => e instanceof WebSocketClosedError && e.status !== undefined ? e.status === 408 || e.status === 429 || e.status >= 500 : e instanceof WebSocketClosedError || e instanceof TimeoutError;

export class Channel {
  private done = false;
  private closing: Promise<void> | undefined;
  private onClosed: (() => void) | undefined;

  private constructor(
    private readonly ws: WebSocketLike,
    private events: ChannelEvents,
  ) {}

  /** Opens a socket; resolves once it is open, rejects with the error the opening failed with. */
  static open(o: OpenOptions, events: ChannelEvents): Promise<Channel> {
    const where = safeURL(o.url).replace(/\?.*$/, '');
    return new Promise<Channel>((resolve, reject) => {
      if (o.signal?.aborted) return reject(new AbortError('the session was aborted', { provider: o.provider, cause: o.signal.reason }));
      let ws: WebSocketLike;
      try {
        ws = newSocket(o.found, o.url, o.headers, o.maxPayload, o.provider);
      } catch (e) {
        if (e instanceof ConfigurationError) return reject(e);
        return reject(new ConfigurationError(`${o.provider}: cannot open a WebSocket to ${where} (${(e as Error)?.message ?? String(e)})`, { provider: o.provider, cause: e }));
      }
      ws.binaryType = 'arraybuffer';
      const channel = new Channel(ws, events);
      let settled = false;
      let failure: unknown;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        if (error === undefined) return resolve(channel);
        channel.done = true;
        try {
          ws.close();
        } catch {
          // not open yet: nothing to close
        }
        reject(error);
      };
      const onAbort = () => settle(new AbortError('the session was aborted', { provider: o.provider, cause: o.signal!.reason }));
      o.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => settle(new TimeoutError(`${o.provider}: the WebSocket handshake with ${where} took longer than ${o.timeoutMs} ms (connectTimeoutMs)`, { provider: o.provider, value: o.timeoutMs })), o.timeoutMs);
      ws.addEventListener('open', () => settle());
      ws.addEventListener('error', (e: unknown) => {
        failure = (e as { error?: unknown })?.error ?? e;
      });
      ws.addEventListener('message', (e: { data: unknown }) => {
        if (!channel.done) channel.events.message(typeof e.data === 'string' ? e.data : null);
      });
      ws.addEventListener('close', (e: { code?: number; reason?: string }) => {
        const code = typeof e.code === 'number' ? e.code : 1006;
        const reason = typeof e.reason === 'string' ? e.reason.slice(0, 200) : '';
        if (!settled) {
          const status = statusOf(failure);
          const said = `${o.provider}: the WebSocket upgrade to ${where} failed${status ? ` with status ${status}` : ` (close code ${code}${reason ? `: ${reason}` : ''})`}`;
          if (status === 401 || status === 403) return settle(new AuthenticationError(`${said}: check the API key`, { provider: o.provider, status }));
          if (status === 404) return settle(new ModelNotFoundError(`${said}: the server has no WebSocket mode there`, { provider: o.provider, status }));
          return settle(new WebSocketClosedError(said, code, reason, { provider: o.provider, status, cause: failure }));
        }
        channel.finish(code, reason, overPayload(failure));
      });
    });
  }

  private finish(code: number, reason: string, tooLarge: boolean): void {
    if (this.done) return void this.onClosed?.();
    this.done = true;
    this.onClosed?.();
    this.events.closed(code, reason, tooLarge);
  }

  get open(): boolean {
    return !this.done && this.ws.readyState === OPEN;
  }

  /** Sends a text message; false when the socket is no longer open. */
  send(text: string): boolean {
    if (!this.open) return false;
    this.ws.send(text);
    return true;
  }

  /**
   * Closes the socket from this side (its events stop at once: the `closed` callback is not
   * called); resolves when the server answered or after `timeoutMs`.
   */
  close(code: number, reason: string, timeoutMs: number): Promise<void> {
    if (this.closing) return this.closing;
    const wasDone = this.done;
    this.done = true;
    this.closing = new Promise<void>((resolve) => {
      if (wasDone && this.ws.readyState === 3) return resolve();
      const t = setTimeout(resolve, timeoutMs);
      (t as { unref?: () => void }).unref?.();
      this.onClosed = () => (clearTimeout(t), resolve());
      try {
        this.ws.close(code, reason);
      } catch {
        resolve();
      }
    });
    return this.closing;
  }
}
