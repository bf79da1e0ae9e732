/**
 * What one call hands the transport: the provider's connection (base URL,
 * headers, query, secrets) with the caller's `clientArgs` over it, and the
 * signal the call listens to. Shared by the Responses leg (client.ts), the
 * Chat Completions leg (chat.ts) and a generated spec's client
 * (spec-client.ts), so the three send alike.
 */
import type { Limits } from '../core/limits.js';
import type { TransportConfig } from '../core/transport.js';
import type { ClientArgs } from './params.js';
import type { Connection } from './providers.js';

export function transportConfig(provider: string, conn: Connection, args: ClientArgs | undefined, stream: boolean, limits: Limits): TransportConfig {
  return {
    provider,
    baseURL: conn.baseURL,
    headers: { ...conn.headers, ...args?.headers, ...(stream ? { accept: 'text/event-stream' } : {}) },
    fetch: args?.fetch,
    defaultQuery: { ...conn.query, ...args?.defaultQuery },
    maxRetries: args?.maxRetries,
    limits,
    secrets: conn.secrets,
  };
}

/**
 * A stream gets its own controller (its `abort()` and an early `break` close
 * the connection), joined with the caller's signal; a plain call listens to
 * the caller's signal alone.
 */
export function callSignal(caller: AbortSignal | undefined, stream: boolean): { controller?: AbortController; signal?: AbortSignal } {
  if (!stream) return { signal: caller };
  const controller = new AbortController();
  return { controller, signal: caller ? AbortSignal.any([caller, controller.signal]) : controller.signal };
}
