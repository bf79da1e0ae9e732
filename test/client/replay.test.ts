/** `anyresponses replay`: the built command on the recordings. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasShared, recordedDir, repoRoot } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'ar-replay-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...a: string[]) => spawnSync(process.execPath, [join(repoRoot, 'dist/runtime/cli/bin.js'), 'replay', ...a], { encoding: 'utf8' });
const lines = (p: string) => readFileSync(join(recordedDir, p), 'utf8').split('\n').filter(Boolean);

describe('anyresponses replay', () => {
  it('prints the response rebuilt from a recorded stream (chunks and raw SSE)', () => {
    if (!hasShared()) return;
    const l = lines('lmstudio/lmstudio-tool-call.1.chunks.txt');
    const terminal = JSON.parse(l[l.length - 1]).response;
    const r = run('--spec', 'openresponses', join(recordedDir, 'lmstudio/lmstudio-tool-call.1.chunks.txt'));
    expect(r.status).toBe(0);
    expect({ ...JSON.parse(r.stdout), output_text: undefined }).toEqual({ ...terminal, output_text: undefined });
    const sse = join(tmp, 'web.sse');
    const w = lines('openai/openai-web-search-tool.1.chunks.txt');
    writeFileSync(sse, w.map((x) => `event: ${JSON.parse(x).type}\r\ndata: ${x}\r\n\r\n`).join('') + 'data: [DONE]\n\n');
    const s = run(sse);
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout).output_text.length).toBeGreaterThan(20);
  });

  it('several responses in one recording print as an array', () => {
    if (!hasShared()) return;
    const r = run(join(recordedDir, 'openai/openai-shell-tool.1.chunks.txt'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });

  it.each([
    ['a stream cut before its terminal event', () => { const f = join(tmp, 'cut.chunks.txt'); writeFileSync(f, lines('lmstudio/lmstudio-basic.1.chunks.txt').slice(0, 20).join('\n')); return [f, '--spec', 'openresponses']; }, 1, /ended without a terminal event/],
    ['a line that is not JSON', () => { const f = join(tmp, 'bad.chunks.txt'); writeFileSync(f, '{"type":"response.created"\n'); return [f]; }, 2, /bad.chunks.txt:1: not valid JSON/],
    ['no file', () => [], 2, /expected one file/],
    ['an unknown spec', () => ['x.chunks.txt', '--spec', 'gemini'], 2, /--spec must be 'openai' or 'openresponses'/],
  ] as const)('%s exits %i', (_n, args, code, message) => {
    if (!hasShared()) return;
    const r = run(...args());
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
  });
});
