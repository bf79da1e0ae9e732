/**
 * The stateful operations on stored responses, where the flavor's spec has
 * them: retrieve (also as a resumed stream with `starting_after`), cancel,
 * delete and input_items (openai), compact (both), input_tokens (openai).
 */
import type { ServerResponse } from 'node:http';
import { previousHistory, snapshot } from './create.js';
import { HttpError } from './errors.js';
import { inProgress, streamEvents, terminatorOf } from './events.js';
import { sendJSON, writeStream } from './http.js';
import { itemsText } from './model.js';
import { inputItems, usage } from './shapes.js';
import type { ServerState } from './state.js';
import type { StoredResponse } from './store.js';

type Json = Record<string, unknown>;

function stored(state: ServerState, id: string): StoredResponse {
  const entry = state.store.get(id);
  if (!entry) throw new HttpError(404, `No response found with id '${id.length > 60 ? `${id.slice(0, 57)}...` : id}'.`, 'invalid_request_error', 'not_found', 'response_id');
  return entry;
}

export async function retrieve(state: ServerState, res: ServerResponse, id: string, query: URLSearchParams): Promise<void> {
  const entry = stored(state, id);
  if (query.get('stream') === 'true') {
    const after = Number(query.get('starting_after') ?? -1);
    if (!Number.isInteger(after)) throw new HttpError(400, "starting_after must be an integer sequence number.", 'invalid_request_error', 'invalid_value', 'starting_after');
    const events = entry.events ?? streamEvents(entry.response, state.check.flavor);
    return writeStream(res, events.filter((e) => (e.sequence_number as number) > after), undefined, undefined, terminatorOf(state.check.flavor));
  }
  sendJSON(res, 200, state.store.poll(entry, (status) => snapshot(state, entry.response, status)));
}

export function cancel(state: ServerState, res: ServerResponse, id: string): void {
  const entry = stored(state, id);
  if (entry.pending === undefined) throw new HttpError(400, 'Only responses created with background: true can be cancelled.', 'invalid_request_error', 'invalid_value', 'response_id');
  if (!entry.cancelled && entry.pending.length > 0) {
    entry.cancelled = true;
    entry.pending = [];
    entry.response = { ...inProgress(entry.response, state.check.flavor), status: 'cancelled' };
    state.check.own('response', entry.response);
  }
  sendJSON(res, 200, entry.response);
}

export function remove(state: ServerState, res: ServerResponse, id: string): void {
  stored(state, id);
  state.store.delete(id);
  sendJSON(res, 200, { id, object: 'response', deleted: true });
}

export function listInputItems(state: ServerState, res: ServerResponse, id: string, query: URLSearchParams): void {
  const entry = stored(state, id);
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new HttpError(400, "order must be 'asc' or 'desc'.", 'invalid_request_error', 'invalid_value', 'order');
  const limit = Number(query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new HttpError(400, 'limit must be an integer from 1 to 100.', 'invalid_request_error', 'invalid_value', 'limit');
  let items = order === 'desc' ? [...entry.input].reverse() : [...entry.input];
  const after = query.get('after');
  if (after) items = items.slice(items.findIndex((i) => i.id === after) + 1);
  const page = items.slice(0, limit);
  const list = { object: 'list', data: page, first_id: page[0]?.id ?? null, last_id: page[page.length - 1]?.id ?? null, has_more: items.length > page.length };
  state.check.own('list', list);
  sendJSON(res, 200, list);
}

/** Compaction: the conversation so far (previous response and input) as its user messages plus one opaque compaction item. */
export function compact(state: ServerState, res: ServerResponse, body: Json): void {
  state.check.request('compactRequest', body);
  const prev = body.previous_response_id;
  const items = [...(typeof prev === 'string' ? previousHistory(state, prev) : []), ...inputItems(body.input, state.ids)];
  const kept = items.filter((i) => i.type === 'message' && i.role === 'user').map((i) => ({ ...i, id: state.ids.next('msg'), status: 'completed' }));
  const summary = itemsText(items);
  const compaction = { type: 'compaction', id: state.ids.next('cmp'), encrypted_content: Buffer.from(summary).toString('base64') };
  const output = [...kept, compaction];
  const resource = { id: state.ids.next('resp'), object: 'response.compaction', output, created_at: state.options.now(), usage: usage(summary, output) };
  state.check.own('compact', resource);
  sendJSON(res, 200, resource);
}

export function inputTokens(state: ServerState, res: ServerResponse, body: Json): void {
  state.check.request('tokensRequest', body);
  const text = itemsText(inputItems(body.input, state.ids)) + String(body.instructions ?? '');
  const resource = { object: 'response.input_tokens', input_tokens: usage(text, []).input_tokens };
  state.check.own('tokens', resource);
  sendJSON(res, 200, resource);
}
