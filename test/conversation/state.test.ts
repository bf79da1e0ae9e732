/**
 * Conversation state that lives in the client: reasoning kept for replay
 * with `store: false`, `previous_response_id` and `conversation` on
 * providers marked stateless (against a mock server with its state switched
 * off, so only the client can have sent the history), the refusal without
 * a store, runTools through the store, and the ResponseStore interface with
 * a second implementation written here.
 */
import { ConversationNotFoundError, ConversationStoreError, createClient, memoryStore, runTools, StoreRequiredError, UnsupportedParameterError, defineTool, type ResponseStore, type StoredItem } from 'anyresponses';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterEach, describe, expect, it } from 'vitest';

type Json = Record<string, any>;

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const bodies = (s: MockServer) => s.requests.map((r) => r.body as Json);
const user = (content: string) => ({ type: 'message', role: 'user', content }) as const;
/** An item as the tests compare it: its type, and its role or id. */
const brief = (i: Json) => `${i.type ?? "message"}:${i.id ?? i.role}`;

/** A second ResponseStore, as one backed by Redis or a database would be: asynchronous, and holding JSON text, not objects. */
function textStore(): ResponseStore & { calls: string[] } {
  const responses = new Map<string, string>();
  const conversations = new Map<string, string[]>();
  const calls: string[] = [];
  const later = <T>(v: T) => new Promise<T>((resolve) => setTimeout(() => resolve(v), 1));
  return {
    calls,
    async getResponse(id) {
      calls.push(`getResponse ${id}`);
      const text = responses.get(id);
      return later(text === undefined ? undefined : (JSON.parse(text) as StoredItem[]));
    },
    async putResponse(id, items) {
      calls.push(`putResponse ${id} (${items.length})`);
      responses.set(id, JSON.stringify(items));
      await later(undefined);
    },
    async getConversation(id) {
      calls.push(`getConversation ${id}`);
      return later(conversations.get(id)?.map((t) => JSON.parse(t) as StoredItem));
    },
    async appendConversation(id, items) {
      calls.push(`appendConversation ${id} (${items.length})`);
      conversations.set(id, [...(conversations.get(id) ?? []), ...items.map((i) => JSON.stringify(i))]);
      await later(undefined);
    },
  };
}

describe('reasoning survives store: false', () => {
  it.each([
    ['openai', 'openai'],
    ['openresponses', 'openresponses'],
  ] as const)('%s: the request asks for encrypted reasoning, and the next turn sends the reasoning item with it', async (flavor, provider) => {
    server = await startMockServer({ flavor, script: [{ reasoning: { summary: ['Thinking about Oslo.'], text: 'Oslo is the capital.' }, text: 'Oslo.' }] });
    const client = createClient({ provider, apiKey: 'test', apiBase: server.url });
    const first = await client.responses('scripted', 'Capital of Norway?', { store: false });
    expect(bodies(server)[0].include).toEqual(['reasoning.encrypted_content']);
    const reasoning = first.output.find((o: Json) => o.type === 'reasoning') as Json;
    expect(reasoning.encrypted_content).toEqual(expect.any(String));
    await client.responses('echo', [...first.output, user('And Sweden?')], { store: false });
    const sent = bodies(server)[1].input as Json[];
    expect(sent[0]).toMatchObject({ type: 'reasoning', id: reasoning.id, encrypted_content: reasoning.encrypted_content, summary: reasoning.summary });
    expect(sent.map(brief)).toEqual([`reasoning:${reasoning.id}`, `message:${first.output[1].id}`, 'message:user']);
  });

  it.each([
    ['the caller set include', { store: false, include: [] }, []],
    ['the caller set include otherwise', { store: false, include: ['message.output_text.logprobs'] }, ['message.output_text.logprobs']],
    ['a stored response on a stateful provider', {}, undefined],
  ])('not added when %s', async (_name, options, want) => {
    server = await startMockServer({ flavor: 'openai' });
    const client = createClient({ provider: 'openai', apiKey: 'test', apiBase: server.url });
    await client.responses('echo', 'hi', options);
    expect(bodies(server)[0].include).toEqual(want);
  });

  it('added for a stateless provider', async () => {
    server = await startMockServer({ flavor: 'openresponses', stateless: true });
    await createClient({ provider: 'ollama', apiBase: server.url }).responses('echo', 'hi');
    expect(bodies(server)[0].include).toEqual(['reasoning.encrypted_content']);
  });
});

describe('previous_response_id and conversation on a stateless provider', () => {
  it.each([
    ['ollama (openresponses)', 'openresponses', 'ollama', () => memoryStore()],
    ['openrouter (openai)', 'openai', 'openrouter', () => memoryStore()],
    ['ollama, with a store of JSON text written here', 'openresponses', 'ollama', () => textStore()],
  ] as const)('%s: three turns, the third request holds every earlier turn in order', async (_name, flavor, provider, makeStore) => {
    server = await startMockServer({ flavor, stateless: true });
    const store = makeStore();
    const client = createClient({ provider, apiKey: 'test', apiBase: server.url, store });
    const r1 = await client.responses('echo', 'My name is Ada.');
    // The second turn streams: it is recorded once the stream has finished.
    const stream = await client.responses('echo', [user('I like tea.')], { previous_response_id: r1.id, stream: true });
    const r2 = await stream.finalResponse();
    const r3 = await client.responses('echo', 'What do you know?', { previous_response_id: r2.id });
    const sent = bodies(server);
    expect(sent.map((b) => b.previous_response_id)).toEqual([undefined, undefined, undefined]);
    expect((sent[2].input as Json[]).map(brief)).toEqual(['message:user', `message:${r1.output[0].id}`, 'message:user', `message:${r2.output[0].id}`, 'message:user']);
    expect((sent[2].input as Json[]).filter((i) => i.role === 'user').map((i) => i.content)).toEqual(['My name is Ada.', 'I like tea.', 'What do you know?']);
    expect(r3.output_text).toBe('You said: "What do you know?". Before that you said: "My name is Ada.", "I like tea.".');
    // The typed return stays the provider's: the response as the server sent it.
    expect(r3.previous_response_id ?? null).toBeNull();
    if ('calls' in store) expect(store.calls).toEqual([`putResponse ${r1.id} (2)`, `getResponse ${r1.id}`, `putResponse ${r2.id} (4)`, `getResponse ${r2.id}`, `putResponse ${r3.id} (6)`]);
  });

  it('conversation: each turn is appended and the next one sends it all', async () => {
    server = await startMockServer({ flavor: 'openai', stateless: true });
    const store = memoryStore();
    const client = createClient({ provider: 'openrouter', apiKey: 'k', apiBase: server.url, store });
    const a = await client.responses('echo', 'One.', { conversation: 'conv_1' });
    await client.responses('echo', 'Two.', { conversation: { id: 'conv_1' } });
    const sent = bodies(server);
    expect(sent.map((b) => b.conversation)).toEqual([undefined, undefined]);
    expect((sent[1].input as Json[]).map(brief)).toEqual(['message:user', `message:${a.output[0].id}`, 'message:user']);
    expect((await store.getConversation('conv_1'))!.map((i) => brief(i as Json))).toHaveLength(4);
  });

  it.each([
    ['previous_response_id', { previous_response_id: 'resp_1' }],
    ['conversation', { conversation: 'conv_1' }],
  ])('without a store, %s is refused before any traffic, saying how to opt in', async (parameter, options) => {
    server = await startMockServer({ flavor: 'openresponses', stateless: true });
    const err = await createClient({ provider: 'ollama', apiBase: server.url }).responses('echo', 'hi', options as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreRequiredError);
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    expect(err).toMatchObject({ provider: 'ollama', param: parameter });
    expect((err as Error).message).toContain(`ollama does not support ${parameter}: ollama keeps no conversation state`);
    expect((err as Error).message).toContain("createClient({ provider: 'ollama', store: memoryStore() })");
    expect(server.requests).toHaveLength(0);
  });

  it('a previous response the store does not hold is refused before any traffic', async () => {
    server = await startMockServer({ flavor: 'openresponses', stateless: true });
    const client = createClient({ provider: 'ollama', apiBase: server.url, store: memoryStore() });
    await expect(client.responses('echo', 'hi', { previous_response_id: 'resp_gone' })).rejects.toThrow(ConversationNotFoundError);
    await expect(client.responses('echo', 'hi', { previous_response_id: 'resp_gone' })).rejects.toThrow(/previous_response_id 'resp_gone' is not in the conversation store/);
    expect(server.requests).toHaveLength(0);
  });

  it('a store given to one call works as the client\'s does', async () => {
    server = await startMockServer({ flavor: 'openresponses', stateless: true });
    const client = createClient({ provider: 'ollama', apiBase: server.url });
    const store = memoryStore();
    const r1 = await client.responses('echo', 'A.', { store });
    await client.responses('echo', 'B.', { store, previous_response_id: r1.id });
    expect((bodies(server)[1].input as Json[]).map(brief)).toEqual(['message:user', `message:${r1.output[0].id}`, 'message:user']);
    expect(bodies(server).map((b) => b.store)).toEqual([undefined, undefined]);
  });

  it('a stateful provider keeps previous_response_id; with store: false the store expands it', async () => {
    server = await startMockServer({ flavor: 'openai' });
    const client = createClient({ provider: 'openai', apiKey: 'test', apiBase: server.url, store: memoryStore() });
    const r1 = await client.responses('echo', 'A.');
    await client.responses('echo', 'B.', { previous_response_id: r1.id });
    expect(bodies(server)[1]).toMatchObject({ previous_response_id: r1.id, input: 'B.' });
    const r3 = await client.responses('echo', 'C.', { store: false });
    await client.responses('echo', 'D.', { store: false, previous_response_id: r3.id });
    expect(bodies(server)[3].previous_response_id).toBeUndefined();
    expect((bodies(server)[3].input as Json[]).map(brief)).toEqual(['message:user', `message:${r3.output[0].id}`, 'message:user']);
  });

  it('a store that fails: reading is an error before traffic, recording an error that carries the response', async () => {
    server = await startMockServer({ flavor: 'openresponses', stateless: true });
    const broken: ResponseStore = {
      getResponse: () => Promise.reject(new Error('redis is down')),
      putResponse: () => Promise.reject(new Error('redis is down')),
      getConversation: () => undefined,
      appendConversation: () => undefined,
    };
    const client = createClient({ provider: 'ollama', apiBase: server.url, store: broken });
    const put = await client.responses('echo', 'hi').catch((e: unknown) => e);
    expect(put).toBeInstanceOf(ConversationStoreError);
    expect((put as Error).message).toMatch(/failed to record response 'resp_\w+': redis is down/);
    expect((put as ConversationStoreError).response).toMatchObject({ object: 'response', status: 'completed' });
    const get = await client.responses('echo', 'hi', { previous_response_id: 'resp_1' }).catch((e: unknown) => e);
    expect(get).toBeInstanceOf(ConversationStoreError);
    expect(server.requests).toHaveLength(1);
  });

  it('a client store that is not a ResponseStore is a configuration error', async () => {
    await expect(createClient({ provider: 'ollama', apiBase: 'http://127.0.0.1:9', store: true as never }).responses('echo', 'hi')).rejects.toThrow(/createClient: store must be a ResponseStore/);
  });
});

describe('runTools on a stateless provider goes through the store', () => {
  const tools = () => [
    defineTool({ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, execute: () => 'sunny' }),
    defineTool({ name: 'get_time', parameters: { type: 'object', properties: {} }, execute: () => '12:00' }),
  ];

  it.each([
    ['a store of its own for the run', undefined],
    ['the caller\'s store', 'given'],
  ] as const)('several rounds, each request holding the whole conversation (%s)', async (_name, given) => {
    server = await startMockServer({ flavor: 'openresponses', stateless: true, script: [{ toolCalls: [{ name: 'get_weather' }] }, { toolCalls: [{ name: 'get_time' }] }, 'Sunny, and it is noon.'] });
    const store = given ? memoryStore() : undefined;
    const r = await runTools('ollama:scripted', 'Weather and time?', { apiBase: server.url, tools: tools(), ...(store ? { store } : {}) });
    expect(r.response.output_text).toBe('Sunny, and it is noon.');
    expect(r.rounds.map((x) => x.calls.map((c) => `${c.name}=${c.output}`))).toEqual([['get_weather=sunny'], ['get_time=12:00'], []]);
    const sent = bodies(server);
    expect(sent.map((b) => b.previous_response_id)).toEqual([undefined, undefined, undefined]);
    expect((sent[2].input as Json[]).map((i) => i.type)).toEqual(['message', 'function_call', 'function_call_output', 'function_call', 'function_call_output']);
    expect((sent[2].input as Json[])[2].call_id).toBe((sent[2].input as Json[])[1].call_id);
    if (store) expect(store.size.responses).toBe(3);
  });

  it('store: false on a stateful provider: the rounds are expanded locally too', async () => {
    server = await startMockServer({ flavor: 'openai', script: [{ toolCalls: [{ name: 'get_time' }] }, 'Noon.'] });
    const r = await runTools('openai:scripted', 'Time?', { apiKey: 'test', apiBase: server.url, tools: tools(), store: false });
    expect(r.response.output_text).toBe('Noon.');
    const second = bodies(server)[1];
    expect(second.previous_response_id).toBeUndefined();
    expect((second.input as Json[]).map((i) => i.type)).toEqual(['message', 'function_call', 'function_call_output']);
  });
});
