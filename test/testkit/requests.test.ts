/**
 * Bad requests get the provider-style error body with the right status,
 * `param` and code, never a crash: after each one the same server still
 * answers a good request. Also: auth, the size limit, unknown routes.
 */
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, create, SPECS } from '../support/mock.js';

type Given = { path?: string; method?: string; body?: unknown; raw?: string; headers?: Record<string, string> };
type Want = { status: number; param?: string | null; code?: string | null; message?: RegExp };

const cases: Array<[string, { given: Given; want: Want }]> = [
  ['a body that is not JSON', { given: { raw: '{"model": "echo", ', headers: { 'content-type': 'application/json' } }, want: { status: 400, param: null, code: 'invalid_json', message: /not valid JSON/ } }],
  ['no body at all', { given: { method: 'POST', headers: { 'content-type': 'application/json' } }, want: { status: 400, code: 'invalid_json', message: /no body/ } }],
  ['a JSON array', { given: { raw: '[1]', headers: { 'content-type': 'application/json' } }, want: { status: 400, code: 'invalid_json', message: /JSON object/ } }],
  ['a wrong content type', { given: { raw: 'model=echo', headers: { 'content-type': 'text/plain' } }, want: { status: 400, code: 'unsupported_content_type', message: /text\/plain/ } }],
  ['a missing model', { given: { body: { input: 'hi' } }, want: { status: 400, param: 'model', code: 'missing_required_parameter' } }],
  ['a wrong type deep inside', { given: { body: { model: 'echo', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 7 }] }] } }, want: { status: 400, param: 'input[0].content[0].text', code: 'invalid_value' } }],
  ['an unknown item type', { given: { body: { model: 'echo', input: [{ type: 'telepathy', thought: 'hi' }] } }, want: { status: 400, param: 'input[0].type', message: /unknown type 'telepathy'/ } }],
  ['a previous_response_id that does not exist', { given: { body: { model: 'echo', input: 'hi', previous_response_id: 'resp_nope' } }, want: { status: 400, param: 'previous_response_id', code: 'previous_response_not_found' } }],
  ['an unknown model', { given: { body: { model: 'gpt-9', input: 'hi' } }, want: { status: 404, param: 'model', code: 'model_not_found', message: /echo, scripted/ } }],
  ['the scripted model with no turns left', { given: { body: { model: 'scripted', input: 'hi' } }, want: { status: 400, param: 'model', code: 'script_exhausted' } }],
  ['a malformed fault header', { given: { body: { model: 'echo', input: 'hi' }, headers: { 'x-mock-fault': '{"status": 99}' } }, want: { status: 400, code: 'invalid_fault', message: /x-mock-fault\/status/ } }],
  ['background without store', { given: { body: { model: 'echo', input: 'hi', background: true, store: false } }, want: { status: 400, param: 'store' } }],
  ['an unknown URL', { given: { path: '/chat/completions', body: { model: 'echo' } }, want: { status: 404, code: 'unknown_url' } }],
  ['retrieve on the openresponses flavor (its spec has no such path)', { given: { path: '/responses/resp_1' }, want: { status: 404, code: 'unknown_url' } }],
];

describe('malformed requests (openresponses flavor, small body limit)', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ flavor: 'openresponses', maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => server.close());

  it.each(cases)('%s', async (_name, { given, want }) => {
    const a = await call(server, given.path ?? '/responses', given);
    expect(a.status, a.text).toBe(want.status);
    const r = SPECS.openresponses.validateError(a.json, { mode: 'strict' });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (want.param !== undefined) expect(a.json!.error.param).toBe(want.param);
    if (want.code !== undefined) expect(a.json!.error.code).toBe(want.code);
    if (want.message) expect(a.json!.error.message).toMatch(want.message);
    const after = await create(server, { model: 'echo', input: 'still there?' });
    expect(after.status).toBe(200);
  });

  it('a body over the limit gets a 413, and the server goes on', async () => {
    const big = JSON.stringify({ model: 'echo', input: 'x'.repeat(200 * 1024) });
    const a = await call(server, '/responses', { raw: big, headers: { 'content-type': 'application/json' } });
    expect(a.status).toBe(413);
    expect(a.json!.error.code).toBe('request_too_large');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', url: '/v1/responses', rawBody: '' });
    expect((await create(server, { model: 'echo', input: 'ok' })).status).toBe(200);
  });

  it('the default limit is 32 MiB', async () => {
    const { MOCK_DEFAULTS } = await import('anyresponses/testing');
    expect(MOCK_DEFAULTS.maxBodyBytes).toBe(32 * 1024 * 1024);
  });

  it('a client that sends half a request and stalls is cut off by the request timeout', async () => {
    const slow = await startMockServer({ requestTimeoutMs: 300 });
    const { request } = await import('node:http');
    const status = await new Promise<number | string>((resolve) => {
      const req = request(`${slow.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', (e) => resolve(e.message));
      req.write('{"model": "echo"');
    });
    expect(status === 408 || typeof status === 'string').toBe(true);
    expect((await create(slow, { model: 'echo', input: 'next' })).status).toBe(200);
    await slow.close();
  });
});

describe('API keys', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ apiKey: 'sk-test' });
  });
  afterAll(() => server.close());

  it.each([
    ['no key', {}, 401, 'missing_api_key'],
    ['a wrong key', { authorization: 'Bearer sk-wrong' }, 401, 'invalid_api_key'],
    ['the key as a bearer token', { authorization: 'Bearer sk-test' }, 200, undefined],
    ['the key in an api-key header', { 'api-key': 'sk-test' }, 200, undefined],
  ] as const)('%s', async (_name, headers, status, code) => {
    const a = await create(server, { model: 'echo', input: 'hi' }, headers);
    expect(a.status).toBe(status);
    if (code) expect(a.json!.error.code).toBe(code);
  });
});

describe('scripts and faults are checked when given', () => {
  it.each([
    ['a turn that is a number', [5], /script: \/0: expected a string or an object, found number/],
    ['an unknown key', [{ txt: 'hi' }], /script: \/0\/txt: unknown key 'txt'/],
    ['a tool call without a name', [{ toolCalls: [{}] }], /script: \/0\/toolCalls\/0\/name/],
    ['an error status out of range', [{ error: { status: 200, message: 'x' } }], /script: \/0\/error\/status/],
    ['a bad fault inside a turn', [{ text: 'x', fault: { malformed: 'weird' } }], /script: \/0\/fault\/malformed/],
  ])('%s', async (_name, script, want) => {
    await expect(startMockServer({ script: script as never })).rejects.toThrow(want);
  });

  it('an unknown flavor lists the known ones', async () => {
    await expect(startMockServer({ flavor: 'gemini' as never })).rejects.toThrow(/unknown flavor 'gemini'; known: openresponses, openai/);
  });

  it('inject checks its faults', async () => {
    const s = await startMockServer();
    expect(() => s.inject({ dripBytes: 0 })).toThrow(/inject: \/0\/dripBytes: expected at least 1/);
    await s.close();
  });
});

describe('onRequest', () => {
  it('sees each request as it is recorded, and an observer that throws or rejects changes no answer', async () => {
    const seen: string[] = [];
    const s = await startMockServer({
      onRequest: (r) => {
        seen.push(`${r.method} ${r.url} ${(r.body as { input?: string } | undefined)?.input ?? ''}`);
        if (seen.length === 1) throw new Error('observer bug');
        if (seen.length === 2) return Promise.reject(new Error('async observer bug'));
      },
    });
    try {
      expect((await create(s, { model: 'echo', input: 'one' })).status).toBe(200);
      expect((await call(s, '/nowhere', { body: { model: 'echo' } })).status).toBe(404);
      expect((await create(s, { model: 'echo', input: 'three' })).status).toBe(200);
      expect(seen).toEqual(['POST /v1/responses one', 'POST /v1/nowhere ', 'POST /v1/responses three']);
      expect(s.requests).toHaveLength(3);
    } finally {
      await s.close();
    }
  });
});
