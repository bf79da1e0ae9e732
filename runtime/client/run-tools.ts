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
 */
import { AnyResponsesError } from '../core/errors.js';
import { isResponseStore, memoryStore } from '../conversation/store.js';
import { createClient, type ResponsesOptions } from './client.js';
import { loadRegistry } from './providers.js';
import { parseModel } from './model.js';
import { isToolDefinition, type ToolDefinition, type ToolInput } from './tools.js';

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

export class ToolRoundsExceededError extends AnyResponsesError {
  constructor(
    readonly rounds: number,
    readonly lastResponse: Json,
  ) {
    super(`the model still called tools after ${rounds} rounds (maxRounds)`);
  }
}

export type RunToolsOptions = ResponsesOptions & { tools: ToolInput[]; maxRounds?: number };

async function runOne(call: Json, tools: Map<string, ToolDefinition<any, any>>): Promise<ToolCallRecord> {
  const name = String(call.name);
  const record: ToolCallRecord = { name, callId: String(call.call_id), arguments: String(call.arguments ?? ''), output: '' };
  const tool = tools.get(name);
  try {
    if (!tool) throw new Error(`no tool named '${name}'; available: ${[...tools.keys()].join(', ')}`);
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
  const provider = parseModel(model, options.provider, (n) => all.some((p) => p.name === n)).provider;
  const keepsNothing = all.find((p) => p.name === provider)?.stateless === true || options.store === false;
  // The call's own store is used by the client as it is; otherwise this run gets one where it needs one.
  const client = createClient(!isResponseStore(options.store) && keepsNothing ? { store: memoryStore() } : {});
  const rounds: RunToolsResult['rounds'] = [];
  let next: { input: unknown; previous_response_id?: string } = { input };
  for (let round = 0; ; round++) {
    const response = (await client.responses(model, next.input, { ...callOptions, ...(next.previous_response_id ? { previous_response_id: next.previous_response_id } : {}), stream: false })) as Json & { output_text: string; id: string; output?: Json[] };
    const calls = (response.output ?? []).filter((o) => o.type === 'function_call');
    if (calls.length === 0) return { response, rounds: [...rounds, { response, calls: [] }] };
    if (round + 1 >= maxRounds) throw new ToolRoundsExceededError(maxRounds, response);
    const records = await Promise.all(calls.map((c) => runOne(c, tools)));
    rounds.push({ response, calls: records });
    next = { input: records.map((r) => ({ type: 'function_call_output', call_id: r.callId, output: r.output })), previous_response_id: response.id };
  }
}
