/** The stream rules of validateStream / createStreamChecker, on small hand-written OpenResponses streams. */
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../support/conformance.js';
import { hasShared } from '../support/shared.js';

const specs = hasShared() ? await loadSpecs() : undefined;
const or = specs?.openresponses as unknown as Record<string, any>;

const resource = (status: string, output: unknown[] = []) => ({
  id: 'resp_1', object: 'response', created_at: 1, completed_at: status === 'completed' ? 2 : null, status, incomplete_details: null, model: 'm',
  previous_response_id: null, instructions: null, output, error: null, tools: [], tool_choice: 'auto', truncation: 'disabled', parallel_tool_calls: true,
  text: { format: { type: 'text' } }, top_p: 1, presence_penalty: 0, frequency_penalty: 0, top_logprobs: 0, temperature: 1, reasoning: null, usage: null,
  max_output_tokens: null, max_tool_calls: null, store: false, background: false, service_tier: 'default', metadata: {}, safety_identifier: null, prompt_cache_key: null,
});
const item = (text: string, status = 'completed') => ({ type: 'message', id: 'msg_1', status, role: 'assistant', content: status === 'completed' ? [{ type: 'output_text', text, annotations: [], logprobs: [] }] : [] });
const part = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });

function stream(deltas: string[], done = deltas.join('')) {
  let n = 0;
  const ev = (type: string, fields: object) => ({ type, sequence_number: n++, ...fields });
  return [
    ev('response.created', { response: resource('in_progress') }),
    ev('response.output_item.added', { output_index: 0, item: item('', 'in_progress') }),
    ev('response.content_part.added', { output_index: 0, content_index: 0, item_id: 'msg_1', part: part('') }),
    ...deltas.map((d) => ev('response.output_text.delta', { output_index: 0, content_index: 0, item_id: 'msg_1', delta: d, logprobs: [] })),
    ev('response.output_text.done', { output_index: 0, content_index: 0, item_id: 'msg_1', text: done, logprobs: [] }),
    ev('response.content_part.done', { output_index: 0, content_index: 0, item_id: 'msg_1', part: part(done) }),
    ev('response.output_item.done', { output_index: 0, item: item(done) }),
    ev('response.completed', { response: resource('completed', [item(done)]) }),
  ];
}

describe('stream rules', () => {
  it('a whole, well-formed stream is valid in strict mode', () => {
    if (!or) return;
    const r = or.validateStream(stream(['Hel', 'lo']), { mode: 'strict' });
    expect(r).toMatchObject({ ok: true, errors: [], warnings: [], events: 9, responses: 1 });
  });

  it.each([
    ['sequence numbers must increase', (s: any[]) => { s[4].sequence_number = 1; return s; }, /sequence_number 1 does not increase/],
    ['response.created comes first', (s: any[]) => s.slice(1), /the first event is 'response.output_item.added'/],
    ['a terminal event must come last', (s: any[]) => s.slice(0, -1), /ended without a terminal event/],
    ['nothing after the terminal event', (s: any[]) => [...s, { ...s[3], sequence_number: 99 }], /after the terminal event/],
    ['output_index must refer to an added item', (s: any[]) => { s[3].output_index = 4; return s; }, /output_index 4 refers to no item added/],
    ['content_index must refer to an added part', (s: any[]) => { s[3].content_index = 2; return s; }, /content_index 2 of output 0 refers to no part added/],
    ['deltas must join into the done text', (s: any[]) => { s[5].text = 'Help'; return s; }, /the deltas join into "Hello", but 'response.output_text.done' says "Help"/],
    ['each event must be valid', (s: any[]) => { s[3].delta = 5; return s; }, /expected string, found number 5/],
  ])('%s', (_name, mutate, want) => {
    if (!or) return;
    const r = or.validateStream(mutate(stream(['Hel', 'lo'])), { mode: 'strict' });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(want);
  });

  it('tolerant mode keeps structural slips as warnings but a broken order as an error', () => {
    if (!or) return;
    const slip = stream(['Hel', 'lo']);
    (slip[5] as Record<string, unknown>).text = 'Help';
    expect(or.validateStream(slip)).toMatchObject({ ok: true, warnings: [expect.objectContaining({ index: 5, keyword: 'stream' })] });
    const order = stream(['a']);
    order[3].sequence_number = 0;
    expect(or.validateStream(order).ok).toBe(false);
  });

  it('an error event may end a stream, or come before response.failed', () => {
    if (!or) return;
    const s = stream(['a']).slice(0, 3);
    const err = { type: 'error', sequence_number: 3, error: { type: 'server_error', code: null, message: 'boom', param: null } };
    expect(or.validateStream([...s, err], { mode: 'strict' }).ok).toBe(true);
  });

  it('recordings with several responses back to back are read as several responses', () => {
    if (!or) return;
    const two = [...stream(['a']), ...stream(['b'])];
    expect(or.validateStream(two, { mode: 'strict' })).toMatchObject({ ok: true, responses: 2 });
  });

  it('the incremental checker gives the same answer as validateStream', () => {
    if (!or) return;
    const checker = or.createStreamChecker({ mode: 'strict' });
    for (const e of stream(['x', 'y'])) checker.push(e);
    expect(checker.end()).toEqual(or.validateStream(stream(['x', 'y']), { mode: 'strict' }));
  });
});

/** Renumbers sequence_number 0, 1, 2... (after a mutation added or removed events). */
const renumber = (s: any[]) => s.map((e, i) => ({ ...e, sequence_number: i }));
const at = (s: any[], i: number, ...add: any[]) => [...s.slice(0, i), ...add, ...s.slice(i)];
const without = (s: any[], i: number) => s.filter((_, j) => j !== i);
const delta = (fields: object) => ({ type: 'response.output_text.delta', sequence_number: 0, item_id: 'msg_1', output_index: 0, content_index: 0, delta: '', logprobs: [], ...fields });
const rulesOf = (r: { errors: any[]; warnings: any[] }) => [...new Set([...r.errors, ...r.warnings].map((i) => i.rule ?? `schema:${i.pointer}`))].sort();

describe('named stream rules: each mutation of a good stream breaks exactly one rule', () => {
  // Indexes in stream(['Hel', 'lo']): 0 created, 1 item added, 2 part added, 3-4 deltas, 5 text done, 6 part done, 7 item done, 8 completed.
  it.each<[string, (s: any[]) => any[], { ok: boolean }]>([
    ['sequence-increasing', (s) => { s[4].sequence_number = 1; return s; }, { ok: false }],
    ['created-first', (s) => renumber(s.slice(1)), { ok: false }],
    ['one-terminal-last', (s) => s.slice(0, -1), { ok: false }],
    ['item-added-first', (s) => renumber(at(s, 3, delta({ output_index: 1 }))), { ok: false }],
    ['item-closed-once', (s) => renumber(without(s, 7)), { ok: false }],
    ['item-closed-once', (s) => renumber(at(s, 8, s[7])), { ok: false }],
    ['no-update-after-done', (s) => renumber(at(s, 8, delta({}))), { ok: false }],
    ['content-in-part', (s) => renumber(without(s, 2)), { ok: false }],
    ['content-in-part', (s) => renumber(without(s, 6)), { ok: false }],
    ['deltas-join-done', (s) => { s[5].text = 'Help'; return s; }, { ok: false }],
    ['indexes-consistent', (s) => { s[3].item_id = 'msg_2'; return s; }, { ok: false }],
    ['indexes-consistent', (s) => { for (const e of s.slice(2, 7)) e.content_index = 1; return s; }, { ok: false }],
    ['error-then-failed', (s) => [...s.slice(0, 3), { type: 'error', sequence_number: 3, error: { type: 'server_error', code: null, message: 'boom', param: null } }], { ok: true }],
    ['incomplete-last', (s) => { s[7].item.status = 'incomplete'; s[8].response.output[0].status = 'incomplete'; return s; }, { ok: false }],
    ['terminal-matches-events', (s) => { s[8].response.output[0].content[0].text = 'Hi'; return s; }, { ok: false }],
  ])('%s', (rule, mutate, want) => {
    if (!or) return;
    const r = or.validateStream(mutate(structuredClone(stream(['Hel', 'lo']))), { mode: 'strict' });
    expect(rulesOf(r)).toEqual([rule]);
    expect(r.ok).toBe(want.ok);
  });

  it('an error event followed by response.failed breaks no rule; a failed response may leave its open item open', () => {
    if (!or) return;
    const s = stream(['Hel', 'lo']).slice(0, 4);
    const failed = { type: 'response.failed', sequence_number: 5, response: { ...resource('failed'), error: { code: 'server_error', message: 'boom' } } };
    const err = { type: 'error', sequence_number: 4, error: { type: 'server_error', code: 'server_error', message: 'boom', param: null } };
    expect(or.validateStream([...s, err, failed], { mode: 'strict' })).toMatchObject({ ok: true, errors: [], warnings: [] });
  });

  it('every rule has a stable name, a level, a scope and a description', async () => {
    const { STREAM_RULES } = await import('../../runtime/validation/stream-rules.js');
    expect(new Set(STREAM_RULES.map((r) => r.name)).size).toBe(STREAM_RULES.length);
    for (const r of STREAM_RULES) {
      expect(r.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'deviation', 'advisory']).toContain(r.level);
      expect(r.description.length).toBeGreaterThan(20);
    }
  });
});

describe('framing rules, on SSE messages as the decoder gives them', () => {
  const messages = (events: any[]) => events.map((e) => ({ event: e.type, data: JSON.stringify(e) }));
  const DONE = { data: '[DONE]' };
  it.each<[string, string, (m: any[]) => any[], string | undefined]>([
    ['a well-formed openresponses stream', 'none', (m) => [...m, DONE], 'text/event-stream; charset=utf-8'],
    ['http-content-type', 'http-content-type', (m) => [...m, DONE], 'application/json'],
    ['sse-data-json', 'sse-data-json', (m) => [...at(m, 3, { event: 'x', data: '{"type": ' }), DONE], 'text/event-stream'],
    ['sse-event-field: a different event name', 'sse-event-field', (m) => { m[3].event = 'response.refusal.delta'; return [...m, DONE]; }, 'text/event-stream'],
    ['sse-event-field: none', 'sse-event-field', (m) => { delete m[3].event; return [...m, DONE]; }, 'text/event-stream'],
    ['sse-done-terminator: missing', 'sse-done-terminator', (m) => m, 'text/event-stream'],
    ['sse-done-terminator: data after it', 'sse-done-terminator', (m) => [...m, DONE, m[3]], 'text/event-stream'],
    ['sse-no-id', 'sse-no-id', (m) => { m[0].id = '0'; return [...m, DONE]; }, 'text/event-stream'],
  ])('%s', (_name, rule, mutate, contentType) => {
    if (!or) return;
    const checker = or.createStreamChecker({ mode: 'strict' });
    checker.contentType(contentType);
    for (const m of mutate(messages(stream(['Hel', 'lo'])))) checker.pushMessage(m);
    expect(rulesOf(checker.end())).toEqual(rule === 'none' ? [] : [rule]);
  });

  it('the openai flavor needs no [DONE] but accepts one', () => {
    if (!specs) return;
    const oa = specs.openai as unknown as Record<string, any>;
    for (const tail of [[], [DONE]]) {
      const checker = oa.createStreamChecker({ mode: 'tolerant' });
      for (const m of [...messages([{ type: 'response.created', sequence_number: 0, response: {} }]), ...tail]) checker.pushMessage(m);
      expect(rulesOf(checker.end()).filter((r) => r === 'sse-done-terminator')).toEqual([]);
    }
  });
});
