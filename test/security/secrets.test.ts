/**
 * Issue 17, secrets: a provider (or a proxy) that echoes the key back, in
 * every place it can, against real local servers. The key is Groq-shaped
 * (`gsk_...`), which no `sk-` pattern catches: only the call's own list of
 * secrets can. Each case checks the error's message, stack,
 * JSON.stringify, util.inspect at full depth, cause chain, requestId and
 * body, and every warning passed to onWarnings, for the whole key and for
 * any 10-character piece of it.
 */
import { inspect } from 'node:util';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../runtime/core/errors.js';
import { createClient, responses } from '../../runtime/client/client.js';
import { StreamError } from '../../runtime/stream/response-stream.js';
import { json, startTestServer, type Received, type Reply, type TestServer } from '../support/http-server.js';
import { hasShared } from '../support/shared.js';

const KEY = 'gsk_LIVEKEY9f8e7d6c5b4a3210';
const PIECES = Array.from({ length: KEY.length - 9 }, (_, i) => KEY.slice(i, i + 10));

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  other = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});

/** The key as the server received it, whichever header carried it. */
const keyOf = (q: Received) => String(q.headers['api-key'] ?? q.headers.authorization ?? '').replace(/^Bearer /, '');

const response = (over: object = {}) => ({ id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', model: 'm', output: [], ...over });
const ev = (type: string, n: number, extra: object) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: n, ...extra })}\n\n`;
const created = ev('response.created', 0, { response: response() });

/** An event stream whose pieces may quote the key the server was sent. */
const stream =
  (...pieces: Array<(key: string) => string>): Reply =>
  (q, r: ServerResponse) => {
    r.writeHead(200, { 'content-type': 'text/event-stream' });
    r.end(pieces.map((p) => p(keyOf(q))).join(''));
  };

/** A JSON reply that may quote the key. */
const echo =
  (status: number, body: (key: string) => unknown, headers: (key: string) => Record<string, string> = () => ({})): Reply =>
  (q, r) => json(status, body(keyOf(q)), headers(keyOf(q)))(q, r);

const nested = (depth: number, leaf: unknown) => {
  let v: unknown = leaf;
  for (let d = 0; d < depth; d++) v = { d: v };
  return v;
};

interface Case {
  given: {
    reply?: Reply;
    /** A reply for the other origin (a redirect's target). */
    elsewhere?: Reply;
    provider?: string;
    options?: (base: string, otherBase: string) => Record<string, unknown>;
    stream?: boolean;
  };
  /** No `error`: the call succeeds. */
  want: { error?: new (...a: any[]) => Error; requests?: number; elsewhere?: number; warnings?: boolean };
}

const cases: Array<[string, Case]> = [
  ['a stream error event echoes the key', { given: { stream: true, reply: stream(() => created, (k) => ev('error', 1, { code: 'invalid_api_key', message: `Incorrect API key provided: ${k}`, param: null })) }, want: { error: StreamError } }],
  ['response.failed echoes the key', { given: { stream: true, reply: stream(() => created, (k) => ev('response.failed', 1, { response: response({ status: 'failed', error: { code: 'server_error', message: `key ${k} was revoked` } }) })) }, want: { error: StreamError } }],
  ['a malformed SSE event holds the key', { given: { stream: true, reply: stream(() => created, (k) => `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"${k}\n\n`) }, want: { error: E.MalformedEventError } }],
  ['a wrong-typed event field holds the key', { given: { stream: true, reply: stream(() => created, (k) => ev('response.output_text.delta', 1, { item_id: 'm', output_index: k, content_index: 0, delta: 'x', logprobs: [] })) }, want: { error: Error } }],
  ['a closed-enum field holds the key (a warning), then the stream fails', { given: { stream: true, reply: stream((k) => ev('response.created', 0, { response: response({ status: k }) }), (k) => ev('error', 1, { code: 'x', message: `again ${k}`, param: null })) }, want: { error: StreamError, warnings: true } }],
  ['an unknown property named by the key, and a closed enum holding it, in a plain response (warnings)', { given: { reply: echo(200, (k) => ({ ...response({ status: k }), [k]: { [k]: k } })) }, want: { warnings: true } }],
  ['a wrong-typed field holding the key in a plain response', { given: { reply: echo(200, (k) => ({ ...response({ status: 'completed' }), temperature: k })) }, want: { error: Error } }],
  ['the key echoed in x-request-id', { given: { reply: echo(401, (k) => ({ error: { message: `bad key ${k}` } }), (k) => ({ 'x-request-id': `req_${k}` })) }, want: { error: E.AuthenticationError } }],
  ['the key as an object key in an error body', { given: { reply: echo(400, (k) => ({ error: { message: 'bad', details: { [k]: { [`x-${k}`]: k } } } })) }, want: { error: E.InvalidRequestError } }],
  ['the key nested 200 levels deep in an error body', { given: { reply: echo(400, (k) => ({ error: { message: 'deep', details: nested(200, { leaf: `key=${k}`, [k]: 1 }) } })) }, want: { error: E.InvalidRequestError } }],
  ['the key in a non-JSON error body', { given: { reply: (q, r) => void r.writeHead(500, { 'content-type': 'text/plain' }).end(`upstream said: ${keyOf(q)}`) }, want: { error: E.ProviderError } }],
  ['the key in an HTML page answered with 200', { given: { reply: (q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${keyOf(q)}</html>`) }, want: { error: E.UnexpectedContentTypeError } }],
  ['apiBase with user:KEY@ (refused before any traffic, not retried)', { given: { options: (base) => ({ apiBase: base.replace('http://', `http://user:${KEY}@`) }) }, want: { error: E.ConfigurationError, requests: 0 } }],
  ['a cross-origin 307 with Azure\'s api-key header', { given: { provider: 'azureopenai', reply: (_q, r) => void r.writeHead(307, { location: `${other.url}/v1/responses` }).end(), elsewhere: echo(200, () => response({ status: 'completed' })) }, want: { error: E.RedirectRefusedError, requests: 1, elsewhere: 0 } }],
  ['a cross-origin 302 with Azure\'s api-key header', { given: { provider: 'azureopenai', reply: (_q, r) => void r.writeHead(302, { location: `${other.url}/v1/responses` }).end() }, want: { error: E.RedirectRefusedError, requests: 1, elsewhere: 0 } }],
  ['a cross-origin 308 of a POST with a bearer key (the prompt would be re-sent)', { given: { reply: (_q, r) => void r.writeHead(308, { location: `${other.url}/v1/responses` }).end() }, want: { error: E.RedirectRefusedError, requests: 1, elsewhere: 0 } }],
  ['a redirect whose target carries credentials', { given: { reply: (q, r) => void r.writeHead(307, { location: server.url.replace('http://', `http://u:${keyOf(q)}@`) + '/v1/x' }).end() }, want: { error: E.RedirectRefusedError, requests: 1 } }],
  ['a key with a line break (fetch would quote the header in its error)', { given: { options: () => ({ apiKey: `${KEY}\n` }) }, want: { error: E.ConfigurationError, requests: 0 } }],
  ['a fetch implementation whose error (and its cause) quotes the header', {
    given: { options: () => ({ clientArgs: { maxRetries: 0, fetch: (_u: string, init: RequestInit) => Promise.reject(new TypeError('fetch failed', { cause: new Error(`proxy refused ${(init.headers as Record<string, string>).authorization}`) })) } }) },
    want: { error: E.APIConnectionError, requests: 0 },
  }],
];

/** Every place the key could show, by name, where it does. */
function leaks(err: unknown, warnings: unknown[]): string[] {
  const e = err as { message?: string; stack?: string; cause?: unknown; requestId?: string; body?: unknown };
  const places: Record<string, string | undefined> = {
    message: e?.message,
    stack: e?.stack,
    json: JSON.stringify(err),
    inspect: inspect(err, { depth: Infinity }),
    cause: inspect(e?.cause, { depth: Infinity }),
    requestId: e?.requestId,
    body: inspect(e?.body, { depth: Infinity }),
    onWarnings: inspect(warnings, { depth: Infinity }) + JSON.stringify(warnings),
  };
  return Object.entries(places)
    .filter(([, text]) => typeof text === 'string' && PIECES.some((p) => text.includes(p)))
    .map(([where]) => where);
}

describe('no key ever leaks (issue 17)', () => {
  it.each(cases)('%s', async (_name, { given, want }) => {
    if (!hasShared()) return;
    server.reply(given.reply ?? json(200, response({ status: 'completed' })));
    other.reply(given.elsewhere ?? json(200, response({ status: 'completed' })));
    const warnings: unknown[] = [];
    const provider = given.provider ?? 'groq';
    const options = {
      apiKey: KEY,
      apiBase: `${server.url}/v1`,
      clientArgs: { maxRetries: 0 },
      onWarnings: (w: unknown[]) => warnings.push(...w),
      ...given.options?.(`${server.url}/v1`, `${other.url}/v1`),
    };
    const err = await (async () => {
      const r = await responses(`${provider}:m`, 'my secret prompt', { ...options, stream: given.stream });
      if (given.stream) for await (const _ of r) void _;
    })().then(
      () => undefined,
      (e) => e,
    );
    if (want.error) expect(err).toBeInstanceOf(want.error);
    else expect(err).toBeUndefined();
    expect(leaks(err, warnings)).toEqual([]);
    if (want.warnings) expect(warnings.length).toBeGreaterThan(0);
    if (want.requests !== undefined) expect(server.received).toHaveLength(want.requests);
    else expect(keyOf(server.received[0])).toBe(KEY); // the server really had the key to echo
    if (want.elsewhere !== undefined) expect(other.received).toHaveLength(want.elsewhere);
  });

  it('a stream failure rejects finalResponse() with the same redacted error', async () => {
    if (!hasShared()) return;
    server.reply(stream(() => created, (k) => ev('error', 1, { code: 'invalid_api_key', message: `Incorrect API key provided: ${k}`, param: null })));
    const s = await responses('groq:m', 'hi', { apiKey: KEY, apiBase: `${server.url}/v1`, stream: true });
    const err = await s.finalResponse().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(leaks(err, [])).toEqual([]);
    expect((err as Error).message).toContain('Incorrect API key provided: [redacted]');
  });

  it('a key from the environment, and a client-level key, are known secrets too', async () => {
    if (!hasShared()) return;
    server.reply(echo(400, (k) => ({ error: { message: `bad ${k}` } })));
    const fromEnv = await responses('groq:m', 'hi', { apiBase: `${server.url}/v1`, env: { GROQ_API_KEY: KEY } }).catch((e) => e);
    const client = createClient({ provider: 'azureopenai', apiKey: KEY, apiBase: `${server.url}/v1` });
    const fromClient = await client.responses('m', 'hi').catch((e) => e);
    const fromOperation = await client.retrieve('resp_1').catch((e) => e);
    for (const err of [fromEnv, fromClient, fromOperation]) {
      expect(err).toBeInstanceOf(E.InvalidRequestError);
      expect(leaks(err, [])).toEqual([]);
    }
  });

  it('a same-origin redirect is followed, with the body for a 307 and the key kept', async () => {
    if (!hasShared()) return;
    server.reply((_q, r) => void r.writeHead(307, { location: '/v1/moved/responses' }).end(), json(200, response({ status: 'completed' })));
    const r = await responses('azureopenai:m', 'hi', { apiKey: KEY, apiBase: `${server.url}/v1` });
    expect(r.status).toBe('completed');
    expect(server.received.map((q) => [q.method, q.url, q.headers['api-key'], JSON.parse(q.body || '{}').input])).toEqual([
      ['POST', '/v1/responses', KEY, 'hi'],
      ['POST', '/v1/moved/responses', KEY, 'hi'],
    ]);
  });
});
