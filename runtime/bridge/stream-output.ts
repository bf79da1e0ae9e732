/**
 * The output side of a bridged stream: opens and closes items and content
 * parts and writes their events in the order the OpenResponses spec gives
 * (`output_item.added`, `content_part.added`, deltas, the `.done` event,
 * `content_part.done`, `output_item.done`), for reasoning text, message
 * text and refusals, and function calls (several at once, arguments in
 * pieces). One text-like item (reasoning or message) is open at a time;
 * starting another kind closes it.
 */
import type { ItemField, LogProb, ResponseStreamEvent, UrlCitationBody } from 'anyresponses/openresponses';
import type { ResponseIds } from './ids.js';
import { functionCallItem, messageItem, reasoningItem, refusalPart, textPart, type ItemStatus, type MessagePart } from './items.js';

interface Part {
  kind: 'text' | 'refusal' | 'reasoning';
  text: string;
  logprobs?: LogProb[];
  annotations?: UrlCitationBody[];
}

interface TextItem {
  kind: 'reasoning' | 'message';
  index: number;
  id: string;
  parts: Part[];
  open: boolean;
  status: ItemStatus;
}

export interface CallItem {
  kind: 'call';
  /** Output index; -1 until added (a call is added once its name is known). */
  index: number;
  n: number;
  id: string;
  callId: string;
  name: string;
  args: string;
  open: boolean;
  status: ItemStatus;
}

type Item = TextItem | CallItem;

export class StreamOutput {
  /** Items in output order. */
  readonly items: Item[] = [];
  /** Calls not yet added (no name yet), in creation order. */
  private pendingCalls: CallItem[] = [];
  private current: TextItem | undefined;
  private messages = 0;
  private reasonings = 0;
  private calls = 0;
  out: ResponseStreamEvent[] = [];
  seq = 0;

  constructor(
    private readonly ids: ResponseIds,
    /** Annotations for a finished message text (citations). */
    private readonly annotate: (text: string) => UrlCitationBody[],
  ) {}

  text(delta: string, logprobs?: LogProb[]): void {
    const item = this.current?.kind === 'message' ? this.current : this.openText('message');
    const part = this.part(item, 'text');
    part.text += delta;
    if (logprobs) {
      if (part.logprobs) for (const l of logprobs) part.logprobs.push(l);
      else part.logprobs = logprobs.slice();
      this.out.push({ type: 'response.output_text.delta', sequence_number: this.seq++, item_id: item.id, output_index: item.index, content_index: item.parts.length - 1, delta, logprobs });
    } else {
      this.out.push({ type: 'response.output_text.delta', sequence_number: this.seq++, item_id: item.id, output_index: item.index, content_index: item.parts.length - 1, delta });
    }
  }

  refusal(delta: string): void {
    const item = this.current?.kind === 'message' ? this.current : this.openText('message');
    this.part(item, 'refusal').text += delta;
    this.out.push({ type: 'response.refusal.delta', sequence_number: this.seq++, item_id: item.id, output_index: item.index, content_index: item.parts.length - 1, delta });
  }

  reasoning(delta: string): void {
    const item = this.current?.kind === 'reasoning' ? this.current : this.openText('reasoning');
    this.part(item, 'reasoning').text += delta;
    this.out.push({ type: 'response.reasoning.delta', sequence_number: this.seq++, item_id: item.id, output_index: item.index, content_index: item.parts.length - 1, delta });
  }

  /** A new tool call (not yet added: it has no name). */
  newCall(): CallItem {
    const n = this.calls++;
    const call: CallItem = { kind: 'call', index: -1, n, id: this.ids.functionCall(n), callId: '', name: '', args: '', open: true, status: 'in_progress' };
    this.pendingCalls.push(call);
    return call;
  }

  /** More of a call: its id, name and a piece of its arguments. */
  callDelta(call: CallItem, id: string, name: string, args: string): void {
    if (id && !call.callId) call.callId = id;
    if (name && !call.name) call.name = name;
    call.args += args;
    if (call.index >= 0) {
      if (args) this.out.push({ type: 'response.function_call_arguments.delta', sequence_number: this.seq++, item_id: call.id, output_index: call.index, delta: args });
    } else if (call.name) this.addCall(call);
  }

  private addCall(call: CallItem): void {
    this.closeText();
    this.pendingCalls.splice(this.pendingCalls.indexOf(call), 1);
    if (!call.callId) call.callId = this.ids.callId(call.n);
    call.index = this.items.length;
    this.items.push(call);
    this.out.push({ type: 'response.output_item.added', sequence_number: this.seq++, output_index: call.index, item: functionCallItem(call.id, call.callId, call.name, '', 'in_progress') });
    if (call.args) this.out.push({ type: 'response.function_call_arguments.delta', sequence_number: this.seq++, item_id: call.id, output_index: call.index, delta: call.args });
  }

  private openText(kind: 'reasoning' | 'message'): TextItem {
    this.closeText();
    const id = kind === 'message' ? this.ids.message(this.messages++) : this.ids.reasoning(this.reasonings++);
    const item: TextItem = { kind, index: this.items.length, id, parts: [], open: true, status: 'in_progress' };
    this.items.push(item);
    this.current = item;
    this.out.push({ type: 'response.output_item.added', sequence_number: this.seq++, output_index: item.index, item: kind === 'message' ? messageItem(id, [], 'in_progress') : reasoningItem(id, null) });
    return item;
  }

  private part(item: TextItem, kind: Part['kind']): Part {
    const last = item.parts[item.parts.length - 1];
    if (last && last.kind === kind) return last;
    if (last) this.closePart(item, last);
    const part: Part = { kind, text: '' };
    item.parts.push(part);
    const content_index = item.parts.length - 1;
    this.out.push({ type: 'response.content_part.added', sequence_number: this.seq++, item_id: item.id, output_index: item.index, content_index, part: emptyPart(kind) });
    return part;
  }

  private closePart(item: TextItem, part: Part): void {
    const base = { item_id: item.id, output_index: item.index, content_index: item.parts.indexOf(part) };
    if (part.kind === 'text') {
      part.annotations = this.annotate(part.text);
      part.annotations.forEach((annotation, annotation_index) =>
        this.out.push({ type: 'response.output_text.annotation.added', sequence_number: this.seq++, ...base, annotation_index, annotation }),
      );
      this.out.push({ type: 'response.output_text.done', sequence_number: this.seq++, ...base, text: part.text, ...(part.logprobs ? { logprobs: part.logprobs } : {}) });
    } else if (part.kind === 'refusal') {
      this.out.push({ type: 'response.refusal.done', sequence_number: this.seq++, ...base, refusal: part.text });
    } else {
      this.out.push({ type: 'response.reasoning.done', sequence_number: this.seq++, ...base, text: part.text });
    }
    this.out.push({ type: 'response.content_part.done', sequence_number: this.seq++, ...base, part: finalPart(part) });
  }

  /** Closes the open reasoning or message item (completed). */
  closeText(status: ItemStatus = 'completed'): void {
    const item = this.current;
    if (!item) return;
    this.current = undefined;
    if (item.parts.length) this.closePart(item, item.parts[item.parts.length - 1]);
    item.open = false;
    item.status = status;
    this.out.push({ type: 'response.output_item.done', sequence_number: this.seq++, output_index: item.index, item: this.snapshot(item) });
  }

  /**
   * Closes everything: calls still waiting for a name are added, an empty
   * message stands in for an empty answer, and the last item ends `incomplete`
   * when the response does.
   */
  closeAll(incomplete: boolean): void {
    while (this.pendingCalls.length) this.addCall(this.pendingCalls[0]);
    if (this.items.length === 0) this.part(this.openText('message'), 'text');
    const last = this.items[this.items.length - 1];
    for (const item of this.items) {
      if (!item.open) continue;
      const status: ItemStatus = incomplete && item === last ? 'incomplete' : 'completed';
      if (item.kind === 'call') {
        item.open = false;
        item.status = status;
        this.out.push({ type: 'response.function_call_arguments.done', sequence_number: this.seq++, item_id: item.id, output_index: item.index, arguments: item.args });
        this.out.push({ type: 'response.output_item.done', sequence_number: this.seq++, output_index: item.index, item: this.snapshot(item) });
      } else this.closeText(status);
    }
  }

  get empty(): boolean {
    return this.items.length === 0 && this.pendingCalls.length === 0;
  }

  /** An item as the response holds it now. */
  snapshot(item: Item): ItemField {
    if (item.kind === 'call') return functionCallItem(item.id, item.callId || this.ids.callId(item.n), item.name, item.args, item.status);
    if (item.kind === 'reasoning') return reasoningItem(item.id, item.parts.length ? item.parts.map((p) => p.text).join('') : null);
    return messageItem(item.id, item.parts.map(finalPart) as MessagePart[], item.status);
  }

  output(): ItemField[] {
    return this.items.map((i) => this.snapshot(i));
  }
}

function emptyPart(kind: Part['kind']): MessagePart | { type: 'reasoning_text'; text: string } {
  return kind === 'text' ? textPart('') : kind === 'refusal' ? refusalPart('') : { type: 'reasoning_text', text: '' };
}

function finalPart(p: Part): MessagePart | { type: 'reasoning_text'; text: string } {
  return p.kind === 'text' ? textPart(p.text, p.annotations ?? [], p.logprobs) : p.kind === 'refusal' ? refusalPart(p.text) : { type: 'reasoning_text', text: p.text };
}
