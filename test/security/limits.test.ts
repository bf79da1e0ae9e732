/**
 * Issue 17, bounds: each limit trips, with its own error class, against a
 * hostile server in its own process (test/support/hostile-server.mjs), and
 * the call's memory stays bounded: the growth of this process's resident
 * set while the call runs (sampled from process.memoryUsage, and the peak
 * from process.resourceUsage) is checked, never a wall-clock time. Each
 * case's time is bounded by the test's own timeout.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../runtime/core/errors.js';
import * as L from '../../runtime/core/limits.js';
import { responses } from '../../runtime/client/client.js';
import { hasShared, repoRoot } from '../support/shared.js';

let child: ChildProcess;
let base = '';
beforeAll(async () => {
  child = fork(join(repoRoot, 'test/support/hostile-server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  base = `http://127.0.0.1:${await new Promise((resolve) => child.once('message', resolve))}`;
});
afterAll(() => void child.kill());

/** Memory growth allowed for any one call: the limits below are at most 64 MiB (the defaults), the attacks 100 MB to 1 GB. */
const MEMORY_BOUND = 200 * 2 ** 20;
const MiB = 2 ** 20;

interface Case {
  given: { mode: string; stream?: boolean; limits?: Partial<L.Limits>; timeout?: number };
  want: { error: new (...a: any[]) => Error; limit?: L.LimitName };
}

const cases: Array<[string, Case]> = [
  ['headers, then silence: timeout', { given: { mode: 'silent-body', timeout: 400, limits: { idleTimeoutMs: 60_000 } }, want: { error: E.TimeoutError, limit: 'timeoutMs' } }],
  ['a byte every 50 ms forever: timeout', { given: { mode: 'drip-body', timeout: 400 }, want: { error: E.TimeoutError, limit: 'timeoutMs' } }],
  ['a stream of heartbeats forever: timeout', { given: { mode: 'drip-stream', stream: true, timeout: 400 }, want: { error: E.TimeoutError, limit: 'timeoutMs' } }],
  ['headers, then silence: idle timeout', { given: { mode: 'silent-body', limits: { idleTimeoutMs: 200 } }, want: { error: E.IdleTimeoutError, limit: 'idleTimeoutMs' } }],
  ['a stream that goes silent: idle timeout', { given: { mode: 'silent-stream', stream: true, limits: { idleTimeoutMs: 200 } }, want: { error: E.IdleTimeoutError, limit: 'idleTimeoutMs' } }],
  ['a declared content-length of 1 GB', { given: { mode: 'huge-declared', limits: { maxBodyBytes: MiB } }, want: { error: L.BodyTooLargeError, limit: 'maxBodyBytes' } }],
  ['an endless chunked body', { given: { mode: 'flood-body', limits: { maxBodyBytes: MiB } }, want: { error: L.BodyTooLargeError, limit: 'maxBodyBytes' } }],
  ['1 MB of gzip that inflates to 1 GB', { given: { mode: 'gzip-bomb', limits: { maxDecompressedBytes: 8 * MiB } }, want: { error: L.DecompressedBodyTooLargeError, limit: 'maxDecompressedBytes' } }],
  ['1 MB of gzip that inflates to 1 GB, default limits', { given: { mode: 'gzip-bomb' }, want: { error: L.DecompressedBodyTooLargeError, limit: 'maxDecompressedBytes' } }],
  ['an endless stream of heartbeats', { given: { mode: 'flood-stream', stream: true, limits: { maxStreamBytes: 4 * MiB } }, want: { error: L.StreamTooLargeError, limit: 'maxStreamBytes' } }],
  ['an endless SSE line', { given: { mode: 'long-line', stream: true, limits: { maxLineLength: MiB } }, want: { error: L.SSELineTooLongError, limit: 'maxLineLength' } }],
  ['an endless SSE event of short data lines', { given: { mode: 'long-event', stream: true, limits: { maxEventLength: MiB } }, want: { error: L.SSEEventTooLargeError, limit: 'maxEventLength' } }],
  ['output_index 1e9', { given: { mode: 'huge-output-index', stream: true }, want: { error: L.IndexOutOfRangeError, limit: 'maxIndex' } }],
  ['content_index 1e9', { given: { mode: 'huge-content-index', stream: true }, want: { error: L.IndexOutOfRangeError, limit: 'maxIndex' } }],
  ['a same-origin redirect loop', { given: { mode: 'redirect-loop' }, want: { error: L.TooManyRedirectsError, limit: 'maxRedirects' } }],
  ['an HTML page with 200 for a call', { given: { mode: 'html' }, want: { error: E.UnexpectedContentTypeError } }],
  ['JSON with 200 for a stream', { given: { mode: 'json-for-stream', stream: true }, want: { error: E.UnexpectedContentTypeError } }],
  ['a malformed SSE event (a protocol error, not a lost connection)', { given: { mode: 'malformed-event', stream: true }, want: { error: E.MalformedEventError } }],
  ['a truncated JSON body', { given: { mode: 'truncated-json' }, want: { error: E.MalformedBodyError } }],
];

/** Runs `fn`, sampling this process's resident set; returns its result and the largest growth seen. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage.rss();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let top = before;
  const sampler = setInterval(() => (top = Math.max(top, process.memoryUsage.rss())), 5);
  try {
    const value = await fn();
    top = Math.max(top, process.memoryUsage.rss());
    const peakAfter = process.resourceUsage().maxRSS * 1024;
    // A new peak of the process (set between samples) counts too.
    return { value, growth: Math.max(top - before, peakAfter > peakBefore ? peakAfter - before : 0) };
  } finally {
    clearInterval(sampler);
  }
}

describe('every call is bounded (issue 17)', () => {
  it.each(cases)('%s', { timeout: 30_000 }, async (_name, { given, want }) => {
    if (!hasShared()) return;
    const { value: err, growth } = await measured(async () => {
      try {
        const r = await responses('openai-compatible:m', 'hi', { apiKey: 'k', apiBase: `${base}/${given.mode}/v1`, stream: given.stream, timeout: given.timeout, limits: given.limits, clientArgs: { maxRetries: 0 } });
        if (given.stream) for await (const _ of r) void _;
        return undefined;
      } catch (e) {
        return e;
      }
    });
    expect(err).toBeInstanceOf(want.error);
    expect(err).toBeInstanceOf(E.AnyResponsesError);
    if (want.limit) {
      expect((err as { limit?: string }).limit).toBe(want.limit);
      expect((err as Error).message).toContain(want.limit);
    }
    expect(growth).toBeLessThan(MEMORY_BOUND);
  });
});

describe('limits are options', () => {
  it('defaults live in one frozen object', () => {
    expect(Object.isFrozen(L.LIMITS)).toBe(true);
    expect(L.LIMITS).toMatchObject({ timeoutMs: 600_000, idleTimeoutMs: 300_000, maxIndex: 10_000 });
  });

  it.each([
    [{ nope: 1 }, /unknown limit 'nope'; known: timeoutMs/],
    [{ maxBodyBytes: -1 }, /limits.maxBodyBytes must be a positive number/],
    [{ timeoutMs: '5' }, /limits.timeoutMs must be a positive number .* got string/],
  ])('a bad limit %j fails before any traffic, naming it', async (limits, message) => {
    if (!hasShared()) return;
    const err = await responses('openai-compatible:m', 'hi', { apiKey: 'k', apiBase: `${base}/html/v1`, limits: limits as never }).catch((e) => e);
    expect(err).toBeInstanceOf(E.ConfigurationError);
    expect(err.message).toMatch(message);
  });

  it('a call limit wins over the client one, Infinity turns one off', () => {
    expect(L.resolveLimits({ maxIndex: 5, maxIssues: 3 }, { maxIndex: 7 })).toMatchObject({ maxIndex: 7, maxIssues: 3, timeoutMs: 600_000 });
    expect(L.resolveLimits({ timeoutMs: Infinity }).timeoutMs).toBe(Infinity);
    expect(L.resolveLimits()).toBe(L.LIMITS);
  });
});
