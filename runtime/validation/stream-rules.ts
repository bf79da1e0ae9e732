/**
 * The named stream rules: what a Responses event stream must look like,
 * beyond each event being valid on its own. One table, used by
 * `validateStream` / `createStreamChecker`, `anyresponses validate --stream`,
 * `anyresponses conform` and the generated docs/conformance.md.
 *
 * Levels:
 * - `error`: a client cannot read the stream correctly; an error in both modes.
 * - `deviation`: a spec rule broken in a way a tolerant client survives; an
 *   error in strict mode, a warning in tolerant mode.
 * - `advisory`: the spec says SHOULD, or says it in lowercase (not a BCP 14
 *   keyword); a warning in both modes (conform reports it as a deviation).
 *
 * Scope: `framing` rules need the bytes on the wire (an HTTP answer or a raw
 * `.sse` capture); `events` rules need only the parsed events (so they also
 * run on `.chunks.txt` recordings).
 */

export type StreamRuleLevel = 'error' | 'deviation' | 'advisory';
export type StreamRuleScope = 'framing' | 'events';

export interface StreamRule {
  name: string;
  level: StreamRuleLevel;
  scope: StreamRuleScope;
  /** One sentence: what the rule asks. */
  description: string;
  /** Where the rule comes from (spec and section). */
  source: string;
}

const OR = 'OpenResponses specification';

export const STREAM_RULES = [
  { name: 'http-content-type', level: 'error', scope: 'framing', description: 'The stream is served with `Content-Type: text/event-stream`.', source: `${OR}, Streaming HTTP Responses` },
  { name: 'sse-data-json', level: 'error', scope: 'framing', description: 'Every SSE `data` is one JSON-encoded event (the `[DONE]` terminator aside).', source: `${OR}, Streaming HTTP Responses` },
  { name: 'sse-event-field', level: 'deviation', scope: 'framing', description: "Every SSE message has an `event:` field equal to its data's `type`.", source: `${OR}, Streaming HTTP Responses` },
  { name: 'sse-done-terminator', level: 'deviation', scope: 'framing', description: "Nothing follows `data: [DONE]`; the openresponses flavor ends with it (the spec's MUST), the openai flavor need not (OpenAI's API does not send it).", source: `${OR}, Streaming HTTP Responses` },
  { name: 'sse-no-id', level: 'advisory', scope: 'framing', description: 'No SSE `id:` field (servers SHOULD NOT use it).', source: `${OR}, Streaming HTTP Responses` },
  { name: 'sequence-increasing', level: 'error', scope: 'events', description: '`sequence_number` increases strictly from event to event.', source: `${OR}, Extending streaming events; every event schema requires it` },
  { name: 'created-first', level: 'deviation', scope: 'events', description: 'A response starts with one `response.created`, its first event.', source: 'both OpenAPI documents (the event order they describe)' },
  { name: 'one-terminal-last', level: 'error', scope: 'events', description: 'Exactly one terminal event (`response.completed`, `.failed` or `.incomplete`), and it is the last; a stream may also end on `error`.', source: `${OR}, Items are state machines; Streaming` },
  { name: 'item-added-first', level: 'deviation', scope: 'events', description: "Every event about an output item comes after that item's `response.output_item.added`.", source: `${OR}, Items are streamable` },
  { name: 'item-closed-once', level: 'deviation', scope: 'events', description: 'Every added item is closed by exactly one `response.output_item.done` before `response.completed` or `.incomplete` (`response.failed` may leave the item it was producing open).', source: `${OR}, Items are streamable` },
  { name: 'no-update-after-done', level: 'deviation', scope: 'events', description: "No event about an item follows its `response.output_item.done` (a completed item is final).", source: `${OR}, Items are state machines` },
  { name: 'content-in-part', level: 'deviation', scope: 'events', description: 'Streamed text (output text, refusal, reasoning text) comes inside a part opened by `response.content_part.added` and closed by `response.content_part.done` after its `.done` event (summary text likewise in a summary part); parts close before their item.', source: `${OR}, Items are streamable; Reasoning` },
  { name: 'deltas-join-done', level: 'deviation', scope: 'events', description: "A text's deltas join into the text of its `.done` event, which its part's `.done` event and the closed item repeat.", source: `${OR}, Streaming (delta events)` },
  { name: 'indexes-consistent', level: 'deviation', scope: 'events', description: "Items are added at `output_index` 0, 1, 2...; parts at `content_index` (or `summary_index`) 0, 1... within their item; an event's `item_id` is the id of the item at its `output_index`.", source: 'both OpenAPI documents (the index fields)' },
  { name: 'error-then-failed', level: 'advisory', scope: 'events', description: 'An `error` event is followed by `response.failed`.', source: `${OR}, Errors ("will be followed", lowercase)` },
  { name: 'incomplete-last', level: 'deviation', scope: 'events', description: 'An item that ends `incomplete` is the last item, and the response ends with `response.incomplete`.', source: `${OR}, Items are state machines` },
  { name: 'terminal-matches-events', level: 'deviation', scope: 'events', description: "The terminal event's response holds the items the events built, each as its `response.output_item.done` gave it.", source: `${OR}, Streaming (the terminal event carries the response)` },
] as const satisfies readonly StreamRule[];

export type StreamRuleName = (typeof STREAM_RULES)[number]['name'];

/** Each rule's level, by name. */
export const RULE_LEVEL: Readonly<Record<StreamRuleName, StreamRuleLevel>> = Object.fromEntries(STREAM_RULES.map((r) => [r.name, r.level])) as Record<StreamRuleName, StreamRuleLevel>;

/**
 * Whether each flavor's streams end with `data: [DONE]`. The OpenResponses
 * prose requires it; OpenAI's API does not send it (its stream ends after the
 * terminal event), so for that flavor the terminator is optional.
 */
export const DONE_PRACTICE: Readonly<Record<string, 'required' | 'optional'>> = { openresponses: 'required', openai: 'optional' };
