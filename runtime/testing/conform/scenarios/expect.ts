/** What scenarios ask of a response: it completed with a message, it called a tool, it repeats a request field. */
import { functionCalls, isObject, messageText, outputOf } from '../checks.js';
import type { ScenarioContext, Target } from '../context.js';

type Json = Record<string, unknown>;

const types = (r: Json) => outputOf(r).map((i) => String(i.type)).join(', ') || 'none';

/** The response completed; returns its status ('' when there is no response to look at). */
export function completed(ctx: ScenarioContext, t: Target): boolean {
  if (!t.value) return false;
  if (t.value.status === 'completed') return true;
  const error = isObject(t.value.error) && typeof t.value.error.message === 'string' ? ` (error: ${t.value.error.message})` : '';
  ctx.add('fail', 'response-completed', t.where, `status is ${JSON.stringify(t.value.status)}, expected "completed"${error}`, `${t.prefix}/status`);
  return false;
}

/** The response completed with an assistant message that has text; returns the text. */
export function message(ctx: ScenarioContext, t: Target): string | undefined {
  if (!completed(ctx, t)) return undefined;
  const text = messageText(t.value);
  if (text === undefined) ctx.add('fail', 'output-message', t.where, `no assistant message in the output (item types: ${types(t.value!)})`, `${t.prefix}/output`);
  else if (text === '') ctx.add('fail', 'output-message', t.where, 'the assistant message has no text', `${t.prefix}/output`);
  return text || undefined;
}

/** The response completed with a call of `name` (any tool when undefined) with a call_id and JSON-object arguments; returns the call. */
export function call(ctx: ScenarioContext, t: Target, name?: string): Json | undefined {
  if (!completed(ctx, t)) return undefined;
  const calls = functionCalls(t.value);
  const hit = calls.find((c) => name === undefined || c.item.name === name);
  if (!hit) {
    ctx.add('fail', 'function-call', t.where, `no function_call${name ? ` of '${name}'` : ''} in the output (item types: ${types(t.value!)})`, `${t.prefix}/output`);
    return undefined;
  }
  const at = `${t.prefix}/output/${hit.index}`;
  if (typeof hit.item.call_id !== 'string' || hit.item.call_id === '') ctx.add('fail', 'function-call', t.where, 'the call has no call_id', `${at}/call_id`);
  let args: unknown;
  try {
    args = JSON.parse(String(hit.item.arguments));
  } catch {
    ctx.add('fail', 'function-call', t.where, `the arguments are not JSON: ${JSON.stringify(String(hit.item.arguments).slice(0, 80))}`, `${at}/arguments`);
    return hit.item;
  }
  if (!isObject(args)) ctx.add('fail', 'function-call', t.where, 'the arguments are JSON but not an object', `${at}/arguments`);
  return hit.item;
}

/** The response repeats a request field (a deviation when it says otherwise; nothing when the field is absent: the schema says whether it must be there). */
export function echoes(ctx: ScenarioContext, t: Target, field: string, sent: unknown): void {
  if (!t.value || !(field in t.value)) return;
  const got = t.value[field];
  if (JSON.stringify(got) !== JSON.stringify(sent)) ctx.add('deviation', 'echoes-request', t.where, `${field} is ${JSON.stringify(got)}, but the request set ${JSON.stringify(sent)}`, `${t.prefix}/${field}`);
}

/** A judgement check: the answer mentions `word` (case-insensitive). A deviation when not: the server may have lost the context, or the model ignored it. */
export function mentions(ctx: ScenarioContext, t: Target, text: string | undefined, word: string, what: string): void {
  if (text === undefined) return;
  if (!text.toLowerCase().includes(word.toLowerCase())) {
    ctx.add('deviation', 'context-kept', t.where, `the answer does not mention '${word}' (${what}); judged from the model's answer: ${JSON.stringify(text.slice(0, 120))}`, `${t.prefix}/output`);
  }
}
