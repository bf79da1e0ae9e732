/**
 * Every recording in ../shared/fixtures/recorded-chat through the bridge:
 * bodies give a strictly valid ResponseResource, streams an event sequence
 * that passes strict validateStream and the stricter order rules, and in
 * both the text, reasoning text, tool calls (names and arguments) and usage
 * equal what the chat payload carried (read from the payload by the test
 * itself). A stream's final response equals the bridged body of the same
 * content, and what ResponseAccumulator rebuilds from its events. Error
 * bodies become the matching runtime error class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatStreamTranslator, errorFromChatBody, responseFromChat } from '../../runtime/bridge/index.js';
import { AnyResponsesError, InvalidRequestError, ModelNotFoundError, RateLimitError } from '../../runtime/core/errors.js';
import { ResponseAccumulator } from '../../runtime/stream/accumulator.js';
import { bridged, carried, chatRecordings, foldStream, readChunks, splitStreams, type ChatRecording } from '../support/chat-recordings.js';
import { eventOrderProblems } from '../support/event-order.js';
import { repoRoot } from '../support/shared.js';

type Spec = {
  validate(name: string, v: unknown, o: { mode: 'strict' }): { ok: boolean; errors?: unknown[] };
  validateStream(events: unknown[], o: { mode: 'strict' }): { ok: boolean; errors: unknown[] };
};
const spec = (await import(join(repoRoot, 'generated/openresponses/validators.js'))) as Spec;
const options = { now: () => 1_800_000_000_000, newId: () => 'generated' };

/** Recordings that cannot be bridged faithfully, with the reason (none so far: each is checked to still fail). */
const UNBRIDGEABLE: Record<string, string> = {};

/** The error class each error body stands for (the HTTP status is not recorded: inferred from `error.type`). */
const ERROR_CLASSES: Record<string, typeof AnyResponsesError> = {
  'groq/issue-10023-output-with-tools-error.json': InvalidRequestError,
  'moonshotai/moonshotai-error-live-message-only.json': ModelNotFoundError,
  'moonshotai/moonshotai-error-without-code-live.json': ModelNotFoundError,
  'moonshotai/moonshotai-k2.7-disabled-thinking-error.json': InvalidRequestError,
  'moonshotai/moonshotai-unsupported-svg-error.json': InvalidRequestError,
  'openai/qwen-plus-malformed-replayed-tool-arguments-error.json': InvalidRequestError,
};

function bodyProblems(rec: ChatRecording): string[] {
  const body = JSON.parse(readFileSync(rec.file, 'utf8'));
  const r = responseFromChat(body, { options });
  const v = spec.validate('ResponseResource', r, { mode: 'strict' });
  const out: string[] = [];
  if (!v.ok) out.push(`not strictly valid: ${JSON.stringify(v.errors).slice(0, 300)}`);
  const want = carried(body);
  const got = bridged(r);
  for (const k of ['text', 'reasoning', 'calls', 'usage'] as const) if (JSON.stringify(got[k]) !== JSON.stringify(want[k])) out.push(`${k}: got ${JSON.stringify(got[k]).slice(0, 120)}, carried ${JSON.stringify(want[k]).slice(0, 120)}`);
  const status = want.finish === 'length' || want.finish === 'content_filter' ? 'incomplete' : 'completed';
  if (r.status !== status) out.push(`status ${r.status} for finish_reason ${want.finish}`);
  return out;
}

function streamProblems(chunks: Array<Record<string, unknown>>): string[] {
  const t = new ChatStreamTranslator({ options });
  const events = chunks.flatMap((c) => t.push(c)).concat(t.end());
  const out: string[] = [];
  const v = spec.validateStream(events, { mode: 'strict' });
  if (!v.ok) out.push(`validateStream: ${JSON.stringify(v.errors).slice(0, 300)}`);
  out.push(...eventOrderProblems(events));
  const final = t.response!;
  const folded = foldStream(chunks);
  const want = carried(folded);
  const got = bridged(final);
  for (const k of ['text', 'reasoning', 'calls', 'usage'] as const) if (JSON.stringify(got[k]) !== JSON.stringify(want[k])) out.push(`${k}: got ${JSON.stringify(got[k]).slice(0, 120)}, carried ${JSON.stringify(want[k]).slice(0, 120)}`);
  const body = responseFromChat(folded as never, { options });
  if (JSON.stringify(final) !== JSON.stringify(body)) out.push(`the final response differs from the bridged body of the same content:\n${JSON.stringify(final).slice(0, 400)}\n${JSON.stringify(body).slice(0, 400)}`);
  const acc = new ResponseAccumulator();
  for (const e of events) acc.push(e as never);
  const rebuilt = acc.snapshotResponse() as { output: unknown } | undefined;
  if (JSON.stringify(rebuilt?.output) !== JSON.stringify(final.output)) out.push('ResponseAccumulator rebuilds another output from the events');
  return out;
}

const recordings = chatRecordings();

describe('bridged recordings (../shared/fixtures/recorded-chat)', () => {
  it('holds the 75 recordings of 11 providers', () => {
    if (recordings.length === 0) return;
    expect(recordings).toHaveLength(75);
    expect(new Set(recordings.map((r) => r.provider)).size).toBe(11);
  });

  it.each(recordings.filter((r) => r.kind !== 'error').map((r) => [r.id, r] as const))('%s', (id, rec) => {
    const problems = rec.kind === 'body' ? bodyProblems(rec) : splitStreams(readChunks(rec.file)).flatMap((s, i, all) => streamProblems(s).map((p) => (all.length > 1 ? `stream ${i}: ${p}` : p)));
    if (UNBRIDGEABLE[id]) expect(problems, `listed as unbridgeable (${UNBRIDGEABLE[id]}) but bridges`).not.toEqual([]);
    else expect(problems).toEqual([]);
  });

  it('every listed unbridgeable recording exists', () => {
    for (const id of Object.keys(UNBRIDGEABLE)) expect(recordings.map((r) => r.id)).toContain(id);
  });
});

describe('recorded error bodies', () => {
  const errors = recordings.filter((r) => r.kind === 'error');
  it('are the six recorded', () => {
    if (recordings.length === 0) return;
    expect(errors.map((r) => r.id).sort()).toEqual(Object.keys(ERROR_CLASSES).sort());
  });

  it.each(errors.map((r) => [r.id, r] as const))('%s becomes the matching error', (id, rec) => {
    const body = JSON.parse(readFileSync(rec.file, 'utf8'));
    const e = errorFromChatBody(body, { provider: rec.provider });
    expect(e).toBeInstanceOf(ERROR_CLASSES[id]);
    expect(e.provider).toBe(rec.provider);
    expect(e.message).toContain(body.error.message.slice(0, 40));
    expect(e.type).toBe(body.error.type);
    expect(e.param).toBe(body.error.param);
    if (typeof body.error.code === 'string') expect(e.code).toBe(body.error.code);
    // The same through responseFromChat, and a known HTTP status wins over the type.
    expect(() => responseFromChat(body, { options: { provider: rec.provider } })).toThrow(ERROR_CLASSES[id]);
    expect(errorFromChatBody(body, { provider: rec.provider, status: 429 })).toBeInstanceOf(RateLimitError);
  });
});
