/**
 * The recorded Chat Completions traffic in ../shared/fixtures/recorded-chat,
 * read at test time, and what each recording carries, computed here from the
 * chat payload alone (independently of the bridge): text, reasoning text,
 * tool calls, usage, finish reason. Streams are folded into the body they
 * stand for by a separate, naive accumulator.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './shared.js';

export const recordedChatDir = join(sharedDir, 'fixtures', 'recorded-chat');

export interface ChatRecording {
  provider: string;
  name: string;
  /** `provider/name`. */
  id: string;
  file: string;
  kind: 'body' | 'error' | 'stream';
}

type Obj = Record<string, any>;

/** Every recording, sorted. Under CI=true a missing folder is a failure, never a skip. */
export function chatRecordings(): ChatRecording[] {
  if (!existsSync(recordedChatDir)) {
    if (process.env.CI === 'true') throw new Error(`missing ${recordedChatDir} (CI=true never skips these tests)`);
    return [];
  }
  const out: ChatRecording[] = [];
  for (const provider of readdirSync(recordedChatDir).sort()) {
    for (const name of readdirSync(join(recordedChatDir, provider)).sort()) {
      const file = join(recordedChatDir, provider, name);
      const kind = name.endsWith('.json') ? ('error' in JSON.parse(readFileSync(file, 'utf8')) ? 'error' : 'body') : 'stream';
      out.push({ provider, name, id: `${provider}/${name}`, file, kind });
    }
  }
  return out;
}

/** The chunks of a stream recording (`.chunks.txt` lines, or `.sse` `data:` lines), `[DONE]` left out. */
export function readChunks(file: string): Obj[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/^data: ?/, '').trim())
    .filter((l) => l !== '' && l !== '[DONE]')
    .map((l) => JSON.parse(l));
}

/** The same stream as SSE bytes on the wire: `data: <chunk>\n\n` each, then `data: [DONE]\n\n`. */
export function sseText(chunks: readonly Obj[]): string {
  return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
}

/** A recording may hold several streams back to back (Cerebras): a new id after a finish_reason starts the next. */
export function splitStreams(chunks: readonly Obj[]): Obj[][] {
  const streams: Obj[][] = [];
  let current: Obj[] = [];
  let id = '';
  let finished = false;
  for (const c of chunks) {
    if (finished && c.id && id && c.id !== id) {
      streams.push(current);
      current = [];
      finished = false;
    }
    if (c.id) id ||= c.id;
    if (current.length === 0 && c.id) id = c.id;
    if ((c.choices ?? []).some((ch: Obj) => ch.finish_reason)) finished = true;
    current.push(c);
  }
  if (current.length) streams.push(current);
  return streams;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The usage a payload carries: top level, else in its first choice (Moonshot), else under x_groq (Groq). */
function usageIn(p: Obj): Obj | undefined {
  if (isObj(p.usage)) return p.usage;
  if (isObj(p.choices?.[0]?.usage)) return p.choices[0].usage;
  if (isObj(p.x_groq?.usage)) return p.x_groq.usage;
  return undefined;
}

/** A naive fold of a stream into the body it stands for (choice 0). */
export function foldStream(chunks: readonly Obj[]): Obj {
  const message: Obj = { role: 'assistant', content: '', reasoning_content: '' };
  const calls: Obj[] = [];
  const byIndex = new Map<unknown, Obj>();
  const body: Obj = { choices: [{ index: 0, message, finish_reason: null }] };
  let logprobs: Obj[] | undefined;
  for (const c of chunks) {
    if (!body.id && c.id) body.id = c.id;
    if (!body.model && c.model) body.model = c.model;
    if (!body.created && c.created) body.created = c.created;
    if (!body.service_tier && c.service_tier) body.service_tier = c.service_tier;
    if (c.citations) body.citations = c.citations;
    if (c.search_results) body.search_results = c.search_results;
    const usage = usageIn(c);
    if (usage) body.usage = usage;
    const ch = (c.choices ?? []).find((x: Obj) => (x.index ?? 0) === 0);
    if (!ch) continue;
    if (ch.finish_reason) body.choices[0].finish_reason = ch.finish_reason;
    const d = ch.delta ?? {};
    if (typeof d.reasoning_content === 'string' && d.reasoning_content) message.reasoning_content += d.reasoning_content;
    else if (typeof d.reasoning === 'string') message.reasoning_content += d.reasoning;
    if (typeof d.content === 'string') message.content += d.content;
    else if (Array.isArray(d.content)) {
      for (const part of d.content) {
        if (part.type === 'thinking') message.reasoning_content += (part.thinking ?? []).map((t: Obj) => t.text ?? '').join('');
        else if (typeof part.text === 'string') message.content += part.text;
      }
    }
    if (typeof d.refusal === 'string') message.refusal = (message.refusal ?? '') + d.refusal;
    if (Array.isArray(ch.logprobs?.content)) (logprobs ??= []).push(...ch.logprobs.content);
    for (const tc of d.tool_calls ?? []) {
      const key = tc.index ?? tc.id;
      let call = byIndex.get(key);
      if (!call) {
        call = { id: '', type: 'function', function: { name: '', arguments: '' } };
        byIndex.set(key, call);
        calls.push(call);
      }
      if (tc.id) call.id ||= tc.id;
      if (tc.function?.name) call.function.name ||= tc.function.name;
      if (typeof tc.function?.arguments === 'string') call.function.arguments += tc.function.arguments;
    }
  }
  if (calls.length) message.tool_calls = calls;
  if (logprobs) body.choices[0].logprobs = { content: logprobs, refusal: null };
  return body;
}

export interface Carried {
  text: string;
  reasoning: string;
  calls: Array<{ name: string; arguments: string }>;
  usage: { input: number; output: number; total: number; cached: number; reasoning: number } | null;
  finish: string | null;
}

/** What a chat body carries, read from the payload alone. */
export function carried(body: Obj): Carried {
  const choice = body.choices?.[0] ?? {};
  const m = choice.message ?? {};
  let text = '';
  let reasoning = m.reasoning_content || m.reasoning || '';
  if (typeof m.content === 'string') text = m.content;
  else if (Array.isArray(m.content)) {
    for (const part of m.content) {
      if (part.type === 'thinking') reasoning += (part.thinking ?? []).map((t: Obj) => t.text ?? '').join('');
      else if (typeof part.text === 'string') text += part.text;
    }
  }
  const calls = (m.tool_calls ?? []).map((c: Obj) => ({ name: c.function?.name ?? '', arguments: c.function?.arguments ?? '' }));
  const u = usageIn(body);
  const usage = u
    ? {
        input: u.prompt_tokens ?? 0,
        output: u.completion_tokens ?? 0,
        total: u.total_tokens ?? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
        cached: u.prompt_tokens_details?.cached_tokens ?? u.cached_tokens ?? u.prompt_cache_hit_tokens ?? 0,
        reasoning: u.completion_tokens_details?.reasoning_tokens ?? u.reasoning_tokens ?? 0,
      }
    : null;
  return { text, reasoning, calls, usage, finish: choice.finish_reason ?? null };
}

/** The same facts read off a bridged response. */
export function bridged(r: Obj): Carried {
  const items: Obj[] = r.output ?? [];
  const text = items.filter((i) => i.type === 'message').flatMap((i) => i.content).filter((p: Obj) => p.type === 'output_text').map((p: Obj) => p.text).join('');
  const reasoning = items.filter((i) => i.type === 'reasoning').flatMap((i) => i.content ?? []).map((p: Obj) => p.text).join('');
  const calls = items.filter((i) => i.type === 'function_call').map((i) => ({ name: i.name, arguments: i.arguments }));
  const u = r.usage;
  const usage = u
    ? { input: u.input_tokens, output: u.output_tokens, total: u.total_tokens, cached: u.input_tokens_details.cached_tokens, reasoning: u.output_tokens_details.reasoning_tokens }
    : null;
  return { text, reasoning, calls, usage, finish: null };
}
