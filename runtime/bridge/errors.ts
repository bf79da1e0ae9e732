/**
 * Chat error bodies -> the runtime's error classes (through
 * `errorFromResponse`), and a streamed error -> the OpenResponses
 * `ErrorPayload` of an `error` event. When the HTTP status is not known
 * (an error sent inside a stream, a body read from a file), it is inferred
 * from the error's `type`.
 */
import type { ErrorPayload } from 'anyresponses/openresponses';
import { errorFromResponse, type AnyResponsesError } from '../core/errors.js';

/** The HTTP status an error `type` stands for, when the status itself is unknown. */
export const STATUS_OF_TYPE: Readonly<Record<string, number>> = Object.freeze({
  invalid_request_error: 400,
  invalid_request: 400,
  bad_request: 400,
  authentication_error: 401,
  permission_error: 403,
  permission_denied: 403,
  not_found_error: 404,
  resource_not_found_error: 404,
  not_found: 404,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  too_many_requests: 429,
  insufficient_quota: 429,
  server_error: 500,
  api_error: 500,
  model_error: 500,
  overloaded_error: 503,
  service_unavailable: 503,
});

/** True for `{"error": ...}` without a completion (a chat error body or a streamed error). */
export function isChatError(value: unknown): value is { error: unknown } {
  return value !== null && typeof value === 'object' && 'error' in value && (value as { error: unknown }).error != null && !Array.isArray((value as { choices?: unknown }).choices);
}

function detail(body: unknown): Record<string, unknown> {
  const e = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (e && typeof e === 'object') return e as Record<string, unknown>;
  return typeof e === 'string' ? { message: e } : {};
}

export interface ChatErrorContext {
  provider?: string;
  /** The HTTP status, when known; else inferred from the error's type (500 when unknown). */
  status?: number;
  headers?: Headers;
  /** Strings kept out of the error (the API key). */
  secrets?: readonly string[];
}

/** The runtime error for a chat error body. */
export function errorFromChatBody(body: unknown, ctx: ChatErrorContext = {}): AnyResponsesError {
  const d = detail(body);
  const type = typeof d.type === 'string' ? d.type : '';
  const status = ctx.status ?? STATUS_OF_TYPE[type] ?? (typeof d.code === 'number' && d.code >= 400 && d.code < 600 ? d.code : 500);
  return errorFromResponse({ provider: ctx.provider, status, headers: ctx.headers ?? new Headers(), body, secrets: ctx.secrets });
}

/** The payload of the `error` event for a streamed chat error (`{error: {...}}` or its inner object) or any thrown error. */
export function errorPayload(error: unknown): ErrorPayload {
  const d: Record<string, unknown> =
    error instanceof Error ? (error as Error & Record<string, unknown>) : error && typeof error === 'object' && !('error' in error) ? (error as Record<string, unknown>) : detail(error);
  const code = typeof d.code === 'string' ? d.code : typeof d.code === 'number' ? String(d.code) : null;
  const message = typeof d.message === 'string' && d.message !== '' ? d.message : 'the provider reported an error';
  return {
    type: typeof d.type === 'string' && d.type !== '' ? d.type : 'server_error',
    code,
    message,
    param: typeof d.param === 'string' ? d.param : null,
  };
}
