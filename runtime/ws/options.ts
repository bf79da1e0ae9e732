/**
 * WebSocket mode's options and every default in one place (`WS_DEFAULTS`).
 * The limits of a call (`LIMITS`) apply to each turn as they apply to a
 * streamed HTTP call; these are what a socket adds: its queue, its
 * reconnects, its handshake and its closing.
 */
import type { ClientOptions } from '../client/client.js';
import type { Issue } from '../validation/issues.js';
import type { WebSocketConstructor } from './implementation.js';

export const WS_DEFAULTS = Object.freeze({
  /** Turns waiting behind the one in flight; one more is refused with a QueueFullError (OpenAI runs 16 responses per connection at most). */
  maxQueuedTurns: 16,
  /** The opening handshake, in ms (then a TimeoutError, retried like a reconnect). */
  connectTimeoutMs: 30_000,
  /** How long close() waits for the server's close frame before it gives up on it, in ms. */
  closeTimeoutMs: 5_000,
  /** Opening a new socket after one closed: attempts per opening, and the backoff between them (delay n = min(initial * 2^(n-1), max), times a jitter in [0.75, 1]). */
  reconnect: Object.freeze({ maxRetries: 5, initialDelayMs: 500, maxDelayMs: 8_000 }),
});

/** What `onReconnect` is told before each new socket after the first. */
export interface ReconnectInfo {
  /** 1 for the first attempt after a socket closed, 2 for the next... */
  attempt: number;
  /** Its limit (reconnect.maxRetries + 1). */
  maxAttempts: number;
  /** How long the session waits before this attempt, in ms. */
  delayMs: number;
  /** How the last socket closed (its close code and reason), or what made the last attempt fail. */
  code?: number;
  reason: string;
  /**
   * The last socket's responses are gone from the server's connection cache: a turn that
   * continues a `store: false` response made on it fails with previous_response_not_found
   * (send its full input again, without previous_response_id).
   */
  lostResponseIds: readonly string[];
}

export interface ReconnectOptions {
  maxRetries?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface ConnectOptions extends ClientOptions {
  /**
   * The WebSocket implementation. Default: the runtime's own (browsers, Bun, Deno, Node 22+);
   * on Node 20, the `ws` package when it is installed beside anyresponses (it is found at run
   * time; it is not a dependency). Any constructor with the standard API works.
   */
  WebSocket?: WebSocketConstructor;
  /** Aborting it closes the session (the turn in flight fails with an AbortError). */
  signal?: AbortSignal;
  /** Called with the deviations a provider made in what it sent (tolerant validation), per turn. */
  onWarnings?: (warnings: Issue[]) => void;
  /** Told before each new socket after the first; return false to close the session instead. */
  onReconnect?: (info: ReconnectInfo) => void | boolean;
  /** Backoff of reconnects (WS_DEFAULTS.reconnect), or false to close the session when its socket closes. */
  reconnect?: ReconnectOptions | false;
  maxQueuedTurns?: number;
  connectTimeoutMs?: number;
}

/** Keys a turn takes from `connect()` only: the socket is opened with them. */
export const SESSION_KEYS = ['provider', 'apiKey', 'apiBase', 'clientArgs', 'settings', 'env', 'WebSocket', 'onReconnect', 'reconnect', 'maxQueuedTurns', 'connectTimeoutMs'] as const;
