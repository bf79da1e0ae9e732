/**
 * Rebuilds a response from its stream events, without copying the terminal
 * event's `output`: items come from `output_item.added`/`.done`, parts and
 * text from the part and delta events; top-level fields (status, usage,
 * error...) come from the latest response snapshot. O(1) per delta; unknown
 * event types are ignored (tolerant), never a crash. Both flavours' event
 * names are handled (OpenAI `reasoning_text`/`reasoning_summary_text`,
 * OpenResponses `reasoning`/`reasoning_summary`).
 *
 * Indexes come from the provider: one past `limits.maxIndex` is an
 * IndexOutOfRangeError (an index of 1e9 would otherwise make a billion-slot
 * array), one that is not a non-negative integer is ignored, and the gaps a
 * sparse index leaves are not in the rebuilt response.
 */
import { IndexOutOfRangeError, LIMITS } from '../core/limits.js';

export type Json = Record<string, unknown>;
export interface StreamEvent {
  type: string;
  [k: string]: unknown;
}

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);
const SNAPSHOT = new Set(['response.created', 'response.queued', 'response.in_progress', ...TERMINAL]);

/** Delta event prefix -> where its text goes: on the item (field) or on a part (list + index key + field). */
const TEXT_TARGETS: Record<string, { on: 'item'; field: string } | { on: 'part'; list: 'content' | 'summary'; index: string; field: string; make: string }> = {
  'response.output_text': { on: 'part', list: 'content', index: 'content_index', field: 'text', make: 'output_text' },
  'response.refusal': { on: 'part', list: 'content', index: 'content_index', field: 'refusal', make: 'refusal' },
  'response.reasoning_text': { on: 'part', list: 'content', index: 'content_index', field: 'text', make: 'reasoning_text' },
  'response.reasoning': { on: 'part', list: 'content', index: 'content_index', field: 'text', make: 'reasoning_text' },
  'response.reasoning_summary_text': { on: 'part', list: 'summary', index: 'summary_index', field: 'text', make: 'summary_text' },
  'response.reasoning_summary': { on: 'part', list: 'summary', index: 'summary_index', field: 'text', make: 'summary_text' },
  'response.function_call_arguments': { on: 'item', field: 'arguments' },
  'response.custom_tool_call_input': { on: 'item', field: 'input' },
  'response.code_interpreter_call_code': { on: 'item', field: 'code' },
  'response.mcp_call_arguments': { on: 'item', field: 'arguments' },
};

const DONE_FIELD: Record<string, string> = { 'response.refusal': 'refusal', 'response.function_call_arguments': 'arguments', 'response.custom_tool_call_input': 'input', 'response.code_interpreter_call_code': 'code', 'response.mcp_call_arguments': 'arguments' };

export interface AccumulatorOptions {
  /** Largest index accepted (default LIMITS.maxIndex). */
  maxIndex?: number;
  /** Named in the errors. */
  provider?: string;
}

export class ResponseAccumulator {
  private snapshot: Json | undefined;
  private readonly items: Json[] = [];
  private terminalEvent: StreamEvent | undefined;
  private readonly maxIndex: number;
  private readonly provider: string | undefined;

  constructor(options: AccumulatorOptions = {}) {
    this.maxIndex = options.maxIndex ?? LIMITS.maxIndex;
    this.provider = options.provider;
  }

  /** An index from an event: -1 when absent or not a non-negative integer; past maxIndex, an error. */
  private index(value: unknown, name: string): number {
    if (typeof value !== 'number' || !(value >= 0) || !Number.isInteger(value)) return -1;
    if (value > this.maxIndex) throw new IndexOutOfRangeError(`${name} ${value}`, 'maxIndex', this.maxIndex, this.provider);
    return value;
  }

  push(event: StreamEvent): void {
    const t = event.type;
    if (SNAPSHOT.has(t) && event.response && typeof event.response === 'object') {
      this.snapshot = event.response as Json;
      if (TERMINAL.has(t)) this.terminalEvent = event;
      return;
    }
    const i = this.index(event.output_index, 'output_index');
    switch (t) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        if (i >= 0 && event.item && typeof event.item === 'object') this.items[i] = copyItem(event.item as Json);
        return;
      case 'response.content_part.added':
      case 'response.content_part.done':
        this.setPart(i, 'content', this.index(event.content_index, 'content_index'), event.part);
        return;
      case 'response.reasoning_summary_part.added':
      case 'response.reasoning_summary_part.done':
        this.setPart(i, 'summary', this.index(event.summary_index, 'summary_index'), event.part);
        return;
      case 'response.output_text.annotation.added': {
        const part = this.part(i, 'content', event.content_index, 'content_index', 'output_text');
        if (!part) return;
        const list = (part.annotations as unknown[] | undefined) ?? (part.annotations = []);
        const at = this.index(event.annotation_index, 'annotation_index');
        if (at >= 0) (list as unknown[])[at] = event.annotation;
        else if ((list as unknown[]).length <= this.maxIndex) (list as unknown[]).push(event.annotation);
        return;
      }
    }
    const dot = t.lastIndexOf('.');
    const target = TEXT_TARGETS[t.slice(0, dot)];
    const kind = t.slice(dot + 1);
    if (!target || (kind !== 'delta' && kind !== 'done') || i < 0) return;
    const value = kind === 'delta' ? event.delta : event[DONE_FIELD[t.slice(0, dot)] ?? 'text'];
    if (typeof value !== 'string') return;
    const holder = target.on === 'item' ? this.items[i] : this.part(i, target.list, event[target.index], target.index, target.make);
    if (!holder) return;
    const field = target.field;
    holder[field] = kind === 'delta' ? ((holder[field] as string | undefined) ?? '') + value : value;
  }

  private setPart(i: number, list: 'content' | 'summary', index: number, part: unknown): void {
    const item = this.items[i];
    if (!item || index < 0 || !part || typeof part !== 'object') return;
    const parts = (Array.isArray(item[list]) ? item[list] : (item[list] = [])) as Json[];
    parts[index] = { ...(part as Json) };
  }

  private part(i: number, list: 'content' | 'summary', raw: unknown, name: string, make: string): Json | undefined {
    const item = this.items[i];
    if (!item) return undefined;
    const index = this.index(raw, name);
    if (index < 0) return undefined;
    const parts = (Array.isArray(item[list]) ? item[list] : (item[list] = [])) as Json[];
    return (parts[index] ??= { type: make });
  }

  /** The terminal event, once it arrived. */
  get terminal(): StreamEvent | undefined {
    return this.terminalEvent;
  }

  /** The response as rebuilt so far: the latest snapshot's top-level fields with the rebuilt output. */
  snapshotResponse(): Json | undefined {
    if (!this.snapshot) return undefined;
    return { ...this.snapshot, output: dense(this.items).map(denseParts) };
  }
}

/** The entries of an array, without the gaps a sparse index left. */
function dense<T>(list: T[]): T[] {
  for (let k = 0; k < list.length; k++) if (list[k] === undefined) return list.filter((x) => x !== undefined);
  return list;
}

/** An item whose part lists have gaps, with those gaps closed (a copy; others as they are). */
function denseParts(item: Json): Json {
  let out = item;
  for (const list of ['content', 'summary'] as const) {
    const parts = item[list];
    if (Array.isArray(parts)) {
      const d = dense(parts);
      if (d !== parts) out = { ...out, [list]: d };
    }
  }
  return out;
}

function copyItem(item: Json): Json {
  const out: Json = { ...item };
  for (const list of ['content', 'summary'] as const) if (Array.isArray(item[list])) out[list] = (item[list] as Json[]).map((p) => (p && typeof p === 'object' ? { ...p } : p));
  return out;
}
