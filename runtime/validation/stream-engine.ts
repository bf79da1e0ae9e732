/**
 * The stream rules of stream-rules.ts, applied one event (or SSE message) at
 * a time with a few map lookups each: no schema validation here (see
 * stream.ts for the checker that adds it). Findings go to a sink with the
 * rule's name, the event's index, a pointer into the event and a sentence.
 *
 * A recording may hold several responses back to back: a `response.created`
 * right after a terminal event starts the next one, with fresh state.
 */
import { DONE_PRACTICE, type StreamRuleName } from './stream-rules.js';

export type RuleSink = (rule: StreamRuleName, index: number, pointer: string, message: string) => void;

export interface FrameMessage {
  event?: string;
  data: string;
  id?: string;
}

type Ev = Record<string, unknown>;
interface Part {
  open: boolean;
  deltas: boolean;
  /** Its deltas, joined. */
  joined: string;
  /** The text of its `.done` event, once seen. */
  text?: string;
  /** Its deltas already disagreed with that text (flagged once, not again at each later copy). */
  mismatch?: boolean;
}
interface Item {
  id: unknown;
  done: boolean;
  final?: Ev;
  /** Parts by content_index, and summary parts by summary_index. */
  content: Part[];
  summary: Part[];
  nextContent: number;
  nextSummary: number;
  /** Item-level text (function call arguments, ...), joined from its deltas. */
  joined?: string;
}

/** What an event type is, worked out once per type name (the per-event path is a lookup). */
const enum K {
  Other,
  Created,
  Terminal,
  Error,
  ItemAdded,
  ItemDone,
  PartAdded,
  PartDone,
  Delta,
  Done,
  Annotation,
}
interface TypeInfo {
  k: K;
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

const FIXED: Record<string, K> = {
  'response.created': K.Created,
  'response.completed': K.Terminal,
  'response.failed': K.Terminal,
  'response.incomplete': K.Terminal,
  error: K.Error,
  'response.output_item.added': K.ItemAdded,
  'response.output_item.done': K.ItemDone,
  'response.content_part.added': K.PartAdded,
  'response.content_part.done': K.PartDone,
  'response.reasoning_summary_part.added': K.PartAdded,
  'response.reasoning_summary_part.done': K.PartDone,
  'response.output_text.annotation.added': K.Annotation,
};

const TYPES = new Map<string, TypeInfo>();

function typeInfo(type: string): TypeInfo {
  let info = TYPES.get(type);
  if (info) return info;
  const dot = type.lastIndexOf('.');
  const text = TEXTS[type.slice(0, dot)];
  const kind = type.slice(dot + 1);
  const k = FIXED[type] ?? (text && kind === 'delta' ? K.Delta : text && kind === 'done' ? K.Done : K.Other);
  info = { k, summary: type.startsWith('response.reasoning_summary'), inItem: text?.in === 'item', doneField: text?.done ?? '' };
  // Bounded: a stream of ever-new type names does not grow the table past a few hundred.
  if (TYPES.size < 512) TYPES.set(type, info);
  return info;
}

const short = (s: string) => (s.length > 80 ? s.slice(0, 77) + '...' : s);
const q = (s: string) => JSON.stringify(short(s));

export class StreamRules {
  /** Index of the next event (or SSE message) in the stream. */
  index = 0;
  responses = 0;
  private readonly terminator: 'required' | 'optional';
  private lastSeq = -Infinity;
  private terminal = false;
  private started = false;
  private lastType = '';
  private lastInfo: TypeInfo = typeInfo('');
  private errorAt = -1;
  /** The items of the current response, by output_index, and how many were added. */
  private items: Item[] = [];
  private count = 0;
  private incompleteAt = -1;
  private framed = false;
  private doneAt = -1;
  private afterDone = false;
  private idSeen = false;

  constructor(
    private readonly report: RuleSink,
    options: { spec?: string; terminator?: 'required' | 'optional' } = {},
  ) {
    this.terminator = options.terminator ?? DONE_PRACTICE[options.spec ?? ''] ?? 'optional';
  }

  private flag(rule: StreamRuleName, message: string, pointer = ''): void {
    this.report(rule, this.index, pointer, message);
  }

  /** The Content-Type the stream was served with (from an HTTP answer). */
  contentType(value: string | null | undefined): void {
    this.framed = true;
    if (!/^text\/event-stream\s*(;|$)/i.test(value ?? '')) this.flag('http-content-type', `the stream's Content-Type is ${value ? `'${value}'` : 'missing'}, expected 'text/event-stream'`);
  }

  /**
   * The framing of one SSE message; true when its data is an event to parse
   * and check, false for the `[DONE]` terminator and what follows it.
   */
  frame(msg: FrameMessage): boolean {
    this.framed = true;
    if (msg.id !== undefined && !this.idSeen) {
      this.idSeen = true;
      this.flag('sse-no-id', `the message has an SSE id field (${q(msg.id)}); servers should not use one`);
    }
    if (this.doneAt >= 0) {
      if (!this.afterDone) this.flag('sse-done-terminator', `data after the [DONE] terminator (message ${this.doneAt}): a client stops reading at [DONE]`);
      this.afterDone = true;
      this.index++;
      return false;
    }
    if (msg.data === '[DONE]') {
      this.doneAt = this.index++;
      return false;
    }
    return true;
  }

  /** A message whose data is not JSON. */
  notJson(msg: FrameMessage, error: Error): void {
    this.flag('sse-data-json', `the data is not JSON (${error.message}): ${q(msg.data)}`);
    this.index++;
  }

  /** The `event:` field against the parsed data's `type` (call before `event`). */
  eventField(msg: FrameMessage, e: unknown): void {
    const type = e !== null && typeof e === 'object' ? (e as Ev).type : undefined;
    if (msg.event === undefined) this.flag('sse-event-field', `no SSE event field; expected 'event: ${String(type)}'`);
    else if (msg.event !== type) this.flag('sse-event-field', `the SSE event field is '${msg.event}' but the data's type is '${String(type)}'`, '/type');
  }

  /** One parsed event. */
  event(e: unknown): void {
    if (e !== null && typeof e === 'object' && !Array.isArray(e)) this.rules(e as Ev);
    this.index++;
  }

  private rules(e: Ev): void {
    const type = typeof e.type === 'string' ? e.type : '';
    // Runs of one type (deltas) skip the table lookup: comparing with the last type costs less than hashing.
    const info = type === this.lastType ? this.lastInfo : typeInfo(type);
    this.lastInfo = info;
    if (this.errorAt >= 0) {
      if (info.k !== K.Terminal || type !== 'response.failed') this.flag('error-then-failed', `'${type}' follows the error event ${this.errorAt}; expected response.failed`, '/type');
      this.errorAt = -1;
    }
    if (this.terminal) {
      if (info.k !== K.Created) return this.flag('one-terminal-last', `event '${type}' after the terminal event`);
      this.reset();
    }
    if (!this.started) {
      this.started = true;
      this.responses++;
      if (info.k !== K.Created) this.flag('created-first', `the first event is '${type}', expected 'response.created'`, '/type');
    } else if (info.k === K.Created) this.flag('created-first', 'a second response.created before the terminal event', '/type');
    const seq = e.sequence_number;
    if (typeof seq === 'number') {
      if (!(seq > this.lastSeq)) this.flag('sequence-increasing', `sequence_number ${seq} does not increase (previous ${this.lastSeq})`, '/sequence_number');
      this.lastSeq = seq;
    }
    this.lastType = type;
    if (info.k === K.Error) this.errorAt = this.index;
    else if (info.k === K.Terminal) this.end_(type, e);
    else if (typeof e.output_index === 'number') this.itemEvent(type, info, e, e.output_index);
  }

  private itemEvent(type: string, info: TypeInfo, e: Ev, out: number): void {
    if (info.k === K.ItemAdded) return this.added(e, out);
    const item = this.items[out];
    if (!item) return this.flag('item-added-first', `output_index ${out} refers to no item added so far`, '/output_index');
    const itemId = e.item_id;
    if (itemId !== undefined && itemId !== item.id && typeof itemId === 'string' && typeof item.id === 'string') {
      this.flag('indexes-consistent', `item_id '${itemId}' is not the id of the item at output_index ${out} ('${item.id}')`, '/item_id');
    }
    if (item.done) {
      if (info.k === K.ItemDone) this.flag('item-closed-once', `the item at output_index ${out} is closed a second time`);
      else this.flag('no-update-after-done', `'${type}' for the item at output_index ${out} after its response.output_item.done`, '/type');
      return;
    }
    switch (info.k) {
      case K.ItemDone:
        return this.closed(e, out, item);
      case K.PartAdded:
      case K.PartDone:
        return this.partEvent(type, info, e, out, item);
      case K.Delta:
      case K.Done:
        return this.textEvent(type, info, e, out, item);
      case K.Annotation:
        this.inPart(type, false, e, out, item);
    }
  }

  private added(e: Ev, out: number): void {
    if (this.incompleteAt >= 0) this.flag('incomplete-last', `an item is added after the item at output_index ${this.incompleteAt} ended incomplete`);
    if (this.items[out]) return this.flag('indexes-consistent', `output_index ${out} is added a second time`, '/output_index');
    if (out !== this.count) this.flag('indexes-consistent', `an item is added at output_index ${out}; the next index is ${this.count}`, '/output_index');
    const id = e.item !== null && typeof e.item === 'object' ? (e.item as Ev).id : undefined;
    this.items[out] = { id, done: false, content: [], summary: [], nextContent: 0, nextSummary: 0 };
    this.count++;
  }

  private closed(e: Ev, out: number, item: Item): void {
    item.done = true;
    const final = e.item !== null && typeof e.item === 'object' ? (e.item as Ev) : undefined;
    item.final = final;
    if (final && typeof final.id === 'string' && typeof item.id === 'string' && final.id !== item.id) {
      this.flag('indexes-consistent', `the item closed at output_index ${out} has id '${final.id}', but '${item.id}' was added there`, '/item/id');
    }
    this.closedParts(out, item.content, final, false);
    this.closedParts(out, item.summary, final, true);
    if (final?.status === 'incomplete') this.incompleteAt = out;
  }

  private closedParts(out: number, parts: Part[], final: Ev | undefined, summary: boolean): void {
    for (let at = 0; at < parts.length; at++) {
      const part = parts[at];
      if (!part) continue;
      if (part.open) this.flag('content-in-part', `${partName(summary, at)} of output ${out} is still open when its item closes`);
      if (part.text === undefined || part.mismatch || !final) continue;
      const list = summary ? final.summary : final.content;
      const p = Array.isArray(list) ? (list[at] as Ev | undefined) : undefined;
      const said = p ? (typeof p.text === 'string' ? p.text : p.refusal) : undefined;
      if (typeof said === 'string' && said !== part.text) {
        this.flag('deltas-join-done', `the closed item's ${partName(summary, at)} says ${q(said)}, but its .done event said ${q(part.text)}`, `/item/${summary ? 'summary' : 'content'}/${at}`);
      }
    }
  }

  private partEvent(type: string, info: TypeInfo, e: Ev, out: number, item: Item): void {
    const summary = info.summary;
    const at = summary ? e.summary_index : e.content_index;
    if (typeof at !== 'number') return;
    const parts = summary ? item.summary : item.content;
    const part = parts[at];
    const field = summary ? 'summary_index' : 'content_index';
    if (info.k === K.PartAdded) {
      if (part) return this.flag('content-in-part', `${partName(summary, at)} of output ${out} is added a second time`, `/${field}`);
      const next = summary ? item.nextSummary++ : item.nextContent++;
      if (at !== next) this.flag('indexes-consistent', `${partName(summary, at)} of output ${out} is added; the next ${field} is ${next}`, `/${field}`);
      parts[at] = { open: true, deltas: false, joined: '' };
      return;
    }
    if (!part) return this.flag('content-in-part', `${field} ${at} of output ${out} refers to no part added so far`, `/${field}`);
    if (!part.open) return this.flag('content-in-part', `${partName(summary, at)} of output ${out} is closed a second time`, `/${field}`);
    part.open = false;
    if (part.deltas && part.text === undefined) this.flag('content-in-part', `${partName(summary, at)} of output ${out} is closed before the .done event of its text`);
    const p = e.part !== null && typeof e.part === 'object' ? (e.part as Ev) : undefined;
    const said = p ? (typeof p.text === 'string' ? p.text : p.refusal) : undefined;
    if (part.text !== undefined && !part.mismatch && typeof said === 'string' && said !== part.text) {
      this.flag('deltas-join-done', `'${type}' says ${q(said)}, but its .done event said ${q(part.text)}`, '/part');
    }
  }

  /** The part a text event belongs to, flagged when it was never added or is closed; undefined when never added. */
  private inPart(type: string, summary: boolean, e: Ev, out: number, item: Item): Part | undefined {
    const at = summary ? e.summary_index : e.content_index;
    if (typeof at !== 'number') return undefined;
    const part = (summary ? item.summary : item.content)[at];
    if (!part) this.flag('content-in-part', `${summary ? 'summary_index' : 'content_index'} ${at} of output ${out} refers to no part added so far`, `/${summary ? 'summary_index' : 'content_index'}`);
    else if (!part.open) this.flag('content-in-part', `'${type}' for ${partName(summary, at)} of output ${out} after its part was closed`, '/type');
    return part;
  }

  private textEvent(type: string, info: TypeInfo, e: Ev, out: number, item: Item): void {
    const part = info.inItem ? undefined : this.inPart(type, info.summary, e, out, item);
    if (info.k === K.Delta) {
      const delta = e.delta;
      if (typeof delta !== 'string') return;
      if (part) {
        part.joined += delta;
        part.deltas = true;
      } else if (info.inItem) item.joined = (item.joined ?? '') + delta;
      return;
    }
    const done = e[info.doneField];
    if (typeof done !== 'string') return;
    const joined = part ? (part.deltas ? part.joined : undefined) : info.inItem ? item.joined : undefined;
    if (part) part.text = done;
    if (joined !== undefined && joined !== done) {
      this.flag('deltas-join-done', `the deltas join into ${q(joined)}, but '${type}' says ${q(done)}`, `/${info.doneField}`);
      if (part) part.mismatch = true;
    }
    if (info.inItem) item.joined = undefined;
  }

  private end_(type: string, e: Ev): void {
    this.terminal = true;
    const failed = type === 'response.failed';
    const items = this.items;
    if (!failed) {
      for (let out = 0; out < items.length; out++) if (items[out] && !items[out].done) this.flag('item-closed-once', `the item at output_index ${out} is never closed with response.output_item.done`);
    }
    if (this.incompleteAt >= 0 && type !== 'response.incomplete') this.flag('incomplete-last', `the item at output_index ${this.incompleteAt} ended incomplete, but the response ends with '${type}'`, '/type');
    const output = e.response !== null && typeof e.response === 'object' ? (e.response as Ev).output : undefined;
    if (!Array.isArray(output)) return;
    if (!failed && output.length !== this.count) {
      this.flag('terminal-matches-events', `the terminal response has ${output.length} output item(s); the events added ${this.count}`, '/response/output');
    }
    for (let out = 0; out < items.length && out < output.length; out++) {
      const item = items[out];
      if (!item?.final) continue;
      const diff = firstDifference(output[out], item.final);
      if (diff !== undefined) this.flag('terminal-matches-events', `the terminal response's item differs from its response.output_item.done at ${diff || '/'}`, `/response/output/${out}${diff}`);
    }
  }

  private reset(): void {
    this.terminal = false;
    this.started = false;
    this.lastSeq = -Infinity;
    this.items = [];
    this.count = 0;
    this.incompleteAt = -1;
  }

  /** Ends the stream: what its end tells (empty, no terminal event, no terminator). */
  end(): void {
    if (this.errorAt >= 0) this.flag('error-then-failed', `the stream ends after the error event ${this.errorAt}, without response.failed`);
    const events = this.index;
    if (events === 0) this.flag('one-terminal-last', 'the stream is empty');
    else if (!this.terminal && this.lastType !== 'error') {
      this.flag('one-terminal-last', 'the stream ended without a terminal event (response.completed, response.failed, response.incomplete or error)');
    }
    if (this.framed && this.terminator === 'required' && this.doneAt < 0 && events > 0) this.flag('sse-done-terminator', 'the stream ended without the data: [DONE] terminator');
  }
}

const partName = (summary: boolean, at: number) => `${summary ? 'summary' : 'content'} part ${at}`;

/** The pointer of the first place two JSON values differ ('' when the values themselves differ), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown): string | undefined {
  if (a === b) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return '';
  const array = Array.isArray(a);
  if (array !== Array.isArray(b)) return '';
  // The pointer is built only on the way back from a difference: equal values cost no strings.
  if (array) {
    const x = a as unknown[];
    const y = b as unknown[];
    for (let i = 0; i < x.length || i < y.length; i++) {
      const d = firstDifference(x[i], y[i]);
      if (d !== undefined) return `/${i}${d}`;
    }
    return undefined;
  }
  const x = a as Ev;
  const y = b as Ev;
  for (const k in x) {
    const d = hasOwn.call(y, k) ? firstDifference(x[k], y[k]) : '';
    if (d !== undefined) return `/${escape(k)}${d}`;
  }
  for (const k in y) if (!hasOwn.call(x, k)) return `/${escape(k)}`;
  return undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;
const escape = (k: string) => (k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k);
