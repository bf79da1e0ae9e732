/**
 * The wire shapes the mock server sends, per flavor: output items from a
 * plan, the response object around them, input items as stored, usage.
 * Every shape here is strictly valid against its spec (the tests check each
 * one, and the server checks its own output before sending it).
 */
import type { PlannedItem } from './model.js';
import type { Flavor } from './options.js';

type Json = Record<string, unknown>;

/** Deterministic ids: `<prefix>_<counter>`, one counter per server. */
export class Ids {
  private n = 0;
  next(prefix: string): string {
    this.n += 1;
    return `${prefix}_${this.n.toString(16).padStart(16, '0')}`;
  }
}

/** An item for the plan; with `encrypted` (the request's include asked for it), reasoning carries its text as `encrypted_content`. */
export function outputItem(p: PlannedItem, ids: Ids, o: { encrypted?: boolean } = {}): Json {
  switch (p.type) {
    case 'message':
      return { type: 'message', id: ids.next('msg'), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: p.text, annotations: [], logprobs: [] }] };
    case 'refusal':
      return { type: 'message', id: ids.next('msg'), status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal: p.refusal }] };
    case 'reasoning':
      return {
        type: 'reasoning',
        id: ids.next('rs'),
        summary: p.summary.map((text) => ({ type: 'summary_text', text })),
        ...(p.text !== undefined ? { content: [{ type: 'reasoning_text', text: p.text }] } : {}),
        ...(o.encrypted ? { encrypted_content: Buffer.from(JSON.stringify({ summary: p.summary, text: p.text ?? null })).toString('base64') } : {}),
      };
    case 'function_call':
      return { type: 'function_call', id: ids.next('fc'), call_id: ids.next('call'), name: p.name, arguments: p.arguments, status: 'completed' };
    case 'item':
      // A scripted item as given; every item needs an id (the spec's "Required item fields").
      return typeof p.item.id === 'string' ? { ...p.item } : { ...p.item, id: ids.next('item') };
  }
}

/** The request's input as stored items: a string becomes a user message; messages get ids and input_text parts. */
export function inputItems(input: unknown, ids: Ids): Json[] {
  if (input === undefined || input === null) return [];
  const list: Json[] = typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : (input as Json[]);
  return list.map((item) => {
    if ((item.type === undefined || item.type === 'message') && typeof item.role === 'string') {
      const content = typeof item.content === 'string' ? [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.content, ...(item.role === 'assistant' ? { annotations: [] } : {}) }] : item.content;
      return { type: 'message', id: typeof item.id === 'string' ? item.id : ids.next('msg'), status: 'completed', role: item.role, content };
    }
    return typeof item.id === 'string' || item.type === 'item_reference' ? { ...item } : { ...item, id: ids.next(String(item.type ?? 'item').slice(0, 8)) };
  });
}

const tokens = (text: string) => (text ? Math.max(1, Math.ceil(text.length / 4)) : 0);

/** The text an item carries (what its tokens are counted from). */
function itemText(item: Json): string {
  const parts = [...((item.content as Json[] | undefined) ?? []), ...((item.summary as Json[] | undefined) ?? [])];
  return parts.map((p) => String(p.text ?? p.refusal ?? '')).join('') + String(item.arguments ?? '');
}

/** Usage, counted as about four characters a token: deterministic, and roughly what a real model reports. */
export function usage(inputText: string, output: Json[]): Json {
  const input_tokens = Math.max(1, tokens(inputText));
  const output_tokens = tokens(output.map(itemText).join(''));
  const reasoning_tokens = tokens(output.filter((i) => i.type === 'reasoning').map(itemText).join(''));
  return {
    input_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens,
    output_tokens_details: { reasoning_tokens },
    total_tokens: input_tokens + output_tokens,
  };
}

/** Function tools as a response echoes them (the spec's response form: every field present). */
function echoTools(tools: unknown, flavor: Flavor): unknown[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((t: Json) =>
    t && t.type === 'function'
      ? { type: 'function', name: t.name, description: t.description ?? null, parameters: t.parameters ?? null, strict: t.strict ?? (flavor === 'openai' ? true : null) }
      : t,
  );
}

/**
 * `text` as an OpenResponses response echoes it: its JsonSchemaResponseFormat
 * requires name, description and strict and allows only `null` for `schema`.
 */
function echoText(text: unknown): unknown {
  if (!text || typeof text !== 'object') return { format: { type: 'text' } };
  const t = text as Json;
  const f = t.format as Json | undefined;
  if (f?.type !== 'json_schema') return { format: { type: 'text' }, ...t };
  return { ...t, format: { type: 'json_schema', name: f.name, description: f.description ?? null, schema: null, strict: f.strict ?? false } };
}

export interface ResponseParts {
  id: string;
  createdAt: number;
  status: 'queued' | 'in_progress' | 'completed' | 'failed' | 'incomplete' | 'cancelled';
  output: Json[];
  usage: Json | null;
  error?: { code: string; message: string } | null;
  completedAt?: number | null;
}

/** The response object for a request, in the flavor's shape. */
export function responseObject(flavor: Flavor, request: Json, parts: ResponseParts): Json {
  const common: Json = {
    id: parts.id,
    object: 'response',
    created_at: parts.createdAt,
    status: parts.status,
    error: parts.error ?? null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    model: request.model,
    output: parts.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    tools: echoTools(request.tools, flavor),
    tool_choice: request.tool_choice ?? 'auto',
    temperature: request.temperature ?? 1,
    top_p: request.top_p ?? 1,
    max_output_tokens: request.max_output_tokens ?? null,
    metadata: request.metadata ?? {},
    usage: parts.usage,
  };
  if (flavor === 'openai') {
    const extra: Json = {};
    for (const k of ['background', 'conversation', 'max_tool_calls', 'prompt_cache_key', 'reasoning', 'safety_identifier', 'service_tier', 'text', 'top_logprobs', 'truncation', 'user']) {
      if (request[k] !== undefined) extra[k] = k === 'conversation' && typeof request[k] === 'string' ? { id: request[k] } : request[k];
    }
    return { ...common, store: request.store ?? true, ...extra };
  }
  return {
    ...common,
    completed_at: parts.completedAt ?? null,
    truncation: request.truncation ?? 'disabled',
    text: echoText(request.text),
    presence_penalty: request.presence_penalty ?? 0,
    frequency_penalty: request.frequency_penalty ?? 0,
    top_logprobs: request.top_logprobs ?? 0,
    reasoning: request.reasoning ?? null,
    max_tool_calls: request.max_tool_calls ?? null,
    store: request.store ?? true,
    background: request.background ?? false,
    service_tier: request.service_tier ?? 'default',
    safety_identifier: request.safety_identifier ?? null,
    prompt_cache_key: request.prompt_cache_key ?? null,
  };
}
