/**
 * Chat usage -> Responses usage. The token counts are taken as the provider
 * reports them (xAI, for one, counts reasoning tokens outside
 * `completion_tokens`); cached and reasoning counts are read wherever a
 * provider puts them.
 */
import type { Usage } from 'anyresponses/openresponses';
import type { ChatChunk, ChatCompletion, ChatUsage } from './types.js';

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

export function usageFromChat(u: ChatUsage): Usage {
  const input = count(u.prompt_tokens) ?? 0;
  const output = count(u.completion_tokens) ?? 0;
  return {
    input_tokens: input,
    output_tokens: output,
    total_tokens: count(u.total_tokens) ?? input + output,
    input_tokens_details: {
      cached_tokens: count(u.prompt_tokens_details?.cached_tokens) ?? count(u.cached_tokens) ?? count(u.prompt_cache_hit_tokens) ?? 0,
    },
    output_tokens_details: {
      reasoning_tokens: count(u.completion_tokens_details?.reasoning_tokens) ?? count(u.reasoning_tokens) ?? 0,
    },
  };
}

const isUsage = (u: unknown): u is ChatUsage => u !== null && typeof u === 'object' && !Array.isArray(u);

/**
 * The usage a body or chunk carries: top level (OpenAI), inside the first
 * choice (Moonshot's last chunk), or under `x_groq` (Groq).
 */
export function usageOf(payload: ChatCompletion | ChatChunk): ChatUsage | undefined {
  if (isUsage(payload.usage)) return payload.usage;
  const choice = payload.choices?.[0] as { usage?: unknown } | undefined;
  if (choice && isUsage(choice.usage)) return choice.usage;
  if (payload.x_groq && isUsage(payload.x_groq.usage)) return payload.x_groq.usage;
  return undefined;
}
