/**
 * Turns: what the `scripted` model answers, one per request, in order.
 * A script is a JSON array of turns (`anyresponses serve --script FILE`, or
 * `startMockServer({ script })`):
 *
 *   "Hello"                                              text
 *   { "text": "...", "reasoning": "why" }                reasoning (its summary), then text
 *   { "reasoning": { "summary": ["a", "b"], "text": "..." } }
 *   { "refusal": "I can't help with that." }
 *   { "toolCalls": [{ "name": "get_weather", "arguments": { "city": "Oslo" } }] }
 *   { "toolCalls": [{ "name": "get_weather" }] }          arguments sampled from the tool's parameters
 *   { "error": { "status": 429, "message": "slow down", "code": "rate_limit_exceeded" } }
 *   { "replay": "path/to/recording.json" }               a recorded body or .chunks.txt stream, as recorded
 *   { "text": "...", "fault": { "disconnectAfterEvents": 3 } }
 *
 * Extensions (a spec of your own, `startMockServer({ spec })`):
 *
 *   { "items": [{ "type": "acme:web_lookup_call", "status": "completed", ... }], "text": "..." }
 *                        output items as given (an `id` is added when missing), after the reasoning
 *                        and before the refusal, text and tool calls; streamed as output_item.added/.done
 *   { "events": [{ "type": "acme:trace_event", "trace_id": "t1" }], "text": "..." }
 *                        stream events sent after response.in_progress, numbered in sequence
 *   { "response": { "acme_region": "eu" }, "text": "..." }     fields set on the response object
 *
 * Everything a turn makes is checked against the spec before it is sent.
 */
import { checkFault, type Fault } from './faults.js';
import { InvalidOptionError } from 'anyresponses';

export interface ToolCallTurn {
  name: string;
  /** An object (sent as its JSON) or a JSON string; omitted: sampled from the tool's `parameters`. */
  arguments?: unknown;
}

export interface ErrorTurn {
  /** HTTP status. Default 400. */
  status?: number;
  message: string;
  type?: string;
  code?: string | null;
  param?: string | null;
}

export interface TurnObject {
  text?: string;
  refusal?: string;
  reasoning?: string | { summary?: string[]; text?: string };
  toolCalls?: ToolCallTurn[];
  error?: ErrorTurn;
  replay?: string;
  fault?: Fault;
  /** Output items sent as they are (an implementor's extension items): each an object with a string `type`. */
  items?: Array<Record<string, unknown>>;
  /** Stream events sent after `response.in_progress` (an implementor's extension events): each an object with a string `type`. */
  events?: Array<Record<string, unknown>>;
  /** Fields set on the response object (an extension's extra fields). */
  response?: Record<string, unknown>;
}

export type Turn = string | TurnObject;

const KEYS = new Set(['text', 'refusal', 'reasoning', 'toolCalls', 'error', 'replay', 'fault', 'items', 'events', 'response']);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Checks a script (parsed JSON) and returns it typed; throws an InvalidOptionError naming the pointer of the first problem. */
export function checkScript(value: unknown, source = 'script'): Turn[] {
  const fail = (pointer: string, what: string): never => {
    throw new InvalidOptionError(`${source}: ${pointer || '/'}: ${what}`, source);
  };
  if (!Array.isArray(value)) fail('', `expected an array of turns, found ${kind(value)}`);
  (value as unknown[]).forEach((t, i) => {
    const at = `/${i}`;
    if (typeof t === 'string') return;
    if (!isObject(t)) return fail(at, `expected a string or an object, found ${kind(t)}`);
    for (const k of Object.keys(t)) if (!KEYS.has(k)) fail(`${at}/${k}`, `unknown key '${k}'; known: ${[...KEYS].join(', ')}`);
    for (const k of ['text', 'refusal', 'replay'] as const) if (t[k] !== undefined && typeof t[k] !== 'string') fail(`${at}/${k}`, `expected string, found ${kind(t[k])}`);
    if (t.reasoning !== undefined && typeof t.reasoning !== 'string') {
      if (!isObject(t.reasoning)) fail(`${at}/reasoning`, `expected a string or { summary, text }, found ${kind(t.reasoning)}`);
      const r = t.reasoning as Record<string, unknown>;
      if (r.summary !== undefined && !(Array.isArray(r.summary) && r.summary.every((s) => typeof s === 'string'))) fail(`${at}/reasoning/summary`, 'expected an array of strings');
      if (r.text !== undefined && typeof r.text !== 'string') fail(`${at}/reasoning/text`, `expected string, found ${kind(r.text)}`);
    }
    if (t.toolCalls !== undefined) {
      if (!Array.isArray(t.toolCalls) || t.toolCalls.length === 0) fail(`${at}/toolCalls`, 'expected a non-empty array');
      (t.toolCalls as unknown[]).forEach((c, j) => {
        if (!isObject(c) || typeof c.name !== 'string' || c.name === '') fail(`${at}/toolCalls/${j}/name`, 'expected a tool name');
      });
    }
    if (t.error !== undefined) {
      if (!isObject(t.error) || typeof t.error.message !== 'string') fail(`${at}/error/message`, 'expected string');
      const s = (t.error as Record<string, unknown>).status;
      if (s !== undefined && !(Number.isInteger(s) && (s as number) >= 400 && (s as number) <= 599)) fail(`${at}/error/status`, `expected an HTTP error status (400-599), found ${JSON.stringify(s)}`);
    }
    for (const k of ['items', 'events'] as const) {
      if (t[k] === undefined) continue;
      if (!Array.isArray(t[k])) fail(`${at}/${k}`, `expected an array of objects, found ${kind(t[k])}`);
      (t[k] as unknown[]).forEach((v, j) => {
        if (!isObject(v)) fail(`${at}/${k}/${j}`, `expected an object, found ${kind(v)}`);
        if (typeof (v as Record<string, unknown>).type !== 'string') fail(`${at}/${k}/${j}/type`, 'expected a string type');
      });
    }
    if (t.response !== undefined && !isObject(t.response)) fail(`${at}/response`, `expected an object, found ${kind(t.response)}`);
    if (t.fault !== undefined) {
      const problem = checkFault(t.fault);
      if (problem) fail(`${at}/fault${problem.pointer}`, problem.message);
    }
    if (t.replay !== undefined && Object.keys(t).some((k) => k !== 'replay' && k !== 'fault')) fail(at, 'a replay turn takes only replay (and fault)');
    if (t.error !== undefined && Object.keys(t).some((k) => k !== 'error' && k !== 'fault')) fail(at, 'an error turn takes only error (and fault)');
  });
  return value as Turn[];
}

/** A turn as an object (a bare string is a text turn). */
export const asTurnObject = (t: Turn): TurnObject => (typeof t === 'string' ? { text: t } : t);
