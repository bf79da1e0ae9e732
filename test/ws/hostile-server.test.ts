/**
 * A session against a WebSocket server that misbehaves (test/support/ws-hostile.ts),
 * over real sockets: what it sends is checked (an event against the flavor's
 * schema, a turn against the stream rules, a binary or non-JSON message, a
 * message nobody asked for), how its socket closes decides whether the
 * session reconnects (1008: never), and reconnects back off, are told to
 * onReconnect, stop when it says so or when retries run out, and are bounded
 * by connectTimeoutMs and the session's signal. Every turn that fails here
 * fails with its own error class, and the next turn works where the
 * protocol allows.
 */
import { AbortError, AuthenticationError, connect, MalformedEventError, ProtocolError, responses, SessionClosedError, SpecValidationError, TimeoutError, WebSocketClosedError, type ReconnectInfo } from 'anyresponses';
import { startMockServer } from 'anyresponses/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHostile, type HostileOptions, type HostileServer } from '../support/ws-hostile.js';

type Json = Record<string, any>;
type Socket = HostileServer['sockets'][number];
const KEY = 'sk-hostile-key-0123456789';
/** A turn's events as the mock sends them over HTTP (strictly valid), said again by the hostile server. */
let EVENTS: Json[] = [];

beforeAll(async () => {
  const mock = await startMockServer({ flavor: 'openai', apiKey: KEY, now: () => 1_700_000_000 });
  try {
    const stream = await responses('openai:echo', 'hi', { apiKey: KEY, apiBase: mock.url, stream: true });
    for await (const e of stream) EVENTS.push(e as Json);
  } finally {
    await mock.close();
  }
});

const servers: HostileServer[] = [];
const sessions: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function hostile(o: HostileOptions): Promise<HostileServer> {
  const s = await startHostile(o);
  servers.push(s);
  return s;
}

async function open(server: HostileServer, extra: Json = {}) {
  const session = await connect('openai:echo', { apiKey: KEY, apiBase: server.url, ...extra });
  sessions.push(session);
  return session;
}

const say = (socket: Socket, events: Json[]) => {
  for (const e of events) socket.send(JSON.stringify(e));
};
/** The good turn, with the n-th event replaced (or removed with undefined). */
const withEvent = (n: number, e: Json | undefined) => [...EVENTS.slice(0, n), ...(e ? [e] : []), ...EVENTS.slice(n + 1)];

describe('a turn against a server that sends what it must not', () => {
  it.each<[string, { given: (s: Socket) => void; want: { error: new (...a: any[]) => Error; message: RegExp; connections?: number } }]>([
    ['an event the schema refuses (response.created whose response.id is a number)', { given: (s) => say(s, withEvent(0, { ...EVENTS[0], response: { ...EVENTS[0].response, id: 5 } })), want: { error: SpecValidationError, message: /WebSocket event does not match ResponsesServerEvent/ } }],
    ['a turn breaking the stream rules (a sequence_number repeated)', { given: (s) => say(s, withEvent(2, { ...EVENTS[2], sequence_number: EVENTS[1].sequence_number })), want: { error: SpecValidationError, message: /turn's events[\s\S]*sequence_number/, connections: 1 } }],
    ['a binary message', { given: (s) => (say(s, EVENTS.slice(0, 2)), s.send(Buffer.from([1, 2, 3]))), want: { error: ProtocolError, message: /a binary WebSocket message/, connections: 2 } }],
    ['a message that is not JSON', { given: (s) => (say(s, EVENTS.slice(0, 2)), s.send('{"type": "response.output_text.delta", ')), want: { error: MalformedEventError, message: /a WebSocket message that is not a JSON event/, connections: 2 } }],
    ['JSON without a type', { given: (s) => (say(s, EVENTS.slice(0, 2)), s.send('{"delta": "x"}')), want: { error: MalformedEventError, message: /not a JSON event/, connections: 2 } }],
    ['a close frame mid-turn (1011)', { given: (s) => (say(s, EVENTS.slice(0, 2)), s.close(1011, 'internal error')), want: { error: WebSocketClosedError, message: /closed \(code 1011: internal error\) while a turn was in flight/, connections: 2 } }],
  ])('%s: the turn fails with its error; the next turn works', async (_name, { given, want }) => {
    const server = await hostile({ message: (s, _t, n) => (n === 1 ? given(s) : say(s, EVENTS)) });
    const session = await open(server, { reconnect: { initialDelayMs: 1 } });
    const stream = await session.create('hi');
    const err = await stream.finalResponse().catch((e) => e);
    expect(err).toBeInstanceOf(want.error);
    expect(err.message).toMatch(want.message);
    expect(err.message).not.toContain(KEY);
    const next = await (await session.create('again')).finalResponse();
    expect(next.output_text).toBe('You said: "hi".');
    // A turn refused while its events still arrive closes its socket; one refused after its last event leaves it open.
    if (want.connections !== undefined) expect(session.connections).toBe(want.connections);
  });

  it('a message with no turn in flight closes that socket (it could be read as the next turn); the next turn opens another', async () => {
    const server = await hostile({ message: (s) => (say(s, EVENTS), say(s, EVENTS.slice(0, 1))) });
    const session = await open(server);
    await (await session.create('one')).finalResponse();
    await expect.poll(() => session.connected).toBe(false);
    expect((await (await session.create('two')).finalResponse()).output_text).toBe('You said: "hi".');
    expect(session.connections).toBe(2);
  });

  it('a close code the server may not be reconnected after (1008): the turn fails, the session is closed, nothing more is opened', async () => {
    const server = await hostile({ message: (s) => (say(s, EVENTS.slice(0, 1)), s.close(1008, 'policy violation')) });
    const session = await open(server, { reconnect: { initialDelayMs: 1 } });
    const err = await (await session.create('x')).finalResponse().catch((e) => e);
    expect(err).toBeInstanceOf(WebSocketClosedError);
    expect(err.closeCode).toBe(1008);
    const after = await session.create('y').catch((e) => e);
    expect(after).toBeInstanceOf(SessionClosedError);
    expect(after.message).toMatch(/code 1008: policy violation\), which it may not be reopened after/);
    expect(server.upgrades).toBe(1);
  });
});

describe('reconnects', () => {
  /** The first socket dies under its turn; upgrades after it are answered by `then`. */
  const dropsThen = (then: (n: number) => 'accept' | 'hang' | number) => hostile({ upgrade: (n) => (n === 1 ? 'accept' : then(n)), message: (s, _t, n) => (n === 1 ? (say(s, EVENTS.slice(0, 2)), s.terminate()) : say(s, EVENTS)) });

  it('back off between attempts (initial * 2^(n-1), at most max, times [0.75, 1]), each told to onReconnect; the waiting turn goes out on the socket that opens', async () => {
    const server = await dropsThen((n) => (n <= 4 ? 503 : 'accept'));
    const told: ReconnectInfo[] = [];
    const session = await open(server, { reconnect: { initialDelayMs: 20, maxDelayMs: 50 }, onReconnect: (i: ReconnectInfo) => void told.push(i) });
    await (await session.create('dropped')).finalResponse().catch(() => undefined);
    expect((await (await session.create('after')).finalResponse()).output_text).toBe('You said: "hi".');
    expect(told.map((i) => i.attempt)).toEqual([1, 2, 3, 4]);
    const nominal = [20, 40, 50, 50];
    told.forEach((i, k) => {
      expect(i.maxAttempts).toBe(6);
      expect(i.delayMs).toBeGreaterThanOrEqual(Math.floor(nominal[k] * 0.75));
      expect(i.delayMs).toBeLessThanOrEqual(nominal[k]);
    });
    expect(told[0].code).toBe(1006);
    expect(told[1].reason).toMatch(/upgrade .* failed with status 503/);
    expect(server.upgrades).toBe(5);
    expect(session.connections).toBe(2);
    expect(server.received.map((t) => JSON.parse(t).input)).toEqual(['dropped', 'after']);
  });

  it.each<[string, { given: { then: (n: number) => 'accept' | 'hang' | number; options: Json }; want: { error: new (...a: any[]) => Error; message: RegExp; upgrades: number; closed: boolean } }]>([
    ['retries run out: the waiting turn fails with the last failure', { given: { then: () => 503, options: { reconnect: { maxRetries: 2, initialDelayMs: 1 } } }, want: { error: WebSocketClosedError, message: /failed with status 503/, upgrades: 4, closed: false } }],
    ['a 401 is not retried', { given: { then: () => 401, options: { reconnect: { initialDelayMs: 1 } } }, want: { error: AuthenticationError, message: /failed with status 401: check the API key/, upgrades: 2, closed: false } }],
    ['onReconnect returns false: the session is closed', { given: { then: () => 'accept', options: { onReconnect: () => false } }, want: { error: SessionClosedError, message: /onReconnect returned false/, upgrades: 1, closed: true } }],
    ['onReconnect throws: the session is closed, saying why', { given: { then: () => 'accept', options: { onReconnect: () => { throw new Error('no more'); } } }, want: { error: SessionClosedError, message: /onReconnect threw, so the session is closed: no more/, upgrades: 1, closed: true } }],
    ['reconnect: false', { given: { then: () => 'accept', options: { reconnect: false } }, want: { error: SessionClosedError, message: /reconnect is false/, upgrades: 1, closed: true } }],
  ])('%s', async (_name, { given, want }) => {
    const server = await dropsThen(given.then);
    const session = await open(server, given.options);
    await (await session.create('dropped')).finalResponse().catch(() => undefined);
    const err = await session.create('after').catch((e) => e);
    expect(err).toBeInstanceOf(want.error);
    expect(err.message).toMatch(want.message);
    expect(server.upgrades).toBe(want.upgrades);
    expect(session.closed).toBe(want.closed);
    expect(server.received).toHaveLength(1);
  });
});

describe('opening a socket is bounded', () => {
  it('connectTimeoutMs: a server that never answers the upgrade fails connect() with a TimeoutError, after its retries', async () => {
    const server = await hostile({ upgrade: () => 'hang' });
    const err = await connect('openai:echo', { apiKey: KEY, apiBase: server.url, connectTimeoutMs: 100, reconnect: { maxRetries: 1, initialDelayMs: 1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/the WebSocket handshake with ws:\/\/127\.0\.0\.1:\d+\/v1\/responses took longer than 100 ms \(connectTimeoutMs\)/);
    expect(server.upgrades).toBe(2);
  });

  it("the session's signal aborts a handshake in progress", async () => {
    const server = await hostile({ upgrade: () => 'hang' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await connect('openai:echo', { apiKey: KEY, apiBase: server.url, signal: ac.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(server.upgrades).toBe(1);
  });

  it('maxMessageBytes of the session bounds each message while it is read (ws): the turn fails with MessageTooLargeError', async () => {
    const big = { ...EVENTS.find((e) => e.type === 'response.output_text.delta')!, delta: 'x'.repeat(4000) };
    const server = await hostile({ message: (s, _t, n) => (n === 1 ? say(s, [EVENTS[0], big]) : say(s, EVENTS)) });
    const session = await open(server, { limits: { maxMessageBytes: 2000 }, reconnect: { initialDelayMs: 1 } });
    const err = await (await session.create('x')).finalResponse().catch((e) => e);
    expect(err.name).toBe('MessageTooLargeError');
    expect(err.limit).toBe('maxMessageBytes');
    expect((await (await session.create('y')).finalResponse()).output_text).toBe('You said: "hi".');
  });
});
