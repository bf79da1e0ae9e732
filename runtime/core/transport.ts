/**
 * Sends one API request with `fetch`: URL and query, JSON body serialised
 * once, retries with backoff (see retry.ts), the call's time limits (each
 * attempt's clock runs from sending to the last byte of the body, see
 * clock.ts), redirects followed only within the origin (redirect.ts), the
 * caller's abort signal, and every failure mapped into the error
 * hierarchy. It returns a `Reply` as soon as a 2xx status arrives; its body
 * (a stream, say) is read through the Reply, within the limits, so a
 * stream that has started delivering is never retried. Options that cannot
 * work (a base URL with credentials, a header value fetch would refuse)
 * fail before any traffic, without retries.
 */
import { Reply } from './body.js';
import { CallClock } from './clock.js';
import { AbortError, AnyResponsesError, APIConnectionError, ConfigurationError, errorFromResponse, TimeoutError } from './errors.js';
import { LIMITS, raiseHint, type Limits } from './limits.js';
import { REDACTED, Redactor } from './redact.js';
import { safeURL } from './secrets.js';
import { followRedirect } from './redirect.js';
import { RETRY_DEFAULTS, retryDelayMs, shouldRetry } from './retry.js';

export const TRANSPORT_DEFAULTS = { timeoutMs: LIMITS.timeoutMs, maxRetries: RETRY_DEFAULTS.maxRetries } as const;

export interface TransportConfig {
  provider: string;
  baseURL: string;
  /** Headers on every request, auth included. */
  headers: Record<string, string>;
  fetch?: typeof fetch;
  defaultQuery?: Record<string, string>;
  maxRetries?: number;
  /** Overrides `limits.timeoutMs`. */
  timeoutMs?: number;
  /** The call's limits (default LIMITS). */
  limits?: Limits;
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

/** The request URL; a base URL that does not parse, or carries credentials, is a ConfigurationError. */
export function buildURL(baseURL: string, path: string, query: Record<string, unknown> = {}, provider?: string): string {
  let plain = true;
  for (const k in query) if (query[k] !== undefined) plain = false;
  const key = plain ? `${baseURL}\u0000${path}` : '';
  if (plain) {
    const cached = plainURLs.get(key);
    if (cached !== undefined) return cached;
  }
  const who = provider ? `${provider}: ` : '';
  let url: URL;
  try {
    url = new URL(baseURL.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  } catch {
    throw new ConfigurationError(`${who}the base URL '${safeURL(String(baseURL)).slice(0, 200)}' is not a valid URL`, { provider });
  }
  if (url.username || url.password) {
    throw new ConfigurationError(`${who}the base URL must not carry credentials (${url.protocol}//${REDACTED}@${url.host}); send them in a header (clientArgs.headers) instead`, { provider });
  }
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  const text = url.toString();
  if (plain) {
    if (plainURLs.size >= PLAIN_URLS_MAX) plainURLs.clear();
    plainURLs.set(key, text);
  }
  return text;
}

/** Characters no header value may hold (fetch refuses them, and would quote the value in its error). */
const BAD_HEADER_VALUE = /[\r\n\0]|[^\t\x20-\xff]/;

/** Refuses a header value fetch (or a WebSocket handshake) cannot send, naming the header. */
export function checkHeaders(headers: Record<string, string>, provider: string): void {
  for (const name in headers) {
    const v = headers[name];
    if (typeof v !== 'string' || BAD_HEADER_VALUE.test(v)) throw new ConfigurationError(`${provider}: the header '${name}' has a value fetch cannot send (${typeof v !== 'string' ? typeof v : 'a line break, NUL or non-Latin-1 character'}); check the API key and clientArgs.headers`, { provider });
  }
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** An error body for the error's message, within the limits; what cannot be read stays out. */
async function errorBody(reply: Reply): Promise<unknown> {
  let text: string;
  try {
    text = await reply.text();
  } catch {
    return undefined;
  }
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export async function send(cfg: TransportConfig, req: RequestSpec): Promise<Reply> {
  const doFetch = cfg.fetch ?? fetch;
  const sleep = cfg.sleep ?? defaultSleep;
  const provider = cfg.provider;
  const firstURL = buildURL(cfg.baseURL, req.path, { ...cfg.defaultQuery, ...req.query }, provider);
  const firstBody = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { accept: 'application/json', ...(firstBody !== undefined ? { 'content-type': 'application/json' } : {}), ...cfg.headers, ...req.headers };
  checkHeaders(headers, provider);
  const maxRetries = cfg.maxRetries ?? TRANSPORT_DEFAULTS.maxRetries;
  const limits = cfg.limits ?? LIMITS;
  const timeoutMs = req.timeoutMs ?? cfg.timeoutMs ?? limits.timeoutMs;
  const callLimits = timeoutMs === limits.timeoutMs ? limits : { ...limits, timeoutMs };
  // A caller's signal or a limit of the caller's own gets an AbortController and exact timers, so
  // the request is really cancelled. The default limits only reject before the headers, from the
  // shared watchdog (watchdog.ts): creating an AbortSignal costs more than a loopback round trip
  // on Node 20, and fetch's own dispatcher drops a request whose headers never come (300 s)
  // anyway; once the headers are in, the body reader cancels the body itself (body.ts).
  const exact = req.signal !== undefined || timeoutMs !== LIMITS.timeoutMs || limits.idleTimeoutMs !== LIMITS.idleTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (req.signal?.aborted) throw new AbortError('the request was aborted', { provider, cause: req.signal.reason });
    const controller = exact ? new AbortController() : undefined;
    const signal = controller ? (req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal) : undefined;
    const state: { reply?: Reply; reject?: (e: unknown) => void } = {};
    const clock = new CallClock(timeoutMs, limits.idleTimeoutMs, exact, () => {
      controller?.abort(new Error('timeout'));
      if (state.reply) state.reply.expire();
      else state.reject?.(new Error('timeout'));
    });
    let res: Response;
    try {
      let url = firstURL;
      let method: string = req.method;
      let body = firstBody;
      for (let redirects = 0; ; redirects++) {
        // The fetch and the clock settle one promise (whichever comes first), with no race of two.
        res = await new Promise<Response>((resolve, reject) => {
          state.reject = reject;
          // Promise.resolve: a custom fetch may hand back a Response rather than a promise of one.
          Promise.resolve(doFetch(url, { method, headers: body === undefined ? withoutBodyHeaders(headers) : headers, body, signal, redirect: 'manual' })).then(resolve, reject);
        });
        let next: ReturnType<typeof followRedirect>;
        try {
          next = followRedirect(res, url, method, redirects, limits.maxRedirects, provider);
        } catch (e) {
          res.body?.cancel().catch(() => {});
          throw e;
        }
        if (!next) break;
        // A redirect's own body is never read: release the connection.
        res.body?.cancel().catch(() => {});
        ({ url, method } = next);
        if (next.dropBody) body = undefined;
      }
    } catch (e) {
      clock.stop();
      if (e instanceof AnyResponsesError) throw e;
      if (req.signal?.aborted) throw new AbortError('the request was aborted', { provider, cause: req.signal.reason });
      if (attempt < maxRetries) {
        await sleep(retryDelayMs(attempt + 1), req.signal);
        continue;
      }
      if (clock.expired) throw new TimeoutError(`${provider}: no response within ${timeoutMs} ms (limits.timeoutMs); ${raiseHint('timeoutMs')}, or pass timeout`, { provider, cause: e, value: timeoutMs });
      const reason = new Redactor(cfg.secrets).text(String((e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message));
      throw new APIConnectionError(`${provider}: cannot reach ${new URL(firstURL).origin} (${reason})`, { provider, cause: e });
    }
    const reply = (state.reply = new Reply(res, clock, provider, callLimits, req.signal));
    if (res.ok) return reply;
    const failureBody = await errorBody(reply);
    if (attempt < maxRetries && shouldRetry(res.status, res.headers)) {
      await sleep(retryDelayMs(attempt + 1, res.headers), req.signal);
      continue;
    }
    throw errorFromResponse({ provider, status: res.status, headers: res.headers, body: failureBody, secrets: cfg.secrets });
  }
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  if (!('content-type' in headers)) return headers;
  const { 'content-type': _drop, ...rest } = headers;
  return rest;
}
