/**
 * What the mock server can be told, and every default in one place
 * (`MOCK_DEFAULTS`). `startMockServer(options)` and `anyresponses serve`
 * both read their settings through `resolveOptions`.
 */
import type { Fault } from './faults.js';
import type { ReceivedRequest } from './received.js';
import type { Turn } from './turns.js';
import { InvalidOptionError } from 'anyresponses';

export type Flavor = 'openresponses' | 'openai';

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
  /** How long a client may take to send a whole request before the server gives up on it (ms). Default 30 s. */
  requestTimeoutMs?: number;
  /** A connection on which nothing moves for this long is closed, so a client that stops reading cannot hold the server (ms). Default 60 s. */
  idleTimeoutMs?: number;
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
  /**
   * Called once each answer is sent (or its connection closed): the request, the status sent
   * and how long it took. `anyresponses serve` logs with it. Its failures are ignored. Default none.
   */
  onResponse?: (request: ReceivedRequest, status: number, ms: number) => void;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  flavor: Flavor;
  apiKey: string | undefined;
  script: Turn[];
  faults: Fault[];
  maxBodyBytes: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  now: () => number;
  stateless: boolean;
  onRequest: ((request: ReceivedRequest) => void | Promise<void>) | undefined;
  onResponse: ((request: ReceivedRequest, status: number, ms: number) => void) | undefined;
}

export const MOCK_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  flavor: 'openresponses' as Flavor,
  maxBodyBytes: 32 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  now: (): number => Math.floor(Date.now() / 1000),
  stateless: false,
};

export const FLAVORS: readonly Flavor[] = ['openresponses', 'openai'];

export function resolveOptions(o: MockServerOptions = {}): ResolvedOptions {
  const flavor = o.flavor ?? MOCK_DEFAULTS.flavor;
  if (!FLAVORS.includes(flavor)) throw new InvalidOptionError(`unknown flavor '${String(flavor)}'; known: ${FLAVORS.join(', ')}`, 'flavor');
  return {
    port: o.port ?? MOCK_DEFAULTS.port,
    host: o.host ?? MOCK_DEFAULTS.host,
    flavor,
    apiKey: o.apiKey,
    script: [...(o.script ?? [])],
    faults: [...(o.faults ?? [])],
    maxBodyBytes: o.maxBodyBytes ?? MOCK_DEFAULTS.maxBodyBytes,
    requestTimeoutMs: o.requestTimeoutMs ?? MOCK_DEFAULTS.requestTimeoutMs,
    idleTimeoutMs: o.idleTimeoutMs ?? MOCK_DEFAULTS.idleTimeoutMs,
    now: o.now ?? MOCK_DEFAULTS.now,
    stateless: o.stateless ?? MOCK_DEFAULTS.stateless,
    onRequest: o.onRequest,
    onResponse: o.onResponse,
  };
}
