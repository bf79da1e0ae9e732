/**
 * Deliberately broken servers, one per rule: the mock server behind a proxy
 * that breaks exactly one rule in what comes back. conform must name exactly
 * that rule, give the verdict its level calls for, and exit 1 (a failure) or
 * 1 then 0 with --allow-deviations (a deviation or an advisory rule).
 */
import { conform, startMockServer, type ConformReport, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_RULES } from '../../runtime/validation/stream-rules.js';
import { renumber, startProxy, type Breakage } from '../support/conform-proxy.js';

type Json = Record<string, any>;
const first = (events: Json[], type: string) => events.findIndex((e) => e.type === type);
const last = (events: Json[], type: string) => events.map((e) => e.type).lastIndexOf(type);
const without = (events: Json[], ...types: string[]) => renumber(events.filter((e) => !types.includes(e.type)));
const insertAt = (events: Json[], i: number, e: Json) => renumber([...events.slice(0, i), e, ...events.slice(i)]);
const emptyDelta = (events: Json[], fields: Json) => {
  const d = events[first(events, 'response.output_text.delta')];
  return { ...d, delta: '', ...fields };
};
const edit = (f: (events: Json[]) => void) => (events: Json[]) => (f(events), events);

/** [rule, scenarios to run, the breakage, the verdict wanted]. */
const BROKEN: Array<[string, string[], Breakage, 'fail' | 'deviation']> = [
  ['http-content-type', ['stream'], { streamContentType: 'text/plain' }, 'fail'],
  ['sse-data-json', ['stream'], { sse: (m) => [...m.slice(0, 3), { event: 'response.output_text.delta', data: '{"type": "response.output_text.delta", ' }, ...m.slice(3)] }, 'fail'],
  ['sse-event-field', ['stream'], { sse: (m) => (m[4].event = 'response.refusal.delta', m) }, 'deviation'],
  ['sse-done-terminator', ['stream'], { sse: (m) => m.filter((x) => x.data !== '[DONE]') }, 'deviation'],
  ['sse-no-id', ['stream'], { sse: (m) => (m[0].id = '1', m) }, 'deviation'],
  ['sequence-increasing', ['stream'], { events: edit((e) => (e[5].sequence_number = e[4].sequence_number)) }, 'fail'],
  ['created-first', ['stream'], { events: (e) => without(e, 'response.created') }, 'deviation'],
  ['one-terminal-last', ['stream'], { events: (e) => without(e, 'response.completed') }, 'fail'],
  ['item-added-first', ['stream'], { events: (e) => insertAt(e, 4, emptyDelta(e, { output_index: 1 })) }, 'deviation'],
  ['item-closed-once', ['stream'], { events: (e) => without(e, 'response.output_item.done') }, 'deviation'],
  ['no-update-after-done', ['stream'], { events: (e) => insertAt(e, last(e, 'response.output_item.done') + 1, emptyDelta(e, {})) }, 'deviation'],
  ['content-in-part', ['stream'], { events: (e) => without(e, 'response.content_part.added', 'response.content_part.done') }, 'deviation'],
  // The mock's old bug: reasoning text streamed with no content part around it.
  ['content-in-part', ['stream-reasoning'], { events: (e) => renumber(e.filter((x) => !(x.type.startsWith('response.content_part.') && x.part?.type === 'reasoning_text'))) }, 'deviation'],
  ['deltas-join-done', ['stream'], { events: edit((e) => (e[first(e, 'response.output_text.delta')].delta = 'Xx')) }, 'deviation'],
  ['indexes-consistent', ['stream'], { events: edit((e) => (e[first(e, 'response.output_text.delta')].item_id = 'msg_other')) }, 'deviation'],
  // The mock's old bug: an error event that ends the stream.
  ['error-then-failed', ['stream-error'], { events: (e) => without(e, 'response.failed') }, 'deviation'],
  ['incomplete-last', ['stream'], {
    events: edit((e) => {
      e[last(e, 'response.output_item.done')].item.status = 'incomplete';
      e[last(e, 'response.completed')].response.output[0].status = 'incomplete';
    }),
  }, 'deviation'],
  ['terminal-matches-events', ['stream'], { events: edit((e) => (e[last(e, 'response.completed')].response.output[0].content[0].text = 'Something else.')) }, 'deviation'],
  // Scenario checks and schemas, on JSON answers.
  ['schema', ['text'], { json: (a) => (delete a.body.usage, a) }, 'deviation'],
  ['http-status', ['error-malformed'], { json: (a) => ({ ...a, status: 500 }) }, 'fail'],
  ['json-content-type', ['error-unknown-model'], { json: (a) => ({ ...a, contentType: 'text/plain' }) }, 'deviation'],
  ['error-param', ['error-unknown-previous'], { json: (a) => (a.body.error.param = null, a) }, 'deviation'],
  ['echoes-request', ['instructions'], { json: (a, _p, req) => (req?.instructions && (a.body.instructions = 'Something else.'), a) }, 'deviation'],
  ['output-message', ['text'], { json: (a) => ((a.body.output[0].content = []), a) }, 'fail'],
  ['function-call', ['tool-forced'], { json: (a) => ((a.body.output[0].arguments = 'not json'), a) }, 'fail'],
  ['structured-output', ['structured-output'], { json: (a) => ((a.body.output[0].content[0].text = '{"city": "Oslo"}'), a) }, 'fail'],
  ['context-kept', ['multi-turn'], { json: (a) => ((a.body.output[0].content[0].text = 'I do not know.'), a) }, 'deviation'],
];

const rulesOf = (r: ConformReport) => [...new Set(r.scenarios.flatMap((s) => s.findings.map((f) => f.rule)))];

describe('conform names exactly the rule a broken server breaks', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'openresponses' });
  });
  afterAll(() => server.close());

  it('every stream rule has a broken server in the table', () => {
    const covered = new Set(BROKEN.map(([rule]) => rule));
    expect(STREAM_RULES.map((r) => r.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(BROKEN)('%s (%j)', async (rule, only, breakage, verdict) => {
    const proxy = await startProxy(server.url, breakage);
    try {
      const mock = { url: proxy.url, flavor: server.flavor, enqueue: server.enqueue };
      const report = await conform({ mock, only });
      expect(rulesOf(report)).toEqual([rule]);
      expect(report.scenarios.map((s) => s.verdict)).toEqual(only.map(() => verdict));
      const finding = report.scenarios[0].findings[0];
      expect(finding.message.length).toBeGreaterThan(10);
      expect(report.exit).toBe(1);
      const allowed = await conform({ mock, only, allowDeviations: true });
      expect(rulesOf(allowed)).toEqual([rule]);
      expect(allowed.exit).toBe(verdict === 'fail' ? 1 : 0);
    } finally {
      await proxy.close();
    }
  });

  it('the openai flavor sends no [DONE], and conform does not ask it to', async () => {
    const openai = await startMockServer({ flavor: 'openai' });
    const proxy = await startProxy(openai.url, { sse: (m) => m.filter((x) => x.data !== '[DONE]') });
    try {
      const report = await conform({ mock: { url: proxy.url, flavor: 'openai', enqueue: openai.enqueue }, only: ['stream', 'stream-error'] });
      expect(report.scenarios.map((s) => s.verdict)).toEqual(['pass', 'pass']);
      expect(report.scenarios[0].exchanges[0].done).toBe(false);
    } finally {
      await proxy.close();
      await openai.close();
    }
  });
});
