/**
 * The OpenResponses streaming rules that `validateStream` does not check,
 * as a second, stricter checker for bridged streams (research-spec-rules
 * S5-S11, S13-S15): consecutive sequence numbers; created then in_progress
 * first; one terminal event, last, an `error` only right before
 * `response.failed`; per item: `output_item.added` first (at the next output
 * index, with the role or name), part events between `content_part.added`
 * and `content_part.done`, the `.done` of the text before the part's done,
 * nothing after `output_item.done`; every item and part closed before the
 * terminal event (unless it failed); an `incomplete` item only last, and only
 * in an incomplete response; the terminal response's output equal to the
 * items as closed.
 */
type Ev = Record<string, any>;

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const PART_TEXT: Record<string, string> = {
  'response.output_text': 'output_text',
  'response.refusal': 'refusal',
  'response.reasoning': 'reasoning_text',
};

export function eventOrderProblems(events: readonly Ev[]): string[] {
  const bad: string[] = [];
  const items: Array<{ type: string; open: boolean; done?: Ev; parts: Array<{ type: string; open: boolean; textDone: boolean }> }> = [];
  events.forEach((e, k) => {
    const at = `event ${k} (${e.type})`;
    if (e.sequence_number !== k) bad.push(`${at}: sequence_number ${e.sequence_number}, expected ${k}`);
    if (k === 0 && e.type !== 'response.created') bad.push(`${at}: the first event must be response.created`);
    if (k === 1 && e.type !== 'response.in_progress') bad.push(`${at}: the second event must be response.in_progress`);
    if (TERMINAL.has(e.type) && k !== events.length - 1) bad.push(`${at}: a terminal event before the end`);
    if (e.type === 'error' && events[k + 1]?.type !== 'response.failed') bad.push(`${at}: an error not followed by response.failed`);
    if (e.type === 'response.output_item.added') {
      if (e.output_index !== items.length) bad.push(`${at}: output_index ${e.output_index}, expected ${items.length}`);
      if (e.item?.type === 'message' && !e.item.role) bad.push(`${at}: a message added without its role`);
      if (e.item?.type === 'function_call' && typeof e.item.name !== 'string') bad.push(`${at}: a function_call added without its name`);
      items.push({ type: e.item?.type, open: true, parts: [] });
      return;
    }
    if (typeof e.output_index !== 'number') return;
    const item = items[e.output_index];
    if (!item) return void bad.push(`${at}: no item ${e.output_index}`);
    if (!item.open) return void bad.push(`${at}: item ${e.output_index} is already done`);
    if (e.type === 'response.output_item.done') {
      if (item.parts.some((p) => p.open)) bad.push(`${at}: a part of item ${e.output_index} is still open`);
      item.open = false;
      item.done = e.item;
      return;
    }
    if (e.type.startsWith('response.function_call_arguments.')) {
      if (item.type !== 'function_call') bad.push(`${at}: arguments for a ${item.type}`);
      return;
    }
    if (typeof e.content_index !== 'number') return;
    if (e.type === 'response.content_part.added') {
      if (e.content_index !== item.parts.length) bad.push(`${at}: content_index ${e.content_index}, expected ${item.parts.length}`);
      if (item.parts.some((p) => p.open)) bad.push(`${at}: another part is still open`);
      item.parts.push({ type: e.part?.type, open: true, textDone: false });
      return;
    }
    const part = item.parts[e.content_index];
    if (!part || !part.open) return void bad.push(`${at}: part ${e.content_index} is not open`);
    if (e.type === 'response.content_part.done') {
      if (!part.textDone) bad.push(`${at}: the part closes before its text's .done`);
      part.open = false;
      return;
    }
    const dot = e.type.lastIndexOf('.');
    const kind = PART_TEXT[e.type.slice(0, dot)];
    if (kind && kind !== part.type) bad.push(`${at}: a ${kind} event on a ${part.type} part`);
    if (part.textDone) bad.push(`${at}: after the text's .done`);
    if (e.type.endsWith('.done')) part.textDone = true;
  });
  const last = events[events.length - 1];
  if (!last || !TERMINAL.has(last.type)) bad.push('the stream does not end with a terminal event');
  else if (last.type !== 'response.failed') {
    items.forEach((it, i) => it.open && bad.push(`item ${i} never closed`));
    const statuses = items.map((it) => it.done?.status);
    statuses.forEach((s, i) => {
      if (s === 'incomplete' && (i !== items.length - 1 || last.response.status !== 'incomplete')) bad.push(`item ${i} is incomplete but not the last item of an incomplete response`);
    });
    const closed = items.map((it) => it.done);
    if (JSON.stringify(closed) !== JSON.stringify(last.response.output)) bad.push('the terminal response output differs from the items as closed');
  }
  return bad;
}
