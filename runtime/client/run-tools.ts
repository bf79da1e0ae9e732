/**
 * `runTools(model, input, options)`: calls the model, runs the function calls
 * it asks for with the matching `defineTool` tools, sends the results back as
 * `function_call_output` items, and repeats until the model answers without
 * calling a tool, up to `maxRounds`. Each round continues the last with
 * `previous_response_id`; where the provider will not keep the conversation
 * (a stateless provider, or `store: false`) a conversation store holds it
 * (the call's `store: memoryStore()` if given, else one for this run) and the
 * client sends it whole, as for any call (runtime/conversation/state.ts).
 * A tool that throws, or arguments that do not parse, are reported to the
 * model as the call's output, so it can recover.
 * With `session` (from `connect()`), every round is a turn on its socket;
 * `store: false` then continues on the socket too, and when a reconnect has
 * lost the socket's cache (previous_response_not_found) the round is sent
 * again with the whole conversation.
 */
import { AnyResponsesError } from '../core/errors.js';
import { isResponseStore, memoryStore } from '../conversation/store.js';
import { createClient, type ResponsesOptions } from './client.js';
import { loadRegistry } from './providers.js';
import { parseModel } from './model.js';
import { isToolDefinition, type ToolDefinition, type ToolInput } from './tools.js';
import type { ResponsesSession } from '../ws/session.js';

export const RUN_TOOLS_DEFAULTS = { maxRounds: 10 };

type Json = Record<string, unknown>;

export interface ToolCallRecord {
  name: string;
  callId: string;
  arguments: string;
  output: string;
  error?: string;
}

export interface RunToolsResult<R = Json> {
  /** The last response: the one without tool calls. */
  response: R & { output_text: string };
  /** Every round: its response and the calls run for it. */
  rounds: Array<{ response: R; calls: ToolCallRecord[] }>;
}

/** The model called a tool that `tools` does not have; reported back to the model as the call's output (`Error: ...`), never thrown to the caller. */
export class UnknownToolError extends AnyResponsesError {
  constructor(
    readonly tool: string,
    readonly available: readonly string[],
  ) {
    super(`no tool named '${tool}'; available: ${available.join(', ')}`);
  }
}

export class ToolRoundsExceededError extends AnyResponsesError {
  constructor(
    readonly rounds: number,
    readonly lastResponse: Json,
  ) {
    super(`the model still called tools after ${rounds} rounds (maxRounds)`);
  }
}

export type RunToolsOptions = ResponsesOptions & {
  tools: ToolInput[];
  maxRounds?: number;
  /** Run every round as a turn of this WebSocket session (on its provider; `model`'s model id goes in each turn). */
  session?: ResponsesSession;
};

type Round = (input: unknown, previous: string | undefined) => Promise<Json & { output_text: string; id: string; output?: Json[] }>;

/** One round: a call over HTTP, or a turn on the session (its stream read to the end). */
function roundOf(client: ReturnType<typeof createClient>, model: string, bareModel: string, options: RunToolsOptions): Round {
  const { session, tools: _t, provider: _p, maxRounds: _m, ...rest } = options;
  const { session: _s, ...httpOptions } = options;
  const extra = (previous: string | undefined) => (previous ? { previous_response_id: previous } : {});
  if (session) return async (input, previous) => (await (await session.create(input, { model: bareModel, ...rest, tools: options.tools, ...extra(previous) })).finalResponse()) as Json & { output_text: string; id: string };
  return async (input, previous) => (await client.responses(model, input, { ...httpOptions, ...extra(previous), stream: false })) as Json & { output_text: string; id: string };
}

const lostContinuation = (e: unknown) => (e as { code?: unknown })?.code === 'previous_response_not_found';

async function runOne(call: Json, tools: Map<string, ToolDefinition<any, any>>): Promise<ToolCallRecord> {
  const name = String(call.name);
  const record: ToolCallRecord = { name, callId: String(call.call_id), arguments: String(call.arguments ?? ''), output: '' };
  const tool = tools.get(name);
  try {
    if (!tool) throw new UnknownToolError(name, [...tools.keys()]);
    const result = await tool.execute(await tool.parseArguments(record.arguments));
    record.output = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  } catch (e) {
    record.error = (e as Error).message;
    record.output = `Error: ${record.error}`;
  }
  return record;
}

export async function runTools(model: string, input: unknown, options: RunToolsOptions): Promise<RunToolsResult> {
  const maxRounds = options.maxRounds ?? RUN_TOOLS_DEFAULTS.maxRounds;
  const { maxRounds: _m, ...callOptions } = options;
  const tools = new Map(options.tools.filter(isToolDefinition).map((t) => [t.name, t]));
  const all = await loadRegistry();
  const ref = parseModel(model, options.provider, (n) => all.some((p) => p.name === n));
  const session = options.session;
  const manifest = all.find((p) => p.name === ref.provider) as { stateless?: boolean } | undefined;
  // The chat leg keeps nothing either (a chat-only provider is stateless; api: 'chat' on one that has both).
  const keepsNothing = !session && (manifest?.stateless === true || options.store === false || options.api === 'chat');
  // The call's own store is used by the client as it is; otherwise this run gets one where it needs one.
  const client = createClient(!isResponseStore(options.store) && keepsNothing ? { store: memoryStore() } : {});
  // On a session, store: false continues in the socket's cache, which a reconnect loses: keep the conversation to resend.
  const keepHistory = session !== undefined && options.store === false;
  const call = roundOf(client, model, ref.model, callOptions as RunToolsOptions);
  const rounds: RunToolsResult['rounds'] = [];
  // `type: 'message'`: OpenResponses requires it of an input item (OpenAI accepts it).
  let history: unknown[] = typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : [...(input as unknown[])];
  let next: { input: unknown; previous_response_id?: string } = { input };
  for (let round = 0; ; round++) {
    const response = await call(next.input, next.previous_response_id).catch((e: unknown) => {
      if (!(keepHistory && next.previous_response_id && lostContinuation(e))) throw e;
      return call(history, undefined);
    });
    const calls = (response.output ?? []).filter((o) => o.type === 'function_call');
    if (calls.length === 0) return { response, rounds: [...rounds, { response, calls: [] }] };
    if (round + 1 >= maxRounds) throw new ToolRoundsExceededError(maxRounds, response);
    const records = await Promise.all(calls.map((c) => runOne(c, tools)));
    rounds.push({ response, calls: records });
    const outputs = records.map((r) => ({ type: 'function_call_output', call_id: r.callId, output: r.output }));
    if (keepHistory) history = [...history, ...(response.output ?? []), ...outputs];
    next = { input: outputs, previous_response_id: response.id };
  }
}
