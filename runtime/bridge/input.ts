/**
 * Input items and content parts -> chat messages. A string input is one user
 * message; `instructions` lead as a system message. An assistant message and
 * the `function_call` items after it become one assistant message with
 * `tool_calls`; each `function_call_output` a `tool` message. Replayed
 * `reasoning` items go into the next assistant message's reasoning field when
 * the provider wants them back (`options.reasoningReplay`), else are dropped.
 * What cannot be expressed is refused before this runs (`refusals.ts`).
 */
import type {
  ChatCompletionMessageToolCall,
  ChatCompletionRequestMessageContentPartText,
  ChatCompletionRequestUserMessageContentPart,
} from 'anyresponses/chat';
import type { BridgeOptions } from './options.js';
import type { BridgeRequest, ChatAssistantMessage, ChatRequestMessage } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The kind of an input item: its `type`, or `message` for `{role, content}` without one (any-llm's easy form). */
export function itemKind(item: unknown): string {
  if (!isObj(item)) return typeof item;
  if (typeof item.type === 'string') return item.type;
  return 'role' in item ? 'message' : 'unknown';
}

function textOf(content: unknown, kinds: readonly string[], field = 'text', sep = ''): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.filter((p) => isObj(p) && kinds.includes(p.type as string) && typeof p[field] === 'string').map((p) => (p as Obj)[field] as string).join(sep);
}

function userPart(p: Obj): ChatCompletionRequestUserMessageContentPart {
  if (p.type === 'input_image') {
    const image_url: { url: string; detail?: 'low' | 'high' | 'auto' } = { url: p.image_url as string };
    if (p.detail === 'low' || p.detail === 'high' || p.detail === 'auto') image_url.detail = p.detail;
    return { type: 'image_url', image_url };
  }
  if (p.type === 'input_file') {
    const file: { filename?: string; file_data?: string; file_id?: string } = {};
    if (typeof p.filename === 'string') file.filename = p.filename;
    if (typeof p.file_data === 'string') file.file_data = p.file_data;
    if (typeof p.file_id === 'string') file.file_id = p.file_id;
    return { type: 'file', file };
  }
  return { type: 'text', text: String(p.text ?? '') };
}

function userContent(content: unknown): string | ChatCompletionRequestUserMessageContentPart[] {
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.filter(isObj).map(userPart) : '';
}

function toolContent(output: unknown): string | ChatCompletionRequestMessageContentPartText[] {
  if (typeof output === 'string') return output;
  if (!Array.isArray(output)) return JSON.stringify(output ?? '');
  return output.filter((p) => isObj(p) && p.type === 'input_text').map((p) => ({ type: 'text' as const, text: String((p as Obj).text ?? '') }));
}

/** The reasoning text of a replayed reasoning item: its reasoning_text content, else its summary. */
function reasoningText(item: Obj): string {
  return textOf(item.content, ['reasoning_text', 'text']) || textOf(item.summary, ['summary_text'], 'text', '\n\n');
}

export function messagesFrom(body: BridgeRequest, options: BridgeOptions): ChatRequestMessage[] {
  const out: ChatRequestMessage[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') out.push({ role: options.systemRole, content: body.instructions } as ChatRequestMessage);
  const input = body.input;
  if (typeof input === 'string') {
    out.push({ role: 'user', content: input });
    return out;
  }
  let assistant: ChatAssistantMessage | undefined;
  let reasoning = '';
  // Reasoning read so far belongs to the assistant message it precedes (or is inside of).
  const flush = () => {
    if (!assistant) return;
    const replay = options.reasoningReplay;
    if (replay && reasoning && (replay.on === 'all' || assistant.tool_calls?.length)) assistant[replay.field] = reasoning;
    if (assistant.content === undefined) assistant.content = assistant.tool_calls?.length ? null : '';
    out.push(assistant);
    assistant = undefined;
    reasoning = '';
  };
  for (const raw of Array.isArray(input) ? input : []) {
    if (!isObj(raw)) continue;
    const item = raw as Obj;
    const kind = itemKind(item);
    if (kind === 'reasoning') {
      // After tool calls, reasoning starts the next assistant turn.
      if (assistant?.tool_calls?.length) flush();
      const text = reasoningText(item);
      if (text) reasoning += reasoning ? `\n\n${text}` : text;
    } else if (kind === 'function_call') {
      assistant ??= { role: 'assistant' };
      const call: ChatCompletionMessageToolCall = { id: String(item.call_id ?? ''), type: 'function', function: { name: String(item.name ?? ''), arguments: String(item.arguments ?? '') } };
      (assistant.tool_calls ??= []).push(call);
    } else if (kind === 'function_call_output') {
      flush();
      out.push({ role: 'tool', tool_call_id: String(item.call_id ?? ''), content: toolContent(item.output) });
    } else if (kind === 'message' && item.role === 'assistant') {
      flush();
      assistant = { role: 'assistant' };
      const text = textOf(item.content, ['output_text', 'input_text', 'text']);
      const refusal = Array.isArray(item.content) ? textOf(item.content, ['refusal'], 'refusal') : '';
      if (text || !refusal) assistant.content = text;
      if (refusal) assistant.refusal = refusal;
    } else if (kind === 'message') {
      flush();
      reasoning = '';
      if (item.role === 'user') out.push({ role: 'user', content: userContent(item.content) });
      else {
        const role = item.role === 'developer' ? options.systemRole : 'system';
        out.push({ role, content: textOf(item.content, ['input_text', 'text'], 'text', '\n\n') } as ChatRequestMessage);
      }
    }
  }
  flush();
  return out;
}
