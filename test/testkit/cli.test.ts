/**
 * `anyresponses serve` as a user runs it (the built bin in a child process):
 * it prints its URL, answers requests with the flavor and script it was
 * given, stops with exit 0 on SIGTERM, and refuses bad usage with exit 2.
 * And `npm run demo`'s script runs to the end against its own server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const bin = join(repoRoot, 'dist/runtime/cli/bin.js');

function serve(args: string[]): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1], output: () => out, stop: () => new Promise((r) => (child.once('exit', (code) => r(code)), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code} before listening: ${out}`)));
  });
}

describe('anyresponses serve', () => {
  it('serves the script on the chosen flavor, with a key, until SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-'));
    const script = join(dir, 'turns.json');
    writeFileSync(script, JSON.stringify(['first scripted answer', { refusal: 'no' }]));
    const s = await serve(['--flavor', 'openai', '--script', script, '--api-key', 'k1', '--port', '0']);
    const post = (key: string) => fetch(`${s.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'scripted', input: 'hi' }) });
    expect((await post('wrong')).status).toBe(401);
    const r = await (await post('k1')).json();
    expect(r.output[0].content[0].text).toBe('first scripted answer');
    expect(r.store).toBe(true); // the openai flavor's Response
    // One line per answer, with its status and time (the child's pipe may lag its answers a little).
    const lines = () => s.output().match(/^POST \/v1\/responses (200|401) \d+ms$/gm) ?? [];
    for (const end = Date.now() + 5_000; lines().length < 2 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(lines().map((l) => l.split(' ')[2])).toEqual(['401', '200']); // each with the status sent
    expect(await s.stop()).toBe(0);
  });

  it('--flavor chat serves POST /v1/chat/completions', async () => {
    const s = await serve(['--flavor', 'chat', '--port', '0']);
    const r = await fetch(`${s.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'echo', messages: [{ role: 'user', content: 'hi' }] }) });
    const body = await r.json();
    expect([r.status, body.object, body.choices[0].message.content, body.choices[0].finish_reason]).toEqual([200, 'chat.completion', 'You said: "hi".', 'stop']);
    expect((await fetch(`${s.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    expect(await s.stop()).toBe(0);
  });

  it.each([
    ['an unknown flavor', ['--flavor', 'gemini'], /--flavor must be 'openresponses', 'openai' or 'chat', not 'gemini'/],
    ['a bad port', ['--port', 'x'], /--port must be an integer/],
    ['a script that does not exist', ['--script', '/nonexistent/turns.json'], /cannot read the script/],
    ['an unknown option', ['--colour', 'red'], /colour/],
  ])('%s: exit 2', (_name, args, want) => {
    const r = spawnSync(process.execPath, [bin, 'serve', ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(want);
  });

  it('an invalid script names the file and the pointer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-'));
    const script = join(dir, 'bad.json');
    writeFileSync(script, JSON.stringify(['ok', { toolCalls: [{ arguments: {} }] }]));
    const r = spawnSync(process.execPath, [bin, 'serve', '--script', script], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${script}: /1/toolCalls/0/name: expected a tool name`);
  });
});

describe('the demo', () => {
  it('runs every step against its own server and exits 0', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'demo/run.mjs')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const step of ['1. a plain call', '2. a streamed call', '3. a two-turn conversation', '4. a tool round trip', '5. structured output']) expect(r.stdout).toContain(step);
    expect(r.stdout).toContain('Before that you said: "My favourite colour is green."');
    expect(r.stdout).toContain('called get_weather(');
    expect(r.stdout).toMatch(/output_parsed: \{"city":"[^"]+","population":1\}/);
  });
});
