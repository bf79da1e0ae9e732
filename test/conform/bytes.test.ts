/**
 * The byte-split property: conform's verdicts and findings on a server do
 * not change when the server sends its answers one byte at a time or in
 * random pieces (the OpenResponses compliance CLI loses events when the
 * bytes of an event arrive in different chunks). Checked on the sound mock,
 * both flavors, and on a broken one whose findings must survive the split.
 */
import { conform, startMockServer, type ConformReport } from 'anyresponses/testing';
import { describe, expect, it } from 'vitest';
import { startProxy, type Breakage, type Split } from '../support/conform-proxy.js';

/** What must not depend on the split: each scenario's verdict, reason and findings, and the events each stream carried. */
const verdicts = (r: ConformReport) =>
  r.scenarios.map((s) => ({ name: s.name, verdict: s.verdict, reason: s.reason, findings: s.findings, streams: s.exchanges.map((x) => [x.status, x.events ?? null, x.done ?? null]) }));

async function run(flavor: 'openresponses' | 'openai', split: Split, breakage: Breakage = {}, only?: string[]) {
  // A fresh mock each time: the same ids, the same answers.
  const server = await startMockServer({ flavor, now: () => 1_700_000_000 });
  const proxy = await startProxy(server.url, breakage, split);
  try {
    return verdicts(await conform({ mock: { url: proxy.url, flavor, enqueue: server.enqueue }, pollIntervalMs: 0, ...(only ? { only } : {}) }));
  } finally {
    await proxy.close();
    await server.close();
  }
}

const SPLITS: Array<[string, Split]> = [
  ['one byte at a time', 'bytes'],
  ['random pieces (seed 7)', { random: 7 }],
  ['random pieces (seed 12345)', { random: 12345 }],
];

describe('the byte-split property', () => {
  it('the rig: the pieces reach a client as separate chunks', async () => {
    const server = await startMockServer({ flavor: 'openresponses' });
    const proxy = await startProxy(server.url, {}, 'bytes');
    try {
      const res = await fetch(proxy.url + '/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'echo', input: 'hello there', stream: true }) });
      const reader = res.body!.getReader();
      let chunks = 0;
      let bytes = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        chunks++;
        bytes += r.value.length;
      }
      expect(bytes).toBeGreaterThan(1000);
      expect(chunks).toBeGreaterThan(bytes / 2);
    } finally {
      await proxy.close();
      await server.close();
    }
  });

  for (const flavor of ['openresponses', 'openai'] as const) {
    it.each(SPLITS)(`${flavor}: every scenario, sent %s, gives the verdicts of the whole answers`, async (_name, split) => {
      const whole = await run(flavor, 'whole');
      expect(whole.every((s) => s.verdict === 'pass' || s.verdict === 'skipped')).toBe(true);
      expect(await run(flavor, split)).toEqual(whole);
    });
  }

  it.each(SPLITS)('a broken stream (an event with no event: field, a bad data line, no [DONE]), sent %s, gives the same findings', async (_name, split) => {
    const breakage: Breakage = {
      sse: (m) => {
        delete m[3].event;
        return [...m.slice(0, 5), { data: '{"type": "response.output_text.delta",' }, ...m.slice(5).filter((x) => x.data !== '[DONE]')];
      },
    };
    const whole = await run('openresponses', 'whole', breakage, ['stream', 'stream-tool-call']);
    expect(whole.flatMap((s) => s.findings.map((f) => f.rule)).sort()).toEqual(['sse-data-json', 'sse-data-json', 'sse-done-terminator', 'sse-done-terminator', 'sse-event-field', 'sse-event-field']);
    expect(await run('openresponses', split, breakage, ['stream', 'stream-tool-call'])).toEqual(whole);
  });
});
