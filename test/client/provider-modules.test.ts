/** The generated per-provider modules, used as a user would (through the package). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer, type TestServer } from '../support/http-server.js';
import { hasShared } from '../support/shared.js';

let server: TestServer;
beforeAll(async () => (server = await startTestServer()));
afterAll(() => server.close());

describe('anyresponses/providers/<name>', () => {
  it('exposes metadata and methods for exactly the supported operations', async () => {
    if (!hasShared()) return;
    const { lmstudio, metadata } = await import('anyresponses/providers/lmstudio' as string);
    expect(metadata).toMatchObject({ name: 'lmstudio', responses: true, flavor: 'openresponses', streaming: true, operations: ['create', 'stream'] });
    const client = lmstudio({ apiBase: server.url });
    expect(Object.keys(client).sort()).toEqual(['create', 'metadata', 'stream']);
    const body = { id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'hello', annotations: [], logprobs: [] }] }] };
    server.reply(json(200, body));
    const r = await client.create('qwen3', 'hi', { validate: false });
    expect(r.output_text).toBe('hello');
    expect(JSON.parse(server.received[0].body)).toMatchObject({ model: 'qwen3', input: 'hi', stream: false });
  });

  it('a provider without a Responses API throws before any traffic', async () => {
    if (!hasShared()) return;
    const { bedrock, metadata } = await import('anyresponses/providers/bedrock' as string);
    expect(metadata.responses).toBe(false);
    expect(() => bedrock()).toThrow(/bedrock has no Responses API/);
  });
});
