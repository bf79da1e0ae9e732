/** The generated per-provider modules, used as a user would (through the package). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it("each module's metadata is the registry's entry, equal to its manifest (less the prose notes) and frozen all the way down", async () => {
    if (!hasShared()) return;
    const { PROVIDERS } = await import('anyresponses/providers' as string);
    const dir = join(import.meta.dirname, '../../schemas/providers');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(PROVIDERS.length).toBe(files.length);
    const frozenDeep = (v: unknown): boolean => v === null || typeof v !== 'object' || (Object.isFrozen(v) && Object.values(v).every(frozenDeep));
    for (const file of files) {
      const name = file.replace(/\.json$/, '');
      const { metadata } = await import(`anyresponses/providers/${name}` as string);
      expect(metadata, name).toBe(PROVIDERS.find((p: { name: string }) => p.name === name));
      const { $schema: _editorHint, notes: _prose, ...manifest } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(metadata, name).toEqual(manifest);
      expect(frozenDeep(metadata), name).toBe(true);
    }
    // A caller cannot redirect every client by editing what one module hands out.
    const { metadata } = await import('anyresponses/providers/lmstudio' as string);
    expect(() => {
      metadata.env.baseURL = 'EVIL';
    }).toThrow(TypeError);
  });

  it('a provider without a Responses API throws before any traffic', async () => {
    if (!hasShared()) return;
    const { bedrock, metadata } = await import('anyresponses/providers/bedrock' as string);
    expect(metadata.responses).toBe(false);
    expect(() => bedrock()).toThrow(/bedrock has no Responses API/);
  });
});
