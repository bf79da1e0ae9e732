/**
 * The stream rules of stream-rules.ts, applied one event (or SSE message) at
 * a time with a few lookups each: the framing and the response-level rules
 * here, the item rules in stream-items.ts; no schema validation (stream.ts
 * adds it). Findings go to a sink with the rule's name, the event's index,
 * a pointer into the event and a sentence.
 *
 * A recording may hold several responses back to back: a `response.created`
 * right after a terminal event starts the next one, with fresh state.
 */
import { clip } from './limits.js';
import { ItemRules, quoteShort } from './stream-items.js';
import { DONE_PRACTICE, type StreamRuleName } from './stream-rules.js';
import { EventKind, eventTypeInfo, type TypeInfo } from './stream-types.js';

export type RuleSink = (rule: StreamRuleName, index: number, pointer: string, message: string) => void;

export interface FrameMessage {
  event?: string;
  data: string;
  id?: string;
}

type Ev = Record<string, unknown>;

export class StreamRules {
  /** Index of the next event (or SSE message) in the stream. */
  index = 0;
  responses = 0;
  private readonly terminator: 'required' | 'optional';
  private lastSeq = -Infinity;
  private terminal = false;
  private started = false;
  private lastType = '';
  private lastInfo: TypeInfo = eventTypeInfo('');
  private errorAt = -1;
  /** The item rules of the current response. */
  private items: ItemRules;
  private framed = false;
  private doneAt = -1;
  private afterDone = false;
  private idSeen = false;

  constructor(
    private readonly report: RuleSink,
    options: { spec?: string; terminator?: 'required' | 'optional' } = {},
  ) {
    this.terminator = options.terminator ?? DONE_PRACTICE[options.spec ?? ''] ?? 'optional';
    this.items = new ItemRules((rule, message, pointer) => this.flag(rule, message, pointer));
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
      this.flag('sse-no-id', `the message has an SSE id field (${quoteShort(msg.id)}); servers should not use one`);
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
    this.flag('sse-data-json', `the data is not JSON (${error.message}): ${quoteShort(msg.data)}`);
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
    const info = type === this.lastType ? this.lastInfo : eventTypeInfo(type);
    this.lastInfo = info;
    if (this.errorAt >= 0) {
      if (info.k !== EventKind.Terminal || type !== 'response.failed') this.flag('error-then-failed', `'${clip(type)}' follows the error event ${this.errorAt}; expected response.failed`, '/type');
      this.errorAt = -1;
    }
    if (this.terminal) {
      if (info.k !== EventKind.Created) return this.flag('one-terminal-last', `event '${clip(type)}' after the terminal event`);
      this.reset();
    }
    if (!this.started) {
      this.started = true;
      this.responses++;
      if (info.k !== EventKind.Created) this.flag('created-first', `the first event is '${clip(type)}', expected 'response.created'`, '/type');
    } else if (info.k === EventKind.Created) this.flag('created-first', 'a second response.created before the terminal event', '/type');
    const seq = e.sequence_number;
    if (typeof seq === 'number') {
      if (!(seq > this.lastSeq)) this.flag('sequence-increasing', `sequence_number ${seq} does not increase (previous ${this.lastSeq})`, '/sequence_number');
      this.lastSeq = seq;
    }
    this.lastType = type;
    if (info.k === EventKind.Error) this.errorAt = this.index;
    else if (info.k === EventKind.Terminal) {
      this.terminal = true;
      this.items.terminal(type, e);
    } else if (typeof e.output_index === 'number') this.items.event(type, info, e, e.output_index);
  }

  private reset(): void {
    this.terminal = false;
    this.started = false;
    this.lastSeq = -Infinity;
    this.items = new ItemRules((rule, message, pointer) => this.flag(rule, message, pointer));
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
