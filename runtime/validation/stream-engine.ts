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
  /** The text of its `.done` event, once seen. */
  text?: string;
  /** Its deltas already disagreed with that text (flagged once, not again at each later copy). */
  mismatch?: boolean;
}
interface Item {
  id: unknown;
  done: boolean;
  final?: Ev;
  parts: Map<string, Part>;
  nextContent: number;
  nextSummary: number;
}

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);

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

const PART_EVENTS: Record<string, 'content' | 'summary'> = {
  'response.content_part.added': 'content',
  'response.content_part.done': 'content',
  'response.reasoning_summary_part.added': 'summary',
  'response.reasoning_summary_part.done': 'summary',
};

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
  private errorAt = -1;
  private items = new Map<number, Item>();
  private texts = new Map<string, string>();
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
    if (this.errorAt >= 0) {
      if (type !== 'response.failed') this.flag('error-then-failed', `'${type}' follows the error event ${this.errorAt}; expected response.failed`, '/type');
      this.errorAt = -1;
    }
    if (this.terminal) {
      if (type !== 'response.created') return this.flag('one-terminal-last', `event '${type}' after the terminal event`);
      this.reset();
    }
    if (!this.started) {
      this.started = true;
      this.responses++;
      if (type !== 'response.created') this.flag('created-first', `the first event is '${type}', expected 'response.created'`, '/type');
    } else if (type === 'response.created' && !this.terminal) this.flag('created-first', 'a second response.created before the terminal event', '/type');
    if (typeof e.sequence_number === 'number') {
      if (!(e.sequence_number > this.lastSeq)) this.flag('sequence-increasing', `sequence_number ${e.sequence_number} does not increase (previous ${this.lastSeq})`, '/sequence_number');
      this.lastSeq = e.sequence_number;
    }
    this.lastType = type;
    if (type === 'error') this.errorAt = this.index;
    if (TERMINAL.has(type)) return this.end_(type, e);
    if (typeof e.output_index === 'number') this.itemEvent(type, e, e.output_index);
  }

  private itemEvent(type: string, e: Ev, out: number): void {
    if (type === 'response.output_item.added') return this.added(e, out);
    const item = this.items.get(out);
    if (!item) return this.flag('item-added-first', `output_index ${out} refers to no item added so far`, '/output_index');
    if (typeof e.item_id === 'string' && typeof item.id === 'string' && e.item_id !== item.id) {
      this.flag('indexes-consistent', `item_id '${e.item_id}' is not the id of the item at output_index ${out} ('${item.id}')`, '/item_id');
    }
    if (item.done) {
      if (type === 'response.output_item.done') this.flag('item-closed-once', `the item at output_index ${out} is closed a second time`);
      else this.flag('no-update-after-done', `'${type}' for the item at output_index ${out} after its response.output_item.done`, '/type');
      return;
    }
    if (type === 'response.output_item.done') return this.closed(e, out, item);
    const partKind = PART_EVENTS[type];
    if (partKind) return this.partEvent(type, e, out, item, partKind);
    const dot = type.lastIndexOf('.');
    const prefix = type.slice(0, dot);
    const text = TEXTS[prefix];
    if (text) this.textEvent(type, prefix, type.slice(dot + 1), e, out, item, text);
    else if (prefix === 'response.output_text.annotation') this.inPart(type, e, out, item, 'content');
  }

  private added(e: Ev, out: number): void {
    if (this.incompleteAt >= 0) this.flag('incomplete-last', `an item is added after the item at output_index ${this.incompleteAt} ended incomplete`);
    if (this.items.has(out)) return this.flag('indexes-consistent', `output_index ${out} is added a second time`, '/output_index');
    if (out !== this.items.size) this.flag('indexes-consistent', `an item is added at output_index ${out}; the next index is ${this.items.size}`, '/output_index');
    const id = e.item !== null && typeof e.item === 'object' ? (e.item as Ev).id : undefined;
    this.items.set(out, { id, done: false, parts: new Map(), nextContent: 0, nextSummary: 0 });
  }

  private closed(e: Ev, out: number, item: Item): void {
    item.done = true;
    const final = e.item !== null && typeof e.item === 'object' ? (e.item as Ev) : undefined;
    item.final = final;
    if (final && typeof final.id === 'string' && typeof item.id === 'string' && final.id !== item.id) {
      this.flag('indexes-consistent', `the item closed at output_index ${out} has id '${final.id}', but '${item.id}' was added there`, '/item/id');
    }
    for (const [key, part] of item.parts) {
      if (part.open) this.flag('content-in-part', `${partName(key)} of output ${out} is still open when its item closes`);
      if (part.text === undefined || part.mismatch || !final) continue;
      const list = key[0] === 's' ? final.summary : final.content;
      const at = Number(key.slice(1));
      const p = Array.isArray(list) ? (list[at] as Ev | undefined) : undefined;
      const said = p ? (typeof p.text === 'string' ? p.text : p.refusal) : undefined;
      if (typeof said === 'string' && said !== part.text) {
        this.flag('deltas-join-done', `the closed item's ${partName(key)} says ${q(said)}, but its .done event said ${q(part.text)}`, `/item/${key[0] === 's' ? 'summary' : 'content'}/${at}`);
      }
    }
    if (final?.status === 'incomplete') this.incompleteAt = out;
  }

  private partEvent(type: string, e: Ev, out: number, item: Item, kind: 'content' | 'summary'): void {
    const at = kind === 'content' ? e.content_index : e.summary_index;
    if (typeof at !== 'number') return;
    const key = (kind === 'content' ? 'c' : 's') + at;
    const part = item.parts.get(key);
    const field = kind === 'content' ? 'content_index' : 'summary_index';
    if (type.endsWith('.added')) {
      if (part) return this.flag('content-in-part', `${partName(key)} of output ${out} is added a second time`, `/${field}`);
      const next = kind === 'content' ? item.nextContent++ : item.nextSummary++;
      if (at !== next) this.flag('indexes-consistent', `${partName(key)} of output ${out} is added; the next ${field} is ${next}`, `/${field}`);
      item.parts.set(key, { open: true, deltas: false });
      return;
    }
    if (!part) return this.flag('content-in-part', `${field} ${at} of output ${out} refers to no part added so far`, `/${field}`);
    if (!part.open) return this.flag('content-in-part', `${partName(key)} of output ${out} is closed a second time`, `/${field}`);
    part.open = false;
    if (part.deltas && part.text === undefined) this.flag('content-in-part', `${partName(key)} of output ${out} is closed before the .done event of its text`);
    const p = e.part !== null && typeof e.part === 'object' ? (e.part as Ev) : undefined;
    const said = p ? (typeof p.text === 'string' ? p.text : p.refusal) : undefined;
    if (part.text !== undefined && !part.mismatch && typeof said === 'string' && said !== part.text) {
      this.flag('deltas-join-done', `'${type}' says ${q(said)}, but its .done event said ${q(part.text)}`, '/part');
    }
  }

  /** The open part a text event belongs to, or undefined (flagged). */
  private inPart(type: string, e: Ev, out: number, item: Item, kind: 'content' | 'summary'): Part | undefined {
    const field = kind === 'content' ? 'content_index' : 'summary_index';
    const at = e[field];
    if (typeof at !== 'number') return undefined;
    const key = (kind === 'content' ? 'c' : 's') + at;
    const part = item.parts.get(key);
    if (!part) this.flag('content-in-part', `${field} ${at} of output ${out} refers to no part added so far`, `/${field}`);
    else if (!part.open) this.flag('content-in-part', `'${type}' for ${partName(key)} of output ${out} after its part was closed`, '/type');
    return part;
  }

  private textEvent(type: string, prefix: string, kind: string, e: Ev, out: number, item: Item, spec: (typeof TEXTS)[string]): void {
    const part = spec.in === 'item' ? undefined : this.inPart(type, e, out, item, spec.in);
    const sub = spec.in === 'content' ? e.content_index : spec.in === 'summary' ? e.summary_index : 0;
    const key = `${prefix}|${out}|${String(sub)}`;
    if (kind === 'delta') {
      if (typeof e.delta === 'string') this.texts.set(key, (this.texts.get(key) ?? '') + e.delta);
      if (part) part.deltas = true;
    } else if (kind === 'done') {
      const done = e[spec.done];
      if (typeof done !== 'string') return;
      if (part) part.text = done;
      const joined = this.texts.get(key);
      if (joined !== undefined && joined !== done) {
        this.flag('deltas-join-done', `the deltas join into ${q(joined)}, but '${type}' says ${q(done)}`, `/${spec.done}`);
        if (part) part.mismatch = true;
      }
      this.texts.delete(key);
    }
  }

  private end_(type: string, e: Ev): void {
    this.terminal = true;
    const failed = type === 'response.failed';
    if (!failed) {
      for (const [out, item] of this.items) if (!item.done) this.flag('item-closed-once', `the item at output_index ${out} is never closed with response.output_item.done`);
    }
    if (this.incompleteAt >= 0 && type !== 'response.incomplete') this.flag('incomplete-last', `the item at output_index ${this.incompleteAt} ended incomplete, but the response ends with '${type}'`, '/type');
    const output = e.response !== null && typeof e.response === 'object' ? (e.response as Ev).output : undefined;
    if (!Array.isArray(output)) return;
    if (!failed && output.length !== this.items.size) {
      this.flag('terminal-matches-events', `the terminal response has ${output.length} output item(s); the events added ${this.items.size}`, '/response/output');
    }
    for (const [out, item] of this.items) {
      if (!item.final || out >= output.length) continue;
      const diff = firstDifference(output[out], item.final);
      if (diff !== undefined) this.flag('terminal-matches-events', `the terminal response's item differs from its response.output_item.done at ${diff || '/'}`, `/response/output/${out}${diff}`);
    }
  }

  private reset(): void {
    this.terminal = false;
    this.started = false;
    this.lastSeq = -Infinity;
    this.items = new Map();
    this.texts = new Map();
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

const partName = (key: string) => (key[0] === 's' ? `summary part ${key.slice(1)}` : `content part ${key.slice(1)}`);

/** The pointer of the first place two JSON values differ ('' when the values themselves differ), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (a === b) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return at;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.max(a.length, bb.length); i++) {
      const d = firstDifference(a[i], bb[i], `${at}/${i}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ao = a as Ev;
  const bo = b as Ev;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[k], bo[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (d !== undefined) return d;
  }
  return undefined;
}
