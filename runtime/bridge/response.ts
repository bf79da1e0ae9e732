/**
 * A chat completion body -> a strictly valid OpenResponses `ResponseResource`.
 * Output items, in order: the reasoning (any form a provider sends it in),
 * the assistant message (text, with citations as annotations and logprobs
 * when sent; refusal), one `function_call` per tool call. `length` and
 * `content_filter` make the response and its last item incomplete. Ids come
 * from the chat id (`ids.ts`). An error body throws the matching runtime error.
 */
import type { ItemField, ResponseResource } from 'anyresponses/openresponses';
import { chatAnnotations, citationAnnotations } from './citations.js';
import { pieces } from './content.js';
import { assemble, echoOf } from './envelope.js';
import { errorFromChatBody, isChatError } from './errors.js';
import { outcomeOf, type Outcome } from './finish.js';
import { baseOf, contentHash, idsFor } from './ids.js';
import { argumentsText, functionCallItem, logprobsOf, messageItem, reasoningItem, refusalPart, textPart, type MessagePart } from './items.js';
import { bridgeOptions, type BridgeOptions } from './options.js';
import type { BridgeRequest, ChatChoice, ChatCompletion, ChatToolCall } from './types.js';
import { usageFromChat, usageOf } from './usage.js';

export interface BridgeContext {
  /** The request the completion answers: its settings are echoed on the response. */
  request?: BridgeRequest;
  options?: Partial<BridgeOptions>;
}

/** The choice a response is made of: index 0 (`n` > 1 is not bridged). */
export function firstChoice(choices: readonly ChatChoice[] | undefined): ChatChoice | undefined {
  if (!Array.isArray(choices)) return undefined;
  return choices.find((c) => (c?.index ?? 0) === 0) ?? choices[0];
}

/** Tool calls of a message, the deprecated `function_call` included. */
function toolCallsOf(choice: ChatChoice | undefined): ChatToolCall[] {
  const m = choice?.message;
  const calls = Array.isArray(m?.tool_calls) ? m.tool_calls.filter((c) => c && typeof c === 'object') : [];
  const legacy = m?.function_call as { name?: string; arguments?: string } | undefined;
  if (legacy && typeof legacy.name === 'string') calls.push({ function: legacy });
  return calls;
}

/** Marks the last item incomplete when the response is. */
export function markLast(output: ItemField[], outcome: Outcome): void {
  if (outcome.status !== 'incomplete' || output.length === 0) return;
  const last = output[output.length - 1];
  if (last.type === 'message' || last.type === 'function_call') last.status = 'incomplete';
}

export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export function responseFromChat(chat: ChatCompletion, ctx: BridgeContext = {}): ResponseResource {
  const options = bridgeOptions(ctx.options);
  if (isChatError(chat)) throw errorFromChatBody(chat, { provider: options.provider });
  const ids = idsFor(baseOf(chat.id) ?? contentHash(JSON.stringify(chat)));
  const choice = firstChoice(chat.choices);
  const outcome = outcomeOf(choice?.finish_reason);

  let reasoning = '';
  let text = '';
  if (choice?.message) pieces(choice.message, (kind, piece) => (kind === 'text' ? (text += piece) : (reasoning += piece)));
  const refusal = typeof choice?.message?.refusal === 'string' ? choice.message.refusal : '';
  const calls = toolCallsOf(choice);

  const output: ItemField[] = [];
  if (reasoning) output.push(reasoningItem(ids.reasoning(0), reasoning));
  const parts: MessagePart[] = [];
  if (text || (!refusal && calls.length === 0 && output.length === 0)) {
    const annotations = chatAnnotations(choice?.message?.annotations);
    if (options.citations) annotations.push(...citationAnnotations(text, chat.citations, chat.search_results));
    parts.push(textPart(text, annotations, logprobsOf(choice?.logprobs)));
  }
  if (refusal) parts.push(refusalPart(refusal));
  if (parts.length) output.push(messageItem(ids.message(0), parts, 'completed'));
  calls.forEach((c, n) => {
    const callId = typeof c.id === 'string' && c.id !== '' ? c.id : ids.callId(n);
    output.push(functionCallItem(ids.functionCall(n), callId, c.function?.name ?? '', argumentsText(c.function?.arguments), 'completed'));
  });
  markLast(output, outcome);

  const usage = usageOf(chat);
  const now = seconds(options.now());
  const created = typeof chat.created === 'number' && chat.created > 0 ? chat.created : now;
  return assemble({
    id: ids.response,
    createdAt: created,
    completedAt: Math.max(created, now),
    model: chat.model || (typeof ctx.request?.model === 'string' ? ctx.request.model : ''),
    outcome,
    output,
    usage: usage ? usageFromChat(usage) : null,
    echo: echoOf(ctx.request, chat.service_tier),
  });
}
