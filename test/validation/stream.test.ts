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
    slip[5].text = 'Help';
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
