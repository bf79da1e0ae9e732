/**
 * responses() on the Chat Completions leg, end to end over real HTTP against
 * the mock server's chat flavor: a chat-only provider (together) and a
 * provider with both APIs asked for api: 'chat' (openai). Each row sends a
 * call and checks what the server received (a strictly valid chat request:
 * the server answers 400 otherwise) and what came back: a strictly valid
 * OpenResponses ResponseResource, or a stream that passes strict
 * validateStream. Refusals happen before any traffic.
 */
import { createClient, runTools, defineTool, StreamError, APIConnectionError, UnsupportedParameterError } from 'anyresponses';
import * as openresponses from 'anyresponses/openresponses';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

type Json = Record<string, any>;

/** A response as the spec sees it: without the client's own `output_text` / `output_parsed`. */
function strictlyValid(r: Json): void {
  const { output_text: _t, output_parsed: _p, ...wire } = r;
  const v = openresponses.validate('ResponseResource', wire, { mode: 'strict' });
  const errors = v.ok ? [] : v.errors;
  expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
}

async function drain(stream: AsyncIterable<Json>): Promise<{ events: Json[]; error?: unknown }> {
  const events: Json[] = [];
  try {
    for await (const e of stream) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events };
}

function validStream(events: Json[]): void {
  const v = openresponses.validateStream(events, { mode: 'strict' });
  expect(v.errors, JSON.stringify(v.errors.slice(0, 3))).toEqual([]);
}

const weather = defineTool({ name: 'get_weather', description: 'Weather in a city', parameters: z.object({ city: z.string() }), execute: ({ city }) => `sunny in ${city}` });
const weatherWire = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }, strict: true };

interface Given {
  input: unknown;
  options?: Json;
  script?: unknown[];
  fault?: Json;
}
interface Want {
  /** Checks the result (a response, or a drained stream) and the request the server received (undefined when none was sent). */
  check: (result: Json, sent: Json | undefined) => void | Promise<void>;
  /** The call throws this before or during the exchange. */
  throws?: new (...a: any[]) => Error;
  noTraffic?: boolean;
}

const LONG = 'Tell me a long story about the sea, the ships on it, the storms over it and the fish below it.';

const rows: Array<[string, { given: Given; want: Want }]> = [
  ['plain', { given: { input: 'Say hi' }, want: { check: (r, sent) => (expect(r.output_text).toBe('You said: "Say hi".'), expect(r.status).toBe('completed'), expect(sent!.messages).toEqual([{ role: 'user', content: 'Say hi' }])) } }],
  [
    'streamed',
    {
      given: { input: 'Stream these words please', options: { stream: true } },
      want: {
        check: (r, sent) => {
          validStream(r.events);
          expect(r.events.filter((e: Json) => e.type === 'response.output_text.delta').map((e: Json) => e.delta).join('')).toBe('You said: "Stream these words please".');
          expect(r.events.at(-1).type).toBe('response.completed');
          expect(r.events.at(-1).response.usage.input_tokens).toBeGreaterThan(0);
          expect(sent!.stream_options).toEqual({ include_usage: true });
        },
      },
    },
  ],
  ['instructions', { given: { input: 'hello', options: { instructions: 'Be brief.' } }, want: { check: (r, sent) => (expect(sent!.messages[0]).toEqual({ role: 'system', content: 'Be brief.' }), expect(r.instructions).toBe('Be brief.')) } }],
  [
    'parallel tool calls, streamed: every call whole',
    {
      given: { input: 'Weather in Oslo and Bergen?', options: { stream: true, tools: [weatherWire] }, script: [{ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }, { name: 'get_weather', arguments: { city: 'Bergen' } }] }] },
      want: {
        check: (r) => {
          validStream(r.events);
          const calls = r.events.at(-1).response.output.filter((i: Json) => i.type === 'function_call');
          expect(calls.map((c: Json) => [c.name, JSON.parse(c.arguments)])).toEqual([['get_weather', { city: 'Oslo' }], ['get_weather', { city: 'Bergen' }]]);
          expect(new Set(calls.map((c: Json) => c.call_id)).size).toBe(2);
          expect(r.events.filter((e: Json) => e.type === 'response.function_call_arguments.delta').length).toBeGreaterThan(2);
        },
      },
    },
  ],
  [
    'parallel tool calls, one body',
    {
      given: { input: 'Weather?', options: { tools: [weatherWire], parallel_tool_calls: true }, script: [{ toolCalls: [{ name: 'get_weather' }, { name: 'get_weather' }] }] },
      want: { check: (r, sent) => (expect(r.output.filter((i: Json) => i.type === 'function_call')).toHaveLength(2), expect(sent!.parallel_tool_calls).toBe(true), expect(sent!.tools[0].function.name).toBe('get_weather')) },
    },
  ],
  [
    'structured output: output_parsed',
    {
      given: { input: 'Capital of Norway?', options: { response_format: z.object({ city: z.string(), population: z.number() }) } },
      want: {
        check: (r, sent) => {
          expect(sent!.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema: expect.objectContaining({ type: 'object' }), strict: true } });
          expect(r.output_parsed).toEqual({ city: expect.any(String), population: expect.any(Number) });
          expect(r.output_parsed).toEqual(JSON.parse(r.output_text));
        },
      },
    },
  ],
  [
    'reasoning: a reasoning item before the answer, reasoning tokens counted',
    {
      given: { input: 'Think first', options: { reasoning: { effort: 'high' } }, script: [{ reasoning: { text: 'Let me think about it.' }, text: 'Done thinking.' }] },
      want: {
        check: (r, sent) => {
          expect(sent!.reasoning_effort).toBe('high');
          expect(r.output.map((i: Json) => i.type)).toEqual(['reasoning', 'message']);
          expect(r.output[0].content).toEqual([{ type: 'reasoning_text', text: 'Let me think about it.' }]);
          expect(r.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
        },
      },
    },
  ],
  [
    'reasoning, streamed',
    {
      given: { input: 'Think first', options: { stream: true }, script: [{ reasoning: { text: 'Some long reasoning that arrives in several pieces.' }, text: 'Answer.' }] },
      want: { check: (r) => (validStream(r.events), expect(r.events.filter((e: Json) => e.type === 'response.reasoning.delta').map((e: Json) => e.delta).join('')).toBe('Some long reasoning that arrives in several pieces.')) },
    },
  ],
  [
    'images: an image_url part in the user message',
    {
      given: { input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' }] }] },
      want: { check: (r, sent) => (expect(sent!.messages[0].content).toEqual([{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } }]), expect(r.output_text).toBe('You said: "What is this?".')) },
    },
  ],
  [
    'a built-in tool is refused before any traffic',
    { given: { input: 'Search the web', options: { tools: [{ type: 'web_search' }] } }, want: { throws: UnsupportedParameterError, noTraffic: true, check: (e) => expect((e as Error).message).toMatch(/together \(Chat Completions\) does not support tools\[0\]: the built-in tool 'web_search'/) } },
  ],
  [
    'length: the response is incomplete (max_output_tokens)',
    {
      given: { input: LONG, options: { max_output_tokens: 16 } },
      want: { check: (r, sent) => (expect(sent!.max_tokens).toBe(16), expect(r.status).toBe('incomplete'), expect(r.incomplete_details).toEqual({ reason: 'max_output_tokens' }), expect(r.output_text).toHaveLength(64), expect(r.output.at(-1).status).toBe('incomplete')) },
    },
  ],
  [
    'length, streamed: response.incomplete is the one terminal event',
    {
      given: { input: LONG, options: { max_output_tokens: 16, stream: true } },
      want: { check: (r) => (validStream(r.events), expect(r.events.at(-1).type).toBe('response.incomplete')) },
    },
  ],
  [
    'an error mid-stream: error, then response.failed; the stream rejects after the events before it',
    {
      given: { input: 'Fail midway through', options: { stream: true }, script: [{ text: 'This answer will not finish.', fault: { errorEvent: { message: 'upstream overloaded', code: 'overloaded' }, afterEvents: 3 } }] },
      want: {
        throws: StreamError,
        check: (r) => {
          expect(r.error).toBeInstanceOf(StreamError);
          expect((r.error as Error).message).toMatch(/upstream overloaded/);
          expect(r.events[0].type).toBe('response.created');
          expect(r.events.some((e: Json) => e.type === 'response.output_text.delta')).toBe(true);
        },
      },
    },
  ],
  [
    'a disconnect mid-stream: an APIConnectionError',
    {
      given: { input: 'Disconnect midway', options: { stream: true }, script: [{ text: 'This answer is cut off by the server.', fault: { disconnectAfterEvents: 2 } }] },
      want: { throws: APIConnectionError, check: (r) => (expect(r.error).toBeInstanceOf(APIConnectionError), expect(r.events.some((e: Json) => e.type === 'response.completed')).toBe(false)) },
    },
  ],
];

describe('responses() on a chat-only provider (together), against the chat mock', () => {
  let server: MockServer;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'chat', apiKey: 'sk-chat' });
    client = createClient({ provider: 'together', apiKey: 'sk-chat', apiBase: server.url });
  });
  afterAll(() => server.close());

  it.each(rows)('%s', async (_name, { given, want }) => {
    if (given.script) server.enqueue(...(given.script as never[]));
    const model = given.script ? 'scripted' : 'echo';
    const before = server.requests.length;
    let result: Json;
    try {
      const r = await client.responses(model, given.input as never, (given.options ?? {}) as never);
      result = given.options?.stream ? await drain(r) : r;
    } catch (e) {
      if (!want.throws) throw e;
      expect(e).toBeInstanceOf(want.throws);
      result = e as Json;
    }
    if (want.noTraffic) {
      expect(server.requests.length).toBe(before);
      return want.check(result, undefined);
    }
    const sent = server.requests.at(-1)!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-chat');
    if (!given.options?.stream) strictlyValid(result);
    await want.check(result, sent.body as Json);
  });

  it('tools: a round trip through runTools (the tool runs, its output goes back as a tool message)', async () => {
    const done = await runTools('together:echo', 'Weather in Oslo?', { tools: [weather], tool_choice: 'required', apiKey: 'sk-chat', apiBase: server.url });
    expect(done.rounds).toHaveLength(2);
    expect(done.rounds[0].calls.map((c) => [c.name, c.output])).toEqual([['get_weather', expect.stringMatching(/^sunny in /)]]);
    expect(done.response.output_text).toMatch(/^get_weather returned: sunny in /);
    const last = server.requests.at(-1)!.body as Json;
    expect(last.messages.map((m: Json) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(last.messages[1].tool_calls[0].id).toBe(last.messages[2].tool_call_id);
  });
});

describe("api: 'chat' on a provider with both APIs (openai)", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'chat' });
  });
  afterAll(() => server.close());

  it.each([
    ['on the call', { apiBase: 'X' }, { api: 'chat' }],
    ['on the client', { apiBase: 'X', api: 'chat' }, {}],
  ] as const)('%s: the call goes to /chat/completions, max_completion_tokens and json_schema as OpenAI reads them', async (_n, clientOptions, callOptions) => {
    const client = createClient({ provider: 'openai', apiKey: 'k', ...clientOptions, apiBase: server.url } as Json);
    const r = await client.responses('echo', 'Capital of Norway?', { ...callOptions, max_output_tokens: 200, response_format: z.object({ city: z.string() }) });
    strictlyValid(r);
    expect(r.output_parsed).toEqual({ city: expect.any(String) });
    const sent = server.requests.at(-1)!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect((sent.body as Json).max_completion_tokens).toBe(200);
    expect((sent.body as Json).response_format.type).toBe('json_schema');
  });

  it('an unknown api, and api: chat on a provider without a chat endpoint, fail before any traffic', async () => {
    const before = server.requests.length;
    await expect(createClient({ provider: 'openai', apiKey: 'k', apiBase: server.url }).responses('echo', 'x', { api: 'telepathy' as never })).rejects.toThrow(/api is 'responses' or 'chat'/);
    await expect(createClient({ provider: 'neosantara', apiKey: 'k', apiBase: server.url }).responses('echo', 'x', { api: 'chat' })).rejects.toThrow(/neosantara has no Chat Completions endpoint/);
    await expect(createClient({ provider: 'deepseek', apiKey: 'k', apiBase: server.url }).responses('echo', 'x', { api: 'responses' })).rejects.toThrow(/deepseek has no Responses API/);
    expect(server.requests.length).toBe(before);
  });
});
