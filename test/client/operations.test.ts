/** The stateful operations (retrieve, cancel, delete, input items, compact, input tokens) on a local server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedParameterError } from '../../runtime/core/errors.js';
import { createClient } from '../../runtime/client/client.js';
import { json, startTestServer, type TestServer } from '../support/http-server.js';
import { hasShared } from '../support/shared.js';

let server: TestServer;
beforeAll(async () => (server = await startTestServer()));
afterAll(() => server.close());

const stored = { id: 'resp_9', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [{ type: 'message', id: 'msg', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'kept', annotations: [] }] }] };

describe('stateful operations', () => {
  it.each([
    ['retrieve', (c: any) => c.retrieve('resp_9', { query: { include: 'reasoning.encrypted_content' } }), 'GET', '/v1/responses/resp_9?include=reasoning.encrypted_content', stored],
    ['cancel', (c: any) => c.cancel('resp_9'), 'POST', '/v1/responses/resp_9/cancel', stored],
    ['delete', (c: any) => c.delete('resp_9'), 'DELETE', '/v1/responses/resp_9', { id: 'resp_9', deleted: true }],
    ['input items', (c: any) => c.inputItems('resp/9', { query: { limit: 5 } }), 'GET', '/v1/responses/resp%2F9/input_items?limit=5', { object: 'list', data: [] }],
    ['compact', (c: any) => c.compact({ model: 'm', input: 'long' }), 'POST', '/v1/responses/compact', { id: 'cmp', object: 'response.compaction', output: [] }],
    ['input tokens', (c: any) => c.inputTokens({ model: 'm', input: 'count me' }), 'POST', '/v1/responses/input_tokens', { object: 'response.input_tokens', input_tokens: 3 }],
  ])('%s', async (_name, callIt, method, url, reply) => {
    if (!hasShared()) return;
    server.reply(json(200, reply));
    const client = createClient({ provider: 'openai', apiKey: 'k', apiBase: `${server.url}/v1` });
    const out = await callIt(client);
    expect(server.received[0].method).toBe(method);
    expect(server.received[0].url).toBe(url);
    expect(server.received[0].headers.authorization).toBe('Bearer k');
    if (method === 'POST' && url.endsWith('compact')) expect(JSON.parse(server.received[0].body)).toEqual({ model: 'm', input: 'long' });
    expect(out).toMatchObject(reply);
    if ((reply as { object?: string }).object === 'response') expect(out.output_text).toBe('kept');
  });

  it('an operation the provider does not support fails before any traffic', async () => {
    if (!hasShared()) return;
    server.reply(json(200, stored));
    const err = await createClient({ provider: 'groq', apiKey: 'k', apiBase: server.url }).retrieve('resp_9').catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    expect(err.message).toMatch(/groq does not support retrieve: it supports create, stream/);
    expect(server.received).toHaveLength(0);
  });

  it('provider modules have methods for exactly what each supports', async () => {
    if (!hasShared()) return;
    const { openai } = await import('anyresponses/providers/openai' as string);
    const { lmstudio } = await import('anyresponses/providers/lmstudio' as string);
    expect(Object.keys(openai({ apiKey: 'k' })).sort()).toEqual(['cancel', 'compact', 'connect', 'create', 'delete', 'inputItems', 'inputTokens', 'metadata', 'retrieve', 'stream']);
    expect(Object.keys(lmstudio()).sort()).toEqual(['create', 'metadata', 'stream']);
  });
});

describe('background responses and resumed streams', () => {
  it('waitFor polls until the response leaves queued/in_progress', async () => {
    if (!hasShared()) return;
    server.reply(json(200, { ...stored, status: 'queued' }), json(200, { ...stored, status: 'in_progress' }), json(200, stored));
    const client = createClient({ provider: 'openai', apiKey: 'k', apiBase: server.url });
    const done = await client.waitFor('resp_9', { intervalMs: 5 });
    expect(done.status).toBe('completed');
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /responses/resp_9', 'GET /responses/resp_9', 'GET /responses/resp_9']);
  });

  it('waitFor gives up after timeoutMs', async () => {
    if (!hasShared()) return;
    server.reply(json(200, { ...stored, status: 'queued' }));
    const client = createClient({ provider: 'openai', apiKey: 'k', apiBase: server.url });
    await expect(client.waitFor('resp_9', { intervalMs: 20, timeoutMs: 50 })).rejects.toThrow(/still queued after 50 ms/);
  });

  it('resume asks for the stream after a sequence number and rebuilds the rest', async () => {
    if (!hasShared()) return;
    server.reply((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.end(`data: ${JSON.stringify({ type: 'response.in_progress', sequence_number: 6, response: { ...stored, status: 'in_progress', output: [] } })}\n\ndata: ${JSON.stringify({ type: 'response.completed', sequence_number: 7, response: stored })}\n\n`);
    });
    const client = createClient({ provider: 'openai', apiKey: 'k', apiBase: server.url });
    const stream = await client.resume('resp_9', 5);
    const final = await stream.finalResponse();
    expect(server.received[0].url).toBe('/responses/resp_9?stream=true&starting_after=5');
    expect(final.status).toBe('completed');
  });
});
