/**
 * Rebuilds a response from its stream events, without copying the terminal
 * event's `output`: items come from `output_item.added`/`.done`, parts and
 * text from the part and delta events; top-level fields (status, usage,
 * error...) come from the latest response snapshot. O(1) per delta; unknown
 * event types are ignored (tolerant), never a crash. Both flavours' event
 * names are handled (OpenAI `reasoning_text`/`reasoning_summary_text`,
 * OpenResponses `reasoning`/`reasoning_summary`).
 */

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

export class ResponseAccumulator {
  private snapshot: Json | undefined;
  private readonly items: Json[] = [];
  private terminalEvent: StreamEvent | undefined;

  push(event: StreamEvent): void {
    const t = event.type;
    if (SNAPSHOT.has(t) && event.response && typeof event.response === 'object') {
      this.snapshot = event.response as Json;
      if (TERMINAL.has(t)) this.terminalEvent = event;
      return;
    }
    const i = typeof event.output_index === 'number' ? event.output_index : -1;
    switch (t) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        if (i >= 0 && event.item && typeof event.item === 'object') this.items[i] = copyItem(event.item as Json);
        return;
      case 'response.content_part.added':
      case 'response.content_part.done':
        this.setPart(i, 'content', event.content_index, event.part);
        return;
      case 'response.reasoning_summary_part.added':
      case 'response.reasoning_summary_part.done':
        this.setPart(i, 'summary', event.summary_index, event.part);
        return;
      case 'response.output_text.annotation.added': {
        const part = this.part(i, 'content', event.content_index, 'output_text');
        if (!part) return;
        const list = (part.annotations as unknown[] | undefined) ?? (part.annotations = []);
        if (typeof event.annotation_index === 'number') (list as unknown[])[event.annotation_index] = event.annotation;
        else (list as unknown[]).push(event.annotation);
        return;
      }
    }
    const dot = t.lastIndexOf('.');
    const target = TEXT_TARGETS[t.slice(0, dot)];
    const kind = t.slice(dot + 1);
    if (!target || (kind !== 'delta' && kind !== 'done') || i < 0) return;
    const value = kind === 'delta' ? event.delta : event[DONE_FIELD[t.slice(0, dot)] ?? 'text'];
    if (typeof value !== 'string') return;
    const holder = target.on === 'item' ? this.items[i] : this.part(i, target.list, event[target.index], target.make);
    if (!holder) return;
    const field = target.field;
    holder[field] = kind === 'delta' ? ((holder[field] as string | undefined) ?? '') + value : value;
  }

  private setPart(i: number, list: 'content' | 'summary', index: unknown, part: unknown): void {
    const item = this.items[i];
    if (!item || typeof index !== 'number' || !part || typeof part !== 'object') return;
    const parts = (Array.isArray(item[list]) ? item[list] : (item[list] = [])) as Json[];
    parts[index] = { ...(part as Json) };
  }

  private part(i: number, list: 'content' | 'summary', index: unknown, make: string): Json | undefined {
    const item = this.items[i];
    if (!item || typeof index !== 'number') return undefined;
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
    return { ...this.snapshot, output: this.items.filter((x) => x !== undefined) };
  }
}

function copyItem(item: Json): Json {
  const out: Json = { ...item };
  for (const list of ['content', 'summary'] as const) if (Array.isArray(item[list])) out[list] = (item[list] as Json[]).map((p) => (p && typeof p === 'object' ? { ...p } : p));
  return out;
}
