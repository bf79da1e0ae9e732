/**
 * The item rules of one response: items added before their events, at the
 * next output_index, closed once and final after; text inside open parts;
 * deltas joining into the `.done` text; the terminal response against what
 * the events built. stream-engine.ts feeds it every event with an
 * `output_index`, and the terminal event.
 */
import { clip } from './limits.js';
import { firstDifference } from './json-diff.js';
import type { StreamRuleName } from './stream-rules.js';
import { EventKind, type TypeInfo } from './stream-types.js';

type Ev = Record<string, unknown>;
type Flag = (rule: StreamRuleName, message: string, pointer?: string) => void;

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

const short = (s: string) => (s.length > 80 ? s.slice(0, 77) + '...' : s);
export const quoteShort = (s: string) => JSON.stringify(short(s));
const partName = (summary: boolean, at: number) => `${summary ? 'summary' : 'content'} part ${at}`;

export class ItemRules {
  /** The items by output_index, how many were added, and the index of an item that ended incomplete. */
  private readonly items: Item[] = [];
  private count = 0;
  private incompleteAt = -1;

  constructor(private readonly flag: Flag) {}

  /** An event about the item at `out`. */
  event(type: string, info: TypeInfo, e: Ev, out: number): void {
    if (info.k === EventKind.ItemAdded) return this.added(e, out);
    const item = this.items[out];
    if (!item) return this.flag('item-added-first', `output_index ${out} refers to no item added so far`, '/output_index');
    const itemId = e.item_id;
    if (itemId !== undefined && itemId !== item.id && typeof itemId === 'string' && typeof item.id === 'string') {
      this.flag('indexes-consistent', `item_id '${clip(String(itemId))}' is not the id of the item at output_index ${out} ('${clip(String(item.id))}')`, '/item_id');
    }
    if (item.done) {
      if (info.k === EventKind.ItemDone) this.flag('item-closed-once', `the item at output_index ${out} is closed a second time`);
      else this.flag('no-update-after-done', `'${clip(type)}' for the item at output_index ${out} after its response.output_item.done`, '/type');
      return;
    }
    switch (info.k) {
      case EventKind.ItemDone:
        return this.closed(e, out, item);
      case EventKind.PartAdded:
      case EventKind.PartDone:
        return this.partEvent(type, info, e, out, item);
      case EventKind.Delta:
      case EventKind.Done:
        return this.textEvent(type, info, e, out, item);
      case EventKind.Annotation:
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
        this.flag('deltas-join-done', `the closed item's ${partName(summary, at)} says ${quoteShort(said)}, but its .done event said ${quoteShort(part.text)}`, `/item/${summary ? 'summary' : 'content'}/${at}`);
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
    if (info.k === EventKind.PartAdded) {
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
      this.flag('deltas-join-done', `'${clip(type)}' says ${quoteShort(said)}, but its .done event said ${quoteShort(part.text)}`, '/part');
    }
  }

  /** The part a text event belongs to, flagged when it was never added or is closed; undefined when never added. */
  private inPart(type: string, summary: boolean, e: Ev, out: number, item: Item): Part | undefined {
    const at = summary ? e.summary_index : e.content_index;
    if (typeof at !== 'number') return undefined;
    const part = (summary ? item.summary : item.content)[at];
    if (!part) this.flag('content-in-part', `${summary ? 'summary_index' : 'content_index'} ${at} of output ${out} refers to no part added so far`, `/${summary ? 'summary_index' : 'content_index'}`);
    else if (!part.open) this.flag('content-in-part', `'${clip(type)}' for ${partName(summary, at)} of output ${out} after its part was closed`, '/type');
    return part;
  }

  private textEvent(type: string, info: TypeInfo, e: Ev, out: number, item: Item): void {
    const part = info.inItem ? undefined : this.inPart(type, info.summary, e, out, item);
    if (info.k === EventKind.Delta) {
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
      this.flag('deltas-join-done', `the deltas join into ${quoteShort(joined)}, but '${clip(type)}' says ${quoteShort(done)}`, `/${info.doneField}`);
      if (part) part.mismatch = true;
    }
    if (info.inItem) item.joined = undefined;
  }

  /** At the terminal event: items left open, an incomplete item not last, and the terminal response against what the events built. */
  terminal(type: string, e: Ev): void {
    const failed = type === 'response.failed';
    const items = this.items;
    if (!failed) {
      for (let out = 0; out < items.length; out++) if (items[out] && !items[out].done) this.flag('item-closed-once', `the item at output_index ${out} is never closed with response.output_item.done`);
    }
    if (this.incompleteAt >= 0 && type !== 'response.incomplete') this.flag('incomplete-last', `the item at output_index ${this.incompleteAt} ended incomplete, but the response ends with '${clip(type)}'`, '/type');
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
}
