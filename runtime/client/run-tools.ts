/**
 * `runTools(model, input, options)`: calls the model, runs the function calls
 * it asks for with the matching `defineTool` tools, sends the results back as
 * `function_call_output` items, and repeats until the model answers without
 * calling a tool, up to `maxRounds`. It continues with `previous_response_id`
 * where the provider keeps state, and replays the conversation where it
 * cannot (OpenRouter). A tool that throws, or arguments that do not parse,
 * are reported to the model as the call's output, so it can recover.
 */
import { AnyResponsesError } from '../core/errors.js';
import { responses, type ResponsesOptions } from './client.js';
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
  const stateless = all.find((p) => p.name === provider)?.rejects?.some((r) => r.parameter === 'previous_response_id') || options.store === false;
  const rounds: RunToolsResult['rounds'] = [];
  let history: unknown[] = typeof input === 'string' ? [{ role: 'user', content: input }] : [...(input as unknown[])];
  let next: { input: unknown; previous_response_id?: string } = { input };
  for (let round = 0; ; round++) {
    const response = (await responses(model, next.input, { ...callOptions, ...(next.previous_response_id ? { previous_response_id: next.previous_response_id } : {}), stream: false })) as Json & { output_text: string; id: string; output?: Json[] };
    const calls = (response.output ?? []).filter((o) => o.type === 'function_call');
    if (calls.length === 0) return { response, rounds: [...rounds, { response, calls: [] }] };
    if (round + 1 >= maxRounds) throw new ToolRoundsExceededError(maxRounds, response);
    const records = await Promise.all(calls.map((c) => runOne(c, tools)));
    rounds.push({ response, calls: records });
    const outputs = records.map((r) => ({ type: 'function_call_output', call_id: r.callId, output: r.output }));
    if (stateless) {
      history = [...history, ...(response.output ?? []), ...outputs];
      next = { input: history };
    } else next = { input: outputs, previous_response_id: response.id };
  }
}
