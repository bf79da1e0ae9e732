/**
 * The mock server cannot be worn down: it keeps request bodies only within a budget, its
 * request log, response store, history chains and conversations are bounded (MOCK_DEFAULTS),
 * bodies in flight are bounded, a malformed id is a 400, and replay paths stay inside the
 * script's directory. Memory is measured in the server's own process, after a full GC.
 */
import { fork } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOCK_DEFAULTS, startMockServer, type MockServer, type MockServerOptions } from 'anyresponses/testing';
import { describe, expect, it } from 'vitest';
import { Store } from '../../runtime/testing/server/store.js';
import { call, create } from '../support/mock.js';
import { repoRoot } from '../support/shared.js';

type Json = Record<string, any>;
type Step = (server: MockServer) => Promise<void>;

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'mock-bounds-'));
mkdirSync(join(dir, 'scripts'));
writeFileSync(join(dir, 'scripts', 'inside.json'), JSON.stringify({ id: 'resp_1', object: 'response', output: [] }));
writeFileSync(join(dir, 'secret.json'), JSON.stringify({ secret: true }));
symlinkSync(join(dir, 'secret.json'), join(dir, 'scripts', 'link.json'));

const chain = async (server: MockServer, n: number) => {
  let prev: string | undefined;
  for (let i = 0; i < n; i++) prev = (await create(server, { model: 'echo', input: `turn ${i}`, ...(prev ? { previous_response_id: prev } : {}) })).json!.id;
  return prev!;
};

describe('mock server bounds', () => {
  it.each<[string, { options: MockServerOptions; run: Step }]>([
    [
      'a malformed % escape in a retrieve id is a 400, not a 500',
      {
        options: { flavor: 'openai' },
        run: async (s) => {
          for (const path of ['/responses/%E0%A4%A', '/responses/%zz/input_items', '/responses/%/cancel']) {
            const a = await call(s, path, path.endsWith('cancel') ? { method: 'POST' } : {});
            expect(a.status, path).toBe(400);
            expect(a.json!.error).toMatchObject({ code: 'invalid_id', param: 'response_id', type: 'invalid_request_error' });
          }
        },
      },
    ],
    [
      'a request target that is not a URL path is a 400, and an id is quoted in at most 60 characters',
      {
        options: { flavor: 'openai' },
        run: async (s) => {
          const raw = (path: string) =>
            new Promise<{ status: number; body: Json }>((resolve, reject) => {
              const req = request({ host: '127.0.0.1', port: s.port, path, method: 'GET' }, (res) => {
                let text = '';
                res.on('data', (d: Buffer) => (text += d));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
              });
              req.on('error', reject);
              req.end();
            });
          expect(await raw('//x:99999/v1/responses')).toMatchObject({ status: 400, body: { error: { code: 'invalid_url' } } });
          const long = await raw(`/v1/responses/${'r'.repeat(5_000)}`);
          expect(long.status).toBe(404);
          expect(long.body.error.message.length).toBeLessThan(120);
        },
      },
    ],
    [
      'the store keeps maxStored responses: the oldest is evicted (retrieve 404, previous_response_id 400)',
      {
        options: { flavor: 'openai', maxStored: 2 },
        run: async (s) => {
          const ids = [];
          for (let i = 0; i < 3; i++) ids.push((await create(s, { model: 'echo', input: `n${i}` })).json!.id);
          expect((await call(s, `/responses/${ids[0]}`)).status).toBe(404);
          expect((await call(s, `/responses/${ids[2]}`)).status).toBe(200);
          const again = await create(s, { model: 'echo', input: 'x', previous_response_id: ids[0] });
          expect(again.status).toBe(400);
          expect(again.json!.error.code).toBe('previous_response_not_found');
        },
      },
    ],
    [
      'the store keeps about maxStoredBytes: large responses push out older ones, the newest stays',
      {
        options: { flavor: 'openai', maxStoredBytes: 300_000 },
        run: async (s) => {
          // Each counts its request body and its output (the echo repeats the input): about 120 KB, then 400 KB.
          const small = (await create(s, { model: 'echo', input: 'small' })).json!.id;
          const big = (await create(s, { model: 'echo', input: 'x'.repeat(60_000) })).json!.id;
          expect((await call(s, `/responses/${small}`)).status).toBe(200);
          const bigger = (await create(s, { model: 'echo', input: 'y'.repeat(200_000) })).json!.id;
          expect((await call(s, `/responses/${small}`)).status).toBe(404);
          expect((await call(s, `/responses/${big}`)).status).toBe(404);
          expect((await call(s, `/responses/${bigger}`)).status).toBe(200);
        },
      },
    ],
    [
      'a previous_response_id chain longer than maxHistoryDepth is a 400',
      {
        options: { maxHistoryDepth: 3 },
        run: async (s) => {
          const last = await chain(s, 3);
          const a = await create(s, { model: 'echo', input: 'fourth', previous_response_id: last });
          expect(a.status).toBe(200);
          const b = await create(s, { model: 'echo', input: 'fifth', previous_response_id: a.json!.id });
          expect(b.status).toBe(400);
          expect(b.json!.error).toMatchObject({ code: 'history_too_long', param: 'previous_response_id', message: expect.stringMatching(/more than 3 responses \(maxHistoryDepth\)/) });
        },
      },
    ],
    [
      'a conversation that would pass maxConversationItems is a 400',
      {
        options: { flavor: 'openai', maxConversationItems: 3 },
        run: async (s) => {
          expect((await create(s, { model: 'echo', input: 'one', conversation: 'c1' })).status).toBe(200);
          const b = await create(s, { model: 'echo', input: [{ type: 'message', role: 'user', content: 'a' }, { type: 'message', role: 'user', content: 'b' }], conversation: 'c1' });
          expect(b.status).toBe(400);
          expect(b.json!.error).toMatchObject({ code: 'conversation_too_long', param: 'conversation' });
        },
      },
    ],
    [
      'server.requests keeps the newest maxLoggedRequests',
      {
        options: { maxLoggedRequests: 3 },
        run: async (s) => {
          for (let i = 0; i < 5; i++) await create(s, { model: 'echo', input: `r${i}` });
          expect(s.requests).toHaveLength(3);
          expect(s.requests.map((r) => (r.body as Json).input)).toEqual(['r2', 'r3', 'r4']);
        },
      },
    ],
    [
      'bodies are kept within maxLoggedBodyChars: the oldest lose theirs first, one larger than the budget is not kept',
      {
        options: { maxLoggedBodyChars: 200 },
        run: async (s) => {
          for (let i = 0; i < 4; i++) await create(s, { model: 'echo', input: `body ${i} ${'.'.repeat(40)}` });
          const kept = s.requests.filter((r) => !r.bodyDropped);
          expect(kept.length).toBeGreaterThanOrEqual(1);
          expect(kept.reduce((n, r) => n + r.rawBody.length, 0)).toBeLessThanOrEqual(200);
          expect(s.requests[0]).toMatchObject({ bodyDropped: true, body: undefined, rawBody: '' });
          expect((s.requests.at(-1)!.body as Json).input).toMatch(/^body 3/);
          expect((await create(s, { model: 'echo', input: 'z'.repeat(500) })).status).toBe(200);
          expect(s.requests.at(-1)).toMatchObject({ bodyDropped: true, body: undefined, rawBody: '', method: 'POST' });
        },
      },
    ],
    [
      'bodies in flight past maxInFlightBodyBytes get a 503 with retry-after, and the server goes on',
      {
        options: { maxInFlightBodyBytes: 1_000 },
        run: async (s) => {
          const a = await create(s, { model: 'echo', input: 'w'.repeat(5_000) });
          expect(a.status).toBe(503);
          expect(a.headers.get('retry-after')).toBe('1');
          expect(a.json!.error.code).toBe('server_busy');
          expect((await create(s, { model: 'echo', input: 'small' })).status).toBe(200);
        },
      },
    ],
    [
      'a replay path is read relative to scriptDir; one that leads outside through a link is refused when read',
      {
        options: { scriptDir: join(dir, 'scripts'), script: [{ replay: 'inside.json' }, { replay: 'link.json' }] },
        run: async (s) => {
          expect((await create(s, { model: 'scripted', input: 'x' })).json).toEqual({ id: 'resp_1', object: 'response', output: [] });
          const b = await create(s, { model: 'scripted', input: 'x' });
          expect(b.status).toBe(500);
          expect(b.json!.error.message).toMatch(/leads outside the script's directory/);
          expect(b.text).not.toContain('secret');
          expect(() => s.enqueue({ replay: '../secret.json' })).toThrow(/enqueue: \/0\/replay: the replay file '..\/secret.json' is outside the script's directory/);
        },
      },
    ],
  ])('%s', async (_name, { options, run }) => {
    const server = await startMockServer(options);
    try {
      await run(server);
    } finally {
      await server.close();
    }
  });

  it.each<[string, MockServerOptions, RegExp]>([
    ['a replay path with ..', { scriptDir: join(dir, 'scripts'), script: ['hi', { replay: '../secret.json' }] }, /^script: \/1\/replay: the replay file '..\/secret.json' is outside the script's directory/],
    ['an absolute replay path elsewhere', { scriptDir: join(dir, 'scripts'), script: [{ replay: join(dir, 'secret.json') }] }, /^script: \/0\/replay: .* is outside the script's directory/],
    ['a bound that is not a positive number', { maxStored: 0 }, /^maxStored must be a positive number/],
    ['a bound of another type', { maxLoggedBodyChars: '1' as never }, /^maxLoggedBodyChars must be a positive number/],
  ])('startMockServer refuses %s', async (_name, options, want) => {
    await expect(startMockServer(options)).rejects.toThrow(want);
  });

  it('every bound has its default in MOCK_DEFAULTS', () => {
    expect(MOCK_DEFAULTS).toMatchObject({ maxLoggedRequests: 1_000, maxLoggedBodyChars: 4 * MiB, maxStored: 10_000, maxStoredBytes: 64 * MiB, maxHistoryDepth: 100, maxConversationItems: 10_000, maxInFlightBodyBytes: 128 * MiB });
    expect(MOCK_DEFAULTS.scriptDir()).toBe(process.cwd());
  });

  it('a store of 100,000 responses stays within its bounds, the newest kept', () => {
    const store = new Store({ maxStored: MOCK_DEFAULTS.maxStored, maxStoredBytes: MOCK_DEFAULTS.maxStoredBytes });
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const response = { id: `resp_${i}`, object: 'response', output: [{ type: 'message', content: [{ type: 'output_text', text: `answer ${i} ${'.'.repeat(i % 3000)}` }] }] };
      store.put({ response, input: [{ type: 'message', role: 'user', content: `question ${i}` }] }, 64 + (i % 3000));
      if (i % 10 === 0) store.extend(`conv_${i % 5000}`, [{ type: 'message', id: `m${i}` }], 100);
      largest = Math.max(largest, store.size.entries);
      expect(store.size.bytes).toBeLessThanOrEqual(MOCK_DEFAULTS.maxStoredBytes);
    }
    expect(largest).toBe(MOCK_DEFAULTS.maxStored);
    expect(store.get('resp_0')).toBeUndefined();
    expect(store.get('resp_99999')?.response.id).toBe('resp_99999');
  });

  it('survives 200 requests of 30 MB with its memory bounded (its own process, after a full GC)', async () => {
    const child = fork(join(repoRoot, 'test/support/mock-child.mjs'), [JSON.stringify({ flavor: 'openai' })], { execArgv: ['--expose-gc', '--max-old-space-size=1536'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // One exit listener for the whole test (one per message would pass Node's listener warning limit).
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited (${code})`))));
    exited.catch(() => {});
    const next = <T>(): Promise<T> => Promise.race([new Promise<T>((resolve) => child.once('message', resolve)), exited]);
    try {
      const { url } = await next<{ url: string }>();
      const memory = async () => (child.send('memory'), (await next<{ memory: NodeJS.MemoryUsage }>()).memory);
      const base = await memory();
      const text = 'a'.repeat(30 * 1000 * 1000);
      // Stored (a structured-output answer is small), refused (not JSON), and an unknown model: all kept before.
      const bodies = [
        Buffer.from(JSON.stringify({ model: 'echo', input: text, text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object', properties: {} } } } })),
        Buffer.from(`{"model": "echo", "input": "${text}`),
        Buffer.from(JSON.stringify({ model: 'nope', input: text })),
      ];
      // node:http, not fetch: fetch copies each 30 MB body twice on the test's side.
      const post = (body: Buffer) =>
        new Promise<number>((resolve, reject) => {
          const req = request(`${url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', reject);
          req.end(body);
        });
      const statuses = new Set<number>();
      let peak = 0;
      for (let i = 0; i < 200; i++) {
        statuses.add(await post(bodies[i % 3]));
        if (i % 25 === 24) peak = Math.max(peak, (await memory()).heapUsed);
      }
      expect([...statuses].sort()).toEqual([200, 400, 404]);
      const end = await memory();
      // Two stored answers (64 MiB) and the log's 4 MiB of bodies, not 200 bodies of 30 MB and their parses.
      expect(peak - base.heapUsed).toBeLessThan(256 * MiB);
      expect(end.heapUsed - base.heapUsed).toBeLessThan(256 * MiB);
      const ok = await fetch(`${url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'echo', input: 'still here' }) });
      expect(ok.status).toBe(200);
    } finally {
      child.disconnect();
    }
  }, 600_000);
});
