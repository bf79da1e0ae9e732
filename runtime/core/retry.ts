/**
 * When and how long to retry, like openai-node: 2 retries by default on 408,
 * 409, 429, 5xx and connection errors; `x-should-retry` overrides; the wait
 * honours `retry-after-ms`/`retry-after` (0 to 60 s), else backs off
 * exponentially from 0.5 s to 8 s with up to 25% jitter downwards.
 */
import { retryAfterSeconds } from './errors.js';

export const RETRY_DEFAULTS = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8_000, jitter: 0.25, maxRetryAfterMs: 60_000 } as const;

/** `status` undefined means the connection failed before a response. */
export function shouldRetry(status: number | undefined, headers?: Headers): boolean {
  const flag = headers?.get('x-should-retry');
  if (flag === 'true') return true;
  if (flag === 'false') return false;
  if (status === undefined) return true;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Delay before retry number `attempt` (1-based). */
export function retryDelayMs(attempt: number, headers?: Headers, random: () => number = Math.random): number {
  const after = headers ? retryAfterSeconds(headers) : undefined;
  if (after !== undefined && after * 1000 <= RETRY_DEFAULTS.maxRetryAfterMs) return after * 1000;
  const base = Math.min(RETRY_DEFAULTS.initialDelayMs * 2 ** (attempt - 1), RETRY_DEFAULTS.maxDelayMs);
  return base * (1 - random() * RETRY_DEFAULTS.jitter);
}
