/** `anyresponses conform` as a user runs it: the built command, its outputs and its exit codes. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startMockServer } from 'anyresponses/testing';
import { describe, expect, it } from 'vitest';
import { startProxy } from '../support/conform-proxy.js';
import { startTestServer } from '../support/http-server.js';
import { repoRoot } from '../support/shared.js';

const bin = join(repoRoot, 'dist/runtime/cli/bin.js');
const run = (...args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    execFile(process.execPath, [bin, 'conform', ...args], { encoding: 'utf8', env: { ...process.env, OPENRESPONSES_API_KEY: '' } }, (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, out: stdout, err: stderr }));
  });

describe('anyresponses conform', () => {
  it('--mock: every scenario against a fresh mock server, text report, exit 0', async () => {
    const r = await run('--mock', '--only', 'text,stream', '--only', 'error-malformed');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^anyresponses conform: http:\/\/127\.0\.0\.1:\d+\/v1 \(openresponses flavor, model echo, our mock server\)/);
    expect(r.out).toMatch(/PASS +stream +A streamed text answer/);
    expect(r.out).toMatch(/POST \/responses \{"model":"echo","input":"Count from one to five in words.","stream":true\} -> 200 text\/event-stream, \d+ bytes: response.created, .*, \[DONE\]/);
    expect(r.out).toMatch(/3 scenarios: 3 pass, 0 deviations, 0 fail, 0 skipped; 3 requests in [\d.]+ s\. Exit 0\./);
  });

  it('--json is the report; --markdown is a table', async () => {
    const json = await run('--mock', '--flavor', 'openai', '--json', '--only', 'retrieve');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ exit: 0, target: { flavor: 'openai' }, scenarios: [{ name: 'retrieve', verdict: 'pass', exchanges: [{ method: 'POST' }, { method: 'GET' }] }] });
    const md = await run('--mock', '--markdown', '--only', 'retrieve', '--only', 'text');
    expect(md.out).toContain('| scenario | verdict | what it checks | rules broken |');
    expect(md.out).toContain('| `retrieve` | skipped |');
    expect(md.out).toMatch(/\| `text` \| pass \|/);
  });

  it('a deviation exits 1, or 0 with --allow-deviations; the rule and its pointer are in the report', async () => {
    const mock = await startMockServer();
    const proxy = await startProxy(mock.url, { sse: (m) => m.filter((x) => x.data !== '[DONE]') });
    try {
      const r = await run('--base-url', proxy.url, '--model', 'echo', '--only', 'stream');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/DEVIATION +stream/);
      expect(r.out).toMatch(/deviation \[sse-done-terminator\] request 1 event \d+ \/: the stream ended without the data: \[DONE\] terminator/);
      expect((await run('--base-url', proxy.url, '--model', 'echo', '--only', 'stream', '--allow-deviations')).code).toBe(0);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it('an unreachable server exits 2 and says so', async () => {
    const s = await startTestServer();
    await s.close();
    const r = await run('--base-url', `${s.url}/v1`, '--model', 'm', '--timeout', '2000');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/did not answer \(no answer: ECONNREFUSED\)/);
  });

  it('the key is sent, never printed', async () => {
    const mock = await startMockServer({ apiKey: 'sk-secret-conform' });
    try {
      const r = await run('--base-url', mock.url, '--model', 'echo', '--api-key', 'sk-secret-conform', '--only', 'text', '--json');
      expect(r.code).toBe(0);
      expect(r.out).not.toContain('sk-secret-conform');
      expect(mock.requests[0].headers.authorization).toBe('Bearer sk-secret-conform');
    } finally {
      await mock.close();
    }
  });

  it.each([
    [[], /--base-url is required .* or --mock/],
    [['--mock', '--base-url', 'http://x'], /leave out --base-url/],
    [['--base-url', 'http://127.0.0.1:1/v1'], /model is required/],
    [['--mock', '--flavor', 'gemini'], /--flavor must be 'openresponses' or 'openai', not 'gemini'/],
    [['--mock', '--json', '--markdown'], /choose one/],
    [['--mock', '--only', 'nope'], /unknown scenario 'nope'; known: text, instructions/],
    [['--mock', '--timeout', '0'], /--timeout must be an integer of at least 1/],
    [['--base-url', 'ftp://x', '--model', 'm'], /baseUrl must be http or https/],
    [['--frob'], /unknown option '--frob' \(see anyresponses conform --help\)/],
  ])('bad usage %j exits 2 with a message', async (args, want) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
  });
});
