/**
 * Conversation state over the Chat Completions leg, against the chat mock
 * (which keeps nothing: every request must carry the whole conversation):
 * previous_response_id and conversation resolved from the client's store,
 * the refusals without one, reasoning replayed where the provider wants it
 * back (DeepSeek, on tool-call turns), and a bridged stream's
 * finalResponse() equal to the bridged body of the same scripted turn.
 */
import { createClient, memoryStore, StoreRequiredError } from 'anyresponses';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Json = Record<string, any>;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ flavor: 'chat', now: () => 1_800_000_000 });
});
afterAll(() => server.close());

const sentMessages = () => (server.requests.at(-1)!.body as Json).messages as Json[];

describe('previous_response_id over the chat leg, through the conversation store', () => {
  it.each([
    ['plain calls', false],
    ['streamed calls (recorded when each stream finishes)', true],
  ])('three turns, %s: the third request carries the whole conversation', async (_name, stream) => {
    const client = createClient({ provider: 'mistral', apiKey: 'k', apiBase: server.url, store: memoryStore() });
    const call = async (input: string, previous?: string) => {
      const r = await client.responses('echo', input, { ...(previous ? { previous_response_id: previous } : {}), stream });
      return 'finalResponse' in r ? r.finalResponse() : r;
    };
    const r1 = await call('My name is Ada.');
    const r2 = await call('I like tea.', r1.id);
    const r3 = await call('What do you know about me?', r2.id);
    expect(r3.output_text).toBe('You said: "What do you know about me?". Before that you said: "My name is Ada.", "I like tea.".');
    expect(sentMessages().map((m) => [m.role, m.content])).toEqual([
      ['user', 'My name is Ada.'],
      ['assistant', r1.output_text],
      ['user', 'I like tea.'],
      ['assistant', r2.output_text],
      ['user', 'What do you know about me?'],
    ]);
    expect('previous_response_id' in (server.requests.at(-1)!.body as Json)).toBe(false);
    expect(r3.previous_response_id).toBeNull();
  });

  it('a conversation id, turn after turn', async () => {
    const client = createClient({ provider: 'gemini', apiKey: 'k', apiBase: server.url, store: memoryStore() });
    await client.responses('echo', 'First.', { conversation: 'conv_a' });
    const r = await client.responses('echo', 'Second.', { conversation: { id: 'conv_a' } });
    expect(r.output_text).toBe('You said: "Second.". Before that you said: "First.".');
  });

  it.each([
    ['previous_response_id', { previous_response_id: 'resp_x' }],
    ['conversation', { conversation: 'conv_x' }],
    ['store', { store: true }],
  ])('without a store, %s is a StoreRequiredError before any traffic', async (parameter, options) => {
    const before = server.requests.length;
    const e = await createClient({ provider: 'cohere', apiKey: 'k', apiBase: server.url }).responses('echo', 'hi', options as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreRequiredError);
    expect(e).toMatchObject({ parameter, provider: 'cohere' });
    expect((e as Error).message).toMatch(/memoryStore\(\)/);
    expect(server.requests.length).toBe(before);
  });

  it('DeepSeek: the reasoning of a tool-call turn goes back as reasoning_content on its assistant message', async () => {
    const client = createClient({ provider: 'deepseek', apiKey: 'k', apiBase: server.url, store: memoryStore() });
    server.enqueue({ reasoning: { text: 'I need the weather tool.' }, toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, 'It is sunny in Oslo.');
    const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] as const;
    const r1 = await client.responses('scripted', 'Weather in Oslo?', { tools });
    const call = r1.output.find((i: Json) => i.type === 'function_call') as Json;
    const r2 = await client.responses('scripted', [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }], { tools, previous_response_id: r1.id });
    expect(r2.output_text).toBe('It is sunny in Oslo.');
    expect(sentMessages()).toEqual([
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: null, reasoning_content: 'I need the weather tool.', tool_calls: [{ id: call.call_id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: call.call_id, content: 'sunny' },
    ]);
  });
});

describe("a bridged stream's finalResponse() equals the bridged body of the same turn", () => {
  const turns: Array<[string, unknown]> = [
    ['text', 'Hello there, this is a scripted answer in several pieces.'],
    ['reasoning and text', { reasoning: { text: 'First I think, at some length.' }, text: 'Then I answer.' }],
    ['parallel tool calls', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }, { name: 'get_time', arguments: { zone: 'Europe/Oslo' } }] }],
    ['a refusal', { refusal: 'I cannot help with that.' }],
  ];
  it.each(turns)('%s', async (_name, turn) => {
    const client = createClient({ provider: 'together', apiKey: 'k', apiBase: server.url });
    server.enqueue(turn as never, turn as never);
    const body = await client.responses('scripted', 'Go', { temperature: 0.5 });
    const stream = await client.responses('scripted', 'Go', { temperature: 0.5, stream: true });
    const final = await stream.finalResponse();
    // Two requests, two chat ids (every id derives from it); completed_at is the bridge's clock.
    const bodyBase = body.id.slice('resp_'.length);
    const finalBase = final.id.slice('resp_'.length);
    expect(Math.abs(final.completed_at! - body.completed_at!)).toBeLessThanOrEqual(1);
    let text = JSON.stringify({ ...final, completed_at: body.completed_at }).split(finalBase).join(bodyBase);
    // Tool call ids are the mock's, one per request: the stream's in place of the body's, in order.
    const callIds = (r: Json) => r.output.filter((i: Json) => i.type === 'function_call').map((i: Json) => i.call_id as string);
    callIds(final).forEach((id: string, k: number) => (text = text.split(id).join(callIds(body)[k])));
    const same = JSON.parse(text);
    expect(same).toEqual(body);
  });
});
