/**
 * An independent client, openai-node 6.30, talks to the mock server (openai
 * flavor) with only `baseURL` pointed at it: create, stream with
 * finalResponse(), retrieve, and a function-call round trip.
 */
import OpenAI from 'openai';
import { startMockServer, type MockServer, type Turn } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseProblems, weatherTool } from '../support/mock.js';

describe('openai-node against the mock server', () => {
  let server: MockServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'openai', apiKey: 'sk-mock' });
    client = new OpenAI({ apiKey: 'sk-mock', baseURL: server.url, maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('responses.create', async () => {
    const r = await client.responses.create({ model: 'echo', input: 'Hello from openai-node' });
    expect(r.output_text).toBe('You said: "Hello from openai-node".');
    expect(responseProblems('openai', JSON.parse(JSON.stringify(r)))).toEqual([]);
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer sk-mock');
  });

  it('responses.stream and finalResponse()', async () => {
    server.enqueue({ reasoning: 'Thinking about it.', text: 'Streamed answer in a few words.' });
    const stream = client.responses.stream({ model: 'scripted', input: 'stream please' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    // openai-node's stream helper leaves output_text unset on finalResponse(); read the message.
    const message = final.output.find((i) => i.type === 'message');
    expect(message?.type === 'message' && message.content[0].type === 'output_text' ? message.content[0].text : undefined).toBe('Streamed answer in a few words.');
    expect(deltas.join('')).toBe('Streamed answer in a few words.');
    expect(final.output.map((i) => i.type)).toEqual(['reasoning', 'message']);
  });

  // Every kind of stream the mock sends, read by openai-node's stream helper as it is: the events
  // it emits, the text it accumulates, and the final response (or the error it raises).
  it.each<[string, Turn, Record<string, unknown>, { types: string[]; text?: string; reasoning?: string; failed?: boolean; error?: string }]>([
    ['text', 'Just words.', {}, { types: ['message'], text: 'Just words.' }],
    ['reasoning summary and text, then text', { reasoning: { summary: ['First.', 'Second.'], text: 'Raw thoughts here.' }, text: 'Answer.' }, {}, { types: ['reasoning', 'message'], text: 'Answer.', reasoning: 'Raw thoughts here.' }],
    ['a refusal', { refusal: 'No can do.' }, {}, { types: ['message'] }],
    ['two tool calls', { toolCalls: [{ name: 'get_weather' }, { name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius', days: 1 } }] }, { tools: [weatherTool] }, { types: ['function_call', 'function_call'] }],
    // openai-node keeps its own snapshot at response.failed: the open message, as far as it got.
    ['a failed stream', { text: 'Several words before it fails.', fault: { failed: { message: 'cut' }, afterEvents: 5 } }, {}, { types: ['message'], text: 'Several ', failed: true }],
    ['an error event, then response.failed', { text: 'Several words before it fails.', fault: { errorEvent: { message: 'boom' }, afterEvents: 4 } }, {}, { types: [], error: 'boom' }],
  ])('responses.stream reads the mock\'s stream: %s', async (_name, turn, extra, want) => {
    server.enqueue(turn);
    const stream = client.responses.stream({ model: 'scripted', input: 'go', ...extra } as never);
    const seen: string[] = [];
    stream.on('event', (e) => seen.push(e.type));
    const final = await stream.finalResponse().catch((e: Error) => e);
    if (want.error) {
      expect(final).toBeInstanceOf(OpenAI.APIError);
      expect((final as Error).message).toContain(want.error);
      return;
    }
    if (final instanceof Error) throw final;
    expect(seen.at(-1)).toBe(want.failed ? 'response.failed' : 'response.completed');
    expect(final.output.map((i) => i.type)).toEqual(want.types);
    if (want.text !== undefined) {
      const message = final.output.find((i) => i.type === 'message');
      expect(message?.type === 'message' && message.content[0].type === 'output_text' ? message.content[0].text : undefined).toBe(want.text);
    }
    if (want.reasoning !== undefined) {
      const reasoning = final.output.find((i) => i.type === 'reasoning');
      expect(reasoning?.type === 'reasoning' ? reasoning.content?.[0]?.text : undefined).toBe(want.reasoning);
    }
  });

  it('responses.retrieve', async () => {
    const r = await client.responses.create({ model: 'echo', input: 'keep me' });
    const got = await client.responses.retrieve(r.id);
    expect(got.id).toBe(r.id);
    expect(got.output_text).toBe(r.output_text);
  });

  it('a function-call round trip', async () => {
    const first = await client.responses.create({ model: 'echo', input: 'Weather in Oslo?', tools: [weatherTool as never], tool_choice: 'required' });
    const fc = first.output.find((i) => i.type === 'function_call');
    expect(fc).toBeDefined();
    if (fc?.type !== 'function_call') throw new Error('no function call');
    expect(JSON.parse(fc.arguments)).toHaveProperty('city');
    const second = await client.responses.create({ model: 'echo', previous_response_id: first.id, input: [{ type: 'function_call_output', call_id: fc.call_id, output: '{"temp": 21}' }] });
    expect(second.output_text).toBe('get_weather returned: {"temp": 21}');
  });

  it('errors come back as openai-node error classes', async () => {
    const err = await client.responses.create({ model: 'nope', input: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.code).toBe('model_not_found');
  });
});
