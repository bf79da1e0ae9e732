/**
 * `anyresponses replay FILE --from chat [--events]` (the built command, run
 * in-process through its main): every recorded chat stream's bridged events
 * pass strict validateStream (the same check `validate --spec openresponses
 * --stream` runs on that output) and end in the final response printed
 * without --events; every recorded body prints a strictly valid
 * ResponseResource, every error body its error class (exit 1); bad usage
 * exits 2.
 */
import { join } from 'node:path';
import * as openresponses from 'anyresponses/openresponses';
import { describe, expect, it } from 'vitest';
import { chatRecordings } from '../support/chat-recordings.js';
import { repoRoot } from '../support/shared.js';

type Json = Record<string, any>;
const { main } = (await import(join(repoRoot, 'dist/runtime/cli/main.js'))) as { main(argv: string[], io: unknown): Promise<number> };

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) });
  return { code, out, err };
}

const all = chatRecordings();

describe('replay --from chat', () => {
  it.each(all.filter((r) => r.kind === 'stream').map((r) => [r.id, r.file]))('%s: --events is a strictly valid event stream ending in the printed response', async (_id, file) => {
    const events = await run(['replay', file, '--from', 'chat', '--events']);
    expect(events.code).toBe(0);
    const parsed = events.out.map((l) => JSON.parse(l) as Json);
    const terminals = parsed.filter((e) => /^response\.(completed|incomplete|failed)$/.test(e.type));
    // A recording may hold several streams back to back: validate each.
    let start = 0;
    for (const t of terminals) {
      const end = parsed.indexOf(t) + 1;
      const v = openresponses.validateStream(parsed.slice(start, end), { mode: 'strict' });
      expect(v.errors, JSON.stringify(v.errors.slice(0, 2))).toEqual([]);
      start = end;
    }
    expect(start).toBe(parsed.length);
    const finals = await run(['replay', file, '--from', 'chat']);
    const printed = JSON.parse(finals.out.join('\n'));
    // completed_at is the bridge's clock at the end of each run: the two runs may be a second apart.
    const clockless = (r: Json) => ({ ...r, completed_at: typeof r.completed_at === 'number' ? 'a time' : r.completed_at });
    expect((Array.isArray(printed) ? printed : [printed]).map(clockless)).toEqual(terminals.map((t) => clockless(t.response)));
  });

  it.each(all.filter((r) => r.kind !== 'stream').map((r) => [r.id, r.file, r.kind]))('%s: the bridged body, or the error it becomes', async (_id, file, kind) => {
    const r = await run(['replay', file, '--from', 'chat']);
    if (kind === 'error') {
      expect(r.code).toBe(1);
      expect(r.err.join('\n')).toMatch(/: [A-Za-z]+Error: /);
      return;
    }
    expect(r.code, r.err.join('\n')).toBe(0);
    const v = openresponses.validate('ResponseResource', JSON.parse(r.out.join('\n')), { mode: 'strict' });
    expect(v.ok ? [] : v.errors).toEqual([]);
  });

  it.each([
    ['--from another API', ['--from', 'messages'], /--from must be 'chat'/],
    ['--events without --from chat', ['--events'], /--events goes with --from chat/],
    ['--spec with --from chat', ['--from', 'chat', '--spec', 'openai'], /leave out --spec/],
    ['--events on a body', ['--from', 'chat', '--events'], /--events needs a stream recording/],
  ])('%s: exit 2', async (_n, args, want) => {
    const body = all.find((r) => r.kind === 'body')?.file ?? 'x.json';
    const r = await run(['replay', body, ...args]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(want);
  });
});
