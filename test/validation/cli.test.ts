/** `anyresponses validate` as a user runs it: the built command on real files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasShared, recordedDir, repoRoot } from '../support/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'ar-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(repoRoot, 'dist/runtime/cli/bin.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, 'validate', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const rec = (p: string) => join(recordedDir, p);

describe('anyresponses validate', () => {
  it('tolerant by default: real bodies and streams pass, warnings printed', () => {
    if (!hasShared()) return;
    const r = run('--spec', 'openai', rec('openai/openai-image-generation-tool.1.json'), rec('openai/openai-phase.1.chunks.txt'), rec('openai/openai-error.1.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 of 3 file(s) valid (tolerant mode)');
    expect(r.out).toMatch(/warning \/tools\/0\/n: unknown property 'n'/);
    expect(r.out).toContain('(error-body, 0 error(s)');
  });

  it('--strict fails on deviations (exit 1); --json is machine-readable', () => {
    if (!hasShared()) return;
    expect(run('--spec', 'openai', '--strict', rec('openai/openai-phase.1.json')).code).toBe(1);
    expect(run('--spec', 'openai', '--strict', rec('openai/openai-compaction.1.json')).code).toBe(0);
    const r = run('--spec', 'openresponses', '--json', '--schema', 'ResponseResource', rec('lmstudio/lmstudio-basic.1.json'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.files[0]).toMatchObject({ ok: true, kind: 'body', warnings: [{ pointer: '/output/0/status', keyword: 'additionalProperties' }] });
  });

  it('reads raw .sse files', () => {
    if (!hasShared()) return;
    const lines = readFileSync(rec('lmstudio/lmstudio-basic.1.chunks.txt'), 'utf8').split('\n').filter(Boolean);
    const sse = join(tmp, 'basic.sse');
    writeFileSync(sse, lines.map((l) => `event: ${JSON.parse(l).type}\r\ndata: ${l}\r\n\r\n`).join('') + 'data: [DONE]\r\n\r\n');
    const r = run('--spec', 'openresponses', '--strict', sse);
    expect(r.out).toContain('(stream, 0 error(s), 0 warning(s))');
    expect(r.code).toBe(0);
    const cut = join(tmp, 'cut.sse');
    writeFileSync(cut, lines.slice(0, 10).map((l) => `data: ${l}\n\n`).join(''));
    const bad = run('--spec', 'openresponses', cut);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('ended without a terminal event');
  });

  it('--stream applies the named stream rules, the framing rules to raw captures, and names each rule', () => {
    if (!hasShared()) return;
    const phase = run('--spec', 'openai', '--stream', rec('openai/openai-phase.1.chunks.txt'));
    expect(phase.code).toBe(0);
    expect(phase.out).toMatch(/warning event \d+ \/text \[deltas-join-done\]: the deltas join into/);
    expect(phase.out).toMatch(/warning event 9 \/output_index \[indexes-consistent\]/);
    // An OpenResponses capture without the [DONE] terminator and with an id: field: a deviation and an advisory.
    const lines = readFileSync(rec('lmstudio/lmstudio-basic.1.chunks.txt'), 'utf8').split('\n').filter(Boolean);
    const sse = join(tmp, 'no-done.sse');
    writeFileSync(sse, lines.map((l, i) => `${i === 0 ? 'id: 1\n' : ''}event: ${JSON.parse(l).type}\ndata: ${l}\n\n`).join(''));
    const strict = run('--spec', 'openresponses', '--strict', '--json', sse);
    expect(strict.code).toBe(1);
    const file = JSON.parse(strict.out).files[0];
    expect(file.errors.map((e: { rule: string }) => e.rule)).toEqual(['sse-done-terminator']);
    expect(file.warnings.map((e: { rule: string }) => e.rule)).toEqual(['sse-no-id']);
    expect(run('--spec', 'openresponses', sse).code).toBe(0);
    // The openai flavor sends no terminator: the same capture is fine there as far as [DONE] goes.
    expect(JSON.parse(run('--spec', 'openai', '--json', sse).out).files[0].errors.filter((e: { rule?: string }) => e.rule === 'sse-done-terminator')).toEqual([]);
  });

  it.each([
    [['--spec', 'gemini', 'x.json'], /--spec must be 'openai' or 'openresponses', not 'gemini'/],
    [['--spec', 'openai'], /no files given/],
    [['--spec', 'openai', '--schema', 'Nope', 'x.json'], /unknown openai schema 'Nope'/],
    [['--spec', 'openai', '/no/such/file.json'], /\/no\/such\/file.json: no such file/],
    [['--frob'], /unknown option '--frob' \(see anyresponses validate --help\)/],
  ])('bad usage %j exits 2 with a message', (args, want) => {
    if (!hasShared()) return;
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
  });

  it('a file that is not JSON is invalid (exit 1), not a crash', () => {
    if (!hasShared()) return;
    const f = join(tmp, 'broken.json');
    writeFileSync(f, '{"id": ');
    const r = run('--spec', 'openai', f);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL .*broken.json .*not valid JSON/s);
  });
});
