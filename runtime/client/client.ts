/**
 * `responses(model, input, options?)`, `aresponses` (the same: JavaScript has
 * no synchronous network I/O, so both return promises) and `createClient`.
 * One call: resolve the provider from its manifest, build the body from the
 * any-llm parameters, refuse what the provider rejects before any traffic,
 * expand local conversation state and replay output items (runtime/conversation),
 * validate the request strictly, send it, and validate what comes back
 * tolerantly (a provider's deviations are never fatal). Every call runs
 * within its limits (`LIMITS`, per client and per call) and behind the
 * boundary (boundary.ts): what it throws and warns leaves redacted.
 */
import { callSignal, transportConfig } from './call-transport.js';
import type { Reply } from '../core/body.js';
import { AnyResponsesError, APIConnectionError, ConfigurationError, MalformedBodyError, WaitTimeoutError } from '../core/errors.js';
import { MissingProviderError } from '../core/usage-errors.js';
import { resolveLimits, type Limits } from '../core/limits.js';
import { send } from '../core/transport.js';
import { parseEvent, parseSSE } from '../sse/decoder.js';
import type { StreamEvent } from '../stream/accumulator.js';
import { setOutputText, withOutputText } from '../stream/output-text.js';
import { ResponseStream } from '../stream/response-stream.js';
import { SpecValidationError } from '../validation/spec-error.js';
import type { Issue } from '../validation/issues.js';
import { replayProviderItems, splitIssues } from '../conversation/replay.js';
import { addReasoningInclude, prepareConversation, recordResponse } from '../conversation/state.js';
import { isResponseStore, type ResponseStore } from '../conversation/store.js';
import { Boundary, boundedIssues } from './boundary.js';
import { withinExtension } from '../validation/namespaced.js';
import { parseModel } from './model.js';
import { buildBody, type CallOptions } from './params.js';
import { checkRequest } from './request-check.js';
import { checkSupported, connect, findProvider, loadRegistry, type Manifest } from './providers.js';
import { validatorFor } from './validators.js';
import { connect as connectSession } from '../ws/connect.js';
import type { ConnectOptions } from '../ws/options.js';
import type { ResponsesSession } from '../ws/session.js';
import { apiOf, createChat } from './chat.js';

type Json = Record<string, unknown>;

/**
 * Every option's default, in one place. `env` is read when a call needs it,
 * and only where a `process` exists (Node, Bun, Deno): a browser or an edge
 * runtime has none, so it is empty there and keys come from the options.
 */
export const CLIENT_DEFAULTS = {
  validate: true,
  get env(): Record<string, string | undefined> {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  },
};

const SCHEMAS = {
  openai: { request: 'CreateResponse', response: 'Response', event: 'ResponseStreamEvent' },
  openresponses: { request: 'CreateResponseBody', response: 'ResponseResource', event: 'ResponseStreamEvent' },
} as const;


export type ResponsesOptions = CallOptions & Json & {
  stream?: boolean;
  /**
   * `true`/`false`: the wire parameter (whether the provider stores the response).
   * A ResponseStore (`memoryStore()`): this call's conversation store, as `createClient({ store })`.
   */
  store?: boolean | ResponseStore;
  /** Called with the deviations a provider made in what it sent (tolerant validation). */
  onWarnings?: (warnings: Issue[]) => void;
};

export interface ClientOptions extends Pick<CallOptions, 'provider' | 'apiKey' | 'apiBase' | 'clientArgs' | 'settings' | 'api'> {
  validate?: boolean;
  env?: Record<string, string | undefined>;
  /** Bounds on every call of this client (see LIMITS); a call's own `limits` win. */
  limits?: Partial<Limits>;
  /**
   * Local conversation state (`memoryStore()`, or any ResponseStore): with it,
   * `previous_response_id` and `conversation` work on a stateless provider
   * (expanded into the full input), and every response is recorded.
   */
  store?: ResponseStore;
  /** Called with the deviations a provider made in what it sent, on every call of this client (a call's own wins). */
  onWarnings?: (warnings: Issue[]) => void;
}

/** The call's conversation store: the call's own (`store: memoryStore()`), else the client's; checked. */
function storeOf(options: ResponsesOptions, defaults: ClientOptions): ResponseStore | undefined {
  if (isResponseStore(options.store)) return options.store;
  if (defaults.store === undefined) return undefined;
  if (!isResponseStore(defaults.store)) {
    throw new ConfigurationError(`createClient: store must be a ResponseStore (memoryStore(), or an object with getResponse, putResponse, getConversation and appendConversation); the wire parameter store: true/false goes in each call's options`);
  }
  return defaults.store;
}

const timeoutLayer = (ms: number | undefined) => (ms === undefined ? undefined : { timeoutMs: ms });

/** The limits of a call: LIMITS, the client's, then the call's (`timeout` and `clientArgs.timeout` are `timeoutMs`). */
export function limitsOf(defaults: ClientOptions, options: { limits?: Partial<Limits>; clientArgs?: CallOptions['clientArgs']; timeout?: number }): Limits {
  return resolveLimits(defaults.limits, timeoutLayer(defaults.clientArgs?.timeout), options.limits, timeoutLayer(options.clientArgs?.timeout), timeoutLayer(options.timeout));
}

/** A plain call's JSON object; anything else is a MalformedBodyError. */
export async function jsonObject(reply: Reply, provider: string): Promise<Json> {
  const value = await reply.json();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedBodyError(`${provider}: expected a JSON object, got ${value === undefined ? 'an empty body' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, { provider, status: reply.status });
  }
  return value as Json;
}

function call(model: string, input: unknown, options: ResponsesOptions, defaults: ClientOptions): Promise<unknown> {
  const merged = { ...defaults, ...options } as ResponsesOptions & ClientOptions;
  const boundary = new Boundary(merged);
  return boundary.run(() => create(model, input, options, defaults, merged, boundary));
}

async function create(model: string, input: unknown, options: ResponsesOptions, defaults: ClientOptions, merged: ResponsesOptions & ClientOptions, boundary: Boundary): Promise<unknown> {
  const limits = limitsOf(defaults, options);
  // Always awaited, even once loaded: a call yields before any traffic, so a signal aborted
  // right after the call still stops it before fetch is reached.
  const all = await loadRegistry();
  const ref = parseModel(model, merged.provider, (n) => all.some((p) => p.name === n));
  const manifest: Manifest = findProvider(all, ref.provider);
  // The Chat Completions leg (a chat-only provider, or api: 'chat'): runtime/client/chat.ts.
  if (apiOf(manifest, options.api, defaults.api) === 'chat') {
    return createChat({ model: ref.model, input, options, merged, manifest, boundary, limits, store: storeOf(options, defaults), env: merged.env ?? CLIENT_DEFAULTS.env, validate: merged.validate ?? CLIENT_DEFAULTS.validate, jsonObject });
  }
  const flavor = manifest.flavor!;
  const { body: typed, extra, parse } = buildBody(ref.model, input, options);
  const body = { ...typed, ...extra };
  const stream = body.stream === true;
  // Conversation state before anything checks the body: a stateless provider's
  // previous_response_id is expanded from the store (or refused without one).
  // Nothing to do (and nothing awaited) without a store on a provider that keeps state.
  const store = storeOf(options, defaults);
  const recording = store || manifest.stateless ? await prepareConversation(body, manifest, store) : undefined;
  addReasoningInclude(body, manifest);
  const fromProvider = replayProviderItems(body, flavor);
  checkSupported(manifest, body, stream ? 'stream' : 'create');
  const env = merged.env ?? CLIENT_DEFAULTS.env;
  const conn = connect(manifest, merged, env);
  boundary.connected(conn, manifest.auth?.header);
  const onWarnings = merged.onWarnings;
  const warn = (w: Issue[]) => w.length > 0 && onWarnings?.(boundary.issues(w, limits.maxIssues));
  const check = merged.validate ?? CLIENT_DEFAULTS.validate;
  const validate = check ? await validatorFor(flavor) : undefined;
  if (validate) {
    // Strict, on the body without what came through extra_body: a top-level key the spec does not
    // know is a typo or a provider extra, which must come through extra_body (checkRequest says
    // which). What lies inside a namespaced extension (`acme:web_lookup`) is the implementor's;
    // what the input form cannot hold in items that came from a provider is the provider's own
    // shape: a warning.
    const checked: Json = { ...body };
    for (const k of Object.keys(extra)) if (!(k in typed)) delete checked[k];
    const r = validate(SCHEMAS[flavor].request, checked, { mode: 'strict' });
    const { errors, warnings } = splitIssues((r.errors ?? []).filter((e) => !withinExtension(checked, e.pointer)), fromProvider);
    checkRequest(errors, manifest.name, flavor, SCHEMAS[flavor].request, limits.maxIssues);
    warn(warnings);
  }
  const cfg = transportConfig(manifest.name, conn, merged.clientArgs, stream, limits);
  const { controller, signal } = callSignal(merged.signal, stream);
  const res = await send(cfg, { method: 'POST', path: '/responses', body, signal });
  if (stream) {
    const events = sseEvents(res, manifest.name, signal!, limits);
    return new ResponseStream(events, controller!, {
      provider: manifest.name,
      maxIndex: limits.maxIndex,
      redact: (e) => boundary.error(e),
      onFinish: recording ? (r) => recordResponse(recording, body.input, r) : undefined,
      onEvent: validate
        ? (e) => {
            const r = validate(SCHEMAS[flavor].event, e);
            if (!r.ok) throw new SpecValidationError(SCHEMAS[flavor].event, boundedIssues(r.errors ?? [], limits.maxIssues), `a ${manifest.name} stream event`);
            warn(r.warnings);
          }
        : undefined,
    });
  }
  const payload = await jsonObject(res, manifest.name);
  if (validate) {
    const r = validate(SCHEMAS[flavor].response, payload);
    if (!r.ok) throw new SpecValidationError(SCHEMAS[flavor].response, boundedIssues(r.errors ?? [], limits.maxIssues), `the ${manifest.name} response`);
    warn(r.warnings);
  }
  if (recording) await recordResponse(recording, body.input, payload);
  const out = setOutputText(payload);
  return parse ? { ...out, output_parsed: out.output_text === '' ? null : await parse(out.output_text) } : out;
}

/**
 * The events of an SSE body, within the call's limits (reply.eventStream:
 * content type, time, size; the decoder: line and event size). A
 * connection lost while reading (a reset, the server going away) is an
 * APIConnectionError, a malformed event a MalformedEventError, never the
 * fetch implementation's own error; an abort stays what the abort made it.
 */
export async function* sseEvents(reply: Reply, provider: string, signal: AbortSignal, limits: Limits): AsyncGenerator<StreamEvent> {
  if (!reply.response.body) throw new MalformedBodyError(`${provider}: the stream has no body`, { provider, status: reply.status });
  try {
    for await (const msg of parseSSE(reply.eventStream(), { maxLineLength: limits.maxLineLength, maxEventLength: limits.maxEventLength, provider })) yield parseEvent(msg, provider) as StreamEvent;
  } catch (e) {
    if (e instanceof AnyResponsesError || signal.aborted) throw e;
    throw new APIConnectionError(`${provider}: the connection was lost mid-stream (${(e as Error)?.message ?? String(e)})`, { provider, cause: e });
  }
}

/** Creates a response (`stream: true` gives a ResponseStream). */
export function responses(model: string, input: unknown, options: ResponsesOptions = {}): Promise<any> {
  return call(model, input, options, {});
}

/** The same as `responses`: both return promises in JavaScript. */
export const aresponses = responses;

/** The stateful operations, by the name manifests use, with their method and path. */
const OPERATIONS = {
  retrieve: { method: 'GET', path: (id: string) => `/responses/${encodeURIComponent(id)}` },
  cancel: { method: 'POST', path: (id: string) => `/responses/${encodeURIComponent(id)}/cancel` },
  delete: { method: 'DELETE', path: (id: string) => `/responses/${encodeURIComponent(id)}` },
  input_items: { method: 'GET', path: (id: string) => `/responses/${encodeURIComponent(id)}/input_items` },
  compact: { method: 'POST', path: () => '/responses/compact' },
  input_tokens: { method: 'POST', path: () => '/responses/input_tokens' },
} as const;

export type Operation = keyof typeof OPERATIONS;

export interface OperationOptions extends ClientOptions {
  signal?: AbortSignal;
  timeout?: number;
  /** Query parameters (`include`, `after`, `limit`, `order`...). */
  query?: Record<string, string | number | boolean | undefined>;
}

/** One stateful operation on a provider that supports it (checked before any traffic). */
function operate(op: Operation, idOrBody: string | Json, options: OperationOptions, defaults: ClientOptions): Promise<any> {
  const merged = { ...defaults, ...options } as OperationOptions;
  const boundary = new Boundary(merged);
  return boundary.run(() => operateInner(op, idOrBody, options, defaults, merged, boundary));
}

async function operateInner(op: Operation, idOrBody: string | Json, options: OperationOptions, defaults: ClientOptions, merged: OperationOptions, boundary: Boundary): Promise<any> {
  const limits = limitsOf(defaults, options);
  const all = await loadRegistry();
  if (!merged.provider) throw new MissingProviderError(op, all.filter((p) => p.responses).map((p) => p.name));
  const manifest = findProvider(all, merged.provider);
  checkSupported(manifest, {}, op);
  const conn = connect(manifest, merged, merged.env ?? CLIENT_DEFAULTS.env);
  boundary.connected(conn, manifest.auth?.header);
  const args = merged.clientArgs ?? {};
  const spec = OPERATIONS[op];
  const res = await send(
    { provider: manifest.name, baseURL: conn.baseURL, headers: { ...conn.headers, ...args.headers }, fetch: args.fetch, defaultQuery: { ...conn.query, ...args.defaultQuery }, maxRetries: args.maxRetries, limits, secrets: conn.secrets },
    { method: spec.method, path: spec.path(typeof idOrBody === 'string' ? idOrBody : ''), query: merged.query, body: typeof idOrBody === 'string' ? undefined : idOrBody, signal: merged.signal },
  );
  const payload = (await res.json()) as Json | undefined;
  return payload && (op === 'retrieve' || op === 'cancel') ? withOutputText(payload) : payload;
}

/** Every option's default for polling background responses. */
export const WAIT_DEFAULTS = { intervalMs: 1_000, timeoutMs: 10 * 60_000 };

export interface WaitOptions extends OperationOptions {
  intervalMs?: number;
  /** Give up after this long (ms). */
  timeoutMs?: number;
}

/** Polls a background response until it leaves `queued`/`in_progress`. */
function waitFor(id: string, options: WaitOptions, defaults: ClientOptions): Promise<any> {
  return new Boundary({ ...defaults, ...options }).run(() => poll(id, options, defaults));
}

async function poll(id: string, options: WaitOptions, defaults: ClientOptions): Promise<any> {
  const interval = options.intervalMs ?? WAIT_DEFAULTS.intervalMs;
  const deadline = Date.now() + (options.timeoutMs ?? WAIT_DEFAULTS.timeoutMs);
  for (;;) {
    const r = await operate('retrieve', id, options, defaults);
    if (r?.status !== 'queued' && r?.status !== 'in_progress') return r;
    if (Date.now() + interval > deadline) throw new WaitTimeoutError(`response ${id} is still ${r.status} after ${options.timeoutMs ?? WAIT_DEFAULTS.timeoutMs} ms`, id, String(r.status), { provider: options.provider ?? defaults.provider });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, interval);
      options.signal?.addEventListener('abort', () => (clearTimeout(t), reject(options.signal!.reason)), { once: true });
    });
  }
}

/** Resumes a stored response's stream after the event with sequence number `startingAfter`. */
function resume(id: string, startingAfter: number, options: OperationOptions, defaults: ClientOptions): Promise<ResponseStream> {
  const merged = { ...defaults, ...options } as OperationOptions;
  const boundary = new Boundary(merged);
  return boundary.run(() => resumeInner(id, startingAfter, options, defaults, merged, boundary));
}

async function resumeInner(id: string, startingAfter: number, options: OperationOptions, defaults: ClientOptions, merged: OperationOptions, boundary: Boundary): Promise<ResponseStream> {
  const limits = limitsOf(defaults, options);
  const all = await loadRegistry();
  if (!merged.provider) throw new MissingProviderError('resume', all.filter((p) => p.responses).map((p) => p.name));
  const manifest = findProvider(all, merged.provider);
  checkSupported(manifest, {}, 'retrieve');
  const conn = connect(manifest, merged, merged.env ?? CLIENT_DEFAULTS.env);
  boundary.connected(conn, manifest.auth?.header);
  const args = merged.clientArgs ?? {};
  const controller = new AbortController();
  const signal = merged.signal ? AbortSignal.any([merged.signal, controller.signal]) : controller.signal;
  const res = await send(
    { provider: manifest.name, baseURL: conn.baseURL, headers: { ...conn.headers, ...args.headers, accept: 'text/event-stream' }, fetch: args.fetch, defaultQuery: { ...conn.query, ...args.defaultQuery }, maxRetries: args.maxRetries, limits, secrets: conn.secrets },
    { method: 'GET', path: OPERATIONS.retrieve.path(id), query: { ...merged.query, stream: true, starting_after: startingAfter }, signal },
  );
  return new ResponseStream(sseEvents(res, manifest.name, signal, limits), controller, { provider: manifest.name, maxIndex: limits.maxIndex, redact: (e) => boundary.error(e) });
}

/** A reusable client: defaults for every call (provider, key, base URL, client args); connections are kept alive by fetch. */
export function createClient(defaults: ClientOptions = {}) {
  return {
    responses: (model: string, input: unknown, options: ResponsesOptions = {}): Promise<any> => call(model, input, options, defaults),
    retrieve: (id: string, options: OperationOptions = {}): Promise<any> => operate('retrieve', id, options, defaults),
    cancel: (id: string, options: OperationOptions = {}): Promise<any> => operate('cancel', id, options, defaults),
    delete: (id: string, options: OperationOptions = {}): Promise<any> => operate('delete', id, options, defaults),
    inputItems: (id: string, options: OperationOptions = {}): Promise<any> => operate('input_items', id, options, defaults),
    compact: (body: Json, options: OperationOptions = {}): Promise<any> => operate('compact', body, options, defaults),
    inputTokens: (body: Json, options: OperationOptions = {}): Promise<any> => operate('input_tokens', body, options, defaults),
    /** Polls a background response until it is done. */
    waitFor: (id: string, options: WaitOptions = {}): Promise<any> => waitFor(id, options, defaults),
    /** Resumes a stored response's stream after `startingAfter` (its sequence number), where the provider supports it. */
    resume: (id: string, startingAfter: number, options: OperationOptions = {}): Promise<ResponseStream> => resume(id, startingAfter, options, defaults),
    /** A WebSocket session with this client's defaults, where the provider has WebSocket mode. */
    connect: (model: string, options: ConnectOptions = {}): Promise<ResponsesSession> => connectSession(model, options, defaults),
  };
}
