/**
 * The stream translator beyond the recordings: the same SSE bytes split any
 * way give the same events; errors mid-stream, a broken connection and a bad
 * data line end in `error` + `response.failed`; and a table of scripted
 * streams (parallel tool calls interleaved, truncation, content filter,
 * refusal, logprobs, annotations, an empty answer...) whose events pass
 * strict validateStream and the order rules, and whose final response equals
 * the bridged body of the same content.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatSSETranslator, ChatStreamTranslator, responseFromChat } from '../../runtime/bridge/index.js';
import { APIConnectionError } from '../../runtime/core/errors.js';
import { chatRecordings, foldStream, readChunks, splitStreams, sseText } from '../support/chat-recordings.js';
import { eventOrderProblems } from '../support/event-order.js';
import { repoRoot } from '../support/shared.js';

type Obj = Record<string, any>;
const spec = (await import(join(repoRoot, 'generated/openresponses/validators.js'))) as { validateStream(e: unknown[], o: { mode: 'strict' }): { ok: boolean; errors: unknown[] } };
const options = { now: () => 1_800_000_000_000, newId: () => 'generated' };

function translate(chunks: readonly Obj[]): { events: Obj[]; final: Obj } {
  const t = new ChatStreamTranslator({ options });
  const events = chunks.flatMap((c) => t.push(c)).concat(t.end());
  return { events, final: t.response as Obj };
}

function viaSSE(pieces: Array<string | Uint8Array>): Obj[] {
  const t = new ChatSSETranslator({ options });
  return pieces.flatMap((p) => t.push(p)).concat(t.end());
}

function checked(events: Obj[]): void {
  const v = spec.validateStream(events, { mode: 'strict' });
  expect(v.errors).toEqual([]);
  expect(eventOrderProblems(events)).toEqual([]);
}

describe('split-independence: the same recording as one piece, per line, or in 7-byte pieces', () => {
  const streams = chatRecordings()
    .filter((r) => r.kind === 'stream')
    .flatMap((r) => splitStreams(readChunks(r.file)).map((s, i, all) => [all.length > 1 ? `${r.id} #${i}` : r.id, s] as const));
  it.each(streams)('%s', (_id, chunks) => {
    const text = sseText(chunks);
    const whole = viaSSE([text]);
    const lines = viaSSE(text.split(/(?<=\n)/));
    const bytes = Buffer.from(text, 'utf8');
    const small: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) small.push(bytes.subarray(i, i + 7));
    expect(lines).toEqual(whole);
    expect(viaSSE(small)).toEqual(whole);
    expect(whole).toEqual(translate(chunks).events);
  });
});

const chunk = (delta: Obj, extra: Obj = {}): Obj => ({ id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'm', choices: [{ index: 0, delta, finish_reason: null, ...extra }] });
const finish = (reason: string): Obj => ({ id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: reason }] });
const usage: Obj = { id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'm', choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } } };
const tc = (index: number, fn: Obj, id?: string): Obj => chunk({ tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }] });

const SCRIPTS: Array<[string, { chunks: Obj[]; status: string; items: string[]; check?: (final: Obj, events: Obj[]) => void }]> = [
  [
    'two tool calls with their arguments interleaved in pieces, usage in a last empty-choices chunk',
    {
      chunks: [chunk({ role: 'assistant' }), tc(0, { name: 'a', arguments: '{"x"' }, 'call_a'), tc(1, { name: 'b', arguments: '{"y"' }, 'call_b'), tc(0, { arguments: ':1}' }), tc(1, { arguments: ':2}' }), finish('tool_calls'), usage],
      status: 'completed',
      items: ['function_call', 'function_call'],
      check: (final) => {
        expect(final.output.map((i: Obj) => [i.call_id, i.name, i.arguments])).toEqual([['call_a', 'a', '{"x":1}'], ['call_b', 'b', '{"y":2}']]);
        expect(final.usage).toEqual({ input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 2 } });
      },
    },
  ],
  [
    'reasoning, then text, then a tool call',
    { chunks: [chunk({ reasoning_content: 'Think' }), chunk({ reasoning_content: 'ing.' }), chunk({ content: 'Let me ' }), chunk({ content: 'check.' }), tc(0, { name: 'f', arguments: '{}' }, 'call_f'), finish('tool_calls')], status: 'completed', items: ['reasoning', 'message', 'function_call'] },
  ],
  [
    'length: the response and its last item (a call cut short) are incomplete',
    {
      chunks: [chunk({ content: 'Calling.' }), tc(0, { name: 'f', arguments: '{"q": "lo' }, 'call_f'), finish('length')],
      status: 'incomplete',
      items: ['message', 'function_call'],
      check: (final) => {
        expect(final.incomplete_details).toEqual({ reason: 'max_output_tokens' });
        expect(final.output.map((i: Obj) => i.status)).toEqual(['completed', 'incomplete']);
      },
    },
  ],
  [
    'content_filter: incomplete, with the message incomplete',
    { chunks: [chunk({ content: 'Once upon' }), finish('content_filter')], status: 'incomplete', items: ['message'], check: (final) => expect([final.incomplete_details, final.output[0].status]).toEqual([{ reason: 'content_filter' }, 'incomplete']) },
  ],
  [
    'a refusal',
    { chunks: [chunk({ role: 'assistant', content: null, refusal: 'I can' }), chunk({ refusal: 'not help.' }), finish('stop')], status: 'completed', items: ['message'], check: (final) => expect(final.output[0].content).toEqual([{ type: 'refusal', refusal: 'I cannot help.' }]) },
  ],
  [
    'an empty answer is an empty message',
    { chunks: [chunk({ role: 'assistant', content: '' }), finish('stop')], status: 'completed', items: ['message'], check: (final) => expect(final.output[0].content).toEqual([{ type: 'output_text', text: '', annotations: [] }]) },
  ],
  [
    'logprobs on the deltas and on the text',
    {
      chunks: [chunk({ content: 'O' }, { logprobs: { content: [{ token: 'O', logprob: -0.1, bytes: [79], top_logprobs: [] }], refusal: null } }), chunk({ content: 'K' }, { logprobs: { content: [{ token: 'K', logprob: -0.2, bytes: null, top_logprobs: [] }], refusal: null } }), finish('stop')],
      status: 'completed',
      items: ['message'],
      check: (final, events) => {
        expect(final.output[0].content[0].logprobs).toEqual([{ token: 'O', logprob: -0.1, bytes: [79], top_logprobs: [] }, { token: 'K', logprob: -0.2, bytes: [], top_logprobs: [] }]);
        expect(events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.logprobs.length)).toEqual([1, 1]);
      },
    },
  ],
  [
    'a call whose name comes after its first arguments is added once named',
    { chunks: [tc(0, { arguments: '{"a"' }, 'call_x'), tc(0, { name: 'late', arguments: ':1}' }), finish('tool_calls')], status: 'completed', items: ['function_call'], check: (final) => expect([final.output[0].name, final.output[0].arguments]).toEqual(['late', '{"a":1}']) },
  ],
  [
    'DeepSeek insufficient_system_resource fails the response',
    { chunks: [chunk({ content: 'Par' }), finish('insufficient_system_resource')], status: 'failed', items: ['message'], check: (final, events) => expect([events.at(-2)!.type, final.error.code]).toEqual(['error', 'server_error']) },
  ],
  [
    'choices other than index 0 are not bridged',
    { chunks: [chunk({ content: 'A' }), { ...chunk({ content: 'B' }), choices: [{ index: 1, delta: { content: 'B' }, finish_reason: null }] }, finish('stop')], status: 'completed', items: ['message'], check: (final) => expect(final.output[0].content[0].text).toBe('A') },
  ],
];

describe('scripted streams', () => {
  it.each(SCRIPTS)('%s', (_name, s) => {
    const { events, final } = translate(s.chunks);
    checked(events);
    expect(final.status).toBe(s.status);
    expect(final.output.map((i: Obj) => i.type)).toEqual(s.items);
    if (s.status !== 'failed') expect(final).toEqual(responseFromChat(foldStream(s.chunks) as never, { options }));
    s.check?.(final, events);
  });

  it('OpenAI url_citation annotations in deltas land on the text', () => {
    const ann = { type: 'url_citation', url_citation: { start_index: 0, end_index: 5, url: 'https://x', title: 'X' } };
    const { events, final } = translate([chunk({ content: 'Paris is big.' }), chunk({ annotations: [ann] }), finish('stop')]);
    checked(events);
    const want = [{ type: 'url_citation', url: 'https://x', start_index: 0, end_index: 5, title: 'X' }];
    expect(final.output[0].content[0].annotations).toEqual(want);
    expect(events.find((e) => e.type === 'response.output_text.annotation.added')!.annotation).toEqual(want[0]);
    const body = { id: 'chatcmpl-s', created: 1_700_000_000, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Paris is big.', annotations: [ann] } }] };
    expect(final).toEqual(responseFromChat(body as never, { options }));
  });
});

describe('errors and ends', () => {
  const text = readChunks(chatRecordings().find((r) => r.id === 'deepseek/deepseek-text.chunks.txt')?.file ?? '/dev/null');

  it('an error chunk mid-stream: an error event, then response.failed with the output so far', () => {
    if (text.length === 0) return;
    const chunks = [...text.slice(0, 6), { error: { message: 'Upstream overloaded', type: 'server_error', code: 'overloaded', param: null } }, ...text.slice(6)];
    const { events, final } = translate(chunks);
    checked(events);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['error', 'response.failed']);
    expect((events.at(-2) as unknown as { error: unknown }).error).toEqual({ type: 'server_error', code: 'overloaded', message: 'Upstream overloaded', param: null });
    expect(final.status).toBe('failed');
    expect(final.error).toEqual({ code: 'overloaded', message: 'Upstream overloaded' });
    expect(final.output[0].content[0].text).toBe(text.slice(0, 6).map((c) => c.choices[0].delta.content).join(''));
  });

  it('an error as the first chunk still starts the response', () => {
    const { events } = translate([{ error: { message: 'Bad key', type: 'authentication_error' } }]);
    checked(events);
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.in_progress', 'error', 'response.failed']);
    expect(events[2].error).toEqual({ type: 'authentication_error', code: null, message: 'Bad key', param: null });
  });

  it('a broken connection: fail() ends the stream', () => {
    const t = new ChatStreamTranslator({ options });
    const events = [...t.push(text[0] ?? chunk({ content: 'Hi' })), ...t.push(text[1] ?? chunk({ content: '!' })), ...t.fail(new APIConnectionError('socket hang up'))];
    checked(events);
    expect((events.at(-2) as unknown as { error: unknown }).error).toEqual({ type: 'server_error', code: null, message: 'socket hang up', param: null });
    expect(t.push(chunk({ content: 'late' }))).toEqual([]);
    expect(t.end()).toEqual([]);
  });

  it('a data line that is not JSON fails the stream, naming it', () => {
    const events = viaSSE([`data: ${JSON.stringify(chunk({ content: 'Hi' }))}\n\n`, 'data: {"choices": [\n\n', `data: ${JSON.stringify(chunk({ content: 'lost' }))}\n\n`]);
    checked(events);
    expect(events.at(-2)!.error.code).toBe('invalid_stream_data');
    expect(events.at(-2)!.error.message).toContain('{\\"choices\\": [');
  });

  it('a body that ends without [DONE] ends the response at the end of the body', () => {
    const events = viaSSE([`data: ${JSON.stringify(chunk({ content: 'Hi' }))}\n\n`, `data: ${JSON.stringify(finish('stop'))}`]);
    checked(events);
    expect(events.at(-1)!.type).toBe('response.completed');
  });

  it('an empty body is an empty completed response', () => {
    const events = viaSSE([]);
    checked(events);
    expect(events.at(-1)!.response.output).toHaveLength(1);
  });
});
