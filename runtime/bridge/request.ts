/**
 * A Responses request (OpenResponses `CreateResponseBody` plus any-llm's
 * parameters) -> a Chat Completions request, as `mapping.ts` describes:
 * messages from `instructions` and `input` (`input.ts`), function tools and
 * tool choice, `text.format` -> `response_format`, `reasoning.effort`,
 * `max_output_tokens` to the provider's field, sampling, identity, logprobs,
 * streaming with usage. Refuses first what cannot be expressed
 * (`assertBridgeable`); keys the table does not know pass through unchanged.
 */
import type { ChatCompletionTool, ChatCompletionToolChoiceOption, CreateChatCompletionRequest } from 'anyresponses/chat';
import { messagesFrom } from './input.js';
import { KNOWN_REQUEST_FIELDS } from './mapping.js';
import { bridgeOptions, type BridgeOptions } from './options.js';
import type { BridgeRequest, ChatRequest } from './types.js';
import { assertBridgeable } from './unsupported.js';

type Obj = Record<string, unknown>;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function tools(body: BridgeRequest, o: BridgeOptions): ChatCompletionTool[] {
  const choice = body.tool_choice;
  const allowed = choice && typeof choice === 'object' && choice.type === 'allowed_tools' ? new Set(choice.tools.map((t: { name: string }) => t.name)) : undefined;
  const out: ChatCompletionTool[] = [];
  for (const t of body.tools ?? []) {
    if (!t || t.type !== 'function') continue;
    const f = t as Obj;
    if (allowed && !allowed.has(f.name as string)) continue;
    const fn: ChatCompletionTool['function'] = { name: String(f.name) };
    if (typeof f.description === 'string') fn.description = f.description;
    if (f.parameters && typeof f.parameters === 'object') fn.parameters = f.parameters as Obj;
    if (o.strictTools && typeof f.strict === 'boolean') fn.strict = f.strict;
    out.push({ type: 'function', function: fn });
  }
  return out;
}

function toolChoice(body: BridgeRequest, o: BridgeOptions): ChatCompletionToolChoiceOption | undefined {
  const c = body.tool_choice;
  const mode = (m: string | undefined) => (m === 'required' ? o.toolChoiceRequired : m) as ChatCompletionToolChoiceOption;
  if (typeof c === 'string') return mode(c);
  if (c && c.type === 'function') return { type: 'function', function: { name: c.name } };
  if (c && c.type === 'allowed_tools') return mode(c.mode ?? 'auto');
  return undefined;
}

function responseFormat(body: BridgeRequest, o: BridgeOptions): CreateChatCompletionRequest['response_format'] {
  const f = body.text?.format as Obj | null | undefined;
  if (!f || f.type === 'text') return undefined;
  if (f.type === 'json_object' || o.jsonSchema === 'json_object') return { type: 'json_object' };
  const json_schema: { name: string; description?: string; schema?: Obj; strict?: boolean | null } = { name: typeof f.name === 'string' && f.name ? f.name : 'response' };
  if (typeof f.description === 'string') json_schema.description = f.description;
  if (f.schema && typeof f.schema === 'object') json_schema.schema = f.schema as Obj;
  if (typeof f.strict === 'boolean') json_schema.strict = f.strict;
  return { type: 'json_schema', json_schema };
}

export function chatRequestFromResponses(body: BridgeRequest, options: Partial<BridgeOptions> = {}): ChatRequest {
  const o = bridgeOptions(options);
  assertBridgeable(body, o);
  const req: ChatRequest = { model: typeof body.model === 'string' ? body.model : '', messages: messagesFrom(body, o) };
  const t = tools(body, o);
  if (t.length) {
    req.tools = t;
    if (typeof body.parallel_tool_calls === 'boolean' && o.parallelToolCalls) req.parallel_tool_calls = body.parallel_tool_calls;
  }
  const tc = toolChoice(body, o);
  if (tc !== undefined) req.tool_choice = tc;
  const rf = responseFormat(body, o);
  if (rf) req.response_format = rf;
  if (o.verbosity && body.text?.verbosity) req.verbosity = body.text.verbosity;
  if (body.reasoning?.effort != null && o.reasoningEffort) req.reasoning_effort = body.reasoning.effort;
  if (num(body.max_output_tokens)) req[o.maxTokensField] = body.max_output_tokens;
  for (const k of ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty'] as const) if (num(body[k])) req[k] = body[k];
  if (num(body.top_logprobs) && body.top_logprobs > 0) {
    req.logprobs = true;
    req.top_logprobs = body.top_logprobs;
  } else if (body.include?.includes('message.output_text.logprobs')) req.logprobs = true;
  const identity = typeof body.safety_identifier === 'string' ? body.safety_identifier : typeof body.user === 'string' ? body.user : undefined;
  if (identity !== undefined && o.identityField) req[o.identityField] = identity;
  if (o.metadata && body.metadata && typeof body.metadata === 'object') req.metadata = body.metadata;
  if (o.serviceTier && typeof body.service_tier === 'string') req.service_tier = body.service_tier;
  if (o.promptCache) {
    if (typeof body.prompt_cache_key === 'string') req.prompt_cache_key = body.prompt_cache_key;
    if (typeof body.prompt_cache_retention === 'string') req.prompt_cache_retention = body.prompt_cache_retention as ChatRequest['prompt_cache_retention'];
  }
  if (body.stream === true) {
    req.stream = true;
    const so: { include_usage?: boolean; include_obfuscation?: boolean } = {};
    if (o.streamUsage) so.include_usage = true;
    if (typeof body.stream_options?.include_obfuscation === 'boolean') so.include_obfuscation = body.stream_options.include_obfuscation;
    if (Object.keys(so).length) req.stream_options = so;
  }
  for (const key of Object.keys(body)) if (!KNOWN_REQUEST_FIELDS.has(key) && body[key] !== undefined && !(key in req)) req[key] = body[key];
  return req;
}
