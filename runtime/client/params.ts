/**
 * The parameters of `responses()`, split into what goes on the wire (under
 * its wire name), what configures the client, and what shapes the call.
 * Any other key goes into the request body too, where the request check
 * refuses it unless the flavor's spec knows it; provider-specific fields go
 * through `extra_body`, merged into the body after that check (as
 * openai-node's `extra_body`).
 */
import { InvalidOptionError } from '../core/usage-errors.js';
import type { Limits } from '../core/limits.js';
import { isResponseStore } from '../conversation/store.js';
import { prepareResponseFormat, type PreparedFormat, type ResponseFormat } from './structured.js';
import { toWireTools, type ToolInput } from './tools.js';

/** any-llm's `responses()` parameters that are sent as they are, by wire name. */
export const WIRE_PARAMS = [
  'tools', 'tool_choice', 'max_output_tokens', 'temperature', 'top_p', 'stream', 'instructions',
  'max_tool_calls', 'parallel_tool_calls', 'reasoning', 'text', 'presence_penalty', 'frequency_penalty',
  'truncation', 'store', 'service_tier', 'user', 'metadata', 'previous_response_id', 'include',
  'background', 'safety_identifier', 'prompt_cache_key', 'prompt_cache_retention', 'conversation',
] as const;

/** Keys that configure the client or the call and are never sent in the body. */
export const CALL_KEYS = ['provider', 'apiKey', 'apiBase', 'clientArgs', 'signal', 'timeout', 'response_format', 'validate', 'settings', 'env', 'onWarnings', 'limits', 'api', 'extra_body'] as const;

export interface ClientArgs {
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /** Query parameters added to every request. */
  defaultQuery?: Record<string, string>;
  /** Retries on 408/409/429/5xx and connection errors (default 2). */
  maxRetries?: number;
  /** Each attempt's timeout in ms, headers and body together (default LIMITS.timeoutMs, 10 minutes). */
  timeout?: number;
}

export interface CallOptions {
  /** Provider name, when `model` is a bare model id. */
  provider?: string;
  apiKey?: string;
  /** Base URL, overriding the provider's default and its env var. */
  apiBase?: string;
  clientArgs?: ClientArgs;
  /** Provider settings beyond key and base URL (Azure's `apiVersion`, ...). */
  settings?: Record<string, string>;
  signal?: AbortSignal;
  /** Per-call timeout in ms: each attempt, headers and body together (the same as limits.timeoutMs). */
  timeout?: number;
  /** Bounds on this call (see LIMITS): time, body and stream sizes, indexes, redirects, issues. */
  limits?: Partial<Limits>;
  /** JSON Schema, Standard Schema, or a `text.format` object. */
  response_format?: ResponseFormat;
  /** Validate the request strictly before sending (default true). */
  validate?: boolean;
  /**
   * Which API the call goes to: 'chat' sends it to the provider's Chat Completions endpoint through
   * the bridge (results are OpenResponses-shaped); default: the provider's own (its manifest's `api`).
   */
  api?: 'responses' | 'chat';
  /**
   * Provider-specific body fields the spec does not have (`top_k`, `thinking`...): merged into
   * the request body after it is checked, over any key of the same name. The escape hatch for
   * what the typed options refuse.
   */
  extra_body?: Record<string, unknown>;
}

export type WireParam = (typeof WIRE_PARAMS)[number];

export interface BuiltBody {
  /** The body from the typed options: what the request check sees. */
  body: Record<string, unknown>;
  /** `extra_body`, to merge into `body` after the check (empty when none). */
  extra: Record<string, unknown>;
  parse?: PreparedFormat['parse'];
}

/** The request body for `responses(model, input, options)`; pure. */
export function buildBody(model: string, input: unknown, options: Record<string, unknown>): BuiltBody {
  const body: Record<string, unknown> = { model, input };
  for (const key of Object.keys(options)) {
    if ((CALL_KEYS as readonly string[]).includes(key)) continue;
    const value = options[key];
    // `store` is the wire flag; a ResponseStore there is the call's conversation store, not a parameter.
    if (value === undefined || (key === 'store' && isResponseStore(value))) continue;
    body[key] = key === 'tools' && Array.isArray(value) ? toWireTools(value as ToolInput[]) : value;
  }
  let parse: PreparedFormat['parse'];
  if (options.response_format !== undefined) {
    const prepared = prepareResponseFormat(options.response_format as ResponseFormat, body.text as Record<string, unknown> | undefined);
    body.text = prepared.text;
    parse = prepared.parse;
  }
  const extra = options.extra_body ?? {};
  if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) throw new InvalidOptionError(`extra_body must be an object of body fields, not ${Array.isArray(extra) ? 'an array' : extra === null ? 'null' : typeof extra}`, 'extra_body');
  return { body, extra: extra as Record<string, unknown>, parse };
}
