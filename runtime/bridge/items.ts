/**
 * The output items a bridged response is made of, built the same way for a
 * body and for a stream (so both give the same response): a reasoning item
 * holding the reasoning text, an assistant message with output_text and
 * refusal parts, and one function_call item per tool call.
 */
import type { FunctionCall, LogProb, Message, OutputTextContent, ReasoningBody, RefusalContent, UrlCitationBody } from 'anyresponses/openresponses';
import type { ChatLogprobs } from './types.js';

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';
export type MessagePart = OutputTextContent | RefusalContent;

export function reasoningItem(id: string, text: string | null): ReasoningBody {
  return { type: 'reasoning', id, summary: [], content: text === null ? [] : [{ type: 'reasoning_text', text }] };
}

export function messageItem(id: string, content: MessagePart[], status: ItemStatus): Message {
  return { type: 'message', id, status, role: 'assistant', content };
}

export function textPart(text: string, annotations: UrlCitationBody[] = [], logprobs?: LogProb[]): OutputTextContent {
  return logprobs ? { type: 'output_text', text, annotations, logprobs } : { type: 'output_text', text, annotations };
}

export function refusalPart(refusal: string): RefusalContent {
  return { type: 'refusal', refusal };
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status: ItemStatus): FunctionCall {
  return { type: 'function_call', id, call_id: callId, name, arguments: args, status };
}

/** Chat token logprobs -> Responses logprobs (`bytes` may be null in chat; the spec wants an array). */
export function logprobsOf(lp: ChatLogprobs | undefined): LogProb[] | undefined {
  const content = lp?.content;
  if (!Array.isArray(content)) return undefined;
  return content.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    bytes: t.bytes ?? [],
    top_logprobs: (t.top_logprobs ?? []).map((x: { token: string; logprob: number; bytes: number[] | null }) => ({ token: x.token, logprob: x.logprob, bytes: x.bytes ?? [] })),
  }));
}

/** Tool-call arguments as a string (a few servers send an object). */
export function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  if (args === null || args === undefined) return '';
  return JSON.stringify(args);
}
