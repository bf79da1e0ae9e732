/**
 * Body translation details the recordings do not all show, as a table: ids
 * derived from the chat id, finish reasons, refusals, the deprecated
 * function_call, usage wherever providers put its parts, and the request's
 * settings echoed on the response. Every result is strictly valid.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { responseFromChat, type BridgeRequest, type ChatCompletion } from '../../runtime/bridge/index.js';
import { repoRoot } from '../support/shared.js';

type Obj = Record<string, any>;
const spec = (await import(join(repoRoot, 'generated/openresponses/validators.js'))) as { validate(n: string, v: unknown, o: { mode: 'strict' }): { ok: boolean; errors?: unknown[] } };
const options = { now: () => 1_800_000_000_000 };
const body = (message: Obj, extra: Obj = {}, finish = 'stop'): ChatCompletion => ({ id: 'chatcmpl-1', object: 'chat.completion', created: 1_700_000_000, model: 'm', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }], ...extra });

const ROWS: Array<[string, { given: ChatCompletion; request?: BridgeRequest; want: Obj }]> = [
  [
    'ids come from the chat id',
    { given: body({ content: 'Hi', reasoning_content: 'Hm', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }, { type: 'function', function: { name: 'g', arguments: '{}' } }] }), want: { id: 'resp_chatcmpl-1', output: [{ id: 'rs_chatcmpl-1' }, { id: 'msg_chatcmpl-1' }, { id: 'fc_chatcmpl-1_0', call_id: 'call_1' }, { id: 'fc_chatcmpl-1_1', call_id: 'call_chatcmpl-1_1' }] } },
  ],
  ['characters outside [A-Za-z0-9_-] in the chat id become _', { given: { ...body({ content: 'Hi' }), id: 'a/b c' }, want: { id: 'resp_a_b_c' } }],
  ['length: incomplete, max_output_tokens, the message incomplete', { given: body({ content: 'Once' }, {}, 'length'), want: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, completed_at: null, output: [{ status: 'incomplete' }] } }],
  ['content_filter: incomplete, content_filter', { given: body({ content: '' }, {}, 'content_filter'), want: { status: 'incomplete', incomplete_details: { reason: 'content_filter' } } }],
  ['a refusal is a refusal part', { given: body({ content: null, refusal: 'No.' }), want: { output: [{ type: 'message', content: [{ type: 'refusal', refusal: 'No.' }] }] } }],
  ['the deprecated function_call is a function_call item', { given: body({ content: null, function_call: { name: 'f', arguments: '{"a":1}' } }, {}, 'function_call'), want: { output: [{ type: 'function_call', name: 'f', arguments: '{"a":1}', call_id: 'call_chatcmpl-1_0' }] } }],
  ['arguments sent as an object are serialized', { given: body({ tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: 1 } } }] }), want: { output: [{ arguments: '{"a":1}' }] } }],
  ['an empty answer is an empty message', { given: body({ content: null }), want: { output: [{ type: 'message', content: [{ type: 'output_text', text: '', annotations: [] }] }] } }],
  ['Moonshot: cached tokens at the top of usage', { given: body({ content: 'x' }, { usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10, cached_tokens: 8 } }), want: { usage: { input_tokens: 9, output_tokens: 1, total_tokens: 10, input_tokens_details: { cached_tokens: 8 }, output_tokens_details: { reasoning_tokens: 0 } } } }],
  ['DeepSeek: prompt_cache_hit_tokens', { given: body({ content: 'x' }, { usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10, prompt_cache_hit_tokens: 7 } }), want: { usage: { input_tokens_details: { cached_tokens: 7 } } } }],
  ['Azure: reasoning tokens at the top of usage; a missing total is the sum', { given: body({ content: 'x' }, { usage: { prompt_tokens: 9, completion_tokens: 3, reasoning_tokens: 2 } }), want: { usage: { total_tokens: 12, output_tokens_details: { reasoning_tokens: 2 } } } }],
  ['Groq: usage under x_groq only', { given: body({ content: 'x' }, { x_groq: { usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 } } }), want: { usage: { input_tokens: 4, output_tokens: 2, total_tokens: 6 } } }],
  ['no usage is null', { given: body({ content: 'x' }), want: { usage: null } }],
  ['Perplexity citations become annotations at their markers', { given: body({ content: 'Big [2].' }, { citations: ['https://a', 'https://b'], search_results: [{ title: 'B page', url: 'https://b' }] }), want: { output: [{ content: [{ annotations: [{ type: 'url_citation', url: 'https://b', start_index: 4, end_index: 7, title: 'B page' }] }] }] } }],
  ['a created of 0 takes the clock', { given: { ...body({ content: 'x' }), created: 0 }, want: { created_at: 1_800_000_000, completed_at: 1_800_000_000 } }],
  [
    'the request\'s settings are echoed',
    {
      given: body({ content: '{"a":1}' }, { service_tier: 'flex' }),
      request: {
        model: 'm', instructions: 'Be brief.', temperature: 0.3, top_p: 0.8, max_output_tokens: 50, metadata: { k: 'v' }, safety_identifier: 'u', prompt_cache_key: 'p', parallel_tool_calls: false,
        tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }], tool_choice: { type: 'function', name: 'f' }, reasoning: { effort: 'low' },
        text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true } },
      },
      want: {
        instructions: 'Be brief.', temperature: 0.3, top_p: 0.8, max_output_tokens: 50, metadata: { k: 'v' }, safety_identifier: 'u', prompt_cache_key: 'p', parallel_tool_calls: false, service_tier: 'flex',
        tools: [{ type: 'function', name: 'f', description: null, parameters: { type: 'object' }, strict: null }], tool_choice: { type: 'function', name: 'f' }, reasoning: { effort: 'low', summary: null },
        text: { format: { type: 'json_schema', name: 'out', description: null, schema: null, strict: true } }, store: false, background: false, truncation: 'disabled',
      },
    },
  ],
  ['without a request, the spec\'s defaults', { given: body({ content: 'x' }), want: { instructions: null, tools: [], tool_choice: 'auto', temperature: 1, top_p: 1, presence_penalty: 0, frequency_penalty: 0, top_logprobs: 0, text: { format: { type: 'text' } }, reasoning: null, metadata: {}, service_tier: 'default', previous_response_id: null } }],
];

describe('responseFromChat', () => {
  it.each(ROWS)('%s', (_name, row) => {
    const r = responseFromChat(row.given, { request: row.request, options });
    expect(spec.validate('ResponseResource', r, { mode: 'strict' }).errors ?? []).toEqual([]);
    expect(r).toMatchObject(row.want);
  });

  it('is deterministic: the same body gives the same response, a body without an id the same hashed ids', () => {
    const b = body({ content: 'x' });
    expect(responseFromChat(b, { options })).toEqual(responseFromChat(structuredClone(b), { options }));
    const anon = { ...b, id: undefined };
    const one = responseFromChat(anon, { options });
    expect(one.id).toMatch(/^resp_[0-9a-f]{16}$/);
    expect(responseFromChat(structuredClone(anon), { options }).id).toBe(one.id);
    expect(responseFromChat({ ...anon, model: 'other' }, { options }).id).not.toBe(one.id);
  });
});
