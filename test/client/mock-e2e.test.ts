/**
 * responses() end to end against the mock server, one provider per flavor
 * (openai: OpenAI `Response`; lmstudio: OpenResponses `ResponseResource`):
 * plain and streamed calls, multi-turn with previous_response_id,
 * structured output, runTools, and the reliability paths driven by the
 * server's fault injection (retries counted by the requests it saw).
 */
import { createClient, defineTool, runTools, RateLimitError, StreamError, APIConnectionError } from 'anyresponses';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const cases = [
  ['openai', 'openai'],
  ['lmstudio', 'openresponses'],
] as const;

for (const [provider, flavor] of cases) {
  describe(`responses() on ${provider} (${flavor} mock)`, () => {
    let server: MockServer;
    let client: ReturnType<typeof createClient>;
    beforeAll(async () => {
      server = await startMockServer({ flavor, apiKey: 'sk-e2e' });
      client = createClient({ provider, apiKey: 'sk-e2e', apiBase: server.url, clientArgs: { maxRetries: 2 } });
    });
    afterAll(() => server.close());

    it('a plain call', async () => {
      const r = await client.responses('echo', 'Say hi');
      expect(r.output_text).toBe('You said: "Say hi".');
      const sent = server.requests.at(-1)!;
      expect(sent.url).toBe('/v1/responses');
      expect(sent.body).toEqual({ model: 'echo', input: 'Say hi' });
    });

    it('a streamed call: text deltas and the final response', async () => {
      const stream = await client.responses('echo', 'Stream these words', { stream: true });
      let text = '';
      for await (const t of stream.textStream) text += t;
      expect(text).toBe('You said: "Stream these words".');
      expect((await stream.finalResponse()).output_text).toBe(text);
    });

    it('two turns with previous_response_id', async () => {
      const first = await client.responses('echo', 'I like tea.');
      const second = await client.responses('echo', 'What do I like?', { previous_response_id: first.id });
      expect(second.output_text).toContain('Before that you said: "I like tea."');
    });

    it('structured output', async () => {
      const r = await client.responses('echo', 'A city', { response_format: z.object({ city: z.string(), population: z.number().int() }) });
      expect(r.output_parsed).toEqual({ city: 'sample city', population: 1 });
    });

    it('runTools: the call runs, its output goes back, the model answers', async () => {
      const weather = defineTool({ name: 'get_weather', description: 'Weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `sunny in ${city}` });
      const done = await runTools(`${provider}:echo`, 'Weather?', { tools: [weather], tool_choice: 'required', apiKey: 'sk-e2e', apiBase: server.url });
      expect(done.rounds).toHaveLength(2);
      expect(done.response.output_text).toBe('get_weather returned: sunny in sample city');
    });

    it('a 429 with Retry-After is retried; the server counts the attempts', async () => {
      server.inject({ status: 429, retryAfter: 0 }, { status: 429, retryAfterMs: 1 });
      const before = server.requests.length;
      const r = await client.responses('echo', 'after retries');
      expect(r.output_text).toBe('You said: "after retries".');
      expect(server.requests.length - before).toBe(3);
    });

    it('a 429 past the retries is a RateLimitError with retryAfter', async () => {
      server.inject({ status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 });
      const err = await client.responses('echo', 'x').catch((e) => e);
      expect(err).toBeInstanceOf(RateLimitError);
      expect(err.retryAfter).toBe(0);
    });

    it('an error event mid-stream rejects after the events before it', async () => {
      server.inject({ errorEvent: { message: 'boom' }, afterEvents: 4 });
      const stream = await client.responses('echo', 'several words to stream', { stream: true });
      const seen: string[] = [];
      const err = await (async () => {
        for await (const e of stream) seen.push(e.type);
      })().catch((e) => e);
      expect(err).toBeInstanceOf(StreamError);
      expect(err.message).toContain('boom');
      expect(seen).toHaveLength(4);
    });

    it('a disconnect mid-stream is an error, not a hang', async () => {
      server.inject({ disconnectAfterEvents: 3 });
      const stream = await client.responses('echo', 'cut me off', { stream: true });
      const err = await stream.finalResponse().catch((e) => e);
      expect(err instanceof StreamError || err instanceof APIConnectionError).toBe(true);
    });

    it('bad JSON mid-stream is an error', async () => {
      server.inject({ malformed: 'bad-json', afterEvents: 2 });
      const stream = await client.responses('echo', 'broken', { stream: true });
      await expect(stream.finalResponse()).rejects.toThrow();
    });
  });
}

describe('the stateful operations through the client, on the openai mock', () => {
  let server: MockServer;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'openai' });
    client = createClient({ provider: 'openai', apiKey: 'k', apiBase: server.url });
  });
  afterAll(() => server.close());

  it('retrieve, inputItems, delete', async () => {
    const r = await client.responses('echo', 'remember me');
    const got = await client.retrieve(r.id);
    expect(got.output_text).toBe(r.output_text);
    const items = await client.inputItems(r.id, { query: { order: 'asc' } });
    expect((items.data as Array<{ content: Array<{ text: string }> }>).map((i) => i.content[0].text)).toEqual(['remember me']);
    expect(await client.delete(r.id)).toEqual({ id: r.id, object: 'response', deleted: true });
    await expect(client.retrieve(r.id)).rejects.toMatchObject({ status: 404 });
  });

  it('waitFor polls a background response to completion; cancel stops another', async () => {
    const r = await client.responses('echo', 'in the background', { background: true });
    expect(r.status).toBe('queued');
    const done = await client.waitFor(r.id, { intervalMs: 1 });
    expect(done.status).toBe('completed');
    expect(done.output_text).toBe('You said: "in the background".');
    const other = await client.responses('echo', 'never mind', { background: true });
    expect((await client.cancel(other.id)).status).toBe('cancelled');
  });

  it('resume rebuilds a stored stream from after a sequence number', async () => {
    const stream = await client.responses('echo', 'a stream to resume later', { stream: true });
    const first = await stream.finalResponse();
    const resumed = await client.resume(first.id, 3);
    const again = await resumed.finalResponse();
    expect(again.output_text).toBe(first.output_text);
    expect(server.requests.at(-1)!.url).toBe(`/v1/responses/${first.id}?stream=true&starting_after=3`);
  });

  it('compact and inputTokens', async () => {
    const r = await client.responses('echo', 'a long history');
    const c = await client.compact({ model: 'echo', previous_response_id: r.id });
    expect(c.object).toBe('response.compaction');
    expect((await client.inputTokens({ model: 'echo', input: 'count these' })).input_tokens).toBeGreaterThan(0);
  });
});
