/**
 * conform against our own mock server, both flavors, every scenario: all
 * pass, except the operations a flavor's spec does not define, which are
 * skipped with that reason. Scenarios that need a model's judgement use the
 * mock's scripted or echo model and say so.
 */
import { conform, SCENARIO_NAMES, startMockServer, type ConformReport, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NOT_IN_SPEC: Record<string, string[]> = {
  openai: [],
  openresponses: ['stream-resume', 'retrieve', 'delete', 'cancel', 'input-items', 'input-tokens', 'background'],
};

for (const flavor of ['openresponses', 'openai'] as const) {
  describe(`conform against the mock server, ${flavor} flavor`, () => {
    let server: MockServer;
    let report: ConformReport;
    beforeAll(async () => {
      server = await startMockServer({ flavor });
      report = await conform({ mock: server, pollIntervalMs: 0 });
    });
    afterAll(() => server.close());

    it('runs every scenario; each passes, or is skipped because the spec does not define it', () => {
      expect(report.scenarios.map((s) => s.name)).toEqual(SCENARIO_NAMES);
      const verdicts = Object.fromEntries(report.scenarios.map((s) => [s.name, s.verdict === 'skipped' ? `skipped: ${s.reason}` : s.verdict]));
      const want = Object.fromEntries(SCENARIO_NAMES.map((n) => [n, NOT_IN_SPEC[flavor].includes(n) ? `skipped: the ${flavor} spec does not define it` : 'pass']));
      expect(verdicts).toEqual(want);
      expect(report.scenarios.flatMap((s) => s.findings)).toEqual([]);
      expect(report).toMatchObject({ exit: 0, target: { flavor, model: 'echo', mock: true } });
      expect(report.unreachable).toBeUndefined();
    });

    it('says which scenarios rest on a model judgement, and that the mock stood in for it', () => {
      const judged = report.scenarios.filter((s) => s.judgement).map((s) => [s.name, s.judgement]);
      expect(judged).toEqual([
        ['tool-auto', "the mock's scripted model calls the tool (a real model decides for itself)"],
        ['multi-turn', "the mock's echo model repeats what the user said before"],
        ['previous-response-id', "the mock's echo model repeats what the user said before"],
        ['stream-reasoning', "the mock's scripted model reasons, then answers"],
      ]);
    });

    it('reports what was sent and what came back, and counts the requests', () => {
      const stream = report.scenarios.find((s) => s.name === 'stream')!;
      expect(stream.exchanges).toHaveLength(1);
      expect(stream.exchanges[0]).toMatchObject({ method: 'POST', path: '/responses', status: 200, contentType: 'text/event-stream', body: { model: 'echo', stream: true }, done: flavor === 'openresponses' });
      expect(stream.exchanges[0].events).toContain('response.completed');
      expect(report.requests).toBe(report.scenarios.reduce((n, s) => n + s.exchanges.length, 0));
      expect(report.requests).toBe(server.requests.length);
    });
  });
}
