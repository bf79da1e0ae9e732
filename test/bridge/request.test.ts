/**
 * Request translation, as tables: a Responses request (and per-provider
 * options) in, the exact chat request out, which must also pass the
 * generated strict `CreateChatCompletionRequest` validator (unless it
 * carries a provider extension); and what cannot be bridged, refused with
 * the parameter, its place, the reason and the provider.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBridgeable, chatRequestFromResponses, unsupportedParameters, type BridgeOptions, type BridgeRequest } from '../../runtime/bridge/index.js';
import { UnsupportedParameterError } from '../../runtime/core/errors.js';
import { repoRoot } from '../support/shared.js';

const chat = (await import(join(repoRoot, 'generated/chat/validators.js'))) as {
  validate(name: string, v: unknown, o: { mode: 'strict' }): { ok: boolean; errors?: unknown[] };
};

interface Row {
  given: BridgeRequest;
  options?: Partial<BridgeOptions>;
  want: Record<string, unknown>;
  /** False when the output carries a provider extension the OpenAI schema does not declare. */
  strict?: boolean;
}

const user = (content: unknown) => ({ type: 'message', role: 'user', content });
const weather = { type: 'function', name: 'weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true } as const;
const chatWeather = { type: 'function', function: { name: 'weather', description: 'Weather of a city', parameters: weather.parameters, strict: true } };
const call = (id: string, args: string) => ({ type: 'function_call', call_id: id, name: 'weather', arguments: args });
const output = (id: string, out: unknown) => ({ type: 'function_call_output', call_id: id, output: out });
const toolCall = (id: string, args: string) => ({ id, type: 'function', function: { name: 'weather', arguments: args } });

const ROWS: Array<[string, Row]> = [
  ['a string input is one user message', { given: { model: 'm', input: 'hi' }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  ['instructions lead as a system message', { given: { model: 'm', instructions: 'Be brief.', input: 'hi' }, want: { model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] } }],
  ['instructions as a developer message where the provider wants that', { given: { model: 'm', instructions: 'Be brief.', input: 'hi' }, options: { systemRole: 'developer' }, want: { model: 'm', messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'hi' }] } }],
  ['any-llm messages without a type', { given: { model: 'm', input: [{ role: 'user', content: 'hi' }] }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  [
    'user content parts: text, image (url and detail), file data',
    {
      given: { model: 'm', input: [user([{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'https://x/a.png', detail: 'low' }, { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,AAAA' }])] },
      options: { files: true },
      want: { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://x/a.png', detail: 'low' } }, { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,AAAA' } }] }] },
    },
  ],
  ['a file by id where the provider keeps files', { given: { model: 'm', input: [user([{ type: 'input_file', file_id: 'file-1' }])] }, options: { files: true, fileIds: true }, want: { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }] } }],
  [
    'system text parts joined; developer messages take the system role',
    { given: { model: 'm', input: [{ type: 'message', role: 'system', content: [{ type: 'input_text', text: 'A' }, { type: 'input_text', text: 'B' }] }, { type: 'message', role: 'developer', content: 'C' }] }, want: { model: 'm', messages: [{ role: 'system', content: 'A\n\nB' }, { role: 'system', content: 'C' }] } },
  ],
  [
    'an assistant message: output_text joined, refusal beside it',
    { given: { model: 'm', input: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hel' }, { type: 'output_text', text: 'lo' }, { type: 'refusal', refusal: 'No.' }] }] }, want: { model: 'm', messages: [{ role: 'assistant', content: 'Hello', refusal: 'No.' }] } },
  ],
  [
    'parallel function calls and their outputs: one assistant message with tool_calls, one tool message each',
    {
      given: { model: 'm', input: [user('Weather in Paris and Rome?'), call('c1', '{"city":"Paris"}'), call('c2', '{"city":"Rome"}'), output('c1', 'sunny'), output('c2', [{ type: 'input_text', text: 'rain' }])] },
      want: {
        model: 'm',
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          { role: 'assistant', content: null, tool_calls: [toolCall('c1', '{"city":"Paris"}'), toolCall('c2', '{"city":"Rome"}')] },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
          { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'rain' }] },
        ],
      },
    },
  ],
  [
    'an assistant message and the calls after it are one chat message',
    { given: { model: 'm', input: [{ type: 'message', role: 'assistant', content: 'Let me look.' }, call('c1', '{}'), output('c1', 'ok')] }, want: { model: 'm', messages: [{ role: 'assistant', content: 'Let me look.', tool_calls: [toolCall('c1', '{}')] }, { role: 'tool', tool_call_id: 'c1', content: 'ok' }] } },
  ],
  [
    'replayed reasoning goes back in tool-call turns where the provider wants it (DeepSeek, Kimi)',
    {
      given: {
        model: 'm',
        input: [user('Weather?'), { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'Call the tool.' }] }, call('c1', '{}'), output('c1', 'sunny'), { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Answer.' }] }, { type: 'message', role: 'assistant', content: 'Sunny.' }, user('Thanks')],
      },
      options: { reasoningReplay: { field: 'reasoning_content', on: 'tool_calls' } },
      want: {
        model: 'm',
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: null, tool_calls: [toolCall('c1', '{}')], reasoning_content: 'Call the tool.' },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
          { role: 'assistant', content: 'Sunny.' },
          { role: 'user', content: 'Thanks' },
        ],
      },
      strict: false,
    },
  ],
  [
    'replayed reasoning on every assistant message, from its summary when it has no text',
    { given: { model: 'm', input: [{ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think.' }] }, { type: 'message', role: 'assistant', content: 'Hi.' }] }, options: { reasoningReplay: { field: 'reasoning', on: 'all' } }, want: { model: 'm', messages: [{ role: 'assistant', content: 'Hi.', reasoning: 'Think.' }] }, strict: false },
  ],
  ['replayed reasoning is dropped where the provider takes none back', { given: { model: 'm', input: [{ type: 'reasoning', summary: [], encrypted_content: 'x' }, call('c1', '{}')] }, want: { model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: [toolCall('c1', '{}')] }] } }],
  [
    'function tools, parallel_tool_calls and tool_choice required',
    { given: { model: 'm', input: 'hi', tools: [weather], tool_choice: 'required', parallel_tool_calls: false }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [chatWeather], tool_choice: 'required', parallel_tool_calls: false } },
  ],
  ['tool_choice required is "any" on Mistral; strict left out where not taken', { given: { model: 'm', input: 'hi', tools: [weather], tool_choice: 'required' }, options: { toolChoiceRequired: 'any', strictTools: false }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'weather', description: 'Weather of a city', parameters: weather.parameters } }], tool_choice: 'any' }, strict: false }],
  ['a forced function', { given: { model: 'm', input: 'hi', tools: [weather], tool_choice: { type: 'function', name: 'weather' } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [chatWeather], tool_choice: { type: 'function', function: { name: 'weather' } } } }],
  [
    'allowed_tools: only the allowed tools are sent, with its mode',
    { given: { model: 'm', input: 'hi', tools: [weather, { type: 'function', name: 'time' }], tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'weather' }], mode: 'required' } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [chatWeather], tool_choice: 'required' } },
  ],
  ['parallel_tool_calls without tools is left out', { given: { model: 'm', input: 'hi', parallel_tool_calls: false }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  [
    'text.format json_schema -> response_format',
    { given: { model: 'm', input: 'hi', text: { format: { type: 'json_schema', name: 'city', schema: { type: 'object' }, strict: true, description: 'A city' } } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'city', description: 'A city', schema: { type: 'object' }, strict: true } } } },
  ],
  ['json_schema downgraded to json_object where the provider has no schemas', { given: { model: 'm', input: 'hi', text: { format: { type: 'json_schema', name: 'city', schema: { type: 'object' } } } }, options: { jsonSchema: 'json_object' }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } } }],
  ['a text format sends nothing', { given: { model: 'm', input: 'hi', text: { format: { type: 'text' } } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  ['verbosity where the provider reads it', { given: { model: 'm', input: 'hi', text: { verbosity: 'low' } }, options: { verbosity: true }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], verbosity: 'low' } }],
  ['reasoning.effort -> reasoning_effort; the summary is dropped', { given: { model: 'm', input: 'hi', reasoning: { effort: 'high', summary: 'auto' } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'high' } }],
  ['max_output_tokens -> max_tokens by default', { given: { model: 'm', input: 'hi', max_output_tokens: 64 }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 64 } }],
  ['max_output_tokens -> max_completion_tokens where the provider reads that', { given: { model: 'm', input: 'hi', max_output_tokens: 64 }, options: { maxTokensField: 'max_completion_tokens' }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 64 } }],
  ['sampling parameters', { given: { model: 'm', input: 'hi', temperature: 0.2, top_p: 0.9, presence_penalty: 0.1, frequency_penalty: -0.1 }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2, top_p: 0.9, presence_penalty: 0.1, frequency_penalty: -0.1 } }],
  ['top_logprobs -> logprobs and top_logprobs', { given: { model: 'm', input: 'hi', top_logprobs: 3 }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], logprobs: true, top_logprobs: 3 } }],
  ['include message.output_text.logprobs -> logprobs', { given: { model: 'm', input: 'hi', include: ['message.output_text.logprobs', 'reasoning.encrypted_content'] }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], logprobs: true } }],
  ['safety_identifier -> user by default, over any-llm\'s user', { given: { model: 'm', input: 'hi', safety_identifier: 'u-1', user: 'u-2' }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], user: 'u-1' } }],
  ['user -> safety_identifier where the provider reads that', { given: { model: 'm', input: 'hi', user: 'u-2' }, options: { identityField: 'safety_identifier' }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], safety_identifier: 'u-2' } }],
  ['identity left out where the provider takes none', { given: { model: 'm', input: 'hi', user: 'u-2' }, options: { identityField: null }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  ['metadata left out by default (echoed on the response only)', { given: { model: 'm', input: 'hi', metadata: { a: '1' } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  ['metadata where the provider takes it', { given: { model: 'm', input: 'hi', metadata: { a: '1' } }, options: { metadata: true }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], metadata: { a: '1' } } }],
  ['a stream asks for usage', { given: { model: 'm', input: 'hi', stream: true, stream_options: { include_obfuscation: false } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true, include_obfuscation: false } } }],
  ['a stream without usage where the provider has no stream_options', { given: { model: 'm', input: 'hi', stream: true }, options: { streamUsage: false }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true } }],
  ['service tier and prompt cache where taken', { given: { model: 'm', input: 'hi', service_tier: 'flex', prompt_cache_key: 'k', prompt_cache_retention: '24h' }, options: { serviceTier: true, promptCache: true }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], service_tier: 'flex', prompt_cache_key: 'k', prompt_cache_retention: '24h' } }],
  ['prompt cache hints dropped where not taken; store false and truncation disabled send nothing', { given: { model: 'm', input: 'hi', prompt_cache_key: 'k', store: false, truncation: 'disabled', service_tier: 'auto' }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }],
  ['provider-specific keys pass through unchanged', { given: { model: 'm', input: 'hi', thinking: { type: 'enabled' } }, want: { model: 'm', messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'enabled' } }, strict: false }],
];

describe('chatRequestFromResponses', () => {
  it.each(ROWS)('%s', (_name, row) => {
    const got = chatRequestFromResponses(row.given, row.options);
    expect(got).toEqual(row.want);
    if (row.strict !== false) {
      const v = chat.validate('CreateChatCompletionRequest', got, { mode: 'strict' });
      expect(v.errors ?? []).toEqual([]);
    }
  });

  it('leaves the given request untouched', () => {
    const given = { model: 'm', input: [user('hi'), call('c1', '{}')], tools: [weather] } as BridgeRequest;
    const copy = structuredClone(given);
    chatRequestFromResponses(given);
    expect(given).toEqual(copy);
  });
});

const REFUSALS: Array<[string, { given: BridgeRequest; options?: Partial<BridgeOptions>; want: Array<[string, RegExp]> }]> = [
  ['a built-in tool', { given: { input: 'hi', tools: [weather, { type: 'web_search' }] }, want: [['tools[1]', /built-in tool 'web_search'/]] }],
  ['file search and code interpreter', { given: { input: 'hi', tools: [{ type: 'file_search', vector_store_ids: ['v'] }, { type: 'code_interpreter' }] }, want: [['tools[0]', /'file_search'/], ['tools[1]', /'code_interpreter'/]] }],
  ['forcing a built-in tool', { given: { input: 'hi', tool_choice: { type: 'web_search_preview' } as never }, want: [['tool_choice', /'web_search_preview'/]] }],
  ['background', { given: { input: 'hi', background: true }, want: [['background', /background/]] }],
  ['previous_response_id needs a store', { given: { input: 'hi', previous_response_id: 'resp_1' }, want: [['previous_response_id', /conversation store/]] }],
  ['conversation needs a store', { given: { input: 'hi', conversation: 'conv_1' }, want: [['conversation', /conversation store/]] }],
  ['store: true needs a store', { given: { input: 'hi', store: true }, want: [['store', /conversation store/]] }],
  ['truncation auto', { given: { input: 'hi', truncation: 'auto' }, want: [['truncation', /do not truncate/]] }],
  ['max_tool_calls', { given: { input: 'hi', max_tool_calls: 2 }, want: [['max_tool_calls', /no Chat Completions equivalent/]] }],
  ['reasoning effort where the provider reads none', { given: { input: 'hi', reasoning: { effort: 'low' } }, options: { reasoningEffort: false }, want: [['reasoning.effort', /no reasoning effort/]] }],
  ['logprobs where the provider returns none', { given: { input: 'hi', top_logprobs: 2 }, options: { logprobs: false }, want: [['top_logprobs', /no logprobs/]] }],
  ['a service tier the provider does not have', { given: { input: 'hi', service_tier: 'flex' }, want: [['service_tier', /'flex'/]] }],
  ['an item reference needs a store', { given: { input: [{ type: 'item_reference', id: 'msg_1' }] }, want: [['input[0]', /conversation store/]] }],
  ['a compaction item', { given: { input: [user('hi'), { type: 'compaction', encrypted_content: 'x' }] }, want: [['input[1]', /compaction/]] }],
  ['video input', { given: { input: [user([{ type: 'input_video', video_url: 'https://x/v.mp4' }])] }, want: [['input[0].content[0]', /video/]] }],
  ['images where the provider takes none', { given: { input: [user([{ type: 'input_image', image_url: 'https://x/a.png' }])] }, options: { images: false }, want: [['input[0].content[0]', /no image input/]] }],
  ['an image by file id', { given: { input: [user([{ type: 'input_image', file_id: 'file-1' }])] }, want: [['input[0].content[0]', /file_id/]] }],
  ['files where the provider takes none (the default)', { given: { input: [user([{ type: 'input_file', file_data: 'data:application/pdf;base64,AA', filename: 'a.pdf' }])] }, want: [['input[0].content[0]', /no file input/]] }],
  ['a file by URL', { given: { input: [user([{ type: 'input_file', file_url: 'https://x/a.pdf' }])] }, options: { files: true }, want: [['input[0].content[0]', /not a file_url/]] }],
  ['a file by id where the provider keeps no files', { given: { input: [user([{ type: 'input_file', file_id: 'file-1' }])] }, options: { files: true }, want: [['input[0].content[0]', /keep files/]] }],
  ['an image in a tool result', { given: { input: [call('c1', '{}'), output('c1', [{ type: 'input_image', image_url: 'https://x/a.png' }])] }, want: [['input[1].output[0]', /text only/]] }],
  ['an unknown item type', { given: { input: [{ type: 'web_search_call', id: 'ws_1' }] }, want: [['input[0]', /'web_search_call'/]] }],
];

describe('refusals, before any traffic', () => {
  it.each(REFUSALS)('%s', (_name, row) => {
    const found = unsupportedParameters(row.given, row.options);
    expect(found.map((r) => r.parameter)).toEqual(row.want.map(([p]) => p));
    found.forEach((r, i) => expect(r.reason).toMatch(row.want[i][1]));
    const attempt = () => chatRequestFromResponses(row.given, { ...row.options, provider: 'mistral' });
    expect(attempt).toThrow(UnsupportedParameterError);
    expect(attempt).toThrow(`mistral (Chat Completions) does not support ${row.want[0][0]}`);
  });

  it('names every refused parameter in one error', () => {
    const given: BridgeRequest = { input: 'hi', background: true, store: true, tools: [{ type: 'web_search' }] };
    let err: UnsupportedParameterError | undefined;
    try {
      assertBridgeable(given, { provider: 'deepseek' });
    } catch (e) {
      err = e as UnsupportedParameterError;
    }
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    expect(err!.provider).toBe('deepseek (Chat Completions)');
    expect(err!.parameter).toBe('tools[0]');
    expect(err!.message).toMatch(/and 2 more: background, store/);
  });

  it('a plain request has nothing to refuse', () => {
    expect(unsupportedParameters({ model: 'm', input: 'hi', tools: [weather], store: false, background: false, truncation: 'disabled' })).toEqual([]);
  });
});
