/**
 * The bridge's mapping, as data: every request field and what becomes of it
 * on the chat leg, every response field and where it comes from, every chat
 * field the bridge reads (or ignores) in bodies and streams. The refusal
 * checks hang off the request rows (`unsupported.ts` runs them), the known
 * request fields decide what passes through untouched, and
 * `docs/bridge.md` is rendered from these tables (`scripts/bridge-doc.mjs`).
 */
import { FINISH_REASONS } from './finish.js';
import { checkInput, checkLogprobs, checkReasoning, checkServiceTier, checkToolChoice, checkTools, ifGiven, ifTrue, refuseWhen, STORE, type Check } from './refusals.js';

export type Handling = 'mapped' | 'per provider' | 'refused' | 'dropped' | 'passed through';

export interface RequestRow {
  /** The Responses request field (`text.format`, `input[] message (user)`). */
  field: string;
  /** The chat request field(s) it becomes, or `-`. */
  chat: string;
  handling: Handling;
  does: string;
  /** What in a given request cannot be bridged. */
  check?: Check;
}

export interface ResponseRow {
  /** The `ResponseResource` field. */
  field: string;
  /** Where its value comes from. */
  from: string;
}

export interface ChatFieldRow {
  /** The chat completion / chunk field. */
  chat: string;
  /** What the bridge makes of it in a body. */
  body: string;
  /** ... and in a stream. */
  stream: string;
}

export const REQUEST_MAPPING: readonly RequestRow[] = [
  { field: 'model', chat: 'model', handling: 'mapped', does: 'Sent as given.' },
  { field: 'input', chat: 'messages', handling: 'mapped', does: 'A string is one user message; items become messages as below. Items and parts without a chat equivalent are refused.', check: checkInput },
  { field: 'input[] message (user)', chat: 'user message', handling: 'mapped', does: 'A string stays a string; `input_text` -> `text` part, `input_image` -> `image_url` part (`url`, `detail`), `input_file` -> `file` part (`file_data` + `filename`, or `file_id` where the provider keeps files). Images and files are refused where the provider takes none.' },
  { field: 'input[] message (system)', chat: 'system message', handling: 'mapped', does: 'Text parts joined with blank lines.' },
  { field: 'input[] message (developer)', chat: 'system or developer message', handling: 'per provider', does: 'Role from `systemRole` (default `system`: most chat providers know no `developer`).' },
  { field: 'input[] message (assistant)', chat: 'assistant message', handling: 'mapped', does: '`output_text` parts joined -> `content`, `refusal` parts -> `refusal`; the `function_call` items after it join it as `tool_calls`.' },
  { field: 'input[] function_call', chat: 'assistant tool_calls[]', handling: 'mapped', does: '`{id: call_id, type: "function", function: {name, arguments}}` on the assistant message it follows (a new one if none).' },
  { field: 'input[] function_call_output', chat: 'tool message', handling: 'mapped', does: '`tool_call_id` = `call_id`; `content` = the output string or its `input_text` parts. Image and file parts are refused (chat tool messages carry text only).' },
  { field: 'input[] reasoning', chat: 'assistant reasoning_content / reasoning', handling: 'per provider', does: 'Its reasoning text (else its summary) goes on the next assistant message where the provider wants it back (`reasoningReplay`: DeepSeek and Kimi in tool-call turns); otherwise dropped. Encrypted content is dropped.' },
  { field: 'input[] item_reference', chat: '-', handling: 'refused', does: `Refused: it ${STORE}.` },
  { field: 'input[] compaction', chat: '-', handling: 'refused', does: 'Refused: opaque to other providers.' },
  { field: 'input[] content input_video', chat: '-', handling: 'refused', does: 'Refused: no chat equivalent.' },
  { field: 'instructions', chat: 'first message', handling: 'mapped', does: 'A leading message with role `systemRole` (default `system`).' },
  { field: 'tools', chat: 'tools', handling: 'mapped', does: 'Function tools -> `{type: "function", function: {name, description, parameters, strict}}` (`strict` where `strictTools`). Built-in tools (web_search, file_search, code_interpreter, ...) are refused.', check: checkTools },
  { field: 'tool_choice', chat: 'tool_choice', handling: 'mapped', does: '`none`/`auto` as is; `required` -> `toolChoiceRequired` (Mistral: `any`); `{type: "function", name}` -> `{type: "function", function: {name}}`; `allowed_tools` -> only the allowed tools are sent, with its mode. Forcing a built-in tool is refused.', check: checkToolChoice },
  { field: 'parallel_tool_calls', chat: 'parallel_tool_calls', handling: 'per provider', does: 'Sent with tools where the provider reads it (`parallelToolCalls`).' },
  { field: 'text.format', chat: 'response_format', handling: 'mapped', does: '`json_schema` -> `{type: "json_schema", json_schema: {name, description, schema, strict}}` (or `json_object` where `jsonSchema` says the provider has no schemas); `json_object` -> `json_object`; `text` -> left out.' },
  { field: 'text.verbosity', chat: 'verbosity', handling: 'per provider', does: 'Sent where `verbosity`; else dropped (a hint).' },
  { field: 'reasoning.effort', chat: 'reasoning_effort', handling: 'per provider', does: 'Sent where `reasoningEffort`; else refused.', check: checkReasoning },
  { field: 'reasoning.summary', chat: '-', handling: 'dropped', does: 'Dropped: chat providers return no summaries; their reasoning comes back as reasoning text.' },
  { field: 'max_output_tokens', chat: 'max_tokens / max_completion_tokens', handling: 'per provider', does: 'To the field the provider reads (`maxTokensField`, default `max_tokens`).' },
  { field: 'max_tool_calls', chat: '-', handling: 'refused', does: 'Refused: no chat equivalent.', check: refuseWhen('max_tool_calls', ifGiven, 'no Chat Completions equivalent') },
  { field: 'temperature', chat: 'temperature', handling: 'mapped', does: 'Sent as given.' },
  { field: 'top_p', chat: 'top_p', handling: 'mapped', does: 'Sent as given.' },
  { field: 'presence_penalty', chat: 'presence_penalty', handling: 'mapped', does: 'Sent as given.' },
  { field: 'frequency_penalty', chat: 'frequency_penalty', handling: 'mapped', does: 'Sent as given.' },
  { field: 'top_logprobs', chat: 'logprobs, top_logprobs', handling: 'per provider', does: '`logprobs: true` and `top_logprobs`; refused where the provider returns no logprobs.', check: checkLogprobs },
  { field: 'include', chat: 'logprobs', handling: 'mapped', does: '`message.output_text.logprobs` -> `logprobs: true`; `reasoning.encrypted_content` and the rest are dropped (reasoning comes back as text).' },
  { field: 'stream', chat: 'stream, stream_options.include_usage', handling: 'mapped', does: '`stream: true`, and `stream_options.include_usage: true` where `streamUsage`.' },
  { field: 'stream_options', chat: 'stream_options.include_obfuscation', handling: 'mapped', does: '`include_obfuscation` passed on streams.' },
  { field: 'background', chat: '-', handling: 'refused', does: 'Refused when true: the chat leg keeps no response to poll.', check: refuseWhen('background', ifTrue, 'a background response needs the provider to keep it; the Chat Completions leg answers in the request') },
  { field: 'previous_response_id', chat: '-', handling: 'refused', does: `Through the client's conversation store: \`responses()\` expands it into the full input before the bridge (a \`StoreRequiredError\` without a store). Given to the bridge itself, refused: it ${STORE}.`, check: refuseWhen('previous_response_id', ifGiven, STORE) },
  { field: 'conversation', chat: '-', handling: 'refused', does: `Through the client's conversation store, as \`previous_response_id\`. Given to the bridge itself, refused: it ${STORE}.`, check: refuseWhen('conversation', ifGiven, STORE) },
  { field: 'store', chat: '-', handling: 'refused', does: `\`responses()\` takes \`true\` when the call has a conversation store (which records the response; a \`StoreRequiredError\` without one) and sends neither value. Given to the bridge itself, \`true\` is refused: it ${STORE}; \`false\` sends nothing.`, check: refuseWhen('store', ifTrue, STORE) },
  { field: 'truncation', chat: '-', handling: 'refused', does: '`auto` is refused: chat providers fail on too long an input rather than truncate it; `disabled` sends nothing.', check: refuseWhen('truncation', (v) => v === 'auto', 'chat providers do not truncate the input; they fail when it is too long') },
  { field: 'metadata', chat: 'metadata', handling: 'per provider', does: 'Sent where `metadata`; always echoed on the response.' },
  { field: 'safety_identifier', chat: 'user / safety_identifier', handling: 'per provider', does: 'To `identityField` (default `user`); left out where null.' },
  { field: 'user', chat: 'user / safety_identifier', handling: 'per provider', does: 'any-llm\'s `user`: as `safety_identifier` (which wins when both are given).' },
  { field: 'prompt_cache_key', chat: 'prompt_cache_key', handling: 'per provider', does: 'Sent where `promptCache`; else dropped (a hint).' },
  { field: 'prompt_cache_retention', chat: 'prompt_cache_retention', handling: 'per provider', does: 'Sent where `promptCache`; else dropped (a hint).' },
  { field: 'service_tier', chat: 'service_tier', handling: 'per provider', does: 'Sent where `serviceTier`; else a tier other than `auto`/`default` is refused.', check: checkServiceTier },
  { field: '(any other key)', chat: 'the same key', handling: 'passed through', does: 'Provider-specific parameters (`thinking`, `safe_prompt`, ...) are sent unchanged.' },
];

export const RESPONSE_MAPPING: readonly ResponseRow[] = [
  { field: 'id', from: '`resp_` + the chat `id` (a body without one: a hash of its content; a stream: a new id)' },
  { field: 'object', from: '`response`' },
  { field: 'created_at', from: 'chat `created` (the clock when it is 0 or missing)' },
  { field: 'completed_at', from: 'the clock when completed, else null' },
  { field: 'status', from: '`finish_reason` (table below); `failed` on a streamed error' },
  { field: 'incomplete_details', from: '`{reason: "max_output_tokens"}` for `length`, `{reason: "content_filter"}` for `content_filter`, else null' },
  { field: 'model', from: 'chat `model` (else the request\'s)' },
  { field: 'previous_response_id', from: 'echoed from the request (null)' },
  { field: 'instructions', from: 'echoed from the request' },
  { field: 'output', from: 'a `reasoning` item (`rs_<id>`, `reasoning_text` content), a `message` (`msg_<id>`: `output_text` with annotations and logprobs, `refusal`), one `function_call` per tool call (`fc_<id>_<n>`, `call_id` = the tool call id); an empty answer is an empty message; the last item is `incomplete` when the response is' },
  { field: 'error', from: 'null; `{code, message}` when the provider failed (streamed error, `insufficient_system_resource`)' },
  { field: 'tools', from: 'the request\'s function tools, echoed' },
  { field: 'tool_choice', from: 'echoed (default `auto`)' },
  { field: 'truncation', from: 'echoed (default `disabled`)' },
  { field: 'parallel_tool_calls', from: 'echoed (default true)' },
  { field: 'text', from: 'echoed `format` (a json_schema format echoes `schema: null`, as the pinned spec types it) and `verbosity`' },
  { field: 'top_p', from: 'echoed (default 1)' },
  { field: 'presence_penalty', from: 'echoed (default 0)' },
  { field: 'frequency_penalty', from: 'echoed (default 0)' },
  { field: 'top_logprobs', from: 'echoed (default 0)' },
  { field: 'temperature', from: 'echoed (default 1)' },
  { field: 'reasoning', from: 'echoed `{effort, summary}`, or null' },
  { field: 'usage', from: 'chat usage (usage table below), or null when the provider sent none' },
  { field: 'max_output_tokens', from: 'echoed' },
  { field: 'max_tool_calls', from: 'echoed (null)' },
  { field: 'store', from: '`false` (the bridge stores nothing)' },
  { field: 'background', from: '`false`' },
  { field: 'service_tier', from: 'chat `service_tier`, else the request\'s, else `default`' },
  { field: 'metadata', from: 'echoed (`{}` when none)' },
  { field: 'safety_identifier', from: 'echoed' },
  { field: 'prompt_cache_key', from: 'echoed' },
];

export const USAGE_MAPPING: readonly ResponseRow[] = [
  { field: 'usage.input_tokens', from: '`prompt_tokens`' },
  { field: 'usage.output_tokens', from: '`completion_tokens` (as reported: xAI counts reasoning tokens outside it)' },
  { field: 'usage.total_tokens', from: '`total_tokens` (their sum when missing)' },
  { field: 'usage.input_tokens_details.cached_tokens', from: '`prompt_tokens_details.cached_tokens`, else `cached_tokens` (Moonshot), else `prompt_cache_hit_tokens` (DeepSeek), else 0' },
  { field: 'usage.output_tokens_details.reasoning_tokens', from: '`completion_tokens_details.reasoning_tokens`, else `reasoning_tokens` (Azure), else 0' },
];

export const CHAT_FIELDS: readonly ChatFieldRow[] = [
  { chat: 'id', body: 'the base of every id', stream: 'the first non-empty `id` (a recording can hold one stream after another; each is its own response)' },
  { chat: 'object', body: 'ignored', stream: 'ignored: missing, empty (Azure) and `chat.completion.done` (Perplexity) chunks are read like any other' },
  { chat: 'created', body: '`created_at`', stream: '`created_at` from the first chunk' },
  { chat: 'model', body: '`model`', stream: '`model` from the first chunk' },
  { chat: 'choices', body: 'index 0 (`n` > 1 is not bridged)', stream: 'index 0; chunks with empty `choices` carry usage or nothing (Azure\'s prompt-filter chunk is skipped)' },
  { chat: 'choices[].finish_reason', body: '`status` (table below)', stream: 'closes the open items; the terminal event waits for the end of the stream (usage may follow)' },
  { chat: 'message.content / delta.content', body: 'a string: `output_text`; an array of parts (Mistral): `text` parts -> `output_text`, `thinking` parts -> the reasoning item', stream: '`output_text.delta` (`reasoning.delta` for thinking parts), in order' },
  { chat: 'message.reasoning_content / delta.reasoning_content', body: 'the reasoning item', stream: '`reasoning.delta` in a `reasoning_text` part' },
  { chat: 'message.reasoning / delta.reasoning', body: 'the reasoning item (when there is no `reasoning_content`)', stream: 'the same' },
  { chat: 'message.refusal / delta.refusal', body: 'a `refusal` part', stream: '`refusal.delta`' },
  { chat: 'message.tool_calls / delta.tool_calls', body: 'one `function_call` item each', stream: 'one item per call, keyed by `index` (else by `id`, else the last call: Mistral sends none); added once its name is known; `function_call_arguments.delta` per piece' },
  { chat: 'message.function_call / delta.function_call', body: 'a `function_call` item (deprecated form)', stream: 'the same' },
  { chat: 'message.annotations / delta.annotations', body: '`url_citation` annotations on the text', stream: 'the same, as `output_text.annotation.added` before `output_text.done`' },
  { chat: 'citations, search_results', body: '`url_citation` annotations for each `[n]` marker (Perplexity)', stream: 'the same, at the end of the text' },
  { chat: 'choices[].logprobs', body: 'its `content` -> `logprobs` of the `output_text` part (`bytes: null` -> `[]`)', stream: '`logprobs` on each `output_text.delta` and on `output_text.done`' },
  { chat: 'usage', body: '`usage` (usage table)', stream: 'the last usage seen (a final chunk with empty `choices`, or every chunk: Perplexity)' },
  { chat: 'choices[].usage, x_groq.usage', body: '`usage` when there is no top-level one (Moonshot, Groq)', stream: 'the same' },
  { chat: 'service_tier', body: '`service_tier`', stream: 'the first one seen' },
  { chat: 'error', body: 'an error body: the runtime error for its status or type (`errorFromChatBody`)', stream: '`error` event, then `response.failed`' },
  { chat: 'message.audio', body: 'ignored (no audio output in OpenResponses)', stream: 'ignored' },
  { chat: 'message.role / delta.role, metadata, system_fingerprint, obfuscation, moderation, x_groq, time_info, prompt_filter_results, content_filter_results, provider_metadata, usage_breakdown, matched_stop, p', body: 'ignored', stream: 'ignored' },
];

export const FINISH_MAPPING: readonly ResponseRow[] = Object.entries(FINISH_REASONS).map(([reason, o]) => ({
  field: reason,
  from: `status \`${o.status}\`${o.incomplete ? `, incomplete_details \`${o.incomplete.reason}\`` : ''}${o.error ? `, error \`${o.error.code}\`` : ''}`,
})).concat([{ field: '(missing or other)', from: 'status `completed`' }]);

/** The request fields the table knows (roots); any other key passes through. */
export const KNOWN_REQUEST_FIELDS: ReadonlySet<string> = new Set(REQUEST_MAPPING.map((r) => r.field.split(/[ .[]/)[0]).filter((f) => f !== '(any'));
