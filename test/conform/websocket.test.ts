/**
 * conform's WebSocket scenarios: against the mock (both flavors) each
 * passes; against a server without WebSocket mode each is skipped, saying
 * why; against broken servers (a relay in front of the mock, built with the
 * ws dev dependency, breaking one thing each) the scenario fails by the
 * rule that names what broke.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conform, startMockServer, type MockServer } from 'anyresponses/testing';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';

type Json = Record<string, any>;
const WS_SCENARIOS = ['ws-turn', 'ws-continue', 'ws-refuses-stream', 'ws-refuses-background', 'ws-unknown-previous'];
const KEY = 'conform-ws-key-0123456789';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function mock(flavor: 'openai' | 'openresponses'): Promise<MockServer> {
  const m = await startMockServer({ flavor, apiKey: KEY });
  closers.push(() => m.close());
  return m;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

/**
 * A relay: HTTP requests are answered 404 (only the WebSocket scenarios run here), each socket is
 * relayed to the mock's, and `bend` may change what the client sends and what the mock answers.
 */
async function relay(target: MockServer, bend: { out?: (msg: Json) => Json; back?: (text: string) => string | undefined } = {}): Promise<string> {
  const server = createServer((_q, s) => void (s.writeHead(404), s.end()));
  const wss = new WebSocketServer({ server });
  closers.push(() => new Promise<void>((r) => wss.close(() => r())));
  wss.on('connection', (client) => {
    const upstream = new WebSocket(`${target.url.replace(/^http/, 'ws')}/responses`, { headers: { authorization: `Bearer ${KEY}` } });
    const pending: string[] = [];
    upstream.on('open', () => pending.splice(0).forEach((m) => upstream.send(m)));
    client.on('message', (data) => {
      const msg = JSON.stringify((bend.out ?? ((m: Json) => m))(JSON.parse(String(data))));
      if (upstream.readyState === WebSocket.OPEN) upstream.send(msg);
      else pending.push(msg);
    });
    upstream.on('message', (data) => {
      const text = bend.back ? bend.back(String(data)) : String(data);
      if (text !== undefined) client.send(text);
    });
    client.on('close', () => upstream.close());
  });
  return listen(server);
}

const run = (baseUrl: string, flavor: 'openai' | 'openresponses') => conform({ baseUrl, flavor, model: 'echo', apiKey: KEY, only: WS_SCENARIOS });
const verdicts = (r: Awaited<ReturnType<typeof conform>>) => Object.fromEntries(r.scenarios.map((s) => [s.name, s.verdict]));
const every = (rules: string[]) => Object.fromEntries(WS_SCENARIOS.map((n) => [n, rules]));
const rulesOf = (r: Awaited<ReturnType<typeof conform>>, name: string) => [...new Set(r.scenarios.find((s) => s.name === name)!.findings.map((f) => f.rule))];

describe('conform: WebSocket mode', () => {
  it.each([['openai' as const], ['openresponses' as const]])('against the mock (%s), every WebSocket scenario passes', async (flavor) => {
    const m = await mock(flavor);
    const r = await conform({ mock: m, apiKey: KEY, only: WS_SCENARIOS });
    expect(verdicts(r)).toEqual(Object.fromEntries(WS_SCENARIOS.map((n) => [n, 'pass'])));
    expect(r.scenarios[0].exchanges.map((x) => x.method)).toEqual(['GET (upgrade)', 'WS']);
  });

  it('a server without WebSocket mode: each skipped, saying why', async () => {
    const baseUrl = await listen(createServer((_q, s) => void (s.writeHead(404, { 'content-type': 'application/json' }), s.end('{"error":{"message":"no"}}'))));
    const r = await run(baseUrl, 'openai');
    for (const s of r.scenarios) expect([s.verdict, s.reason]).toEqual(['skipped', 'the server has no WebSocket mode on /responses (HTTP 404 to the upgrade)']);
    expect(r.exit).toBe(0);
  });

  it.each([
    ['a relay that passes everything through', {}, {}],
    // Every scenario's turns stream, so every scenario meets these.
    ['messages that are not JSON', { back: (t: string) => (JSON.parse(t).type === 'response.in_progress' ? 'in progress...' : t) }, every(['ws-message-json'])],
    ['sequence numbers that go back', { back: (t: string) => { const e = JSON.parse(t); return JSON.stringify(e.type === 'response.in_progress' ? { ...e, sequence_number: 0 } : e); } }, every(['sequence-increasing'])],
    ['a server that takes stream and background', { out: (m: Json) => { const { stream: _s, background: _b, ...rest } = m; return rest; } }, { 'ws-refuses-stream': ['ws-error-event'], 'ws-refuses-background': ['ws-error-event'] }],
    // The refusals' error events: not the schema's, and (no `error`) no param named.
    ['an error event without the WebSocket shape', { back: (t: string) => { const e = JSON.parse(t); return JSON.stringify(e.type === 'error' ? { type: 'error', status: e.status, message: e.error.message } : e); } }, { 'ws-refuses-stream': ['schema', 'error-param'], 'ws-refuses-background': ['schema', 'error-param'], 'ws-unknown-previous': ['schema', 'error-param'] }],
  ] as Array<[string, Parameters<typeof relay>[1], Record<string, string[]>]>)('broken: %s', async (_name, bend, want) => {
    const m = await mock('openresponses');
    const r = await run(await relay(m, bend), 'openresponses');
    const failing = Object.fromEntries(r.scenarios.filter((s) => s.verdict !== 'pass').map((s) => [s.name, rulesOf(r, s.name)]));
    expect(failing).toEqual(want);
  });
});
