/**
 * conform stays within its bounds: a server that accepts the connection and
 * never answers stops the run after the first request (exit 2); one that
 * sends headers and then nothing costs each request its timeout until the
 * overall deadline, after which the rest is skipped; the request budget caps
 * what is sent. Asserted on verdicts and counts, never on wall time.
 */
import { conform, CONFORM_DEFAULTS, SCENARIO_NAMES } from 'anyresponses/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hang, script, startTestServer, type TestServer } from '../support/http-server.js';
import { startMockServer } from 'anyresponses/testing';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('conform bounds', () => {
  it('every limit has its default in CONFORM_DEFAULTS', () => {
    expect(CONFORM_DEFAULTS).toMatchObject({ requestTimeoutMs: expect.any(Number), deadlineMs: expect.any(Number), maxRequests: expect.any(Number), maxResponseBytes: expect.any(Number), maxPolls: expect.any(Number) });
    expect(CONFORM_DEFAULTS.deadlineMs).toBeGreaterThan(CONFORM_DEFAULTS.requestTimeoutMs);
  });

  it('a server that accepts and never answers: the first request times out, the rest is not run, exit 2', async () => {
    server = await startTestServer();
    server.reply(hang());
    const r = await conform({ baseUrl: server.url + '/v1', model: 'm', requestTimeoutMs: 1500, deadlineMs: 60_000 });
    expect(r.exit).toBe(2);
    expect(r.unreachable).toMatch(/no complete answer within the request timeout \(1500 ms\)/);
    expect(r.requests).toBe(1);
    expect(server.received).toHaveLength(1);
    expect(r.scenarios[0]).toMatchObject({ name: 'text', verdict: 'fail', findings: [{ rule: 'answered', level: 'fail' }] });
    const rest = r.scenarios.slice(1);
    expect(rest.length).toBe(SCENARIO_NAMES.length - 1);
    for (const s of rest) expect(s.verdict).toBe('skipped');
    expect(rest.filter((s) => !/spec does not define it|needs /.test(s.reason!)).every((s) => /^not run: the server did not answer/.test(s.reason!))).toBe(true);
  });

  it('a refused connection is unreachable too (exit 2)', async () => {
    server = await startTestServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const r = await conform({ baseUrl: url + '/v1', model: 'm', only: ['text', 'stream'] });
    expect(r.exit).toBe(2);
    expect(r.unreachable).toMatch(/no answer: ECONNREFUSED/);
    expect(r.scenarios.map((s) => s.verdict)).toEqual(['fail', 'skipped']);
  });

  it('a server that sends headers and then stalls: each request is cut at its timeout, and the deadline ends the run', async () => {
    server = await startTestServer();
    server.reply(script({ headers: { 'content-type': 'application/json' }, body: ['{"id": "resp_1", '], keepOpen: true }));
    const r = await conform({ baseUrl: server.url + '/v1', model: 'm', requestTimeoutMs: 200, deadlineMs: 700 });
    expect(r.exit).toBe(1);
    expect(r.unreachable).toBeUndefined();
    const ran = r.scenarios.filter((s) => s.verdict !== 'skipped');
    expect(ran.length).toBeGreaterThan(0);
    for (const s of ran) expect(s.verdict).toBe('fail');
    expect(ran[0].findings.map((f) => f.message)).toContain('no complete answer within the request timeout (200 ms)');
    // 700 ms of deadline at 200 ms a request: at most four requests were sent, and the rest was skipped for the deadline.
    expect(r.requests).toBeLessThanOrEqual(4);
    expect(r.scenarios.some((s) => /deadline \(700 ms\) had passed/.test(s.reason ?? ''))).toBe(true);
    expect(r.scenarios.filter((s) => s.verdict === 'skipped').every((s) => /deadline|spec does not define it|needs /.test(s.reason!))).toBe(true);
  });

  it('a stream that never ends is cut at the request timeout, with what came before still checked', async () => {
    server = await startTestServer();
    const created = { type: 'response.created', sequence_number: 0, response: {} };
    server.reply(script({ headers: { 'content-type': 'text/event-stream' }, body: [`event: response.created\ndata: ${JSON.stringify(created)}\n\n`], keepOpen: true }));
    const r = await conform({ baseUrl: server.url + '/v1', model: 'm', only: ['stream'], requestTimeoutMs: 300 });
    expect(r.exit).toBe(1);
    const rules = r.scenarios[0].findings.map((f) => f.rule);
    expect(rules).toContain('answered');
    expect(rules).toContain('one-terminal-last');
    expect(r.scenarios[0].exchanges[0].events).toEqual(['response.created']);
  });

  it('the request budget caps what is sent: the rest is skipped', async () => {
    const mock = await startMockServer({ flavor: 'openai' });
    try {
      const r = await conform({ mock, maxRequests: 5, pollIntervalMs: 0 });
      expect(r.requests).toBe(5);
      expect(mock.requests).toHaveLength(5);
      expect(r.scenarios.some((s) => /budget of 5 requests was spent/.test(s.reason ?? ''))).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('an answer past the size limit is cut off and fails its scenario', async () => {
    const mock = await startMockServer({ flavor: 'openresponses' });
    try {
      const r = await conform({ mock, only: ['text'], maxResponseBytes: 100 });
      expect(r.scenarios[0]).toMatchObject({ verdict: 'fail', findings: [expect.objectContaining({ rule: 'answered', message: expect.stringMatching(/size limit \(100 bytes\)/) }), ...r.scenarios[0].findings.slice(1)] });
    } finally {
      await mock.close();
    }
  });
});
