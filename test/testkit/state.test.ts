/**
 * The mock server's memory: previous_response_id and conversations carry
 * the history, stored responses can be retrieved, listed, deleted and
 * cancelled (openai flavor), background responses move from queued to
 * in_progress to completed, a stream resumes after `starting_after`, and
 * compaction works on both flavors. Every answer is strictly valid.
 */
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, create, responseProblems, streamProblems, weatherTool } from '../support/mock.js';

type Json = Record<string, any>;
const text = (r: Json) => r.output.flatMap((i: Json) => i.content ?? []).map((c: Json) => c.text ?? '').join('');

describe('openai flavor state', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'openai' });
  });
  afterAll(() => server.close());

  it('a second turn with previous_response_id sees the first', async () => {
    const first = (await create(server, { model: 'echo', input: 'My name is Ada.' })).json!;
    const second = (await create(server, { model: 'echo', input: 'What is my name?', previous_response_id: first.id })).json!;
    expect(responseProblems('openai', second)).toEqual([]);
    expect(second.previous_response_id).toBe(first.id);
    expect(text(second)).toBe('You said: "What is my name?". Before that you said: "My name is Ada.".');
  });

  it('a function_call_output continues a tool call', async () => {
    const first = (await create(server, { model: 'echo', input: 'Weather?', tools: [weatherTool], tool_choice: 'required' })).json!;
    const call0 = first.output[0];
    const second = (await create(server, { model: 'echo', previous_response_id: first.id, tools: [weatherTool], tool_choice: 'required', input: [{ type: 'function_call_output', call_id: call0.call_id, output: 'sunny, 21 C' }] })).json!;
    expect(text(second)).toBe('get_weather returned: sunny, 21 C');
  });

  it('a conversation collects the items of every turn', async () => {
    await create(server, { model: 'echo', input: 'one', conversation: 'conv_a' });
    const r = (await create(server, { model: 'echo', input: 'two', conversation: 'conv_a' })).json!;
    expect(responseProblems('openai', r)).toEqual([]);
    expect(r.conversation).toEqual({ id: 'conv_a' });
    expect(text(r)).toBe('You said: "two". Before that you said: "one".');
  });

  it('retrieve, input_items, delete', async () => {
    const r = (await create(server, { model: 'echo', input: [{ type: 'message', role: 'user', content: 'a' }, { type: 'message', role: 'user', content: 'b' }] })).json!;
    const got = await call(server, `/responses/${r.id}`);
    expect(got.json).toEqual(r);
    const items = (await call(server, `/responses/${r.id}/input_items?order=asc&limit=1`)).json!;
    expect(responseProblems('openai', items, 'ResponseItemList')).toEqual([]);
    expect(items).toMatchObject({ object: 'list', has_more: true, data: [{ role: 'user', content: [{ type: 'input_text', text: 'a' }] }] });
    const next = (await call(server, `/responses/${r.id}/input_items?order=asc&after=${items.last_id}`)).json!;
    expect(next.data.map((i: Json) => i.content[0].text)).toEqual(['b']);
    expect((await call(server, `/responses/${r.id}`, { method: 'DELETE' })).json).toEqual({ id: r.id, object: 'response', deleted: true });
    const gone = await call(server, `/responses/${r.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json!.error.param).toBe('response_id');
  });

  it('store: false keeps nothing', async () => {
    const r = (await create(server, { model: 'echo', input: 'secret', store: false })).json!;
    expect(r.store).toBe(false);
    expect((await call(server, `/responses/${r.id}`)).status).toBe(404);
  });

  it('background: queued, then in_progress, then completed, one step per poll', async () => {
    const r = (await create(server, { model: 'echo', input: 'slow one', background: true })).json!;
    const seen = [r.status];
    for (let i = 0; i < 3; i++) {
      const p = (await call(server, `/responses/${r.id}`)).json!;
      expect(responseProblems('openai', p)).toEqual([]);
      seen.push(p.status);
    }
    expect(seen).toEqual(['queued', 'in_progress', 'completed', 'completed']);
  });

  it('cancel stops a background response; a foreground one cannot be cancelled', async () => {
    const r = (await create(server, { model: 'echo', input: 'cancel me', background: true })).json!;
    const c = (await call(server, `/responses/${r.id}/cancel`, { method: 'POST' })).json!;
    expect(responseProblems('openai', c)).toEqual([]);
    expect(c.status).toBe('cancelled');
    expect((await call(server, `/responses/${r.id}`)).json!.status).toBe('cancelled');
    const fg = (await create(server, { model: 'echo', input: 'x' })).json!;
    expect((await call(server, `/responses/${fg.id}/cancel`, { method: 'POST' })).status).toBe(400);
  });

  it('a stored stream resumes after starting_after', async () => {
    const full = (await create(server, { model: 'echo', input: 'resume this stream please', stream: true })).events as Json[];
    const id = full[0].response.id;
    const rest = (await call(server, `/responses/${id}?stream=true&starting_after=4`)).events as Json[];
    expect(rest).toEqual(full.slice(5));
  });

  it('input_tokens and compact', async () => {
    const t = (await call(server, '/responses/input_tokens', { body: { model: 'echo', input: 'count these words' } })).json!;
    expect(responseProblems('openai', t, 'TokenCountsResource')).toEqual([]);
    expect(t.input_tokens).toBeGreaterThan(0);
    const first = (await create(server, { model: 'echo', input: 'long history' })).json!;
    const c = (await call(server, '/responses/compact', { body: { model: 'echo', previous_response_id: first.id } })).json!;
    expect(responseProblems('openai', c, 'CompactResource')).toEqual([]);
    expect(c.output.at(-1).type).toBe('compaction');
  });
});

describe('openresponses flavor state', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'openresponses' });
  });
  afterAll(() => server.close());

  it('previous_response_id, streamed', async () => {
    const first = (await create(server, { model: 'echo', input: 'Remember 42.' })).json!;
    const events = (await create(server, { model: 'echo', input: 'What number?', previous_response_id: first.id, stream: true })).events as Json[];
    expect(streamProblems('openresponses', events)).toEqual([]);
    expect(text(events.at(-1)!.response)).toBe('You said: "What number?". Before that you said: "Remember 42.".');
  });

  it('compact', async () => {
    const c = (await call(server, '/responses/compact', { body: { model: 'echo', input: [{ type: 'message', role: 'user', content: 'keep me' }] } })).json!;
    expect(responseProblems('openresponses', c, 'CompactResource')).toEqual([]);
    expect(c.output.map((i: Json) => i.type)).toEqual(['message', 'compaction']);
  });
});
