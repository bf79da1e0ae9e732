/**
 * The mock server's WebSocket mode, byte by byte: the handshake and its
 * refusals, every bad message answered with the flavor's WebSocket error
 * event (strictly valid) on a socket that stays usable, RFC 6455 framing
 * violations closed with their codes, the bounds on frames, messages and
 * the queue, pings, fragments, the close handshake, store: false
 * continuation on one connection and its loss on another, and the faults.
 */
import { createHash } from 'node:crypto';
import * as openaiSpec from 'anyresponses/openai';
import * as openresponsesSpec from 'anyresponses/openresponses';
import { startMockServer, WS_MOCK_DEFAULTS, type MockServer, type MockServerOptions } from 'anyresponses/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { closeOf, rawConnect, type RawClient } from '../support/ws-raw.js';

type Json = Record<string, any>;
const FLAVORS = ['openai', 'openresponses'] as const;
type Flavor = (typeof FLAVORS)[number];
const KEY = 'mock-key-0123456789';
const WS_ERROR = { openai: 'ResponseWsError', openresponses: 'WebSocketErrorEvent' } as const;
const validate = (flavor: Flavor, name: string, value: unknown) => (flavor === 'openai' ? openaiSpec.validate(name as never, value, { mode: 'strict' }) : openresponsesSpec.validate(name as never, value, { mode: 'strict' }));

const servers: MockServer[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mock(flavor: Flavor, o: MockServerOptions = {}): Promise<MockServer> {
  const s = await startMockServer({ flavor, apiKey: KEY, ...o });
  servers.push(s);
  return s;
}

const wsURL = (s: MockServer, path = '/responses') => s.url.replace(/^http/, 'ws') + path;

async function dial(s: MockServer, path?: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }): Promise<RawClient> {
  const c = await rawConnect(wsURL(s, path), headers);
  clients.push(c);
  return c;
}

/** The JSON messages of one turn, up to its terminal or error event. */
async function turn(c: RawClient): Promise<Json[]> {
  const out: Json[] = [];
  for (;;) {
    const f = await c.next();
    expect(f.opcode).toBe(1);
    const e = JSON.parse(f.payload.toString('utf8')) as Json;
    out.push(e);
    if (e.type === 'error' || /^response\.(completed|failed|incomplete)$/.test(e.type)) return out;
  }
}

const create = (extra: Json = {}) => JSON.stringify({ type: 'response.create', model: 'echo', input: 'hi', ...extra });

describe('the WebSocket handshake', () => {
  it.each([
    ['accepted on /v1/responses', { path: '/responses', headers: { authorization: `Bearer ${KEY}` }, want: 101 }],
    ['accepted with the api-key header', { path: '/responses', headers: { 'api-key': KEY }, want: 101 }],
    ['another path is a 404', { path: '/chat', headers: { authorization: `Bearer ${KEY}` }, want: 404 }],
    ['no key is a 401', { path: '/responses', headers: {}, want: 401 }],
    ['a wrong key is a 401', { path: '/responses', headers: { authorization: 'Bearer nope' }, want: 401 }],
  ])('%s', async (_name, { path, headers, want }) => {
    const s = await mock('openai');
    const c = await dial(s, path, headers);
    expect(c.status).toBe(want);
    if (want === 101) {
      const key = /sec-websocket-accept: (\S+)/i.exec(c.head)![1];
      expect(key).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    } else {
      expect(JSON.parse(c.body).error).toMatchObject({ type: 'invalid_request_error' });
      await c.closed;
    }
  });

  it('Sec-WebSocket-Accept is the SHA-1 of the key and the RFC 6455 GUID', async () => {
    const s = await mock('openresponses');
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    const c = await rawConnect(wsURL(s), { authorization: `Bearer ${KEY}` }, key);
    clients.push(c);
    expect(c.head).toMatch(/sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/i);
    expect(createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe.each(FLAVORS)('WebSocket messages, %s flavor', (flavor) => {
  it.each([
    ['not JSON', 'nope', { code: 'invalid_json', param: null }],
    ['not an object', '[1]', { code: 'invalid_json', param: null }],
    ['another event type', JSON.stringify({ type: 'response.cancel' }), { code: 'invalid_value', param: 'type' }],
    ['no type', JSON.stringify({ model: 'echo', input: 'x' }), { code: 'missing_required_parameter', param: 'type' }],
    ['stream', create({ stream: true }), { code: 'unsupported_parameter', param: 'stream' }],
    ['stream_options', create({ stream_options: {} }), { code: 'unsupported_parameter', param: 'stream_options' }],
    ['background', create({ background: false }), { code: 'unsupported_parameter', param: 'background' }],
    ['stream_id (one lane here)', create({ stream_id: 'a' }), { code: 'unsupported_parameter', param: 'stream_id' }],
    ['a body against the spec', create({ input: 5 }), { code: 'invalid_value', param: 'input' }],
    ['an unknown previous_response_id', create({ previous_response_id: 'resp_nope' }), { code: 'previous_response_not_found', param: 'previous_response_id' }],
    ['an unknown model', create({ model: 'gpt-9' }), { code: 'model_not_found', param: 'model' }],
  ])('%s: a strictly valid WebSocket error event, and the socket stays usable', async (_name, message, want) => {
    const s = await mock(flavor);
    const c = await dial(s);
    c.text(message);
    const [err] = await turn(c);
    expect(err).toMatchObject({ type: 'error', status: want.code === 'model_not_found' ? 404 : 400, error: { code: want.code, param: want.param } });
    expect(validate(flavor, WS_ERROR[flavor], err).ok).toBe(true);
    c.text(create());
    expect((await turn(c)).at(-1)!.type).toBe('response.completed');
  });

  it('a binary message is answered with an error event', async () => {
    const s = await mock(flavor);
    const c = await dial(s);
    c.frame(0x2, Buffer.from(create()));
    const [err] = await turn(c);
    expect(err.error.code).toBe('invalid_message');
  });

  it('messages in fragments are one message; pings are answered with the same payload', async () => {
    const s = await mock(flavor);
    const c = await dial(s);
    const text = create({ input: 'in pieces' });
    c.frame(0x1, text.slice(0, 10), { fin: false });
    c.frame(0x9, 'are you there');
    c.frame(0x0, text.slice(10, 30), { fin: false });
    c.frame(0x0, text.slice(30));
    const pong = await c.next();
    expect(pong.opcode).toBe(0xa);
    expect(pong.payload.toString()).toBe('are you there');
    const events = await turn(c);
    expect(events.at(-1)!.response.output[0].content[0].text).toBe('You said: "in pieces".');
  });

  it('store: false continues on the same connection, and not on another', async () => {
    const s = await mock(flavor);
    const a = await dial(s);
    a.text(create({ input: 'first', store: false }));
    const id = (await turn(a)).at(-1)!.response.id;
    a.text(create({ input: 'second', store: false, previous_response_id: id }));
    expect((await turn(a)).at(-1)!.response.output[0].content[0].text).toBe('You said: "second". Before that you said: "first".');
    const b = await dial(s);
    b.text(create({ input: 'third', store: false, previous_response_id: id }));
    expect((await turn(b))[0]).toMatchObject({ type: 'error', status: 400, error: { code: 'previous_response_not_found' } });
    // Over HTTP it was never stored either.
    const http = await fetch(`${s.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ model: 'echo', input: 'x', previous_response_id: id }) });
    expect(http.status).toBe(400);
  });

  it('messages are answered one turn at a time, in order', async () => {
    const s = await mock(flavor);
    const c = await dial(s);
    for (const x of ['a', 'b', 'c']) c.text(create({ input: x }));
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push((await turn(c)).at(-1)!.response.output[0].content[0].text);
    expect(texts).toEqual(['You said: "a".', 'You said: "b".', 'You said: "c".']);
    expect(s.requests.filter((r) => r.method === 'WS').map((r) => (r.body as Json).input)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['status: a WebSocket error event with that status', { status: 503, message: 'Busy.' }, (events: Json[]) => expect(events).toEqual([{ type: 'error', status: 503, error: { type: 'server_error', code: 'service_unavailable', message: 'Busy.', param: null } }])],
    ['errorEvent: an error event in the stream, valid on the socket', { errorEvent: { message: 'Oops.' }, afterEvents: 2 }, (events: Json[]) => {
      expect(events.map((e) => e.type)).toEqual(['response.created', 'response.in_progress', 'error']);
      expect(events[2].error).toMatchObject({ code: 'server_error', message: 'Oops.' });
      if (flavor === 'openai') expect(openaiSpec.validate('ResponsesServerEvent', events[2], { mode: 'strict' }).ok).toBe(true);
    }],
    ['failed: response.failed', { failed: { message: 'No.' }, afterEvents: 3 }, (events: Json[]) => expect(events.at(-1)).toMatchObject({ type: 'response.failed', response: { status: 'failed' } })],
    ['delayMs: the turn still comes', { delayMs: 30 }, (events: Json[]) => expect(events.at(-1)!.type).toBe('response.completed')],
  ])('faults over the socket: %s', async (_name, fault, check) => {
    const s = await mock(flavor);
    const c = await dial(s);
    s.inject(fault);
    c.text(create());
    check(await turn(c));
  });

  it('faults over the socket: disconnectAfterEvents drops it without a close frame; malformed sends a message that is not JSON', async () => {
    const s = await mock(flavor);
    const c = await dial(s);
    s.inject({ malformed: 'bad-json', afterEvents: 1 }, { disconnectAfterEvents: 2 });
    c.text(create());
    expect(JSON.parse((await c.next()).payload.toString()).type).toBe('response.created');
    const bad = (await c.next()).payload.toString();
    expect(() => JSON.parse(bad)).toThrow();
    c.text(create());
    expect((await c.next()).opcode).toBe(1);
    expect((await c.next()).opcode).toBe(1);
    await c.closed;
    await expect(c.next(100)).rejects.toThrow(/closed|no frame/);
  });
});

describe('WebSocket framing and bounds', () => {
  it.each([
    ['an unmasked client frame', (c: RawClient) => c.frame(0x1, create(), { masked: false }), 1002],
    ['a reserved bit', (c: RawClient) => c.frame(0x1, create(), { rsv: 4 }), 1002],
    ['a reserved opcode', (c: RawClient) => c.frame(0x3, 'x'), 1002],
    ['a continuation with nothing to continue', (c: RawClient) => c.frame(0x0, 'x'), 1002],
    ['a fragmented control frame', (c: RawClient) => c.frame(0x9, 'x', { fin: false }), 1002],
    ['a control frame over 125 bytes', (c: RawClient) => c.frame(0x9, 'x'.repeat(126)), 1002],
    ['text that is not UTF-8', (c: RawClient) => c.frame(0x1, Buffer.from([0xff, 0xfe, 0x22])), 1007],
    ['a frame declared over maxFrameBytes (refused at its header)', (c: RawClient) => c.frame(0x1, Buffer.alloc(0), { length: WS_MOCK_DEFAULTS.maxFrameBytes + 1 }), 1009],
    ['a message over maxBodyBytes in fragments', (c: RawClient) => (c.frame(0x1, 'x'.repeat(700), { fin: false }), c.frame(0x0, 'x'.repeat(700))), 1009],
  ])('%s closes the socket with %s', async (_name, send, code) => {
    const s = await mock('openai', { maxBodyBytes: 1000 });
    const c = await dial(s);
    send(c);
    const f = await c.next();
    expect(f.opcode).toBe(0x8);
    expect(closeOf(f).code).toBe(code);
    c.frame(0x8, Buffer.from([0x03, 0xe8]));
    await c.closed;
  });

  it('the client closes: the server answers with the same code and ends the socket', async () => {
    const s = await mock('openresponses');
    const c = await dial(s);
    c.frame(0x8, Buffer.concat([Buffer.from([0x0f, 0xa0]), Buffer.from('bye')]));
    const f = await c.next();
    expect(f.opcode).toBe(0x8);
    expect(closeOf(f).code).toBe(4000);
    await c.closed;
  });

  it(`more than ${WS_MOCK_DEFAULTS.maxQueuedMessages} messages waiting close the socket (1008)`, async () => {
    const s = await mock('openai');
    const c = await dial(s);
    s.inject({ dripMs: 20, dripBytes: 64 });
    for (let i = 0; i < WS_MOCK_DEFAULTS.maxQueuedMessages + 2; i++) c.text(create());
    let f;
    do f = await c.next(10_000);
    while (f.opcode !== 0x8);
    expect(closeOf(f)).toEqual({ code: 1008, reason: `more than ${WS_MOCK_DEFAULTS.maxQueuedMessages} messages waiting` });
  });

  it('server.close() drops open sockets', async () => {
    const s = await startMockServer({ flavor: 'openai' });
    const c = await rawConnect(wsURL(s));
    await s.close();
    await c.closed;
  });
});
