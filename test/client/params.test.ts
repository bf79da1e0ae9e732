import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { parseModel, resetLegacyWarning } from '../../runtime/client/model.js';
import { buildBody, WIRE_PARAMS } from '../../runtime/client/params.js';
import { StructuredOutputError } from '../../runtime/client/structured.js';
import { defineTool, toWireTools, ToolArgumentsError } from '../../runtime/client/tools.js';

const known = (p: string) => ['openai', 'lmstudio', 'ollama', 'openrouter'].includes(p);

describe('model strings', () => {
  it.each([
    ['provider:model', { model: 'openai:gpt-5' }, { provider: 'openai', model: 'gpt-5' }],
    ['only the first colon splits', { model: 'ollama:llama3:8b' }, { provider: 'ollama', model: 'llama3:8b' }],
    ['a slash inside the model id', { model: 'openrouter:openai/gpt-5' }, { provider: 'openrouter', model: 'openai/gpt-5' }],
    ['bare model with options.provider', { model: 'openai/gpt-oss-20b', provider: 'lmstudio' }, { provider: 'lmstudio', model: 'openai/gpt-oss-20b' }],
    ['legacy provider/model', { model: 'lmstudio/qwen3' }, { provider: 'lmstudio', model: 'qwen3' }],
  ])('%s', (_name, given, want) => {
    expect(parseModel(given.model, (given as { provider?: string }).provider, known, () => {})).toEqual(want);
  });

  it('warns about the legacy form once per process', () => {
    resetLegacyWarning();
    const warn = vi.fn();
    parseModel('openai/gpt-5', undefined, known, warn);
    parseModel('lmstudio/qwen', undefined, known, warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('"openai:gpt-5"');
  });

  it.each([
    ['no provider at all', 'gpt-5', /no provider in model "gpt-5"/],
    ['a slash whose prefix is not a provider', 'meta/llama', /no provider in model "meta\/llama"/],
    ['empty', '', /non-empty/],
  ])('rejects %s', (_name, model, want) => {
    expect(() => parseModel(model, undefined, known, () => {})).toThrow(want);
  });
});

describe('the request body', () => {
  it('sends every any-llm parameter under its wire name, drops undefined, keeps unknown keys, never sends client keys', () => {
    const options: Record<string, unknown> = Object.fromEntries(WIRE_PARAMS.map((k, i) => [k, k === 'tools' ? [] : `v${i}`]));
    Object.assign(options, { apiKey: 'sk-secret', apiBase: 'http://x', provider: 'openai', clientArgs: {}, signal: undefined, timeout: 5, validate: false, env: {}, onWarnings: () => {}, top_k: 40, temperature: undefined });
    const { body } = buildBody('m', 'hi', options);
    expect(body.model).toBe('m');
    expect(body.input).toBe('hi');
    for (const k of WIRE_PARAMS) if (k !== 'temperature') expect(body).toHaveProperty(k);
    expect(body).not.toHaveProperty('temperature');
    expect(body.top_k).toBe(40);
    for (const k of ['apiKey', 'apiBase', 'provider', 'clientArgs', 'signal', 'timeout', 'validate', 'env', 'onWarnings']) expect(body).not.toHaveProperty(k);
    expect(JSON.stringify(body)).not.toContain('sk-secret');
  });

  it('response_format as JSON Schema sets text.format and keeps the caller\'s verbosity', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
    const { body, parse } = buildBody('m', 'hi', { response_format: schema, text: { verbosity: 'low' } });
    expect(body.text).toEqual({ verbosity: 'low', format: { type: 'json_schema', name: 'response', schema } });
    expect(await parse!('{"city":"Paris"}')).toEqual({ city: 'Paris' });
  });

  it('response_format as a zod schema (Standard Schema) sends JSON Schema and parses with validation', async () => {
    const City = z.object({ city: z.string(), population: z.number().int() });
    const { body, parse } = buildBody('m', 'hi', { response_format: City });
    const format = (body.text as { format: { type: string; strict: boolean; schema: { properties: object; required: string[] } } }).format;
    expect(format.type).toBe('json_schema');
    expect(format.strict).toBe(true);
    expect(Object.keys(format.schema.properties)).toEqual(['city', 'population']);
    expect(format.schema).not.toHaveProperty('$schema');
    expect(await parse!('{"city":"Oslo","population":700000}')).toEqual({ city: 'Oslo', population: 700000 });
    const bad = (await parse!('{"city":"Oslo","population":"many"}').catch((e: unknown) => e)) as StructuredOutputError;
    expect(bad).toBeInstanceOf(StructuredOutputError);
    expect(bad.rawText).toBe('{"city":"Oslo","population":"many"}');
    expect(bad.issues[0].path).toBe('/population');
  });

  it('text that does not parse raises an error carrying the raw text', async () => {
    const { parse } = buildBody('m', 'hi', { response_format: { type: 'object' } });
    const err = (await parse!('Sure! {"city": ').catch((e: unknown) => e)) as StructuredOutputError;
    expect(err).toBeInstanceOf(StructuredOutputError);
    expect(err.rawText).toBe('Sure! {"city": ');
  });

  it('a ready text.format object passes through unparsed; both forms at once is an error', () => {
    const { body, parse } = buildBody('m', 'hi', { response_format: { type: 'json_object' } });
    expect(body.text).toEqual({ format: { type: 'json_object' } });
    expect(parse).toBeUndefined();
    expect(() => buildBody('m', 'hi', { response_format: { type: 'object' }, text: { format: { type: 'text' } } })).toThrow(/either response_format or text.format/);
  });
});

describe('tools', () => {
  const weather = defineTool({
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: z.object({ city: z.string() }),
    execute: ({ city }) => `sunny in ${city}`,
  });

  it.each([
    ['wire JSON passes through', { type: 'function', name: 'f', parameters: { type: 'object' } }, { type: 'function', name: 'f', parameters: { type: 'object' } }],
    ['built-in tools pass through', { type: 'web_search' }, { type: 'web_search' }],
    ['chat-completions style is flattened', { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } }, { type: 'function', name: 'f', description: 'd', parameters: { type: 'object' }, strict: true }],
  ])('%s', (_name, given, want) => {
    expect(toWireTools([given])).toEqual([want]);
  });

  it('defineTool with a Standard Schema sends JSON Schema and checks the arguments before execute', async () => {
    const [wire] = toWireTools([weather]);
    expect(wire).toMatchObject({ type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } });
    // The OpenAI spec requires `strict` on function tools: always sent, false unless asked for.
    expect(wire.strict).toBe(false);
    expect(toWireTools([defineTool({ name: 'g', parameters: { type: 'object' }, strict: true, execute: () => 1 })])[0].strict).toBe(true);
    expect(await weather.parseArguments('{"city":"Rome"}')).toEqual({ city: 'Rome' });
    await expect(weather.parseArguments('{"town":"Rome"}')).rejects.toBeInstanceOf(ToolArgumentsError);
    await expect(weather.parseArguments('{oops')).rejects.toThrow(/not valid JSON/);
  });

  it('rejects tool names the API would refuse', () => {
    expect(() => defineTool({ name: 'bad name!', parameters: { type: 'object' }, execute: () => 1 })).toThrow(/tool name 'bad name!'/);
  });
});
