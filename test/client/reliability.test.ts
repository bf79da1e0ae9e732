/**
 * Reliability through responses(), against a real local server: retries
 * counted, a timeout, aborting mid-stream, breaking out early (the server
 * sees the connection close), a reset mid-stream, and malformed SSE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, APIConnectionError, RateLimitError, TimeoutError } from '../../runtime/core/errors.js';
import { responses } from '../../runtime/client/client.js';
import { json, startTestServer, type TestServer } from '../support/http-server.js';
import { hasShared } from '../support/shared.js';

let server: TestServer;
beforeAll(async () => (server = await startTestServer()));
afterAll(() => server.close());

const ev = (type: string, extra: object = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: 0, ...extra })}\n\n`;
const created = ev('response.created', { response: { id: 'r', object: 'response', created_at: 1, status: 'in_progress', model: 'm', output: [] } });
const delta = (d: string, n: number) => `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: n, item_id: 'm', output_index: 0, content_index: 0, delta: d, logprobs: [] })}\n\n`;
const opts = { apiBase: '', validate: false as const };

describe('reliability through responses()', () => {
  it('retries a 429 with Retry-After, then succeeds; gives up with RateLimitError', async () => {
    if (!hasShared()) return;
    const ok = { id: 'r', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [] };
    server.reply(json(429, { error: { message: 'slow' } }, { 'retry-after': '0' }), json(200, ok));
    await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url });
    expect(server.received).toHaveLength(2);
    server.reply(json(429, { error: { message: 'slow' } }, { 'retry-after': '0' }));
    const err = await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, clientArgs: { maxRetries: 1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfter).toBe(0);
    expect(server.received).toHaveLength(2);
  });

  it('a server that never answers times out', async () => {
    if (!hasShared()) return;
    server.reply(() => {});
    const err = await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, timeout: 80, clientArgs: { maxRetries: 0 } }).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it('aborting mid-stream stops the stream with the events so far delivered', async () => {
    if (!hasShared()) return;
    server.reply((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.write(created + delta('a', 1));
    });
    const ac = new AbortController();
    const stream = await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, stream: true, signal: ac.signal });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) {
        seen.push(e.type);
        if (seen.length === 2) ac.abort();
      }
    })().catch((e) => e);
    expect(seen).toEqual(['response.created', 'response.output_text.delta']);
    expect(err).toBeDefined();
  });

  it('breaking out early closes the connection (the server sees it)', async () => {
    if (!hasShared()) return;
    let closed!: () => void;
    const sawClose = new Promise<void>((r) => (closed = r));
    server.reply((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.write(created);
      const timer = setInterval(() => r.write(delta('x', 2)), 10);
      r.on('close', () => {
        clearInterval(timer);
        closed();
      });
    });
    const stream = await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, stream: true });
    for await (const _ of stream) break;
    await sawClose;
    expect(stream.signal.aborted).toBe(true);
  });

  it('a connection reset mid-stream rejects, after the events before it', async () => {
    if (!hasShared()) return;
    server.reply((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.write(created + delta('a', 1));
      setTimeout(() => r.socket?.destroy(), 20);
    });
    const stream = await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, stream: true });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e) => e);
    expect(seen).toEqual(['response.created', 'response.output_text.delta']);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err.message).toMatch(/the connection was lost mid-stream/);
    await expect(stream.finalResponse()).rejects.toBeDefined();
  });

  it('malformed SSE (bad JSON) rejects with a message naming the data', async () => {
    if (!hasShared()) return;
    server.reply((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.end(created + 'event: response.output_text.delta\ndata: {"type": "response.output_text.delta", "delta": \n\n');
    });
    const stream = await responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, stream: true });
    await expect(stream.finalResponse()).rejects.toThrow(/malformed SSE event 'response.output_text.delta'.*data: \{"type"/);
  });

  it.each([false, true])('a signal aborted right after the call stops it before any traffic, also once everything is loaded (validate: %s)', async (validate) => {
    if (!hasShared()) return;
    const ok = { id: 'r', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [] };
    server.reply(json(200, ok));
    await responses('openresponses:m', 'hi', { ...opts, validate, apiBase: server.url }); // loads the registry and validators
    server.reply(json(200, ok));
    let fetched = 0;
    const counting = ((url: string, init: RequestInit) => (fetched++, fetch(url, init))) as typeof fetch;
    const ac = new AbortController();
    const call = responses('openresponses:m', 'hi', { ...opts, validate, apiBase: server.url, signal: ac.signal, clientArgs: { fetch: counting } });
    ac.abort();
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(fetched).toBe(0);
  });

  it('a caller abort before the headers is an AbortError', async () => {
    if (!hasShared()) return;
    server.reply(() => {});
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    await expect(responses('openresponses:m', 'hi', { ...opts, apiBase: server.url, signal: ac.signal })).rejects.toBeInstanceOf(AbortError);
  });
});
