/**
 * responses() end to end against a real HTTP server on 127.0.0.1: URL,
 * headers, auth and body sent; both flavours; streaming; structured output;
 * and everything that must fail before any network traffic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MissingApiKeyError, UnsupportedParameterError, UnsupportedProviderError } from '../../runtime/core/errors.js';
import { createClient, responses } from '../../runtime/client/client.js';
import { SpecValidationError } from '../../runtime/validation/spec-error.js';
import { json, startTestServer, type TestServer } from '../support/http-server.js';
import { hasShared, recordedDir } from '../support/shared.js';

let server: TestServer;
beforeAll(async () => (server = await startTestServer()));
afterAll(() => server.close());

const recorded = (p: string) => readFileSync(join(recordedDir, p), 'utf8');
const sse = (file: string) => (_q: unknown, r: import('node:http').ServerResponse) => {
  r.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const l of recorded(file).split('\n').filter(Boolean)) r.write(`event: ${JSON.parse(l).type}\ndata: ${l}\n\n`);
  r.end();
};

describe('responses()', () => {
  it('openresponses flavour: URL, auth, body with wire names, typed result with output_text', async () => {
    if (!hasShared()) return;
    server.reply(json(200, JSON.parse(recorded('lmstudio/lmstudio-basic.1.json'))));
    const warnings: unknown[] = [];
    const r = await responses('lmstudio:qwen3', 'Hi!', {
      apiBase: `${server.url}/v1`, apiKey: 'lm-key', temperature: 0.2, max_output_tokens: 64, extra_body: { top_k: 40 }, previous_response_id: 'resp_1',
      onWarnings: (w) => warnings.push(...w),
    });
    const q = server.received[0];
    expect(q.url).toBe('/v1/responses');
    expect(q.headers.authorization).toBe('Bearer lm-key');
    expect(JSON.parse(q.body)).toEqual({ model: 'qwen3', input: 'Hi!', temperature: 0.2, max_output_tokens: 64, top_k: 40, previous_response_id: 'resp_1' });
    expect(r.object).toBe('response');
    expect(r.output_text.length).toBeGreaterThan(0);
    expect(warnings).toEqual([expect.objectContaining({ pointer: '/output/0/status' })]);
  });

  it('openai flavour through a reusable client, with an env var for the base URL', async () => {
    if (!hasShared()) return;
    server.reply(json(200, JSON.parse(recorded('openai/openai-web-search-tool.1.json'))));
    const client = createClient({ provider: 'openai-compatible', env: { OPENAI_COMPATIBLE_API_BASE: `${server.url}/v1`, OPENAI_COMPATIBLE_API_KEY: 'k' } });
    const r = await client.responses('gpt-5', [{ role: 'user', content: 'news?' }], { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: false } }] });
    expect(JSON.parse(server.received[0].body).tools).toEqual([{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: false }]);
    expect(server.received[0].headers.authorization).toBe('Bearer k');
    expect(r.output_text).toContain('');
    expect(r.id).toMatch(/^resp_/);
  });

  it('stream: true gives a ResponseStream over the SSE body', async () => {
    if (!hasShared()) return;
    server.reply(sse('lmstudio/lmstudio-basic.1.chunks.txt'));
    const stream = await responses('openresponses:m', 'hi', { apiBase: server.url, stream: true });
    let text = '';
    for await (const d of stream.textStream) text += d;
    expect(server.received[0].headers.accept).toBe('text/event-stream');
    expect(JSON.parse(server.received[0].body).stream).toBe(true);
    expect(text.length).toBeGreaterThan(0);
  });

  it('structured output: response_format as a zod schema gives output_parsed', async () => {
    const body = { id: 'resp_x', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: '{"city":"Oslo"}', annotations: [], logprobs: [] }] }] };
    server.reply(json(200, body));
    const r = await responses('openresponses:m', 'where?', { apiBase: server.url, response_format: z.object({ city: z.string() }), text: { verbosity: 'low' }, validate: false });
    expect(r.output_parsed).toEqual({ city: 'Oslo' });
    expect(JSON.parse(server.received[0].body).text).toMatchObject({ verbosity: 'low', format: { type: 'json_schema', name: 'response' } });
  });

  it.each([
    ['an unknown provider lists the known ones', 'nope:m', {}, UnsupportedProviderError, /unknown provider 'nope'; known: .*lmstudio.*openai/],
    ['a provider without a Responses API says so', 'bedrock:claude', {}, UnsupportedProviderError, /bedrock has no Responses API/],
    ['a missing key names the env var', 'openai:gpt-5', { env: {} }, MissingApiKeyError, /set OPENAI_API_KEY/],
    ['Groq rejects max_tool_calls', 'groq:llama', { apiKey: 'k', max_tool_calls: 3 }, UnsupportedParameterError, /groq does not support max_tool_calls/],
    ['OpenRouter rejects store: true', 'openrouter:x', { apiKey: 'k', store: true }, UnsupportedParameterError, /openrouter does not support store: true/],
    ['OpenRouter rejects previous_response_id', 'openrouter:x', { apiKey: 'k', previous_response_id: 'r' }, UnsupportedParameterError, /previous_response_id/],
    ['a strictly invalid request', 'openresponses:m', { temperature: 'hot' }, SpecValidationError, /the request does not match CreateResponseBody:\n {2}\/temperature: expected number or null, found string "hot"/],
  ] as const)('%s, before any network traffic', async (_name, model, opts, cls, message) => {
    if (!hasShared()) return;
    server.reply(json(200, {}));
    const client = createClient({ apiBase: server.url, env: {} });
    const err = await client.responses(model, 'hi', opts as never).catch((e) => e);
    expect(err).toBeInstanceOf(cls);
    expect(err.message).toMatch(message);
    expect(server.received).toHaveLength(0);
  });

  it('Azure: the key goes in the api-key header and settings become query parameters', async () => {
    if (!hasShared()) return;
    server.reply(json(200, JSON.parse(recorded('openai/openai-web-search-tool.1.json'))));
    await responses('azureopenai:my-deployment', 'hi', { apiKey: 'az-key', apiBase: `${server.url}/openai/v1`, settings: { apiVersion: 'preview' } });
    const q = server.received[0];
    expect(q.url).toBe('/openai/v1/responses?api-version=preview');
    expect(q.headers['api-key']).toBe('az-key');
    expect(q.headers.authorization).toBeUndefined();
  });

  it('OpenRouter accepts store: false', async () => {
    if (!hasShared()) return;
    server.reply(json(200, JSON.parse(recorded('openai/openai-web-search-tool.1.json'))));
    await responses('openrouter:x', 'hi', { apiKey: 'k', apiBase: server.url, store: false });
    expect(server.received).toHaveLength(1);
  });
});

describe('runTools', () => {
  const fnCall = (name: string, args: string) => ({ id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [{ type: 'function_call', id: 'fc_1', call_id: 'call_1', name, arguments: args, status: 'completed' }] });
  const answer = (text: string) => ({ id: 'resp_2', object: 'response', created_at: 2, status: 'completed', model: 'm', output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] }] });

  it('runs the tool and continues with previous_response_id and a function_call_output', async () => {
    const { runTools } = await import('../../runtime/client/run-tools.js');
    const { defineTool } = await import('../../runtime/client/tools.js');
    server.reply(json(200, fnCall('get_weather', '{"city":"Oslo"}')), json(200, answer('It is sunny in Oslo.')));
    const weather = defineTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => ({ city, sky: 'sunny' }) });
    const r = await runTools('openresponses:m', 'Weather in Oslo?', { apiBase: server.url, tools: [weather], validate: false });
    expect(r.response.output_text).toBe('It is sunny in Oslo.');
    expect(r.rounds[0].calls).toEqual([{ name: 'get_weather', callId: 'call_1', arguments: '{"city":"Oslo"}', output: '{"city":"Oslo","sky":"sunny"}' }]);
    const second = JSON.parse(server.received[1].body);
    expect(second.previous_response_id).toBe('resp_1');
    expect(second.input).toEqual([{ type: 'function_call_output', call_id: 'call_1', output: '{"city":"Oslo","sky":"sunny"}' }]);
    expect(JSON.parse(server.received[0].body).tools[0]).toMatchObject({ type: 'function', name: 'get_weather' });
  });

  it('replays the conversation where the provider is stateless, and reports tool failures to the model', async () => {
    const { runTools } = await import('../../runtime/client/run-tools.js');
    const { defineTool } = await import('../../runtime/client/tools.js');
    server.reply(json(200, fnCall('get_weather', '{"town":"Oslo"}')), json(200, answer('Sorry.')));
    const weather = defineTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: () => 'never' });
    const r = await runTools('openrouter:m', 'Weather?', { apiBase: server.url, apiKey: 'k', tools: [weather], validate: false });
    expect(r.rounds[0].calls[0].output).toMatch(/^Error: tool 'get_weather': \/city: /);
    const second = JSON.parse(server.received[1].body);
    expect(second.previous_response_id).toBeUndefined();
    expect(second.input.map((i: { type?: string; role?: string }) => `${i.type}${i.role ? `:${i.role}` : ''}`)).toEqual(['message:user', 'function_call', 'function_call_output']);
  });

  it('stops after maxRounds', async () => {
    const { runTools, ToolRoundsExceededError } = await import('../../runtime/client/run-tools.js');
    const { defineTool } = await import('../../runtime/client/tools.js');
    server.reply(json(200, fnCall('again', '{}')));
    const again = defineTool({ name: 'again', parameters: { type: 'object' }, execute: () => 'ok' });
    const err = await runTools('openresponses:m', 'loop', { apiBase: server.url, tools: [again], maxRounds: 3, validate: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ToolRoundsExceededError);
    expect(server.received).toHaveLength(3);
  });
});
