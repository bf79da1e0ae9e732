/**
 * One error hierarchy for every provider. `AnyResponsesError` carries what a
 * caller needs to react (provider, status, code, param, type, requestId,
 * body); subclasses name the situation. Nothing here ever holds request
 * headers, and messages and bodies are redacted of secrets.
 */
import type { LimitName } from './limits.js';
import { Redactor } from './redact.js';
import { AnyResponsesError, type ErrorInit } from '../validation/error-base.js';

export { AnyResponsesError, type ErrorInit };

export class AuthenticationError extends AnyResponsesError {}
export class InsufficientFundsError extends AnyResponsesError {}
export class ModelNotFoundError extends AnyResponsesError {}
export class InvalidRequestError extends AnyResponsesError {}
export class ContextLengthExceededError extends InvalidRequestError {}
export class ContentFilterError extends InvalidRequestError {}
export class RateLimitError extends AnyResponsesError {
  /** Seconds to wait, when the response said. */
  readonly retryAfter?: number;
  constructor(message: string, init: ErrorInit & { retryAfter?: number } = {}) {
    super(message, init);
    this.retryAfter = init.retryAfter;
  }
}
/** A non-2xx status no other class names (405, 410, 418...): `status` and `body` say what the provider answered. */
export class HttpStatusError extends AnyResponsesError {}
export class ProviderError extends AnyResponsesError {}
export class UpstreamProviderError extends ProviderError {}
export class GatewayTimeoutError extends ProviderError {}
export class APIConnectionError extends AnyResponsesError {}
/** An attempt that took longer than `limits.timeoutMs` (headers and body together). */
export class TimeoutError extends APIConnectionError {
  /** The limit that was passed, and its value in ms. */
  readonly limit?: LimitName;
  readonly value?: number;
  constructor(message: string, init: ErrorInit & { limit?: LimitName; value?: number } = {}) {
    super(message, init);
    this.limit = init.limit ?? 'timeoutMs';
    this.value = init.value;
  }
}
/** A body that went silent for longer than `limits.idleTimeoutMs`. */
export class IdleTimeoutError extends TimeoutError {}
/** `waitFor` gave up: the background response was still queued or in progress after its `timeoutMs`. */
export class WaitTimeoutError extends AnyResponsesError {
  constructor(
    message: string,
    /** The response waited for, and the status it still had. */
    readonly responseId: string,
    readonly lastStatus: string,
    init: ErrorInit = {},
  ) {
    super(message, init);
  }
}
/** Options that cannot work (a bad limit, a base URL with credentials or that does not parse); thrown before any traffic. */
export class ConfigurationError extends AnyResponsesError {}
/** A redirect the client refuses to follow: to another origin, credentials and the request body stay here. */
export class RedirectRefusedError extends AnyResponsesError {}
/** The provider answered with something that is not the protocol: a body that is not JSON, a wrong content type, a malformed event. */
export class ProtocolError extends AnyResponsesError {}
/** A 2xx body that does not parse as JSON. */
export class MalformedBodyError extends ProtocolError {}
/** A server-sent event whose data is not a JSON object. */
export class MalformedEventError extends ProtocolError {}
/** A 2xx answer of another content type (`text/html` for a call, anything but `text/event-stream` for a stream). */
export class UnexpectedContentTypeError extends ProtocolError {
  constructor(
    message: string,
    /** The content type received. */
    readonly contentType: string,
    init: ErrorInit = {},
  ) {
    super(message, init);
  }
}
export class AbortError extends AnyResponsesError {}
export class UnsupportedProviderError extends AnyResponsesError {
  constructor(
    readonly providerName: string,
    readonly known: readonly string[],
    message = `unknown provider '${providerName}'; known: ${known.join(', ')}`,
  ) {
    super(message, { provider: providerName });
  }
}
export class MissingApiKeyError extends AnyResponsesError {
  constructor(
    provider: string,
    readonly envVar: string,
  ) {
    super(`no API key for ${provider}: pass apiKey or set ${envVar}`, { provider });
  }
}
export class UnsupportedParameterError extends AnyResponsesError {
  constructor(
    provider: string,
    readonly parameter: string,
    why: string,
  ) {
    super(`${provider} does not support ${parameter}: ${why}`, { provider, param: parameter });
  }
}

const CONTEXT = /context[_ ]length|maximum context|too many tokens|context window/i;
const FILTER = /content[_ ]?(filter|policy)|safety system|flagged/i;

export interface HttpFailure {
  provider?: string;
  status: number;
  headers: Headers;
  /** The parsed body, or the text when it was not JSON. */
  body: unknown;
  /** Strings to keep out of the error (the API key in use). */
  secrets?: readonly string[];
}

/** The request id a provider sent (`x-request-id`, `request-id`), redacted and at most 200 characters. */
export function requestIdOf(headers: Headers, redactor: Redactor): string | undefined {
  const raw = headers.get('x-request-id') ?? headers.get('request-id');
  return raw === null ? undefined : redactor.text(raw.slice(0, 200));
}

/** Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs) && secs >= 0) return secs;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The right error for a non-2xx response, read from the provider-style body `{"error": {...}}` and its variants. */
export function errorFromResponse(f: HttpFailure): AnyResponsesError {
  const redactor = new Redactor(f.secrets ?? []);
  const body = redactor.value(f.body);
  const err = (body && typeof body === 'object' ? (body as Record<string, unknown>).error : undefined) as unknown;
  const detail = (err && typeof err === 'object' ? err : body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = typeof err === 'string' ? err : typeof detail.message === 'string' ? detail.message : typeof body === 'string' ? body : '';
  const code = typeof detail.code === 'string' || detail.code === null ? (detail.code as string | null) : typeof detail.code === 'number' ? String(detail.code) : undefined;
  const init: ErrorInit = {
    provider: f.provider,
    status: f.status,
    code,
    param: typeof detail.param === 'string' || detail.param === null ? (detail.param as string | null) : undefined,
    type: typeof detail.type === 'string' ? detail.type : undefined,
    requestId: requestIdOf(f.headers, redactor),
    body,
  };
  const message = `${f.provider ? `${f.provider}: ` : ''}${f.status}${text ? ` ${text.slice(0, 500)}` : ''}`;
  const hint = `${code ?? ''} ${init.type ?? ''} ${text}`;
  if (f.status === 400 || f.status === 422) {
    if (CONTEXT.test(hint)) return new ContextLengthExceededError(message, init);
    if (FILTER.test(hint)) return new ContentFilterError(message, init);
    return new InvalidRequestError(message, init);
  }
  if (f.status === 401 || f.status === 403) return new AuthenticationError(message, init);
  if (f.status === 402) return new InsufficientFundsError(message, init);
  if (f.status === 404) return new ModelNotFoundError(message, init);
  if (f.status === 429) {
    if (/insufficient_quota/.test(hint)) return new InsufficientFundsError(message, init);
    return new RateLimitError(message, { ...init, retryAfter: retryAfterSeconds(f.headers) });
  }
  if (f.status === 502) return new UpstreamProviderError(message, init);
  if (f.status === 504) return new GatewayTimeoutError(message, init);
  if (f.status >= 500) return new ProviderError(message, init);
  if (FILTER.test(hint)) return new ContentFilterError(message, init);
  return new HttpStatusError(message, init);
}
