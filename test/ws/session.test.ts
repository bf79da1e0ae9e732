/**
 * WebSocket mode end to end, over real sockets to the mock server, for both
 * flavors: turns on one socket, continuation, runTools, events and final
 * response equal to the same scripted turn over HTTP SSE, what is refused
 * before any traffic, and the faults (a dropped socket, the server's error
 * event, a store: false chain lost with its socket, an abort, a limit).
 * Everything is imported through the package name, as a user would.
 */
import {
  AbortError,
  APIConnectionError,
  AuthenticationError,
  connect,
  createClient,
  defineTool,
  InvalidRequestError,
  QueueFullError,
  RateLimitError,
  responses,
  runTools,
  SessionClosedError,
  SpecValidationError,
  UnsupportedParameterError,
  WebSocketClosedError,
  type ReconnectInfo,
} from 'anyresponses';
import { startMockServer, type MockServer, type Turn } from 'anyresponses/testing';
import * as openaiSpec from 'anyresponses/openai';
import * as openresponsesSpec from 'anyresponses/openresponses';
import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { responseProblems } from '../support/mock.js';

type Json = Record<string, any>;
const FLAVORS = ['openai', 'openresponses'] as const;
type Flavor = (typeof FLAVORS)[number];
const SPEC = { openai: openaiSpec, openresponses: openresponsesSpec } as const;
const KEY = 'sk-test-websocket-key-0123456789';

const servers: MockServer[] = [];
const sessions: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mock(flavor: Flavor, script: Turn[] = []): Promise<MockServer> {
  const server = await startMockServer({ flavor, apiKey: KEY, script, now: () => 1_700_000_000 });
  servers.push(server);
  return server;
}

async function open(flavor: Flavor, server: MockServer, extra: Json = {}) {
  const session = await connect(`${flavor}:echo`, { apiKey: KEY, apiBase: server.url, ...extra });
  sessions.push(session);
  return session;
}

/** The WebSocket messages the server received (not the upgrades). */
const messages = (server: MockServer) => server.requests.filter((r) => r.method === 'WS');

async function collect(stream: AsyncIterable<Json>): Promise<Json[]> {
  const out: Json[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

describe.each(FLAVORS)('WebSocket mode, %s flavor', (flavor) => {
  it('one turn: a ResponseStream whose text, events and final response are the turn', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    const stream = await session.create('hello there');
    const events = await collect(stream);
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('You said: "hello there".');
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1)!.type).toBe('response.completed');
    expect(final.id).toBe(events[0].response.id);
    expect(messages(server)).toHaveLength(1);
    expect(messages(server)[0].body).toMatchObject({ type: 'response.create', model: 'echo', input: 'hello there' });
    expect(messages(server)[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(session.connections).toBe(1);
  });

  it.each([
    ['stored', { store: true }],
    ['store: false (the socket keeps it)', { store: false }],
  ])('five sequential turns on one socket, each continuing the last (%s)', async (_name, store) => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    let previous: string | undefined;
    const said: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const stream = await session.create(`turn ${n}`, { ...store, ...(previous ? { previous_response_id: previous } : {}) });
      let text = '';
      for await (const t of stream.textStream) text += t;
      const final = await stream.finalResponse();
      expect(final.previous_response_id ?? null).toBe(previous ?? null);
      previous = final.id;
      said.push(text);
    }
    // The echo model quotes what the user said before: the history came from the socket's previous responses.
    expect(said[4]).toBe('You said: "turn 5". Before that you said: "turn 1", "turn 2", "turn 3", "turn 4".');
    expect(session.connections).toBe(1);
    expect(messages(server)).toHaveLength(5);
  });

  it('turns created together run one after another, in order', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    const streams = await Promise.all(['a', 'b', 'c'].map((x) => session.create(x)));
    const texts = await Promise.all(streams.map(async (s) => (await s.finalResponse()).output_text));
    expect(texts).toEqual(['You said: "a".', 'You said: "b".', 'You said: "c".']);
  });

  it('runTools over a session: several rounds, each a turn on the same socket', async () => {
    const server = await mock(flavor, [{ toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] }, { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Bergen"}' }] }, { toolCalls: [{ name: 'get_time', arguments: '{}' }] }, 'Sunny in Oslo, rain in Bergen.']);
    const session = await open(flavor, server);
    const seen: string[] = [];
    const tools = [
      defineTool({ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, execute: ({ city }: { city: string }) => (seen.push(city), `weather in ${city}`) }),
      defineTool({ name: 'get_time', parameters: { type: 'object', properties: {} }, execute: () => '12:00' }),
    ];
    const result = await runTools(`${flavor}:scripted`, 'Weather?', { tools, session });
    expect(result.response.output_text).toBe('Sunny in Oslo, rain in Bergen.');
    expect(result.rounds).toHaveLength(4);
    expect(seen).toEqual(['Oslo', 'Bergen']);
    const sent = messages(server).map((m) => m.body as Json);
    expect(sent).toHaveLength(4);
    expect(sent.slice(1).map((b) => b.previous_response_id)).toEqual(result.rounds.slice(0, 3).map((r) => r.response.id));
    expect(sent[1].input).toEqual([{ type: 'function_call_output', call_id: result.rounds[0].calls[0].callId, output: 'weather in Oslo' }]);
    expect(session.connections).toBe(1);
  });

  it("a turn's events are strictly valid and equal, event for event, to the same scripted turn over HTTP SSE; finalResponse() too", async () => {
    const script: Turn[] = [{ reasoning: { summary: ['Thinking it over.'], text: 'The user wants a greeting.' }, text: 'Hello, world!' }, { toolCalls: [{ name: 'lookup', arguments: '{"q":"x"}' }] }];
    const tools = [{ type: 'function', name: 'lookup', strict: false, parameters: { type: 'object', properties: { q: { type: 'string' } } } }] as const;
    const overHttp = await mock(flavor, script);
    const overSocket = await mock(flavor, script);
    const session = await open(flavor, overSocket);
    for (let n = 0; n < script.length; n++) {
      const http = await responses(`${flavor}:scripted`, 'hi', { apiKey: KEY, apiBase: overHttp.url, stream: true, tools });
      const ws = await session.create('hi', { model: 'scripted', tools });
      const [httpEvents, wsEvents] = [await collect(http), await collect(ws)];
      expect(wsEvents.length).toBeGreaterThan(5);
      expect(wsEvents).toEqual(httpEvents);
      expect(await ws.finalResponse()).toEqual(await http.finalResponse());
      const strict = SPEC[flavor].validateStream(wsEvents, { mode: 'strict' });
      expect(strict.errors).toEqual([]);
      if (flavor === 'openai') for (const e of wsEvents) expect(openaiSpec.validate('ResponsesServerEvent', e, { mode: 'strict' }).ok).toBe(true);
    }
    const sent = messages(overSocket)[0].body as Json;
    expect(responseProblems(flavor, sent, flavor === 'openai' ? 'ResponsesClientEvent' : 'WebSocketResponseCreateEvent')).toEqual([]);
  });

  it.each([
    ['stream', { stream: true }, /stream over WebSocket: every turn streams/],
    ['stream: false too', { stream: false }, /stream over WebSocket/],
    ['stream_options', { stream_options: { include_obfuscation: false } }, /stream_options over WebSocket: there is no HTTP stream/],
    ['background', { background: true }, /background over WebSocket: background responses are not available/],
  ])('refused before sending: %s', async (_name, given, want) => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    const err = await session.create('x', given).catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    expect(err.message).toMatch(want);
    expect(messages(server)).toHaveLength(0);
  });

  it('refused before sending: a body the flavor does not allow (strict), and connection keys per turn', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    const bad = await session.create('x', { temperature: 'hot' }).catch((e) => e);
    expect(bad).toBeInstanceOf(SpecValidationError);
    expect(bad.message).toMatch(/response\.create message does not match .*\n\s+\/temperature/);
    const key = await session.create('x', { apiKey: 'other' }).catch((e) => e);
    expect(key.message).toMatch(/'apiKey' belongs to connect\(\), not to a turn/);
    expect(messages(server)).toHaveLength(0);
  });

  it('the server drops the socket mid-turn: the turn fails with APIConnectionError and is not resent; the next turn reconnects', async () => {
    const server = await mock(flavor);
    const told: ReconnectInfo[] = [];
    const session = await open(flavor, server, { onReconnect: (i: ReconnectInfo) => void told.push(i), reconnect: { initialDelayMs: 1 } });
    server.inject({ disconnectAfterEvents: 3 });
    const stream = await session.create('doomed');
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e) => e);
    expect(seen).toHaveLength(3);
    expect(err).toBeInstanceOf(WebSocketClosedError);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err.closeCode).toBe(1006);
    expect(err.message).toMatch(/was not sent again/);
    await expect(stream.finalResponse()).rejects.toBe(err);
    const next = await (await session.create('after')).finalResponse();
    expect(next.output_text).toBe('You said: "after".');
    expect(session.connections).toBe(2);
    expect(told).toEqual([expect.objectContaining({ attempt: 1, code: 1006 })]);
    expect(messages(server).map((m) => (m.body as Json).input)).toEqual(['doomed', 'after']);
  });

  it('a WebSocket error event fails its turn with the error class of its status; the socket stays usable', async () => {
    const server = await mock(flavor, [{ error: { status: 400, message: 'The model refuses.', code: 'invalid_prompt' } }]);
    const session = await open(flavor, server);
    server.inject({ status: 429, message: 'Slow down.' });
    const limited = await session.create('x').catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.status).toBe(429);
    expect(limited.message).toBe(`${flavor}: 429 Slow down.`);
    const scripted = await session.create('x', { model: 'scripted' }).catch((e) => e);
    expect(scripted).toBeInstanceOf(InvalidRequestError);
    expect(scripted.code).toBe('invalid_prompt');
    expect((await (await session.create('fine')).finalResponse()).output_text).toBe('You said: "fine".');
    expect(session.connections).toBe(1);
  });

  it('an error event mid-turn rejects the stream (StreamError); what follows it is not read as the next turn', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    server.inject({ errorEvent: { message: 'Overloaded mid-stream.' }, afterEvents: 2 });
    const stream = await session.create('x');
    const err = await stream.finalResponse().catch((e) => e);
    expect(err.name).toBe('StreamError');
    expect(err.message).toMatch(/Overloaded mid-stream/);
    expect((await (await session.create('next')).finalResponse()).output_text).toBe('You said: "next".');
    expect(session.connections).toBe(1);
  });

  it('an unknown previous_response_id after a reconnect with store: false is an error, not a wrong answer', async () => {
    const server = await mock(flavor);
    const told: ReconnectInfo[] = [];
    const session = await open(flavor, server, { onReconnect: (i: ReconnectInfo) => void told.push(i), reconnect: { initialDelayMs: 1 } });
    const first = await (await session.create('remember me', { store: false })).finalResponse();
    server.inject({ disconnectAfterEvents: 1 });
    await (await session.create('dropped', { store: false, previous_response_id: first.id })).finalResponse().catch(() => undefined);
    const lost = await session.create('and now?', { store: false, previous_response_id: first.id }).catch((e) => e);
    expect(lost).toBeInstanceOf(InvalidRequestError);
    expect(lost.code).toBe('previous_response_not_found');
    expect(lost.status).toBe(400);
    expect(told[0].lostResponseIds).toEqual([first.id]);
    expect(session.connections).toBe(2);
  });

  it('runTools over a session with store: false: a round whose chain a reconnect lost goes again with the whole conversation', async () => {
    // The server closes a socket idle for 150 ms (1001): the tool takes longer, so round 2 goes out on a new socket.
    const server = await startMockServer({ flavor, apiKey: KEY, idleTimeoutMs: 150, script: [{ toolCalls: [{ name: 'wait', arguments: '{}' }] }, 'done'] });
    servers.push(server);
    const told: ReconnectInfo[] = [];
    const session = await open(flavor, server, { onReconnect: (i: ReconnectInfo) => void told.push(i) });
    const tools = [defineTool({ name: 'wait', parameters: { type: 'object', properties: {} }, execute: () => new Promise((r) => setTimeout(() => r('waited'), 400)) })];
    const result = await runTools(`${flavor}:scripted`, 'go', { tools, session, store: false });
    expect(result.response.output_text).toBe('done');
    const first = result.rounds[0].response as Json;
    const sent = messages(server).map((m) => m.body as Json);
    expect(sent).toHaveLength(3);
    expect(sent[1].previous_response_id).toBe(first.id);
    expect(sent[2].previous_response_id).toBeUndefined();
    expect(sent[2].input).toEqual([{ type: 'message', role: 'user', content: 'go' }, ...first.output, { type: 'function_call_output', call_id: result.rounds[0].calls[0].callId, output: 'waited' }]);
    expect(told).toEqual([expect.objectContaining({ attempt: 1, code: 1001, delayMs: 0, lostResponseIds: [first.id] })]);
    expect(session.connections).toBe(2);
  });

  it('aborting mid-turn fails the turn with AbortError and closes the socket; the next turn opens a new one', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    server.inject({ dripMs: 5, dripBytes: 8 });
    const stream = await session.create('a long answer, slowly');
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) {
        seen.push(e.type);
        if (seen.length === 1) stream.abort();
      }
    })().catch((e) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(session.connected).toBe(false);
    expect((await (await session.create('fresh')).finalResponse()).output_text).toBe('You said: "fresh".');
    expect(session.connections).toBe(2);
  });

  it("the caller's signal aborts a queued turn before it is sent", async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    server.inject({ dripMs: 2, dripBytes: 64 });
    const first = session.create('first');
    const ac = new AbortController();
    const second = session.create('second', { signal: ac.signal });
    ac.abort();
    await expect(second).rejects.toBeInstanceOf(AbortError);
    expect((await (await first).finalResponse()).output_text).toBe('You said: "first".');
    expect(messages(server).map((m) => (m.body as Json).input)).toEqual(['first']);
  });

  it("a caller's signal shared by many turns keeps no listener once they are done", async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    const ac = new AbortController();
    for (let n = 0; n < 5; n++) await (await session.create(`turn ${n}`, { signal: ac.signal })).finalResponse();
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it.each<[string, { given: { fault: Json; options: Json }; want: { error: string; limit: string } }]>([
    ['a silent server passes idleTimeoutMs', { given: { fault: { dripMs: 400, dripBytes: 4 }, options: { limits: { idleTimeoutMs: 100 } } }, want: { error: 'IdleTimeoutError', limit: 'idleTimeoutMs' } }],
    ['a slow turn passes timeoutMs (also as `timeout`)', { given: { fault: { dripMs: 20, dripBytes: 16 }, options: { timeout: 150 } }, want: { error: 'TimeoutError', limit: 'timeoutMs' } }],
    ["a turn's messages pass maxStreamBytes", { given: { fault: { dripMs: 2, dripBytes: 512 }, options: { limits: { maxStreamBytes: 1500 } } }, want: { error: 'StreamTooLargeError', limit: 'maxStreamBytes' } }],
  ])('limits apply per turn: %s; the turn fails with its error, and the next turn reconnects', async (_name, { given, want }) => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    server.inject(given.fault);
    const err = await session
      .create('x', given.options)
      .then((s) => s.finalResponse())
      .catch((e) => e);
    expect(err.name).toBe(want.error);
    expect(err.limit).toBe(want.limit);
    expect((await (await session.create('y')).finalResponse()).output_text).toBe('You said: "y".');
    expect(session.connections).toBe(2);
  });

  it('maxMessageBytes bounds each message; maxQueuedTurns bounds the queue', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server, { maxQueuedTurns: 1 });
    // The echo's one long word is one delta of over 5,000 bytes.
    const big = await (await session.create('x'.repeat(5000), { limits: { maxMessageBytes: 2000 } })).finalResponse().catch((e) => e);
    expect(big.name).toBe('MessageTooLargeError');
    expect(big.limit).toBe('maxMessageBytes');
    server.inject({ dripMs: 2, dripBytes: 256 });
    const a = session.create('a');
    const b = session.create('b');
    await expect(session.create('c')).rejects.toBeInstanceOf(QueueFullError);
    expect((await (await a).finalResponse()).output_text).toBe('You said: "a".');
    expect((await (await b).finalResponse()).output_text).toBe('You said: "b".');
  });

  it('close() is clean: waiting turns fail with SessionClosedError, the server sees a close frame, and nothing more is sent', async () => {
    const server = await mock(flavor);
    const session = await open(flavor, server);
    server.inject({ dripMs: 2, dripBytes: 64 });
    const inFlight = await session.create('one');
    const queued = session.create('two').catch((e) => e);
    await session.close();
    expect(await queued).toBeInstanceOf(SessionClosedError);
    await expect(inFlight.finalResponse()).rejects.toBeInstanceOf(AbortError);
    await expect(session.create('three')).rejects.toBeInstanceOf(SessionClosedError);
    expect(session.closed).toBe(true);
    expect(session.connected).toBe(false);
    await session.close();
    expect(messages(server).map((m) => (m.body as Json).input)).toEqual(['one']);
  });

  it('secrets stay out of what leaves: a wrong key is an AuthenticationError without it, and an error event quoting it is redacted', async () => {
    const server = await mock(flavor);
    const wrong = 'sk-wrong-key-abcdefghijklmnop';
    const auth = await connect(`${flavor}:echo`, { apiKey: wrong, apiBase: server.url }).catch((e) => e);
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth.status).toBe(401);
    expect(JSON.stringify({ ...auth, message: auth.message, stack: auth.stack })).not.toContain(wrong);
    const session = await open(flavor, server);
    expect(inspect(session, { depth: 8, showHidden: false })).not.toContain(KEY);
    expect(JSON.stringify(session)).toBe(JSON.stringify({ provider: flavor, model: 'echo', url: `${server.url.replace(/^http/, 'ws')}/responses`, connections: 1, connected: true, closed: false }));
    server.enqueue({ error: { status: 400, message: `bad request from ${KEY}` } });
    const err = await session.create('x', { model: 'scripted' }).catch((e) => e);
    expect(err.message).toContain('[redacted]');
    expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).not.toContain(KEY);
  });
});

describe('WebSocket mode: the provider and the transport', () => {
  it('refused before any traffic: a provider without WebSocket mode names the ones that have it', async () => {
    const server = await mock('openai');
    const err = await connect('groq:llama', { apiKey: KEY, apiBase: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    expect(err.message).toMatch(/groq does not support WebSocket mode: its documentation describes none \(providers that have it: .*openai.*xai/);
    expect(server.requests).toHaveLength(0);
  });

  it('createClient and the provider module connect with their defaults', async () => {
    const server = await mock('openai');
    const client = createClient({ provider: 'openai', apiKey: KEY, apiBase: server.url });
    const a = await client.connect('echo');
    sessions.push(a);
    expect((await (await a.create('via client')).finalResponse()).output_text).toBe('You said: "via client".');
    const { openai } = await import('anyresponses/providers/openai');
    const b = await openai({ apiKey: KEY, apiBase: server.url }).connect('echo');
    sessions.push(b);
    expect((await (await b.create('via module')).finalResponse()).output_text).toBe('You said: "via module".');
    const { groq } = await import('anyresponses/providers/groq');
    expect('connect' in groq({ apiKey: KEY })).toBe(false);
  });

  it('Node 20 has no WebSocket of its own: the ws package is found at run time, or passed in', async () => {
    expect(typeof (globalThis as { WebSocket?: unknown }).WebSocket).toBe(process.versions.node.startsWith('20.') ? 'undefined' : 'function');
    const server = await mock('openresponses');
    const { default: WS } = await import('ws');
    const passed = await open('openresponses', server, { WebSocket: WS });
    expect((await (await passed.create('passed in')).finalResponse()).output_text).toBe('You said: "passed in".');
    const found = await open('openresponses', server);
    expect((await (await found.create('found')).finalResponse()).output_text).toBe('You said: "found".');
  });

  it('a session whose signal aborts is closed', async () => {
    const server = await mock('openai');
    const ac = new AbortController();
    const session = await open('openai', server, { signal: ac.signal });
    ac.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(session.closed).toBe(true);
    await expect(session.create('x')).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('reconnect: false closes the session when its socket is dropped', async () => {
    const server = await mock('openai');
    const session = await open('openai', server, { reconnect: false });
    server.inject({ disconnectAfterEvents: 1 });
    await (await session.create('x')).finalResponse().catch(() => undefined);
    await expect(session.create('y')).rejects.toBeInstanceOf(SessionClosedError);
    expect(session.connections).toBe(1);
  });
});
