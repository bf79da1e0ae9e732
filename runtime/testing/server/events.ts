/**
 * The stream of a response: the full event sequence the specs describe,
 * rebuilt from the finished response.
 *
 *   response.created, response.in_progress,
 *   per item: output_item.added,
 *     message:   content_part.added, output_text.delta... (refusal.delta...), .done, content_part.done
 *     reasoning: reasoning_summary_part.added, reasoning_summary_text.delta..., .done, reasoning_summary_part.done,
 *                then its text in a content part: content_part.added, (OpenAI `response.reasoning_text.*`,
 *                OpenResponses `response.reasoning.*`) delta..., .done, content_part.done
 *     function:  function_call_arguments.delta..., .done
 *   output_item.done, and last the terminal event (response.completed / .failed / .incomplete).
 *
 * `sequence_number` counts from 0. Deltas are words (with their spaces),
 * so joined they give the `.done` text exactly. The stream follows every
 * rule of STREAM_RULES (validation/stream-rules.ts); on the wire the
 * openresponses flavor ends it with `data: [DONE]` and the openai flavor does
 * not, as OpenAI's API does not (DONE_PRACTICE).
 *
 * A stream that fails (`failedStream`: the `errorEvent` and `failed` faults)
 * stops where the fault strikes, sends `error` (for `errorEvent`) and then
 * `response.failed`. An item it was producing stays open: it gets no
 * `output_item.done`, since it was never finished, and the failed response's
 * `output` holds only the items closed before the failure. (The spec leaves
 * this open; closing the item as `incomplete` would claim an incomplete
 * response, which a failed one is not.)
 */
import { DONE } from '../../sse/decoder.js';
import { DONE_PRACTICE } from '../../validation/stream-rules.js';
import type { Flavor } from './options.js';

type Json = Record<string, unknown>;

/** The `data` a flavor's streams end with: `[DONE]` for openresponses, nothing for openai (DONE_PRACTICE). */
export const terminatorOf = (flavor: Flavor): string | undefined => (DONE_PRACTICE[flavor] === 'required' ? DONE : undefined);

/** Splits text into the pieces its deltas carry: each word with the spaces after it. */
export function pieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

const TERMINAL: Record<string, string> = { completed: 'response.completed', failed: 'response.failed', incomplete: 'response.incomplete', cancelled: 'response.failed' };

/** The response as it looks while it is being produced. */
export function inProgress(response: Json, flavor: Flavor): Json {
  return { ...response, status: 'in_progress', output: [], usage: null, error: null, ...(flavor === 'openresponses' ? { completed_at: null } : {}) };
}

/** Every event of a finished response's stream, in order. */
export function streamEvents(response: Json, flavor: Flavor): Json[] {
  const out: Json[] = [];
  const push = (e: Json) => out.push({ ...e, sequence_number: out.length });
  const start = inProgress(response, flavor);
  push({ type: 'response.created', response: start });
  push({ type: 'response.in_progress', response: start });
  (response.output as Json[]).forEach((item, output_index) => {
    push({ type: 'response.output_item.added', output_index, item: skeleton(item) });
    const item_id = item.id;
    if (item.type === 'message') {
      (item.content as Json[]).forEach((part, content_index) => {
        const at = { item_id, output_index, content_index };
        if (part.type === 'refusal') {
          push({ type: 'response.content_part.added', ...at, part: { type: 'refusal', refusal: '' } });
          for (const delta of pieces(part.refusal as string)) push({ type: 'response.refusal.delta', ...at, delta });
          push({ type: 'response.refusal.done', ...at, refusal: part.refusal });
        } else {
          push({ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
          for (const delta of pieces(part.text as string)) push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
          push({ type: 'response.output_text.done', ...at, text: part.text, logprobs: [] });
        }
        push({ type: 'response.content_part.done', ...at, part });
      });
    } else if (item.type === 'reasoning') {
      (item.summary as Json[]).forEach((part, summary_index) => {
        const at = { item_id, output_index, summary_index };
        push({ type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } });
        for (const delta of pieces(part.text as string)) push({ type: 'response.reasoning_summary_text.delta', ...at, delta });
        push({ type: 'response.reasoning_summary_text.done', ...at, text: part.text });
        push({ type: 'response.reasoning_summary_part.done', ...at, part });
      });
      // Raw reasoning text is streamable content, so it comes inside a content part like any other text.
      const name = flavor === 'openai' ? 'response.reasoning_text' : 'response.reasoning';
      ((item.content as Json[] | undefined) ?? []).forEach((part, content_index) => {
        const at = { item_id, output_index, content_index };
        push({ type: 'response.content_part.added', ...at, part: { type: 'reasoning_text', text: '' } });
        for (const delta of pieces(part.text as string)) push({ type: `${name}.delta`, ...at, delta });
        push({ type: `${name}.done`, ...at, text: part.text });
        push({ type: 'response.content_part.done', ...at, part });
      });
    } else if (item.type === 'function_call') {
      const at = { item_id, output_index };
      for (const delta of pieces(item.arguments as string)) push({ type: 'response.function_call_arguments.delta', ...at, delta });
      push({ type: 'response.function_call_arguments.done', ...at, ...(flavor === 'openai' ? { name: item.name } : {}), arguments: item.arguments });
    }
    push({ type: 'response.output_item.done', output_index, item });
  });
  push({ type: TERMINAL[response.status as string] ?? 'response.completed', response });
  return out;
}

/** An item as `output_item.added` announces it: in progress, with no content yet. */
function skeleton(item: Json): Json {
  switch (item.type) {
    case 'message':
      return { ...item, status: 'in_progress', content: [] };
    case 'reasoning': {
      const { content: _content, ...rest } = item;
      return { ...rest, summary: [] };
    }
    case 'function_call':
      return { ...item, status: 'in_progress', arguments: '' };
    default:
      return item;
  }
}

/**
 * The events a failing stream sends: those before position `at`, then the
 * `error` event (when `error` is given), then `response.failed` with `failure`
 * as its error and the items closed so far as its output. Undefined when `at`
 * is past the end (the fault never strikes).
 */
export function failedStream(events: Json[], at: number, flavor: Flavor, failure: { code: string; message: string }, error: boolean): Json[] | undefined {
  if (at >= events.length) return undefined;
  const out = events.slice(0, at);
  const closed = out.filter((e) => e.type === 'response.output_item.done').map((e) => e.item as Json);
  if (error) out.push(errorEvent(flavor, out.length, failure.message, failure.code));
  const last = events[events.length - 1].response as Json;
  const response = { ...inProgress(last, flavor), status: 'failed', error: failure, output: closed };
  out.push({ type: 'response.failed', sequence_number: out.length, response });
  return out;
}

/**
 * The `error` event. OpenResponses nests the details in `error`; the OpenAI
 * spec puts them at the top level while its API nests them (see the
 * openai-error-event-nested overlay), so the openai flavor sends both.
 */
export function errorEvent(flavor: Flavor, sequence_number: number, message: string, code: string): Json {
  const error = { type: 'server_error', code, message, param: null };
  return flavor === 'openai' ? { type: 'error', code, message, param: null, sequence_number, error } : { type: 'error', sequence_number, error };
}

/** The events with `extra` sent after `response.in_progress` (scripted extension events), every event numbered in sequence. */
export function withExtraEvents(events: Json[], extra: readonly Json[]): Json[] {
  if (extra.length === 0) return events;
  const at = events.findIndex((e) => e.type === 'response.in_progress') + 1;
  return [...events.slice(0, at), ...extra, ...events.slice(at)].map((e, sequence_number) => ({ ...e, sequence_number }));
}
