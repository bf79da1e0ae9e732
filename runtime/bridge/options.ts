/**
 * Every option of the bridge and its default, in one object. The options
 * describe what one provider's chat endpoint reads (which token-limit field,
 * where replayed reasoning goes, which optional fields it takes); the
 * integration sets them per provider from its manifest.
 */

export interface ReasoningReplay {
  /** The assistant-message field the provider reads reasoning back from. */
  field: 'reasoning_content' | 'reasoning';
  /** Replay on assistant messages that carry tool calls only (DeepSeek, Kimi thinking mode), or on every assistant message. */
  on: 'tool_calls' | 'all';
}

export interface BridgeOptions {
  /** The provider's name, for error messages. */
  provider: string;
  /** The field `max_output_tokens` goes to. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Where replayed `reasoning` input items go; `null` drops them (chat has no standard place for them). */
  reasoningReplay: ReasoningReplay | null;
  /** Whether the provider reads `reasoning_effort` (else `reasoning.effort` is refused). */
  reasoningEffort: boolean;
  /** The chat role for `instructions` and developer messages. */
  systemRole: 'system' | 'developer';
  /** The `tool_choice` value that forces a tool call (`"any"` on Mistral). */
  toolChoiceRequired: 'required' | 'any';
  /** Whether the provider reads `parallel_tool_calls` (else it is left out). */
  parallelToolCalls: boolean;
  /** Whether function tools carry `strict`. */
  strictTools: boolean;
  /** How `text.format` json_schema is sent: as json_schema, or downgraded to json_object (providers without schema support). */
  jsonSchema: 'json_schema' | 'json_object';
  /** Where `safety_identifier` / `user` go; `null` leaves them out. */
  identityField: 'user' | 'safety_identifier' | null;
  /** Whether the provider takes `metadata` (else it is only echoed on the response). */
  metadata: boolean;
  /** Whether user messages may carry images. */
  images: boolean;
  /** Whether user messages may carry files (base64 `file_data`; `file_id` too when `fileIds`). */
  files: boolean;
  /** Whether `file_id` references are understood (the provider keeps files: OpenAI). */
  fileIds: boolean;
  /** Whether `top_logprobs` / logprobs are asked for (else refused). */
  logprobs: boolean;
  /** Whether `service_tier` is passed (else a tier other than auto/default is refused). */
  serviceTier: boolean;
  /** Whether `prompt_cache_key` / `prompt_cache_retention` are passed (else left out: they are hints). */
  promptCache: boolean;
  /** Whether `text.verbosity` is passed as `verbosity` (else left out: a hint). */
  verbosity: boolean;
  /** Whether streams ask for usage (`stream_options.include_usage`). */
  streamUsage: boolean;
  /** Turn Perplexity-style `citations` and `[n]` markers into `url_citation` annotations. */
  citations: boolean;
  /** The clock for `created_at` / `completed_at` (ms since the epoch). */
  now: () => number;
  /** Makes an id when the chat payload has none (streams; bodies hash their content instead). */
  newId: () => string;
}

export const BRIDGE_DEFAULTS: Readonly<BridgeOptions> = Object.freeze({
  provider: 'chat',
  maxTokensField: 'max_tokens',
  reasoningReplay: null,
  reasoningEffort: true,
  systemRole: 'system',
  toolChoiceRequired: 'required',
  parallelToolCalls: true,
  strictTools: true,
  jsonSchema: 'json_schema',
  identityField: 'user',
  metadata: false,
  images: true,
  files: false,
  fileIds: false,
  logprobs: true,
  serviceTier: false,
  promptCache: false,
  verbosity: false,
  streamUsage: true,
  citations: true,
  now: () => Date.now(),
  newId: () => globalThis.crypto.randomUUID().replace(/-/g, ''),
});

export function bridgeOptions(overrides: Partial<BridgeOptions> = {}): BridgeOptions {
  const out = { ...BRIDGE_DEFAULTS };
  for (const key of Object.keys(overrides) as Array<keyof BridgeOptions>) {
    if (overrides[key] !== undefined) (out as Record<string, unknown>)[key] = overrides[key];
  }
  return out;
}
