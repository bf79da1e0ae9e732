/**
 * The fields of a bridged `ResponseResource` that echo the request (tools,
 * tool choice, sampling, text format...), with the spec's defaults where the
 * request left them out, and the assembly of a whole response from them.
 * Everything here is strictly valid against OpenResponses' `ResponseResource`.
 */
import type { FunctionTool, ItemField, ResponseResource, TextField, Usage } from 'anyresponses/openresponses';
import type { Outcome } from './finish.js';
import type { BridgeRequest } from './types.js';

/** What a response repeats from its request. */
export type Echo = Pick<
  ResponseResource,
  | 'previous_response_id' | 'instructions' | 'tools' | 'tool_choice' | 'truncation' | 'parallel_tool_calls' | 'text'
  | 'top_p' | 'presence_penalty' | 'frequency_penalty' | 'top_logprobs' | 'temperature' | 'reasoning'
  | 'max_output_tokens' | 'max_tool_calls' | 'store' | 'background' | 'service_tier' | 'metadata' | 'safety_identifier' | 'prompt_cache_key'
>;

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

function echoTools(tools: BridgeRequest['tools']): FunctionTool[] {
  const out: FunctionTool[] = [];
  for (const t of tools ?? []) {
    if (!t || t.type !== 'function' || typeof t.name !== 'string') continue;
    const f = t as { name: string; description?: unknown; parameters?: unknown; strict?: unknown };
    out.push({
      type: 'function',
      name: f.name,
      description: str(f.description),
      parameters: f.parameters && typeof f.parameters === 'object' ? (f.parameters as Record<string, unknown>) : null,
      strict: typeof f.strict === 'boolean' ? f.strict : null,
    });
  }
  return out;
}

function echoToolChoice(choice: BridgeRequest['tool_choice']): ResponseResource['tool_choice'] {
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice;
  if (choice && typeof choice === 'object') {
    if (choice.type === 'function') return { type: 'function', name: choice.name };
    if (choice.type === 'allowed_tools') {
      return { type: 'allowed_tools', tools: choice.tools.map((t: { name: string }) => ({ type: 'function' as const, name: t.name })), mode: choice.mode ?? 'auto' };
    }
  }
  return 'auto';
}

function echoText(text: BridgeRequest['text']): TextField {
  const f = text?.format as { type?: string; name?: unknown; description?: unknown; strict?: unknown } | null | undefined;
  let format: TextField['format'] = { type: 'text' };
  if (f && (f.type === 'json_schema' || (f.type === undefined && 'schema' in f))) {
    // The pinned spec types the echoed schema as null.
    format = { type: 'json_schema', name: typeof f.name === 'string' ? f.name : 'response', description: str(f.description), schema: null, strict: f.strict === true };
  } else if (f && f.type === 'json_object') format = { type: 'json_object' };
  return text?.verbosity ? { format, verbosity: text.verbosity } : { format };
}

export function echoOf(request: BridgeRequest | undefined, serviceTier?: unknown): Echo {
  const r: BridgeRequest = request ?? {};
  return {
    previous_response_id: str(r.previous_response_id),
    instructions: str(r.instructions),
    tools: echoTools(r.tools),
    tool_choice: echoToolChoice(r.tool_choice),
    truncation: r.truncation === 'auto' ? 'auto' : 'disabled',
    parallel_tool_calls: r.parallel_tool_calls !== false,
    text: echoText(r.text),
    top_p: num(r.top_p, 1),
    presence_penalty: num(r.presence_penalty, 0),
    frequency_penalty: num(r.frequency_penalty, 0),
    top_logprobs: num(r.top_logprobs, 0),
    temperature: num(r.temperature, 1),
    reasoning: r.reasoning ? { effort: r.reasoning.effort ?? null, summary: r.reasoning.summary ?? null } : null,
    max_output_tokens: int(r.max_output_tokens),
    max_tool_calls: int(r.max_tool_calls),
    store: false,
    background: false,
    service_tier: typeof serviceTier === 'string' && serviceTier !== '' ? serviceTier : typeof r.service_tier === 'string' ? r.service_tier : 'default',
    metadata: r.metadata && typeof r.metadata === 'object' ? r.metadata : {},
    safety_identifier: str(r.safety_identifier),
    prompt_cache_key: str(r.prompt_cache_key),
  };
}

export interface Assembly {
  id: string;
  createdAt: number;
  /** Seconds; set for a completed response. */
  completedAt: number | null;
  model: string;
  outcome: Outcome | { status: 'in_progress'; incomplete: null; error: null };
  output: ItemField[];
  usage: Usage | null;
  echo: Echo;
}

/** The whole response. */
export function assemble(a: Assembly): ResponseResource {
  return {
    id: a.id,
    object: 'response',
    created_at: a.createdAt,
    completed_at: a.outcome.status === 'completed' ? a.completedAt : null,
    status: a.outcome.status,
    incomplete_details: a.outcome.incomplete,
    model: a.model,
    ...a.echo,
    output: a.output,
    error: a.outcome.error,
    usage: a.usage,
  } as ResponseResource;
}
