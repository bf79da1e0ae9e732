/**
 * The chat flavor's shapes: chat messages read as the items the mock
 * models know, the request seen as the Responses request the models read
 * (function tools, tool_choice, a JSON Schema format), and a plan's answer
 * as a chat completion body or as its chunks: the role first, reasoning
 * (`reasoning_content`), text and refusal in pieces, tool calls (every
 * call's id and name first, then their arguments in pieces, interleaved, as
 * parallel calls arrive), the finish reason, and usage in a last chunk with
 * empty `choices` when asked for. Strictly valid against the OpenAI chat
 * schema apart from `reasoning_content`, which the spec does not know and
 * DeepSeek-style providers send (`strictView` drops it for the server's own check).
 */
import { contentText, itemsText, type PlannedItem } from './model.js';

type Json = Record<string, unknown>;

/** Chat messages as items: user and assistant messages, assistant tool calls, tool results. */
export function itemsFromMessages(messages: Json[] | undefined): Json[] {
  const out: Json[] = [];
  for (const m of messages ?? []) {
    if (m.role === 'user' || (m.role === 'assistant' && m.content != null)) out.push({ type: 'message', role: m.role, content: typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content : '' });
    if (m.role === 'assistant' && Array.isArray(m.tool_calls)) {
      for (const c of m.tool_calls as Json[]) {
        const f = (c.function ?? {}) as Json;
        out.push({ type: 'function_call', call_id: c.id, name: f.name, arguments: f.arguments });
      }
    }
    if (m.role === 'tool') out.push({ type: 'function_call_output', call_id: m.tool_call_id, output: typeof m.content === 'string' ? m.content : contentText(m.content) });
  }
  return out;
}

/** Every message's text (system ones too): what prompt tokens are counted from. */
export function promptText(messages: Json[] | undefined): string {
  return itemsText((messages ?? []).map((m) => ({ content: m.content })));
}

/** The request as the models read it: function tools by name, tool_choice, a json_schema response_format as text.format. */
export function responsesView(request: Json): Json {
  const tools = (Array.isArray(request.tools) ? (request.tools as Json[]) : []).map((t) => {
    const f = (t.function ?? {}) as Json;
    return { type: 'function', name: f.name, parameters: f.parameters };
  });
  const c = request.tool_choice as Json | string | undefined;
  const tool_choice = c && typeof c === 'object' ? { type: 'function', name: (c.function as Json | undefined)?.name } : c;
  const rf = request.response_format as Json | undefined;
  const schema = rf?.type === 'json_schema' ? (((rf.json_schema as Json | undefined)?.schema as unknown) ?? true) : undefined;
  return { tools, tool_choice, ...(schema !== undefined ? { text: { format: { type: 'json_schema', schema } } } : {}) };
}

export interface ChatAnswer {
  reasoning: string;
  text: string | null;
  refusal: string | null;
  calls: Array<{ id: string; name: string; arguments: string }>;
  finish: 'stop' | 'length' | 'tool_calls';
}

const tokens = (text: string) => (text ? Math.max(1, Math.ceil(text.length / 4)) : 0);

/** A plan as one assistant answer; with a token limit the text is cut to it (4 characters a token) and the answer finishes with `length`. */
export function truncate(items: PlannedItem[], limit: number | undefined, callId: () => string): ChatAnswer {
  let reasoning = '';
  let text: string | null = null;
  let refusal: string | null = null;
  const calls: ChatAnswer['calls'] = [];
  for (const p of items) {
    if (p.type === 'reasoning') reasoning += p.text ?? p.summary.join('\n\n');
    else if (p.type === 'message') text = (text ?? '') + p.text;
    else if (p.type === 'refusal') refusal = p.refusal;
    else if (p.type === 'function_call') calls.push({ id: callId(), name: p.name, arguments: p.arguments });
    // A scripted item of an extension type has no place in a chat answer: left out.
  }
  if (limit !== undefined && text !== null && tokens(text) > limit) return { reasoning, text: text.slice(0, limit * 4), refusal, calls: [], finish: 'length' };
  return { reasoning, text, refusal, calls, finish: calls.length ? 'tool_calls' : 'stop' };
}

interface Base {
  id: string;
  created: number;
  model: string;
  prompt: string;
}

function usageOf(base: Base, a: ChatAnswer): Json {
  const prompt_tokens = Math.max(1, tokens(base.prompt));
  const reasoning_tokens = tokens(a.reasoning);
  const completion_tokens = reasoning_tokens + tokens((a.text ?? '') + (a.refusal ?? '') + a.calls.map((c) => c.name + c.arguments).join(''));
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens },
  };
}

export function completionBody(base: Base, a: ChatAnswer): Json {
  const message: Json = { role: 'assistant', content: a.text ?? (a.calls.length || a.refusal ? null : ''), refusal: a.refusal };
  if (a.reasoning) message.reasoning_content = a.reasoning;
  if (a.calls.length) message.tool_calls = a.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    id: base.id,
    object: 'chat.completion',
    created: base.created,
    model: base.model,
    choices: [{ index: 0, message, finish_reason: a.finish, logprobs: null }],
    usage: usageOf(base, a),
  };
}

/** Text in pieces of a few words (each piece keeps its trailing space), never empty. */
export function pieces(text: string, size = 12): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function completionChunks(base: Base, a: ChatAnswer, withUsage: boolean): Json[] {
  const chunk = (delta: Json, finish: string | null = null): Json => ({
    id: base.id,
    object: 'chat.completion.chunk',
    created: base.created,
    model: base.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const out: Json[] = [chunk({ role: 'assistant', content: '' })];
  if (a.reasoning) for (const p of pieces(a.reasoning)) out.push(chunk({ reasoning_content: p }));
  if (a.text) for (const p of pieces(a.text)) out.push(chunk({ content: p }));
  if (a.refusal) for (const p of pieces(a.refusal)) out.push(chunk({ refusal: p }));
  a.calls.forEach((c, index) => out.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] })));
  const argPieces = a.calls.map((c) => pieces(c.arguments, 8));
  for (let k = 0; argPieces.some((p) => k < p.length); k++) {
    argPieces.forEach((p, index) => {
      if (k < p.length && p[k] !== '') out.push(chunk({ tool_calls: [{ index, function: { arguments: p[k] } }] }));
    });
  }
  out.push(chunk({}, a.finish));
  if (withUsage) out.push({ id: base.id, object: 'chat.completion.chunk', created: base.created, model: base.model, choices: [], usage: usageOf(base, a) });
  return out;
}

/** A body or chunk without the fields the OpenAI chat schema does not know (`reasoning_content`), for the strict check of the server's own output. */
export function strictView(value: Json): Json {
  const choices = value.choices as Json[] | undefined;
  if (!choices?.some((c) => ((c.message ?? c.delta) as Json | undefined)?.reasoning_content !== undefined)) return value;
  return {
    ...value,
    choices: choices.map((c) => {
      const key = c.message ? 'message' : 'delta';
      const { reasoning_content: _r, ...rest } = c[key] as Json;
      return { ...c, [key]: rest };
    }),
  };
}

/** A request without the reasoning that DeepSeek-style providers take back on assistant messages (`reasoning_content`, `reasoning`), which the OpenAI chat schema does not know, for the strict request check. */
export function requestView(request: Json): Json {
  const messages = request.messages;
  if (!Array.isArray(messages) || !messages.some((m) => m && typeof m === 'object' && m.role === 'assistant' && ('reasoning_content' in m || 'reasoning' in m))) return request;
  return {
    ...request,
    messages: messages.map((m: Json) => {
      if (!m || m.role !== 'assistant') return m;
      const { reasoning_content: _c, reasoning: _r, ...rest } = m;
      return rest;
    }),
  };
}
