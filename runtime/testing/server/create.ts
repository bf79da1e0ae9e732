/**
 * `POST /responses`: check the body, pick the model's answer, shape it for
 * the flavor, keep it (store, previous_response_id, conversation,
 * background), and send it as JSON or as a stream, with the request's fault.
 * A WebSocket turn (ws/) comes through here too, with a `TurnSink` in place
 * of the HTTP answer: its events go to the socket, and the connection keeps
 * its own responses (store: false continuation on the same socket).
 */
import type { ServerResponse } from 'node:http';
import { HttpError, statusError } from './errors.js';
import { failedStream, inProgress, streamEvents, terminatorOf, withExtraEvents } from './events.js';
import { strikesAfter, type Fault } from './faults.js';
import { sendError, sendJSON, writeStream } from './http.js';
import { echoPlan, itemsText, MODELS, turnPlan, type Plan } from './model.js';
import { loadRecording } from './replay.js';
import { inputItems, outputItem, responseObject, usage } from './shapes.js';
import type { ServerState } from './state.js';
import { asTurnObject } from './turns.js';

type Json = Record<string, unknown>;

/** Where a WebSocket turn's events go instead of an HTTP answer, and what its connection keeps. */
export interface TurnSink {
  /** The items (history and output) of a response this connection keeps, by id; undefined when it has none. */
  history(id: string): Json[] | undefined;
  /** Keeps a finished response's items on the connection (whatever its `store`). */
  keep(id: string, items: Json[]): void;
  /** Sends a stream's events, with the turn's fault; `replace` as for writeStream. */
  send(events: Json[], fault: Fault | undefined, replace?: (n: number) => Json | undefined): Promise<void>;
}

const isSink = (out: ServerResponse | TurnSink): out is TurnSink => typeof (out as TurnSink).keep === 'function';

/** The turn's plan (and its fault) for the request's model, or the 4xx a provider gives for it. */
function choose(state: ServerState, request: Json, history: Json[]): { plan: Plan; fault?: Fault } {
  const model = request.model;
  if (model === undefined) throw new HttpError(400, `Missing required parameter: 'model' (this server has ${MODELS.join(', ')}).`, 'invalid_request_error', 'missing_required_parameter', 'model');
  if (model === 'echo') return { plan: echoPlan(request, history) };
  if (model === 'scripted') {
    const turn = state.script.shift();
    if (turn === undefined) throw new HttpError(400, "The model 'scripted' has no turns left: queue some with the script option, --script or server.enqueue().", 'invalid_request_error', 'script_exhausted', 'model');
    return { plan: turnPlan(turn, request), fault: asTurnObject(turn).fault };
  }
  throw new HttpError(404, `The model '${String(model)}' does not exist; this server has ${MODELS.join(', ')}.`, 'invalid_request_error', 'model_not_found', 'model');
}

/**
 * The stored conversation that led to `previous_response_id`: each earlier request's input and
 * output, oldest first. A 400 for an unknown (or evicted) one, as a provider gives, and for a
 * chain longer than `maxHistoryDepth`.
 */
export function previousHistory(state: ServerState, prev: string): Json[] {
  const quoted = prev.length > 60 ? `${prev.slice(0, 57)}...` : prev;
  if (!state.store.get(prev)) throw new HttpError(400, `Previous response with id '${quoted}' not found.`, 'invalid_request_error', 'previous_response_not_found', 'previous_response_id');
  const depth = state.options.maxHistoryDepth;
  const chain = state.store.chain(prev, depth);
  if (!chain) throw new HttpError(400, `The previous_response_id chain of '${quoted}' reaches back through more than ${depth} responses (maxHistoryDepth).`, 'invalid_request_error', 'history_too_long', 'previous_response_id');
  const items: Json[] = [];
  for (const e of chain) for (const item of [...e.input, ...(e.response.output as Json[])]) items.push(item);
  return items;
}

/** The items the model sees: the stored history (previous response or conversation), then this input. */
function historyFor(state: ServerState, request: Json, input: Json[], sink?: TurnSink): Json[] {
  const prev = request.previous_response_id;
  if (state.options.stateless && (prev != null || request.conversation != null)) {
    const param = prev != null ? 'previous_response_id' : 'conversation';
    throw new HttpError(400, `This server keeps no state: ${param} is not supported; send the whole conversation as input.`, 'invalid_request_error', 'unsupported_parameter', param);
  }
  if (typeof prev === 'string') return [...(sink?.history(prev) ?? previousHistory(state, prev)), ...input];
  const conv = conversationId(request);
  return conv ? [...state.store.conversation(conv), ...input] : input;
}

const conversationId = (request: Json): string | undefined =>
  typeof request.conversation === 'string' ? request.conversation : typeof (request.conversation as Json | undefined)?.id === 'string' ? ((request.conversation as Json).id as string) : undefined;

/** `bodyChars`: the length of the request's raw body, what storing it is counted as (with its output). */
export async function createResponse(state: ServerState, out: ServerResponse | TurnSink, request: Json, queued: Fault | undefined, bodyChars: number): Promise<void> {
  const { check, store, ids, options } = state;
  check.request('request', request);
  const sink = isSink(out) ? out : undefined;
  const res = out as ServerResponse;
  const stream = request.stream === true || sink !== undefined;
  if (request.background === true && request.store === false) throw new HttpError(400, 'background responses must be stored: store cannot be false.', 'invalid_request_error', 'invalid_value', 'store');
  const input = inputItems(request.input, ids);
  const history = historyFor(state, request, input, sink);
  const conv = conversationId(request);
  const keep = request.store !== false && !options.stateless;
  if (keep && conv && state.store.conversation(conv).length + input.length > options.maxConversationItems) {
    throw new HttpError(400, `The conversation '${conv.length > 60 ? `${conv.slice(0, 57)}...` : conv}' would hold more than ${options.maxConversationItems} items with this input (maxConversationItems).`, 'invalid_request_error', 'conversation_too_long', 'conversation');
  }
  const { plan, fault: turnFault } = choose(state, request, history);
  const fault = queued ?? turnFault;
  if ('error' in plan) throw statusError(plan.error.status ?? 400, plan.error);
  if ('replay' in plan) return replay(out, options.scriptDir, plan.replay, stream, check.flavor);

  const id = ids.next('resp');
  const createdAt = options.now();
  const encrypted = Array.isArray(request.include) && request.include.includes('reasoning.encrypted_content');
  const output = plan.items.map((p) => outputItem(p, ids, { encrypted }));
  const inputText = itemsText(history) + String(request.instructions ?? '');
  const failed = fault?.failed && !stream;
  const shaped = responseObject(check.flavor, request, {
    id,
    createdAt,
    status: failed ? 'failed' : 'completed',
    output: failed ? [] : output,
    usage: failed ? null : usage(inputText, output),
    error: failed ? failureOf(fault!.failed!) : null,
    completedAt: failed ? null : options.now(),
  });
  const response = plan.response ? { ...shaped, ...plan.response } : shaped;
  check.own('response', response);
  const events = stream ? failing(state, withExtraEvents(streamEvents(response, check.flavor), plan.events ?? []), fault) : undefined;
  if (events) for (const e of events) check.own('event', e);
  // A stream that failed leaves a failed response behind (what a retrieve or a resumed stream shows).
  const final = events ? (events[events.length - 1].response as Json) : response;

  const background = request.background === true && !stream;
  sink?.keep(id, [...history, ...(final.output as Json[])]);
  if (keep) {
    // What keeping it costs, roughly: the request body (its input items) and the output, five
    // times over for a stream's events (deltas, the done events, the final response).
    const outputChars = JSON.stringify(final.output).length;
    const bytes = bodyChars + outputChars * (events ? 5 : 1);
    store.put({ response: final, input, previous: request.previous_response_id as string | undefined, events, pending: background ? ['in_progress'] : undefined }, bytes);
    if (conv) store.extend(conv, [...input, ...(final.output as Json[])], bodyChars + outputChars);
  }
  if (background) return sendJSON(res, 200, snapshot(state, response, 'queued'));
  if (!events) {
    if (fault?.errorEvent) return sendError(res, statusError(500, { message: fault.errorEvent.message, code: fault.errorEvent.code }));
    if (fault?.disconnectAfterEvents !== undefined) return void res.destroy();
    if (fault?.malformed) return void (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(response).slice(0, 40)));
    return sendJSON(res, 200, response);
  }
  if (sink) return sink.send(events, fault);
  await writeStream(res, events, fault, undefined, terminatorOf(check.flavor));
}

/** A failed response's `error`, from the fault's `failed` (defaults for what it leaves out). */
const failureOf = (f: NonNullable<Fault['failed']>) => ({ code: f.code ?? 'server_error', message: f.message ?? 'The model failed to produce a response.' });

/** The events of a stream the fault makes fail (`errorEvent`, `failed`: see failedStream), or the events unchanged. */
function failing(state: ServerState, events: Json[], fault: Fault | undefined): Json[] {
  const f = fault?.errorEvent ?? fault?.failed;
  if (!f) return events;
  const failure = fault!.errorEvent
    ? { code: f.code ?? 'server_error', message: f.message ?? 'The server had an error while streaming.' }
    : failureOf(f);
  return failedStream(events, strikesAfter(fault!), state.check.flavor, failure, fault!.errorEvent !== undefined) ?? events;
}

/** A background response as it looks while queued or in progress. */
export function snapshot(state: ServerState, response: Json, status: 'queued' | 'in_progress'): Json {
  const s = { ...inProgress(response, state.check.flavor), status };
  state.check.own('response', s);
  return s;
}

async function replay(out: ServerResponse | TurnSink, dir: string, file: string, stream: boolean, flavor: ServerState['check']['flavor']): Promise<void> {
  const r = await loadRecording(dir, file);
  if (isSink(out)) {
    if (r.status !== 200) throw statusError(r.status, { message: String(((r.body as Json | undefined)?.error as Json | undefined)?.message ?? `the recording ${file} is an error (${r.status})`) });
    return out.send(r.events ?? streamEvents(r.body, flavor), undefined);
  }
  const res = out;
  if (stream && r.status === 200) return writeStream(res, r.events ?? streamEvents(r.body, flavor), undefined);
  sendJSON(res, r.status, r.body);
}
