/** Transport, retries and errors against a real HTTP server on 127.0.0.1 (no mocked fetch). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../runtime/core/errors.js';
import { retryDelayMs, shouldRetry } from '../../runtime/core/retry.js';
import { send, type TransportConfig } from '../../runtime/core/transport.js';
import { json, startTestServer, type TestServer } from '../support/http-server.js';
import { hasShared, recordedDir } from '../support/shared.js';

let server: TestServer;
beforeAll(async () => (server = await startTestServer()));
afterAll(() => server.close());

const KEY = 'sk-test-SECRETSECRETSECRET';
const cfg = (over: Partial<TransportConfig> = {}): TransportConfig => ({
  provider: 'testprov', baseURL: `${server.url}/v1/`, headers: { authorization: `Bearer ${KEY}` }, secrets: [KEY], sleep: async () => {}, ...over,
});

describe('requests', () => {
  it('sends the URL, query, headers and JSON body', async () => {
    server.reply(json(200, { ok: true }));
    const res = await send(cfg({ defaultQuery: { 'api-version': '2025-01-01' } }), { method: 'POST', path: '/responses', query: { stream: true, skip: undefined }, body: { model: 'm', input: 'hi' }, headers: { 'x-extra': '1' } });
    expect(await res.json()).toEqual({ ok: true });
    const r = server.received[0];
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/v1/responses?api-version=2025-01-01&stream=true');
    expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-extra']).toBe('1');
    expect(JSON.parse(r.body)).toEqual({ model: 'm', input: 'hi' });
  });
});

describe('a custom fetch', () => {
  it('may return a Response rather than a promise of one, and is called once', async () => {
    let calls = 0;
    const fetch = ((..._args: unknown[]) => (calls++, new Response('{"ok":true}', { status: 200 }))) as unknown as typeof globalThis.fetch;
    const res = await send(cfg({ fetch }), { method: 'POST', path: '/responses', body: {} });
    expect(await res.json()).toEqual({ ok: true });
    expect(calls).toBe(1);
  });

  it('that throws at once is a connection failure, retried like one', async () => {
    let calls = 0;
    const fetch = (() => {
      calls++;
      throw new TypeError('boom');
    }) as unknown as typeof globalThis.fetch;
    const err = await send(cfg({ fetch, maxRetries: 1 }), { method: 'GET', path: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(E.APIConnectionError);
    expect(calls).toBe(2);
  });
});

describe('errors map to their class', () => {
  it.each([
    [400, { error: { message: 'bad input', type: 'invalid_request_error', param: 'input', code: null } }, E.InvalidRequestError],
    [400, { error: { message: "This model's maximum context length is 8192 tokens", code: 'context_length_exceeded' } }, E.ContextLengthExceededError],
    [400, { error: { message: 'Your request was rejected by the safety system', code: 'content_policy_violation' } }, E.ContentFilterError],
    [401, { error: { message: 'bad key' } }, E.AuthenticationError],
    [402, { error: 'pay up' }, E.InsufficientFundsError],
    [403, { message: 'forbidden' }, E.AuthenticationError],
    [404, { error: { message: 'model not found', code: 'model_not_found' } }, E.ModelNotFoundError],
    [422, { error: { message: 'unprocessable' } }, E.InvalidRequestError],
    [429, { error: { message: 'slow down' } }, E.RateLimitError],
    [500, 'plain text failure', E.ProviderError],
    [502, { error: { message: 'upstream' } }, E.UpstreamProviderError],
    [503, { error: { message: 'overloaded' } }, E.ProviderError],
    [504, { error: { message: 'gateway timeout' } }, E.GatewayTimeoutError],
  ] as const)('%i %j', async (status, body, cls) => {
    server.reply(typeof body === 'string' ? (_q, r) => void r.writeHead(status).end(body) : json(status, body, { 'x-request-id': 'req_123' }));
    const err = await send(cfg({ maxRetries: 0 }), { method: 'POST', path: '/responses', body: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(E.AnyResponsesError);
    expect(err.status).toBe(status);
    expect(err.provider).toBe('testprov');
    if (typeof body !== 'string') expect(err.requestId).toBe('req_123');
  });

  it('reads the real OpenAI error body: insufficient_quota on 429 is a funds problem, with code, type and param', async () => {
    if (!hasShared()) return;
    const body = JSON.parse(readFileSync(join(recordedDir, 'openai/openai-error.1.json'), 'utf8'));
    server.reply(json(429, body));
    const err = await send(cfg({ maxRetries: 0 }), { method: 'POST', path: '/responses', body: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(E.InsufficientFundsError);
    expect(err).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota', param: null });
    expect(err.message).toContain('You exceeded your current quota');
  });

  it('never shows the API key, even when the server echoes it back', async () => {
    server.reply((q, r) => void r.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `invalid key ${q.headers.authorization}` } })));
    const err = await send(cfg({ maxRetries: 0 }), { method: 'POST', path: '/responses', body: {} }).catch((e) => e);
    const everything = JSON.stringify({ message: err.message, body: err.body, stack: err.stack, ...err });
    expect(everything).not.toContain(KEY);
    expect(err.message).toContain('Bearer [redacted]');
  });
});

describe('retries', () => {
  it.each([
    ['429 with retry-after 0, then success', [json(429, {}, { 'retry-after': '0' }), json(200, {})], 2, 200],
    ['500 twice, then success', [json(500, {}), json(500, {}), json(200, {})], 3, 200],
    ['409 is retried', [json(409, {}), json(200, {})], 2, 200],
    ['400 is not retried', [json(400, {}), json(200, {})], 1, 400],
    ['x-should-retry: false wins over 503', [json(503, {}, { 'x-should-retry': 'false' }), json(200, {})], 1, 503],
    ['gives up after 2 retries', [json(503, {})], 3, 503],
  ] as const)('%s', async (_name, replies, requests, final) => {
    server.reply(...replies);
    const out = await send(cfg(), { method: 'POST', path: '/responses', body: {} }).then((r) => r.status, (e) => e.status);
    expect(out).toBe(final);
    expect(server.received).toHaveLength(requests);
  });

  it('maxRetries 0 sends once', async () => {
    server.reply(json(500, {}), json(200, {}));
    await send(cfg({ maxRetries: 0 }), { method: 'POST', path: '/x' }).catch(() => {});
    expect(server.received).toHaveLength(1);
  });

  it('waits as retry-after-ms and retry-after say, else backs off with jitter', () => {
    expect(retryDelayMs(1, new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryDelayMs(1, new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryDelayMs(1, new Headers({ 'retry-after': '3600' }), () => 0)).toBe(500);
    expect(retryDelayMs(3, undefined, () => 0)).toBe(2000);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(1500);
    expect(retryDelayMs(10, undefined, () => 0)).toBe(8000);
    expect([408, 409, 429, 500, 503].map((s) => shouldRetry(s))).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 422].map((s) => shouldRetry(s))).toEqual([false, false, false, false]);
    expect(shouldRetry(undefined)).toBe(true);
  });
});

describe('timeouts, aborts and broken connections', () => {
  it('a server that never sends headers times out (retried, then TimeoutError)', async () => {
    server.reply(() => {});
    const err = await send(cfg({ timeoutMs: 100, maxRetries: 1 }), { method: 'POST', path: '/slow' }).catch((e) => e);
    expect(err).toBeInstanceOf(E.TimeoutError);
    expect(server.received).toHaveLength(2);
  });

  it('a per-call timeout overrides the client one', async () => {
    server.reply(() => {});
    const err = await send(cfg({ timeoutMs: 60_000, maxRetries: 0 }), { method: 'POST', path: '/slow', timeoutMs: 50 }).catch((e) => e);
    expect(err).toBeInstanceOf(E.TimeoutError);
  });

  it('the caller aborting gives AbortError and no retry', async () => {
    server.reply(() => {});
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await send(cfg(), { method: 'POST', path: '/slow', signal: ac.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(E.AbortError);
    expect(server.received).toHaveLength(1);
  });

  it('a connection reset before the headers is retried, then APIConnectionError', async () => {
    server.reply((_q, r) => void r.socket?.destroy());
    const err = await send(cfg({ maxRetries: 2 }), { method: 'POST', path: '/reset' }).catch((e) => e);
    expect(err).toBeInstanceOf(E.APIConnectionError);
    expect(server.received).toHaveLength(3);
  });

  it('a reset after the headers reaches the body reader and is not retried', async () => {
    server.reply((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.write('data: 1\n\n');
      setTimeout(() => r.socket?.destroy(), 20);
    });
    const res = await send(cfg(), { method: 'POST', path: '/stream' });
    await expect(res.text()).rejects.toThrow();
    expect(server.received).toHaveLength(1);
  });

  it('an unreachable host is an APIConnectionError naming the origin', async () => {
    const err = await send(cfg({ baseURL: 'http://127.0.0.1:1', maxRetries: 0 }), { method: 'GET', path: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(E.APIConnectionError);
    expect(err.message).toContain('cannot reach http://127.0.0.1:1');
  });
});
