/**
 * Sends one API request with `fetch`: URL and query, JSON body serialised
 * once, retries with backoff (see retry.ts), a timeout that covers
 * connecting and receiving the headers, the caller's abort signal, and
 * every failure mapped into the error hierarchy. It returns the `Response`
 * as soon as a 2xx status arrives; the body (a stream, say) is the caller's,
 * so a stream that has started delivering is never retried.
 */
import { AbortError, APIConnectionError, errorFromResponse, TimeoutError } from './errors.js';
import { redact } from './redact.js';
import { RETRY_DEFAULTS, retryDelayMs, shouldRetry } from './retry.js';
import { arm } from './watchdog.js';

export const TRANSPORT_DEFAULTS = { timeoutMs: 600_000, maxRetries: RETRY_DEFAULTS.maxRetries } as const;

export interface TransportConfig {
  provider: string;
  baseURL: string;
  /** Headers on every request, auth included. */
  headers: Record<string, string>;
  fetch?: typeof fetch;
  defaultQuery?: Record<string, string>;
  maxRetries?: number;
  timeoutMs?: number;
  /** Strings never to show in errors (the API key). */
  secrets?: readonly string[];
  /** Injectable wait, for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** URLs without a query, by base URL and path: parsing one costs more than the rest of a call's set-up. */
const plainURLs = new Map<string, string>();
const PLAIN_URLS_MAX = 256;

export function buildURL(baseURL: string, path: string, query: Record<string, unknown> = {}): string {
  let plain = true;
  for (const k in query) if (query[k] !== undefined) plain = false;
  const key = plain ? `${baseURL}\u0000${path}` : '';
  if (plain) {
    const cached = plainURLs.get(key);
    if (cached !== undefined) return cached;
  }
  const url = new URL(baseURL.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  const text = url.toString();
  if (plain) {
    if (plainURLs.size >= PLAIN_URLS_MAX) plainURLs.clear();
    plainURLs.set(key, text);
  }
  return text;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export async function send(cfg: TransportConfig, req: RequestSpec): Promise<Response> {
  const doFetch = cfg.fetch ?? fetch;
  const sleep = cfg.sleep ?? defaultSleep;
  const url = buildURL(cfg.baseURL, req.path, { ...cfg.defaultQuery, ...req.query });
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers = { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...cfg.headers, ...req.headers };
  const maxRetries = cfg.maxRetries ?? TRANSPORT_DEFAULTS.maxRetries;
  const timeoutMs = req.timeoutMs ?? cfg.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs;
  // An explicit timeout or a caller's signal gets an AbortController and an exact timer, so the
  // request is really cancelled. The default timeout only rejects, from the shared watchdog
  // (watchdog.ts): creating an AbortSignal costs more than a loopback round trip on Node 20, and
  // fetch's own dispatcher drops a request whose headers never come (300 s) anyway.
  const abortable = req.signal !== undefined || req.timeoutMs !== undefined || cfg.timeoutMs !== undefined;
  for (let attempt = 0; ; attempt++) {
    if (req.signal?.aborted) throw new AbortError('the request was aborted', { provider: cfg.provider, cause: req.signal.reason });
    const timeout = abortable ? new AbortController() : undefined;
    let timedOut = false;
    let disarm: () => void = () => {};
    const signal = timeout ? (req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal) : undefined;
    let res: Response;
    try {
      // The fetch and the timer settle one promise (whichever comes first), with no race of two.
      res = await new Promise<Response>((resolve, reject) => {
        const expire = () => {
          timedOut = true;
          timeout?.abort(new Error('timeout'));
          reject(new Error('timeout'));
        };
        if (timeout) {
          const timer = setTimeout(expire, timeoutMs);
          disarm = () => clearTimeout(timer);
        } else disarm = arm(timeoutMs, expire);
        // Promise.resolve: a custom fetch may hand back a Response rather than a promise of one.
        Promise.resolve(doFetch(url, { method: req.method, headers, body, signal })).then(resolve, reject);
      });
    } catch (e) {
      disarm();
      if (req.signal?.aborted) throw new AbortError('the request was aborted', { provider: cfg.provider, cause: req.signal.reason });
      if (attempt < maxRetries) {
        await sleep(retryDelayMs(attempt + 1), req.signal);
        continue;
      }
      const reason = redact(String((e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message), cfg.secrets);
      if (timedOut) throw new TimeoutError(`${cfg.provider}: no response within ${timeoutMs} ms`, { provider: cfg.provider, cause: e });
      throw new APIConnectionError(`${cfg.provider}: cannot reach ${new URL(url).origin} (${reason})`, { provider: cfg.provider, cause: e });
    }
    disarm();
    if (res.ok) return res;
    const failureBody = await readBody(res);
    if (attempt < maxRetries && shouldRetry(res.status, res.headers)) {
      await sleep(retryDelayMs(attempt + 1, res.headers), req.signal);
      continue;
    }
    throw errorFromResponse({ provider: cfg.provider, status: res.status, headers: res.headers, body: failureBody, secrets: cfg.secrets });
  }
}
