/**
 * Fault injection, one request at a time, for reliability tests. A fault
 * comes from (first found): the request's `x-mock-fault` header (JSON), the
 * current scripted turn's `fault`, or the server's fault queue
 * (`options.faults`, `server.inject(...)`), one queued fault per request.
 *
 * Everything the server sends is valid against the spec except what a
 * fault breaks on purpose (`malformed`, `disconnectAfterEvents`).
 */
export interface Fault {
  /** Answer with this HTTP status and a provider-style error body instead of a response. */
  status?: number;
  /** With `status`: a `retry-after` header, in seconds. */
  retryAfter?: number;
  /** With `status`: a `retry-after-ms` header. */
  retryAfterMs?: number;
  /** With `status`: the error's message and code (defaults follow the status). */
  message?: string;
  code?: string;
  /** Wait this long before sending the status line and headers (ms). */
  delayMs?: number;
  /** Stream: send the bytes in pieces of `dripBytes` (default 16) with this pause between them (ms). */
  dripMs?: number;
  dripBytes?: number;
  /** Stream: close the connection, without a terminal event, after this many events. */
  disconnectAfterEvents?: number;
  /** Stream: after `afterEvents` events (default 1) send an unparseable event (`bad-json`) or a cut-off line and close (`truncated-line`). */
  malformed?: 'bad-json' | 'truncated-line';
  /**
   * Stream: after `afterEvents` events (default 1) send an `error` event, then `response.failed` (as the spec says an
   * error while streaming is followed); without a stream, answer with a 500 error body.
   */
  errorEvent?: { message?: string; code?: string };
  /**
   * Stream: after `afterEvents` events (default 1) end with `response.failed`; an item still open stays open and is
   * left out of the failed response (see events.ts). Without a stream, answer with a failed response.
   */
  failed?: { message?: string; code?: string };
  /** Where `malformed`, `errorEvent` and `failed` strike. */
  afterEvents?: number;
}

const NUMBERS = ['status', 'retryAfter', 'retryAfterMs', 'delayMs', 'dripMs', 'dripBytes', 'disconnectAfterEvents', 'afterEvents'] as const;
const KEYS = new Set<string>([...NUMBERS, 'message', 'code', 'malformed', 'errorEvent', 'failed']);

/** The first problem with a fault (a pointer relative to it and a sentence), or undefined when it is well-formed. */
export function checkFault(f: unknown): { pointer: string; message: string } | undefined {
  if (f === null || typeof f !== 'object' || Array.isArray(f)) return { pointer: '', message: 'expected an object' };
  const o = f as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) return { pointer: `/${k}`, message: `unknown fault '${k}'; known: ${[...KEYS].join(', ')}` };
  for (const k of NUMBERS) {
    const v = o[k];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) return { pointer: `/${k}`, message: `expected a number >= 0, found ${JSON.stringify(v)}` };
  }
  if (o.status !== undefined && !(Number.isInteger(o.status) && (o.status as number) >= 400 && (o.status as number) <= 599)) return { pointer: '/status', message: `expected an HTTP error status (400-599), found ${JSON.stringify(o.status)}` };
  if (o.dripBytes !== undefined && (o.dripBytes as number) < 1) return { pointer: '/dripBytes', message: 'expected at least 1' };
  if (o.malformed !== undefined && o.malformed !== 'bad-json' && o.malformed !== 'truncated-line') return { pointer: '/malformed', message: `expected 'bad-json' or 'truncated-line', found ${JSON.stringify(o.malformed)}` };
  for (const k of ['message', 'code'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') return { pointer: `/${k}`, message: 'expected string' };
  for (const k of ['errorEvent', 'failed'] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { pointer: `/${k}`, message: 'expected an object ({ message?, code? })' };
    for (const [kk, vv] of Object.entries(v)) {
      if (kk !== 'message' && kk !== 'code') return { pointer: `/${k}/${kk}`, message: `unknown key '${kk}'; known: message, code` };
      if (typeof vv !== 'string') return { pointer: `/${k}/${kk}`, message: 'expected string' };
    }
  }
  return undefined;
}

/** Reads the `x-mock-fault` header: undefined when absent, a Fault, or an Error saying what is wrong with it. */
export function faultFromHeader(value: string | string[] | undefined): Fault | Error | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new Error('x-mock-fault: not JSON');
  }
  const problem = checkFault(parsed);
  return problem ? new Error(`x-mock-fault${problem.pointer}: ${problem.message}`) : (parsed as Fault);
}

/** Where a stream fault strikes (1-based count of events sent first). */
export const strikesAfter = (f: Fault): number => f.afterEvents ?? 1;
