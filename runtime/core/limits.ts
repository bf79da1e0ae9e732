/**
 * Every bound on a call, in one exported object with its default. A caller
 * changes them per client (`createClient({ limits })`) or per call
 * (`responses(model, input, { limits })`); `timeout` and `clientArgs.timeout`
 * are the same `timeoutMs`. Each limit, when passed, throws its own error
 * class naming the limit, its value and how to raise it. `Infinity` turns a
 * limit off.
 */
import { AnyResponsesError, ConfigurationError } from './errors.js';

const MiB = 1024 * 1024;

export const LIMITS = Object.freeze({
  /** Each attempt, from sending the request to the last byte of its body (a stream's too), in ms. */
  timeoutMs: 600_000,
  /** Silence while waiting for the next piece of a body (after the headers), in ms. */
  idleTimeoutMs: 300_000,
  /** A non-streamed body (a response or an error): its declared `content-length`, and the bytes read when it is not compressed. */
  maxBodyBytes: 64 * MiB,
  /** A compressed non-streamed body, counted after decompression; reading stops as soon as it is passed. */
  maxDecompressedBytes: 64 * MiB,
  /** A whole streamed body, counted after decompression. */
  maxStreamBytes: 256 * MiB,
  /** One line of a server-sent event stream, in characters. */
  maxLineLength: 32 * MiB,
  /** One server-sent event (its data lines together), in characters. */
  maxEventLength: 64 * MiB,
  /** One WebSocket message received, in bytes (ws bounds it while reading; a runtime's own WebSocket hands over whole messages, checked by their length on arrival). */
  maxMessageBytes: 64 * MiB,
  /** `output_index`, `content_index`, `summary_index` and `annotation_index` of a stream event. */
  maxIndex: 10_000,
  /** Same-origin redirects followed per attempt (another origin is always refused). */
  maxRedirects: 5,
  /** Issues kept in a SpecValidationError and in one onWarnings call; the rest are counted in a last issue. */
  maxIssues: 100,
});

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };
export type LimitName = keyof Limits;

const NAMES = Object.keys(LIMITS) as LimitName[];

/** The limits of a call: the defaults, then each layer in turn (client, then call); each value checked. */
export function resolveLimits(...layers: Array<Partial<Limits> | undefined>): Limits {
  let out: Limits | undefined;
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer === null || typeof layer !== 'object') throw new ConfigurationError(`limits must be an object of ${NAMES.join(', ')}`);
    for (const key of Object.keys(layer)) {
      const v = (layer as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (!Object.prototype.hasOwnProperty.call(LIMITS, key)) throw new ConfigurationError(`unknown limit '${key}'; known: ${NAMES.join(', ')}`);
      if (typeof v !== 'number' || !(v > 0)) throw new ConfigurationError(`limits.${key} must be a positive number (or Infinity for none), got ${typeof v === 'number' ? v : typeof v}`);
      (out ??= { ...LIMITS })[key as LimitName] = v;
    }
  }
  return out ?? LIMITS;
}

const UNITS: Record<LimitName, string> = {
  timeoutMs: 'ms', idleTimeoutMs: 'ms', maxBodyBytes: 'bytes', maxDecompressedBytes: 'bytes', maxStreamBytes: 'bytes',
  maxLineLength: 'characters', maxEventLength: 'characters', maxMessageBytes: 'bytes', maxIndex: '', maxRedirects: '', maxIssues: '',
};

/** "limits.maxBodyBytes (67108864 bytes)" */
export function describeLimit(limit: LimitName, value: number): string {
  return `limits.${limit} (${value}${UNITS[limit] ? ` ${UNITS[limit]}` : ''})`;
}

/** How to raise a limit, for the end of a message. */
export const raiseHint = (limit: LimitName) => `raise it with { limits: { ${limit}: N } } per call or in createClient`;

/** A bound on a call was passed. `limit` names it, `value` is its setting. */
export class LimitExceededError extends AnyResponsesError {
  readonly limit: LimitName;
  readonly value: number;
  constructor(what: string, limit: LimitName, value: number, provider?: string) {
    super(`${provider ? `${provider}: ` : ''}${what} is over ${describeLimit(limit, value)}; ${raiseHint(limit)}`, { provider });
    this.limit = limit;
    this.value = value;
  }
}

/** A non-streamed body larger than `maxBodyBytes`. */
export class BodyTooLargeError extends LimitExceededError {}
/** A compressed body that inflates past `maxDecompressedBytes`. */
export class DecompressedBodyTooLargeError extends BodyTooLargeError {}
/** A stream larger than `maxStreamBytes`. */
export class StreamTooLargeError extends LimitExceededError {}
/** An SSE line longer than `maxLineLength`. */
export class SSELineTooLongError extends LimitExceededError {}
/** An SSE event larger than `maxEventLength`. */
export class SSEEventTooLargeError extends LimitExceededError {}
/** A WebSocket message larger than `maxMessageBytes`. */
export class MessageTooLargeError extends LimitExceededError {}
/** A stream event index past `maxIndex`. */
export class IndexOutOfRangeError extends LimitExceededError {}
/** More same-origin redirects than `maxRedirects`. */
export class TooManyRedirectsError extends LimitExceededError {}
