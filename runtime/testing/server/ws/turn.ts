/**
 * One message on a mock WebSocket connection: a `response.create` event,
 * checked strictly against the flavor's client message (OpenResponses'
 * WebSocketResponseCreateEvent; OpenAI's ResponsesClientEvent), with
 * `stream`, `stream_options` and `background` refused by name first (the
 * OpenAI schema would let them through; both specs say they must not be
 * sent). It then runs as `POST /responses` with `stream: true` would
 * (create.ts, with the connection as its TurnSink): the same response, the
 * same events, each sent as one text message. Whatever fails (a message
 * that is not JSON or not valid, an unknown `previous_response_id`, a
 * `status` fault, a scripted error turn) is answered with the flavor's
 * WebSocket error event `{type: "error", status, error}` and the
 * connection stays open for the next message.
 */
import { createResponse, type TurnSink } from '../create.js';
import { HttpError, statusError } from '../errors.js';
import type { Fault } from '../faults.js';
import { sleep } from '../http.js';
import type { ServerState } from '../state.js';
import type { MockConnection } from './connection.js';
import { record } from './record.js';

type Json = Record<string, unknown>;

/** What WebSocket mode must not carry (both specs), and why. */
const DISALLOWED: Record<string, string> = {
  stream: 'every turn streams its events on the socket',
  stream_options: 'there is no HTTP stream to configure',
  background: 'background responses are not supported over WebSocket',
};

/** The message as an object, or the 400 for it. */
function message(state: ServerState, text: string | null): Json {
  if (text === null) throw new HttpError(400, 'Send each event as a text message holding JSON, not a binary one.', 'invalid_request_error', 'invalid_message');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The message is not valid JSON.', 'invalid_request_error', 'invalid_json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'The message must be a JSON object: a response.create event.', 'invalid_request_error', 'invalid_json');
  const msg = parsed as Json;
  if (msg.type !== 'response.create') {
    throw new HttpError(400, `Unknown client event type ${JSON.stringify(msg.type)}: WebSocket mode takes response.create.`, 'invalid_request_error', msg.type === undefined ? 'missing_required_parameter' : 'invalid_value', 'type');
  }
  for (const [key, why] of Object.entries(DISALLOWED)) {
    if (key in msg) throw new HttpError(400, `'${key}' must not be sent in a WebSocket response.create: ${why}.`, 'invalid_request_error', 'unsupported_parameter', key);
  }
  if ('stream_id' in msg) throw new HttpError(400, 'This mock server runs one lane per connection: stream_id is not supported.', 'invalid_request_error', 'unsupported_parameter', 'stream_id');
  state.check.request('wsCreate', msg);
  return msg;
}

function faultError(f: Fault): HttpError {
  return statusError(f.status!, { message: f.message, code: f.code });
}

/** The flavor's WebSocket error event for an HttpError; checked like everything the server sends. */
export function errorMessage(state: ServerState, e: HttpError): Json {
  const event = { type: 'error', status: e.status, error: { type: e.type, code: e.code ?? e.type, message: e.message, param: e.param } };
  state.check.own('wsError', event);
  return event;
}

/**
 * An `error` stream event as WebSocket mode carries it: OpenAI's ResponsesServerEvent has
 * ResponseWsError, whose details are in `error` only (the SSE event's flat copies go).
 */
function onSocket(state: ServerState, event: Json): Json {
  if (event.type !== 'error' || state.check.flavor !== 'openai') return event;
  const { code: _c, message: _m, param: _p, ...rest } = event;
  state.check.own('wsEvent', rest);
  return rest;
}

/** The bytes a `malformed` fault sends in place of an event. */
const malformedText = (f: Fault, event: Json) => (f.malformed === 'bad-json' ? '{"type": "response.output_text.delta", "delta": ' : JSON.stringify(event).slice(0, 24));

function sinkFor(conn: MockConnection): TurnSink {
  const { state } = conn;
  return {
    history: (id) => conn.history(id),
    keep: (id, items) => conn.keep(id, items),
    async send(events, fault, replace) {
      for (let n = 0; n < events.length; n++) {
        if (conn.closed) return;
        if (fault?.disconnectAfterEvents !== undefined && n >= fault.disconnectAfterEvents) return conn.destroy();
        if (fault?.malformed && n >= (fault.afterEvents ?? 1)) return void (await conn.sendText(malformedText(fault, events[n]), fault));
        const last = replace?.(n);
        if (!(await conn.sendText(JSON.stringify(onSocket(state, last ?? events[n])), fault))) return;
        if (last) return;
      }
    },
  };
}

/** Runs one message to its end; never throws. */
export async function runTurn(conn: MockConnection, text: string | null): Promise<void> {
  const { state } = conn;
  let parsed: unknown;
  try {
    parsed = text === null ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  record(state, { method: 'WS', url: '/v1/responses', headers: conn.headers, body: parsed, rawBody: text ?? '' });
  try {
    const msg = message(state, text);
    const fault = state.faults.shift();
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status !== undefined) throw faultError(fault);
    const { type: _type, ...body } = msg;
    await createResponse(state, sinkFor(conn), { ...body, stream: true }, fault, text?.length ?? 0);
  } catch (e) {
    const err = e instanceof HttpError ? e : statusError(500, { message: `mock server error: ${(e as Error)?.message ?? String(e)}` });
    let event: Json;
    try {
      event = errorMessage(state, err);
    } catch (bug) {
      event = errorMessage(state, bug as HttpError);
    }
    await conn.sendText(JSON.stringify(event));
  }
}
