/**
 * The mock server answers browsers: a CORS preflight gets 204 with the
 * method and headers it asked for (and is not recorded as a request), and
 * every answer allows any origin. Over a real socket; the browser itself is
 * in test/package/bundles.test.ts.
 */
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: MockServer;
beforeAll(async () => void (server = await startMockServer({ flavor: 'openai', apiKey: 'k' })));
afterAll(() => server.close());

describe('CORS', () => {
  it.each([
    [
      'a preflight for a streamed POST',
      {
        given: { method: 'OPTIONS', path: '/responses', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,accept' } },
        want: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization,content-type,accept' }, recorded: 0 },
      },
    ],
    [
      'a preflight for a DELETE, without headers asked for',
      {
        given: { method: 'OPTIONS', path: '/responses/resp_1', headers: { origin: 'http://app.test', 'access-control-request-method': 'DELETE' } },
        want: { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'DELETE' }, recorded: 0 },
      },
    ],
    [
      'an OPTIONS that is no preflight is an ordinary request (no key: 401)',
      { given: { method: 'OPTIONS', path: '/responses', headers: {} }, want: { status: 401, headers: { 'access-control-allow-origin': '*' }, recorded: 1 } },
    ],
    [
      'an answer with an error',
      { given: { method: 'POST', path: '/responses', headers: { origin: 'http://app.test', 'content-type': 'application/json' } }, want: { status: 401, headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' }, recorded: 1 } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const before = server.requests.length;
    const res = await fetch(`${server.url}${given.path}`, { method: given.method, headers: given.headers });
    await res.arrayBuffer();
    expect(res.status).toBe(want.status);
    for (const [k, v] of Object.entries(want.headers)) expect(res.headers.get(k), k).toBe(v);
    expect(server.requests.length - before).toBe(want.recorded);
  });
});
