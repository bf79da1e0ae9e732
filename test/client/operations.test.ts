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
    expect(Object.keys(openai({ apiKey: 'k' })).sort()).toEqual(['cancel', 'compact', 'create', 'delete', 'inputItems', 'inputTokens', 'metadata', 'retrieve', 'stream']);
    expect(Object.keys(lmstudio()).sort()).toEqual(['create', 'metadata', 'stream']);
  });
});
