/**
 * Conversations that survive replay, over real sockets: every recorded
 * response output (bodies and rebuilt streams) sent back as the next turn's
 * input through `responses()` to the mock server of its flavor, which checks
 * every request strictly. Each call succeeds, without warnings, and the
 * server receives every item, in order, in its input form.
 */
import { createClient, toInputItems } from 'anyresponses';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedOutputs } from '../support/replayable.js';
import { hasShared, recordings } from '../support/shared.js';

type Json = Record<string, any>;

const outputs = hasShared() ? recordedOutputs() : [];
const servers: Partial<Record<'openai' | 'openresponses', MockServer>> = {};

beforeAll(async () => {
  servers.openai = await startMockServer({ flavor: 'openai' });
  servers.openresponses = await startMockServer({ flavor: 'openresponses' });
});
afterAll(async () => {
  await servers.openai?.close();
  await servers.openresponses?.close();
});

const next = { type: 'message', role: 'user', content: 'And now?' } as const;

describe('a recorded output replayed as input through responses()', () => {
  it('covers every recording, except the error recordings (they have no output)', () => {
    if (!hasShared()) return;
    const covered = new Set(outputs.map((o) => o.name.replace(/#\d+$/, '')));
    expect(recordings().map((r) => `${r.provider}/${r.name}`).filter((n) => !covered.has(n))).toEqual(['openai/openai-error.1.chunks.txt', 'openai/openai-error.1.json']);
  });

  it.each(outputs.map((o) => [`${o.name} (${o.source})`, o] as const))('%s: the call succeeds and the server receives every item', async (_name, r) => {
    const server = servers[r.flavor]!;
    const client = createClient({ provider: r.flavor === 'openai' ? 'openai' : 'openresponses', apiKey: 'test', apiBase: server.url });
    const warnings: unknown[] = [];
    const before = server.requests.length;
    const answer = await client.responses('echo', [...r.response.output, next], { onWarnings: (w) => warnings.push(...w) });
    expect(answer.output_text).toBe('You said: "And now?".');
    expect(warnings).toEqual([]);
    expect(server.requests).toHaveLength(before + 1);
    const sent = (server.requests[before].body as Json).input as Json[];
    expect(sent).toEqual([...toInputItems(r.response.output, { flavor: r.flavor as 'openai' }), next]);
    expect(sent.map((i) => i.id ?? i.role)).toEqual([...r.response.output.map((o: Json) => o.id), 'user']);
  });

  it('a streamed call replays the same way', async () => {
    if (!hasShared()) return;
    const r = outputs.find((o) => o.name === 'xai/xai-web-search-tool.1.json')!;
    const server = servers.openai!;
    const client = createClient({ provider: 'xai', apiKey: 'test', apiBase: server.url });
    const stream = await client.responses('echo', [...r.response.output, next], { stream: true });
    expect((await stream.finalResponse()).output_text).toBe('You said: "And now?".');
    expect((server.requests.at(-1)!.body as Json).input).toHaveLength(r.response.output.length + 1);
  });
});

describe('strict for what the caller built, warnings for what came from a provider', () => {
  it('a provider item the input form cannot hold is sent with a warning; the same mistake in a hand-written item is an error', async () => {
    const server = servers.openai!;
    const client = createClient({ provider: 'openai', apiKey: 'test', apiBase: server.url, validate: true });
    // A provider's own item type: passed as it is, reported to onWarnings (this server then refuses it, as OpenAI would).
    const own = { type: 'x_search_call', id: 'xs_1', status: 'completed', query: 'q' };
    const warnings: Json[] = [];
    const before = server.requests.length;
    const err = await client.responses('echo', [own, next] as never, { onWarnings: (w) => warnings.push(...w) }).catch((e: unknown) => e);
    expect(warnings).toEqual([expect.objectContaining({ pointer: '/input/0/type', message: expect.stringContaining("unknown type 'x_search_call'") })]);
    expect(server.requests).toHaveLength(before + 1);
    expect((err as Json).status).toBe(400);
    // Written by hand (no id): the strict check refuses it before any traffic.
    const { id: _id, ...handWritten } = own;
    await expect(client.responses('echo', [handWritten, next] as never)).rejects.toMatchObject({ name: 'SpecValidationError' });
    expect(server.requests).toHaveLength(before + 1);
  });

  it('a request without output items is sent exactly as built', async () => {
    const server = servers.openresponses!;
    const client = createClient({ provider: 'openresponses', apiBase: server.url });
    const input = [{ type: 'message', role: 'user', content: 'one' }, { type: 'function_call_output', call_id: 'c1', output: 'x' }] as const;
    await client.responses('echo', input).catch(() => undefined);
    expect((server.requests.at(-1)!.body as Json).input).toEqual(input);
  });
});
