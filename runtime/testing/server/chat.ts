/**
 * The chat flavor's `POST /chat/completions`: the request is checked strictly
 * against the OpenAI chat schema, its messages are read as the items the mock
 * models know (user and assistant messages, tool calls, tool results), the
 * model plans its answer as for `/responses` (model.ts: echo and scripted),
 * and the answer is sent as a chat completion or as chunks (`chat-shapes.ts`).
 * `max_tokens` / `max_completion_tokens` cut the text and finish with
 * `length`. Faults as for the other flavors; `errorEvent` (and `failed`)
 * mid-stream is a `{"error": ...}` chunk after which the stream ends.
 */
import type { ServerResponse } from 'node:http';
import { HttpError, statusError } from './errors.js';
import { strikesAfter, type Fault } from './faults.js';
import { sendError, sendJSON, writeStream } from './http.js';
import { echoPlan, MODELS, turnPlan, type Plan } from './model.js';
import { completionBody, completionChunks, itemsFromMessages, promptText, requestView, responsesView, strictView, truncate, type ChatAnswer } from './chat-shapes.js';
import { loadChatRecording } from './chat-replay.js';
import type { ServerState } from './state.js';
import { asTurnObject } from './turns.js';

type Json = Record<string, unknown>;

function choose(state: ServerState, request: Json, items: Json[]): { plan: Plan; fault?: Fault } {
  const model = request.model;
  const view = responsesView(request);
  if (model === 'echo') return { plan: echoPlan(view, items) };
  if (model === 'scripted') {
    const turn = state.script.shift();
    if (turn === undefined) throw new HttpError(400, "The model 'scripted' has no turns left: queue some with the script option, --script or server.enqueue().", 'invalid_request_error', 'script_exhausted', 'model');
    return { plan: turnPlan(turn, view), fault: asTurnObject(turn).fault };
  }
  throw new HttpError(404, `The model '${String(model)}' does not exist; this server has ${MODELS.join(', ')}.`, 'invalid_request_error', 'model_not_found', 'model');
}

const chatFrame = (chunk: Json) => `data: ${JSON.stringify(chunk)}\n\n`;

export async function createChatCompletion(state: ServerState, res: ServerResponse, request: Json, queued: Fault | undefined): Promise<void> {
  const { check, ids, options } = state;
  check.request('request', requestView(request));
  const stream = request.stream === true;
  const items = itemsFromMessages(request.messages as Json[]);
  const { plan, fault: turnFault } = choose(state, request, items);
  const fault = queued ?? turnFault;
  if ('error' in plan) throw statusError(plan.error.status ?? 400, plan.error);
  if ('replay' in plan) {
    const r = await loadChatRecording(plan.replay);
    if (stream && r.chunks) return writeStream(res, r.chunks, fault, undefined, '[DONE]', chatFrame);
    return sendJSON(res, r.status, r.body);
  }
  const limit = [request.max_completion_tokens, request.max_tokens].find((v): v is number => typeof v === 'number');
  const answer: ChatAnswer = truncate(plan.items, limit, () => ids.next('call'));
  const base = { id: ids.next('chatcmpl'), created: options.now(), model: String(request.model), prompt: promptText(request.messages as Json[]) };
  if (!stream) {
    const body = completionBody(base, answer);
    check.own('response', strictView(body));
    if (fault?.errorEvent || fault?.failed) {
      const f = fault.errorEvent ?? fault.failed!;
      return sendError(res, statusError(500, { message: f.message ?? 'The server had an error while processing your request.', code: f.code }));
    }
    if (fault?.disconnectAfterEvents !== undefined) return void res.destroy();
    if (fault?.malformed) return void (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(body).slice(0, 40)));
    return sendJSON(res, 200, body);
  }
  const usage = (request.stream_options as Json | undefined)?.include_usage === true;
  const chunks = completionChunks(base, answer, usage);
  for (const c of chunks) check.own('event', strictView(c));
  const failure = fault?.errorEvent ?? fault?.failed;
  if (failure) {
    // An error after `afterEvents` chunks, as providers stream one: a chunk with `error`, then the end.
    const at = Math.min(strikesAfter(fault!), chunks.length);
    const error = { error: { message: failure.message ?? 'The server had an error while streaming.', type: 'server_error', param: null, code: failure.code ?? 'server_error' } };
    return writeStream(res, [...chunks.slice(0, at), error], fault, (n) => (n === at ? error : undefined), undefined, chatFrame);
  }
  await writeStream(res, chunks, fault, undefined, '[DONE]', chatFrame);
}
