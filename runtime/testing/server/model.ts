/**
 * The mock models. Each request names one in `model`:
 *
 * - `echo`: answers with text derived from the input: what the user said
 *   last, and what they said before in the same conversation. With tools and
 *   a forcing `tool_choice` (`required`, or a named function) it calls the
 *   tool with arguments sampled from its parameters; after a
 *   `function_call_output` it reports what the tool returned; with a JSON
 *   Schema `text.format` it answers with a value of that schema.
 * - `scripted`: the next turn of the server's script (see turns.ts).
 *
 * A plan is what to answer, before any flavor-specific shape is given to it.
 */
import { sampleValue } from './sample.js';
import { asTurnObject, type ErrorTurn, type Turn } from './turns.js';

type Json = Record<string, unknown>;

export type PlannedItem =
  | { type: 'reasoning'; summary: string[]; text?: string }
  | { type: 'message'; text: string }
  | { type: 'refusal'; refusal: string }
  | { type: 'function_call'; name: string; arguments: string }
  | { type: 'item'; item: Json };

/** What to answer: items (and, from a scripted turn, extension events and response fields), an error, or a recording. */
export type Plan = { items: PlannedItem[]; events?: Json[]; response?: Json } | { error: ErrorTurn } | { replay: string };

export const MODELS = ['echo', 'scripted'] as const;

/** The text of a message item's content (a string, or parts with `text`). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (p && typeof p === 'object' && typeof (p as Json).text === 'string' ? ((p as Json).text as string) : '')).join('');
}

/** The text a list of items carries (messages' content, tool outputs), one line each: what usage is counted from. */
export function itemsText(items: Json[]): string {
  const lines: string[] = [];
  for (const i of items) {
    const text = i.type === 'function_call_output' ? (typeof i.output === 'string' ? i.output : JSON.stringify(i.output ?? '')) : contentText(i.content);
    if (text) lines.push(text);
  }
  return lines.join('\n');
}

const isUserMessage = (i: Json) => (i.type === undefined || i.type === 'message') && i.role === 'user';

/** The function tools of a request, by name. */
function functionTools(request: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const t of Array.isArray(request.tools) ? (request.tools as Json[]) : []) if (t && t.type === 'function' && typeof t.name === 'string') out.set(t.name, t);
  return out;
}

function forcedTool(request: Json, tools: Map<string, Json>): Json | undefined {
  if (tools.size === 0) return undefined;
  const choice = request.tool_choice;
  if (choice === 'required') return tools.values().next().value;
  if (choice && typeof choice === 'object' && (choice as Json).type === 'function') return tools.get(String((choice as Json).name));
  return undefined;
}

const argumentsFor = (tool: Json | undefined): string => JSON.stringify(sampleValue(tool?.parameters ?? { type: 'object', properties: {} }));

/** The JSON Schema of a structured-output request (`text.format` of type json_schema), if any. */
function outputSchema(request: Json): unknown {
  const format = (request.text as Json | undefined)?.format as Json | undefined;
  return format?.type === 'json_schema' ? (format.schema ?? true) : undefined;
}

/** What the echo model answers, given the request and the items before it (history + this input). */
export function echoPlan(request: Json, items: Json[]): Plan {
  const last = items[items.length - 1];
  if (last && last.type === 'function_call_output') {
    const call = items.find((i) => i.type === 'function_call' && i.call_id === last.call_id);
    const output = typeof last.output === 'string' ? last.output : JSON.stringify(last.output);
    return { items: [{ type: 'message', text: `${call ? String(call.name) : 'The tool'} returned: ${output}` }] };
  }
  const tools = functionTools(request);
  const forced = forcedTool(request, tools);
  if (forced) return { items: [{ type: 'function_call', name: String(forced.name), arguments: argumentsFor(forced) }] };
  const schema = outputSchema(request);
  if (schema !== undefined) return { items: [{ type: 'message', text: JSON.stringify(sampleValue(schema)) }] };
  const said = items.filter(isUserMessage).map((i) => contentText(i.content));
  const now = said.pop() ?? '';
  const before = said.length > 0 ? ` Before that you said: ${said.map((s) => JSON.stringify(s)).join(', ')}.` : '';
  return { items: [{ type: 'message', text: `You said: ${JSON.stringify(now)}.${before}` }] };
}

/** What a scripted turn answers. Tool calls without arguments get arguments sampled from the request's tool of that name. */
export function turnPlan(turn: Turn, request: Json): Plan {
  const t = asTurnObject(turn);
  if (t.error) return { error: t.error };
  if (t.replay !== undefined) return { replay: t.replay };
  const items: PlannedItem[] = [];
  if (t.reasoning !== undefined) {
    const r = typeof t.reasoning === 'string' ? { summary: [t.reasoning] } : t.reasoning;
    items.push({ type: 'reasoning', summary: r.summary ?? [], ...(r.text !== undefined ? { text: r.text } : {}) });
  }
  for (const item of t.items ?? []) items.push({ type: 'item', item });
  if (t.refusal !== undefined) items.push({ type: 'refusal', refusal: t.refusal });
  if (t.text !== undefined) items.push({ type: 'message', text: t.text });
  const tools = functionTools(request);
  for (const c of t.toolCalls ?? []) {
    const args = c.arguments === undefined ? argumentsFor(tools.get(c.name)) : typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments);
    items.push({ type: 'function_call', name: c.name, arguments: args });
  }
  if (items.length === 0) items.push({ type: 'message', text: '' });
  return { items, ...(t.events ? { events: t.events } : {}), ...(t.response ? { response: t.response } : {}) };
}
