/**
 * One request, start to end: read the body (within the size limit), record
 * it, check the key, apply the request's fault, and route it. Every failure
 * becomes a provider-style error answer; nothing a client sends can throw
 * out of here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cors } from './cors.js';
import { createChatCompletion } from './chat.js';
import { createResponse } from './create.js';
import { HttpError, statusError } from './errors.js';
import { faultFromHeader, type Fault } from './faults.js';
import { readBody, sendError, sendJSON, sleep } from './http.js';
import { MODELS } from './model.js';
import { cancel, compact, inputTokens, listInputItems, remove, retrieve } from './operations.js';
import type { ServerState } from './state.js';

type Json = Record<string, unknown>;

export async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (cors(req, res)) return;
  const started = Date.now();
  const record = (body: unknown, rawBody: string) => {
    const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, rawBody };
    state.log.add(received);
    const observe = state.options.onResponse;
    if (observe) {
      res.once('close', () => {
        try {
          observe(received, res.statusCode, Date.now() - started);
        } catch {
          // the observer's failure is not the client's
        }
      });
    }
    // The observer's failure (a throw, or a promise that rejects) is not the client's: the
    // request is answered all the same.
    try {
      const r: unknown = state.options.onRequest?.(received);
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, () => {});
    } catch {
      // ignored, as above
    }
    // The handler answers from its own copy: the log keeps bodies only within its budget.
    state.log.trim();
  };
  let held = 0;
  try {
    const raw = await readBody(req, state.options.maxBodyBytes, state.bodies).catch((e: unknown) => {
      // Too large, or too much at once: recorded without its body, which was never kept.
      record(undefined, '');
      throw e;
    });
    held = raw.length;
    const rawBody = raw.toString('utf8');
    let parsed: unknown;
    try {
      parsed = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      parsed = undefined;
    }
    record(parsed, rawBody);
    authorize(state, req);
    const fault = requestFault(state, req);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status !== undefined) throw faultError(fault);
    await route(state, req, res, rawBody, parsed, fault);
  } catch (e) {
    // Once a stream has begun, the only honest report of a failure is a cut connection.
    if (res.headersSent) return void res.destroy();
    const err = e instanceof HttpError ? e : statusError(500, { message: `mock server error: ${(e as Error)?.message ?? String(e)}` });
    sendError(res, err, err.status === 413 || err.status === 503);
  } finally {
    state.bodies.used -= held;
  }
}

/** The request's URL; one that does not parse (`//host:99999/...`) is the client's error. */
function parseUrl(target: string): URL {
  try {
    return new URL(target, 'http://mock');
  } catch {
    throw new HttpError(400, `The request target is not a valid URL path: '${target.length > 60 ? `${target.slice(0, 57)}...` : target}'.`, 'invalid_request_error', 'invalid_url');
  }
}

/** A response id from the URL; a malformed `%` escape is the client's error. */
function decodeId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `The response id in the URL is not validly escaped: '${segment.length > 60 ? `${segment.slice(0, 57)}...` : segment}'.`, 'invalid_request_error', 'invalid_id', 'response_id');
  }
}

/** The key check (`Authorization: Bearer K` or `api-key: K`), for requests and for WebSocket upgrades (ws/). */
export function authorize(state: ServerState, req: IncomingMessage): void {
  const want = state.options.apiKey;
  if (want === undefined) return;
  const auth = req.headers.authorization;
  const given = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7) : req.headers['api-key'];
  if (given === undefined || given === '') throw new HttpError(401, "You didn't provide an API key: send it as Authorization: Bearer KEY.", 'invalid_request_error', 'missing_api_key');
  if (given !== want) throw new HttpError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
}

/** The request's fault: its x-mock-fault header, else the next queued one. */
function requestFault(state: ServerState, req: IncomingMessage): Fault | undefined {
  const header = faultFromHeader(req.headers['x-mock-fault']);
  if (header instanceof Error) throw new HttpError(400, header.message, 'invalid_request_error', 'invalid_fault', null);
  return header ?? state.faults.shift();
}

function faultError(f: Fault): HttpError {
  const headers: Record<string, string> = {};
  if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
  if (f.retryAfterMs !== undefined) headers['retry-after-ms'] = String(f.retryAfterMs);
  return statusError(f.status!, { message: f.message, code: f.code, headers });
}

function jsonBody(req: IncomingMessage, rawBody: string, parsed: unknown): Json {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new HttpError(400, `Unsupported content type '${type || 'none'}': send the body as application/json.`, 'invalid_request_error', 'unsupported_content_type');
  if (parsed === undefined) throw new HttpError(400, rawBody ? 'We could not parse the JSON body of your request: it is not valid JSON.' : 'The request has no body: send a JSON object.', 'invalid_request_error', 'invalid_json');
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'The request body must be a JSON object.', 'invalid_request_error', 'invalid_json');
  return parsed as Json;
}

async function route(state: ServerState, req: IncomingMessage, res: ServerResponse, rawBody: string, parsed: unknown, fault: Fault | undefined): Promise<void> {
  const url = parseUrl(req.url ?? '/');
  const path = url.pathname.replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const openai = state.check.flavor === 'openai';
  if (method === 'GET' && (path === '/models' || path.startsWith('/models/'))) return models(state, res, decodeURIComponent(path.slice('/models/'.length)));
  if (state.check.flavor === 'chat') {
    if (method === 'POST' && path === '/chat/completions') return createChatCompletion(state, res, jsonBody(req, rawBody, parsed), fault);
    throw new HttpError(404, `Invalid URL (${method} ${url.pathname}) for the chat flavor: it serves POST /v1/chat/completions.`, 'invalid_request_error', 'unknown_url');
  }
  if (method === 'POST' && path === '/responses') return createResponse(state, res, jsonBody(req, rawBody, parsed), fault, rawBody.length);
  if (method === 'POST' && path === '/responses/compact') return compact(state, res, jsonBody(req, rawBody, parsed));
  if (openai && method === 'POST' && path === '/responses/input_tokens') return inputTokens(state, res, jsonBody(req, rawBody, parsed));
  const m = /^\/responses\/([^/]+)(\/cancel|\/input_items)?$/.exec(path);
  if (openai && m) {
    const id = decodeId(m[1]);
    if (method === 'GET' && !m[2]) return retrieve(state, res, id, url.searchParams);
    if (method === 'DELETE' && !m[2]) return remove(state, res, id);
    if (method === 'POST' && m[2] === '/cancel') return cancel(state, res, id);
    if (method === 'GET' && m[2] === '/input_items') return listInputItems(state, res, id, url.searchParams);
  }
  throw new HttpError(404, `Invalid URL (${method} ${url.pathname}) for the ${state.check.flavor} flavor.`, 'invalid_request_error', 'unknown_url');
}

/** `GET /models` (the list some clients probe before a call) and `GET /models/{id}`, in OpenAI's shape. */
function models(state: ServerState, res: ServerResponse, id: string): void {
  const model = (name: string) => ({ id: name, object: 'model', created: state.options.now(), owned_by: 'anyresponses-mock' });
  if (!id) return sendJSON(res, 200, { object: 'list', data: MODELS.map(model) });
  if (!(MODELS as readonly string[]).includes(id)) throw new HttpError(404, `The model '${id}' does not exist; this server has ${MODELS.join(', ')}.`, 'invalid_request_error', 'model_not_found', 'model');
  sendJSON(res, 200, model(id));
}
