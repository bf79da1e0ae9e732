/**
 * The generated chat schemas (anyresponses/chat) against the recorded chat
 * traffic. Strict mode lists every deviation; each is explained in
 * test/fixtures/chat-deviations.json (all provider extensions: the one
 * recording of OpenAI's own API is strictly valid, so no overlay is
 * justified), and every explanation is still needed. Tolerant mode accepts
 * everything but Mistral's content arrays, exactly where they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatRecordings, readChunks } from '../support/chat-recordings.js';
import { repoRoot } from '../support/shared.js';

type Issue = { pointer: string; keyword: string };
type Result = { ok: boolean; errors?: Issue[]; warnings: Issue[] };
const chat = (await import(join(repoRoot, 'generated/chat/validators.js'))) as {
  validate(name: string, v: unknown, o: { mode: 'strict' | 'tolerant' }): Result;
  validateError(v: unknown, o: { mode: 'strict' | 'tolerant' }): Result;
  schemaNames: readonly string[];
};
const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/chat-deviations.json'), 'utf8')) as {
  strict: Array<{ keyword: string; pointers: string[]; why: string }>;
  tolerantRejects: { why: string; recordings: Record<string, string[]> };
};

function check(mode: 'strict' | 'tolerant'): Array<{ id: string; result: Result }> {
  return chatRecordings().flatMap((r) => {
    const values = r.kind === 'stream' ? readChunks(r.file) : [JSON.parse(readFileSync(r.file, 'utf8'))];
    const schema = r.kind === 'stream' ? 'CreateChatCompletionStreamResponse' : 'CreateChatCompletionResponse';
    return values.map((v) => ({ id: r.id, result: r.kind === 'error' ? chat.validateError(v, { mode }) : chat.validate(schema, v, { mode }) }));
  });
}

const fold = (p: string) => p.replace(/\/\d+(?=\/|$)/g, '/*');

describe('the chat schemas against recorded chat traffic', () => {
  it('cover the three chat shapes and their closure', () => {
    for (const name of ['CreateChatCompletionRequest', 'CreateChatCompletionResponse', 'CreateChatCompletionStreamResponse', 'ChatCompletionRequestMessage', 'CompletionUsage', 'Error']) expect(chat.schemaNames).toContain(name);
    // The closure of POST /chat/completions only: nothing of the Responses API.
    expect(chat.schemaNames).not.toContain('CreateResponse');
    expect(chat.schemaNames.length).toBeLessThan(100);
  });

  it('strict mode finds exactly the explained deviations', () => {
    const outcomes = check('strict');
    if (outcomes.length === 0) return;
    const found = new Set(outcomes.flatMap((o) => (o.result.errors ?? []).map((i) => `${fold(i.pointer)}\t${i.keyword}`)));
    const explained = new Set(fixture.strict.flatMap((e) => e.pointers.map((p) => `${p}\t${e.keyword}`)));
    expect(fixture.strict.every((e) => e.why.length > 30)).toBe(true);
    expect([...found].filter((f) => !explained.has(f)).sort(), 'unexplained deviations').toEqual([]);
    expect([...explained].filter((e) => !found.has(e)).sort(), 'explanations no longer needed').toEqual([]);
  });

  it('the recording of OpenAI\'s own API is strictly valid', () => {
    const own = check('strict').filter((o) => o.id === 'openai-compatible/issue-15789-step-1.chunks.txt');
    if (own.length === 0) return;
    expect(own.flatMap((o) => o.result.errors ?? [])).toEqual([]);
  });

  it('tolerant mode rejects only Mistral\'s content arrays, where they are', () => {
    const outcomes = check('tolerant');
    if (outcomes.length === 0) return;
    const rejected: Record<string, string[]> = {};
    for (const o of outcomes) if (!o.result.ok) (rejected[o.id] ??= []).push(...(o.result.errors ?? []).map((i) => i.pointer));
    for (const id of Object.keys(rejected)) rejected[id] = [...new Set(rejected[id])].sort();
    expect(rejected).toEqual(fixture.tolerantRejects.recordings);
  });
});
