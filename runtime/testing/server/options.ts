/**
 * What the mock server can be told, and every default in one place
 * (`MOCK_DEFAULTS`). `startMockServer(options)` and `anyresponses serve`
 * both read their settings through `resolveOptions`.
 */
import { resolve } from 'node:path';
import type { Fault } from './faults.js';
import type { ReceivedRequest } from './received.js';
import type { Turn } from './turns.js';

/** The spec the server speaks: a Responses flavor, or `chat` (OpenAI's `POST /chat/completions`, for the bridge). */
export type Flavor = 'openresponses' | 'openai' | 'chat';

export interface MockServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Which spec the server speaks. Default openresponses. */
  flavor?: Flavor;
  /** When set, every request must carry this key (`Authorization: Bearer K` or `api-key: K`); otherwise 401. */
  apiKey?: string;
  /** The queue of turns for the `scripted` model, used in order. */
  script?: Turn[];
  /** Faults applied to the next requests, one each, in order (see `Fault`). */
  faults?: Fault[];
  /** A request body larger than this gets a 413. Default 32 MiB. */
  maxBodyBytes?: number;
  /**
   * Bytes of request bodies read or handled at once; a request that would pass it gets a 503
   * (with retry-after), so concurrent large requests cannot exhaust memory. Default 128 MiB.
   */
  maxInFlightBodyBytes?: number;
  /** How long a client may take to send a whole request before the server gives up on it (ms). Default 30 s. */
  requestTimeoutMs?: number;
  /** A connection on which nothing moves for this long is closed, so a client that stops reading cannot hold the server (ms). Default 60 s. */
  idleTimeoutMs?: number;
  /**
   * How many requests `server.requests` keeps: the newest; older ones are dropped. Default 1,000.
   */
  maxLoggedRequests?: number;
  /**
   * Characters of request bodies (the raw text, kept with its parse) that `server.requests` keeps in
   * all. Past it the oldest entries lose their bodies (`body` undefined, `rawBody` '', `bodyDropped`
   * true); a body larger than this alone is not kept once its request is handled. Default 4 MiB;
   * `Infinity` keeps every body.
   */
  maxLoggedBodyChars?: number;
  /** Stored responses and conversations kept, all told; the oldest are evicted first. Default 10,000. */
  maxStored?: number;
  /**
   * Approximate bytes of stored responses and conversations (each counted as its request body plus
   * its output); the oldest are evicted first, the newest always kept. Default 64 MiB.
   */
  maxStoredBytes?: number;
  /** Responses a `previous_response_id` chain may reach back through; a longer one is a 400. Default 100. */
  maxHistoryDepth?: number;
  /** Items one conversation may hold; a turn that would pass it is a 400. Default 10,000. */
  maxConversationItems?: number;
  /**
   * The directory a script's `replay` paths are read from: a relative path resolves against it,
   * and no path (absolute, `..`, or through a symbolic link) may leave it. Default the working
   * directory; `anyresponses serve --script FILE` uses FILE's directory.
   */
  scriptDir?: string;
  /** Seconds since the epoch for `created_at`; a function so tests can freeze the clock. Default the real clock. */
  now?: () => number;
  /**
   * Keep no state, like Ollama or OpenRouter: nothing is stored, and a request with
   * `previous_response_id` or `conversation` gets a 400 (so a test proves the client sent
   * the whole conversation). Default false.
   */
  stateless?: boolean;
  /**
   * Called with each request as it is recorded, before it is answered: read it, do not change it
   * (its body is the one the server answers from). What it throws or rejects with is ignored.
   * Default none.
   */
  onRequest?: (request: ReceivedRequest) => void | Promise<void>;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  flavor: Flavor;
  apiKey: string | undefined;
  script: Turn[];
  faults: Fault[];
  maxBodyBytes: number;
  maxInFlightBodyBytes: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  maxLoggedRequests: number;
  maxLoggedBodyChars: number;
  maxStored: number;
  maxStoredBytes: number;
  maxHistoryDepth: number;
  maxConversationItems: number;
  scriptDir: string;
  now: () => number;
  stateless: boolean;
  onRequest: ((request: ReceivedRequest) => void | Promise<void>) | undefined;
}

export const MOCK_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  flavor: 'openresponses' as Flavor,
  maxBodyBytes: 32 * 1024 * 1024,
  maxInFlightBodyBytes: 128 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxLoggedRequests: 1_000,
  maxLoggedBodyChars: 4 * 1024 * 1024,
  maxStored: 10_000,
  maxStoredBytes: 64 * 1024 * 1024,
  maxHistoryDepth: 100,
  maxConversationItems: 10_000,
  scriptDir: (): string => process.cwd(),
  now: (): number => Math.floor(Date.now() / 1000),
  stateless: false,
};

/** The options that are counts or sizes: each must be a positive number (Infinity for no bound). */
const BOUNDS = ['maxBodyBytes', 'maxInFlightBodyBytes', 'requestTimeoutMs', 'idleTimeoutMs', 'maxLoggedRequests', 'maxLoggedBodyChars', 'maxStored', 'maxStoredBytes', 'maxHistoryDepth', 'maxConversationItems'] as const;

export const FLAVORS: readonly Flavor[] = ['openresponses', 'openai', 'chat'];

export function resolveOptions(o: MockServerOptions = {}): ResolvedOptions {
  const flavor = o.flavor ?? MOCK_DEFAULTS.flavor;
  if (!FLAVORS.includes(flavor)) throw new TypeError(`unknown flavor '${String(flavor)}'; known: ${FLAVORS.join(', ')}`);
  for (const name of BOUNDS) {
    const v = o[name];
    if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new TypeError(`${name} must be a positive number (Infinity for no bound), not ${String(v)}`);
  }
  if (o.scriptDir !== undefined && typeof o.scriptDir !== 'string') throw new TypeError(`scriptDir must be a directory path, not ${typeof o.scriptDir}`);
  return {
    port: o.port ?? MOCK_DEFAULTS.port,
    host: o.host ?? MOCK_DEFAULTS.host,
    flavor,
    apiKey: o.apiKey,
    script: [...(o.script ?? [])],
    faults: [...(o.faults ?? [])],
    maxBodyBytes: o.maxBodyBytes ?? MOCK_DEFAULTS.maxBodyBytes,
    maxInFlightBodyBytes: o.maxInFlightBodyBytes ?? MOCK_DEFAULTS.maxInFlightBodyBytes,
    requestTimeoutMs: o.requestTimeoutMs ?? MOCK_DEFAULTS.requestTimeoutMs,
    idleTimeoutMs: o.idleTimeoutMs ?? MOCK_DEFAULTS.idleTimeoutMs,
    maxLoggedRequests: o.maxLoggedRequests ?? MOCK_DEFAULTS.maxLoggedRequests,
    maxLoggedBodyChars: o.maxLoggedBodyChars ?? MOCK_DEFAULTS.maxLoggedBodyChars,
    maxStored: o.maxStored ?? MOCK_DEFAULTS.maxStored,
    maxStoredBytes: o.maxStoredBytes ?? MOCK_DEFAULTS.maxStoredBytes,
    maxHistoryDepth: o.maxHistoryDepth ?? MOCK_DEFAULTS.maxHistoryDepth,
    maxConversationItems: o.maxConversationItems ?? MOCK_DEFAULTS.maxConversationItems,
    scriptDir: resolve(o.scriptDir ?? MOCK_DEFAULTS.scriptDir()),
    now: o.now ?? MOCK_DEFAULTS.now,
    stateless: o.stateless ?? MOCK_DEFAULTS.stateless,
    onRequest: o.onRequest,
  };
}
