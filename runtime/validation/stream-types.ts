/**
 * What each stream event type is to the stream rules (a response event, an
 * item event, a part event, a text delta or done, ...), worked out once per
 * type name so that the per-event path is one lookup.
 */

export const EventKind = { Other: 0, Created: 1, Terminal: 2, Error: 3, ItemAdded: 4, ItemDone: 5, PartAdded: 6, PartDone: 7, Delta: 8, Done: 9, Annotation: 10 } as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];
export interface TypeInfo {
  k: EventKind;
  /** Parts: content (false) or summary (true). Texts: where the text lives. */
  summary: boolean;
  inItem: boolean;
  /** Texts: the field of the `.done` event that holds the whole text. */
  doneField: string;
}

/** Delta event type prefix -> the field of its `.done` event, and what its text lives in (a content part, a summary part, or the item). */
const TEXTS: Record<string, { done: string; in: 'content' | 'summary' | 'item' }> = {
  'response.output_text': { done: 'text', in: 'content' },
  'response.refusal': { done: 'refusal', in: 'content' },
  'response.reasoning_text': { done: 'text', in: 'content' },
  'response.reasoning': { done: 'text', in: 'content' },
  'response.reasoning_summary_text': { done: 'text', in: 'summary' },
  'response.reasoning_summary': { done: 'text', in: 'summary' },
  'response.function_call_arguments': { done: 'arguments', in: 'item' },
  'response.custom_tool_call_input': { done: 'input', in: 'item' },
  'response.code_interpreter_call_code': { done: 'code', in: 'item' },
  'response.mcp_call_arguments': { done: 'arguments', in: 'item' },
};

const FIXED: Record<string, EventKind> = {
  'response.created': EventKind.Created,
  'response.completed': EventKind.Terminal,
  'response.failed': EventKind.Terminal,
  'response.incomplete': EventKind.Terminal,
  error: EventKind.Error,
  'response.output_item.added': EventKind.ItemAdded,
  'response.output_item.done': EventKind.ItemDone,
  'response.content_part.added': EventKind.PartAdded,
  'response.content_part.done': EventKind.PartDone,
  'response.reasoning_summary_part.added': EventKind.PartAdded,
  'response.reasoning_summary_part.done': EventKind.PartDone,
  'response.output_text.annotation.added': EventKind.Annotation,
};

const TYPES = new Map<string, TypeInfo>();

export function eventTypeInfo(type: string): TypeInfo {
  let info = TYPES.get(type);
  if (info) return info;
  const dot = type.lastIndexOf('.');
  const text = TEXTS[type.slice(0, dot)];
  const kind = type.slice(dot + 1);
  const k = FIXED[type] ?? (text && kind === 'delta' ? EventKind.Delta : text && kind === 'done' ? EventKind.Done : EventKind.Other);
  info = { k, summary: type.startsWith('response.reasoning_summary'), inItem: text?.in === 'item', doneField: text?.done ?? '' };
  // Bounded: a stream of ever-new type names does not grow the table past a few hundred.
  if (TYPES.size < 512) TYPES.set(type, info);
  return info;
}
