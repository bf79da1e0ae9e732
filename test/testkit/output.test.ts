/**
 * Everything the mock server produces validates strictly against its
 * flavor's spec: responses and whole streams, across a table of requests
 * (each content type, each tool shape, scripted turns, streaming on and
 * off) and each fault that is not meant to break the stream.
 */
import { startMockServer, type MockServer, type Turn } from 'anyresponses/testing';
import Ajv2020Module from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, responseProblems, SPECS, streamProblems, weatherTool } from '../support/mock.js';

type Json = Record<string, any>;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const argumentsValid = new Ajv2020({ allErrors: true }).compile(weatherTool.parameters);
const flavors = ['openai', 'openresponses'] as const;

const image = { openai: { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' }, openresponses: { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' } };

/** [name, request body (without model/stream), turn for the scripted model or undefined for echo, what the output holds]. */
const requests = (flavor: (typeof flavors)[number]): Array<[string, Json, Turn | undefined, string[]]> => [
  ['a string input', { input: 'Hello there' }, undefined, ['message']],
  ['messages with parts, instructions and sampling settings', { input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }], instructions: 'Be brief.', temperature: 0.2, top_p: 0.9, max_output_tokens: 50, metadata: { run: '1' } }, undefined, ['message']],
  ['an image part', { input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, image[flavor]] }] }, undefined, ['message']],
  ['a developer message and an earlier assistant turn', { input: [{ type: 'message', role: 'developer', content: 'Rules.' }, { type: 'message', role: 'user', content: 'Hi' }, { type: 'message', role: 'assistant', content: 'Hello!' }, { type: 'message', role: 'user', content: 'Again' }] }, undefined, ['message']],
  ['a forced function tool', { input: 'Weather in Oslo?', tools: [weatherTool], tool_choice: 'required' }, undefined, ['function_call']],
  ['a named tool choice', { input: 'Weather?', tools: [weatherTool, { ...weatherTool, name: 'get_time' }], tool_choice: { type: 'function', name: 'get_time' } }, undefined, ['function_call']],
  ['a tool result', { input: [{ type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }, { type: 'function_call_output', call_id: 'call_1', output: 'sunny' }], tools: [weatherTool] }, undefined, ['message']],
  ['structured output', { input: 'A city?', text: { format: { type: 'json_schema', name: 'city', schema: { type: 'object', properties: { city: { type: 'string' }, population: { type: 'integer' } }, required: ['city', 'population'], additionalProperties: false }, strict: true } } }, undefined, ['message']],
  ['scripted text', { input: 'x' }, 'Plain scripted words.', ['message']],
  ['scripted reasoning with a summary, then text', { input: 'x' }, { reasoning: { summary: ['First I think.', 'Then I answer.'], text: 'Deep thoughts here.' }, text: 'The answer.' }, ['reasoning', 'message']],
  ['a scripted refusal', { input: 'x' }, { refusal: 'I cannot help with that.' }, ['message']],
  ['two scripted function calls', { input: 'x', tools: [weatherTool] }, { toolCalls: [{ name: 'get_weather' }, { name: 'get_weather', arguments: { city: 'Bergen', unit: 'celsius', days: 2 } }] }, ['function_call', 'function_call']],
  // OpenResponses has function tools only; the OpenAI spec's built-in tools are echoed in the response.
  ...(flavor === 'openai'
    ? ([['built-in tools beside a function tool', { input: 'x', tools: [weatherTool, { type: 'web_search' }, { type: 'file_search', vector_store_ids: ['vs_1'] }, { type: 'mcp', server_label: 'docs', server_url: 'https://example.com/mcp' }] }, undefined, ['message']]] as Array<[string, Json, Turn | undefined, string[]]>)
    : []),
];

for (const flavor of flavors) {
  describe(`${flavor} flavor: every response and event is strictly valid`, () => {
    let server: MockServer;
    beforeAll(async () => {
      server = await startMockServer({ flavor });
    });
    afterAll(() => server.close());

    for (const stream of [false, true]) {
      it.each(requests(flavor))(`%s (stream: ${stream})`, async (_name, body, turn, kinds) => {
        if (turn !== undefined) server.enqueue(turn);
        const a = await create(server, { model: turn === undefined ? 'echo' : 'scripted', ...body, stream });
        expect(a.status, a.text).toBe(200);
        const response = stream ? (a.events!.at(-1) as Json).response : a.json!;
        if (stream) expect(streamProblems(flavor, a.events!)).toEqual([]);
        // OpenResponses streams end with data: [DONE]; OpenAI's API sends no terminator, nor does the openai flavor.
        if (stream) expect(a.done).toBe(flavor === 'openresponses');
        else expect(responseProblems(flavor, a.json)).toEqual([]);
        expect(response.status).toBe('completed');
        expect(response.output.map((i: Json) => i.type)).toEqual(kinds);
        for (const call of response.output.filter((i: Json) => i.type === 'function_call')) {
          // Valid for the tool's parameters (required, enum, integer bounds, no extra keys).
          expect(argumentsValid(JSON.parse(call.arguments)), JSON.stringify(argumentsValid.errors)).toBe(true);
        }
      });
    }

    it.each<[string, Json, (events: Json[]) => void]>([
      ['an error event mid-stream, then response.failed', { errorEvent: { message: 'boom', code: 'server_error' }, afterEvents: 3 }, (e) => {
        expect(e).toHaveLength(5);
        expect(e[3]).toMatchObject({ type: 'error', sequence_number: 3 });
        expect(e[4]).toMatchObject({ type: 'response.failed', sequence_number: 4, response: { status: 'failed', error: { code: 'server_error', message: 'boom' }, output: [] } });
      }],
      ['response.failed', { failed: { message: 'model crashed', code: 'server_error' }, afterEvents: 2 }, (e) => {
        expect(e.at(-1)).toMatchObject({ type: 'response.failed', response: { status: 'failed', error: { message: 'model crashed' } } });
      }],
      // The item being streamed stays open; the failed response holds only the items closed before it.
      ['response.failed with an item open', { failed: { message: 'cut' }, afterEvents: 5 }, (e) => {
        expect(e.map((x) => x.type)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.failed']);
        expect(e.at(-1)!.response.output).toEqual([]);
      }],
      ['a delay before the headers', { delayMs: 30 }, (e) => expect(e.at(-1)!.type).toBe('response.completed')],
      ['a slow drip of bytes', { dripMs: 1, dripBytes: 64 }, (e) => expect(e.at(-1)!.type).toBe('response.completed')],
    ])('stream fault: %s is still valid', async (_name, fault, check) => {
      const a = await create(server, { model: 'echo', input: 'Tell me something long enough to have several words', stream: true }, { 'x-mock-fault': JSON.stringify(fault) });
      expect(streamProblems(flavor, a.events!)).toEqual([]);
      expect(a.done).toBe(flavor === 'openresponses');
      check(a.events as Json[]);
    });

    it.each<[string, Json, (a: Awaited<ReturnType<typeof create>>) => void]>([
      ['a status with Retry-After', { status: 429, retryAfter: 2 }, (a) => {
        expect(a.status).toBe(429);
        expect(a.headers.get('retry-after')).toBe('2');
        expect(a.json!.error.code).toBe('rate_limit_exceeded');
      }],
      ['a 503 with retry-after-ms', { status: 503, retryAfterMs: 10, message: 'overloaded' }, (a) => {
        expect(a.status).toBe(503);
        expect(a.headers.get('retry-after-ms')).toBe('10');
        expect(a.json!.error.message).toBe('overloaded');
      }],
    ])('fault: %s answers a valid error body', async (_name, fault, check) => {
      const a = await create(server, { model: 'echo', input: 'x' }, { 'x-mock-fault': JSON.stringify(fault) });
      check(a);
      const r = SPECS[flavor].validateError(a.json, { mode: 'strict' });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    });

    it('fault: response.failed without a stream is a valid failed response', async () => {
      const a = await create(server, { model: 'echo', input: 'x' }, { 'x-mock-fault': JSON.stringify({ failed: { message: 'no' } }) });
      expect(responseProblems(flavor, a.json)).toEqual([]);
      expect(a.json).toMatchObject({ status: 'failed', error: { message: 'no' }, output: [] });
    });

    it.each<[string, Json, (a: Awaited<ReturnType<typeof create>>) => void]>([
      ['a disconnect after 3 events', { disconnectAfterEvents: 3 }, (a) => {
        expect(a.events).toHaveLength(3);
        expect(streamProblems(flavor, a.events!).join('\n')).toMatch(/terminal/);
      }],
      ['bad JSON', { malformed: 'bad-json', afterEvents: 2 }, (a) => {
        expect(a.events).toHaveLength(3);
        expect(typeof a.events![2]).toBe('string');
      }],
      ['a truncated line', { malformed: 'truncated-line', afterEvents: 2 }, (a) => {
        expect(a.events).toHaveLength(3);
        expect(typeof a.events![2]).toBe('string');
      }],
    ])('fault: %s breaks the stream on purpose', async (_name, fault, check) => {
      const a = await create(server, { model: 'echo', input: 'several words in this input', stream: true }, { 'x-mock-fault': JSON.stringify(fault) }).catch((e: Error) => ({ error: e }) as never);
      if ('error' in (a as object)) {
        // A disconnect may surface as a fetch error once some bytes were read; the events before it were sent.
        expect(fault.disconnectAfterEvents).toBeDefined();
        return;
      }
      check(a);
    });
  });
}
