/**
 * One call on the Chat Completions leg: `responses()` on a provider whose
 * manifest says `api: "chat"`, or on any provider with a `chat` endpoint
 * when the call or client asks for `api: 'chat'`. The Responses request is
 * built as for any call, its conversation state expanded from the store
 * (the chat leg keeps none: without a store, `previous_response_id`,
 * `conversation` and `store: true` are refused with a StoreRequiredError),
 * checked strictly against OpenResponses, refused before any traffic where
 * chat cannot express it (runtime/bridge), translated, and sent to
 * `POST {base}/chat/completions`. What comes back is bridged into an
 * OpenResponses `ResponseResource` (a body) or its event stream (a
 * `ResponseStream` of `ResponseStreamEvent`s), and recorded in the store.
 */
import { callSignal, transportConfig } from './call-transport.js';
import { chatRequestFromResponses, assertBridgeable, responseFromChat, ChatStreamTranslator, bridgeOptions, type BridgeOptions, type BridgeRequest, type ChatChunk, type ChatCompletion } from '../bridge/index.js';
import type { Reply } from '../core/body.js';
import { AnyResponsesError, APIConnectionError, MalformedBodyError, UnsupportedParameterError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { send } from '../core/transport.js';
import { prepareConversation, recordResponse, StoreRequiredError } from '../conversation/state.js';
import { replayProviderItems, splitIssues } from '../conversation/replay.js';
import type { ResponseStore } from '../conversation/store.js';
import { parseEvent, parseSSE } from '../sse/decoder.js';
import type { StreamEvent } from '../stream/accumulator.js';
import { setOutputText } from '../stream/output-text.js';
import { ResponseStream } from '../stream/response-stream.js';
import type { Issue } from '../validation/issues.js';
import { SpecValidationError } from '../validation/spec-error.js';
import { boundedIssues, type Boundary } from './boundary.js';
import { buildBody, type CallOptions } from './params.js';
import { checkSupported, connect, type Manifest } from './providers.js';

type Json = Record<string, unknown>;
type Validate = (name: string, value: unknown, o?: { mode?: 'strict' | 'tolerant' }) => { ok: boolean; errors?: Issue[]; warnings: Issue[] };

/** Which API a call goes to: `responses` (POST /responses) or `chat` (POST /chat/completions through the bridge). */
export type Api = 'responses' | 'chat';

/** The chat endpoint's path under the base URL. */
export const CHAT_PATH = '/chat/completions';

const CHAT_SCHEMAS = { request: 'CreateChatCompletionRequest', response: 'CreateChatCompletionResponse', chunk: 'CreateChatCompletionStreamResponse' } as const;
const RESPONSES_REQUEST = 'CreateResponseBody';

// Static specifiers, so bundlers see them; the compiled validators only (as client/validators.ts).
let chatValidate: Promise<Validate> | undefined;
let responsesValidate: Promise<Validate> | undefined;
type Compiled = { loadValidators(): Promise<{ validate: Validate }> };
const chatValidator = () => (chatValidate ??= import('anyresponses/chat/compiled' as string).then((m: Compiled) => m.loadValidators()).then((v) => v.validate));
const responsesValidator = () => (responsesValidate ??= import('anyresponses/openresponses/compiled' as string).then((m: Compiled) => m.loadValidators()).then((v) => v.validate));

/** The manifest fields the chat leg reads beyond `Manifest`. */
export interface ChatManifest extends Manifest {
  api?: Api;
  chat?: { baseURL?: string; options?: Partial<BridgeOptions> };
}

/** The API a call goes to: the call's `api`, else the client's, else the manifest's (default responses); checked. */
export function apiOf(manifest: ChatManifest, call: unknown, client: unknown): Api {
  const asked = call ?? client;
  if (asked !== undefined && asked !== 'responses' && asked !== 'chat') {
    throw new UnsupportedParameterError(manifest.name, `api: ${JSON.stringify(asked)}`, "api is 'responses' or 'chat'");
  }
  const api = (asked as Api | undefined) ?? manifest.api ?? 'responses';
  if (api === 'chat' && !manifest.chat) {
    throw new UnsupportedParameterError(manifest.name, "api: 'chat'", `${manifest.name} has no Chat Completions endpoint in its manifest; providers with one list it under chat (use the chat-compatible provider with apiBase for any other server)`);
  }
  if (api === 'responses' && manifest.api === 'chat') {
    throw new UnsupportedParameterError(manifest.name, "api: 'responses'", `${manifest.name} has no Responses API; its calls go through its Chat Completions endpoint`);
  }
  return api;
}

/** The bridge options for a provider: its manifest's, named after it. */
export function bridgeOptionsOf(manifest: ChatManifest): BridgeOptions {
  return bridgeOptions({ ...manifest.chat?.options, provider: manifest.name });
}

export interface ChatCall {
  model: string;
  input: unknown;
  options: CallOptions & Json;
  merged: CallOptions & Json & { onWarnings?: (w: Issue[]) => void };
  manifest: ChatManifest;
  boundary: Boundary;
  limits: Limits;
  store: ResponseStore | undefined;
  env: Record<string, string | undefined>;
  validate: boolean;
  /** The client's JSON-object reader (a MalformedBodyError for anything else). */
  jsonObject: (reply: Reply, provider: string) => Promise<Json>;
}

/** Issues of a strict check, without top-level keys the spec does not know (provider-specific fields passed through on purpose). */
const ownIssues = (r: { errors?: Issue[] }) => (r.errors ?? []).filter((e) => !(e.keyword === 'additionalProperties' && e.pointer.lastIndexOf('/') === 0));

export async function createChat(c: ChatCall): Promise<unknown> {
  const { manifest, boundary, limits } = c;
  const provider = manifest.name;
  const { body, parse } = buildBody(c.model, c.input, c.options);
  const stream = body.stream === true;
  // The chat leg keeps nothing: conversation state lives in the store, or is refused.
  if (body.store === true && !c.store) throw new StoreRequiredError(provider, 'store');
  const recording = await prepareConversation(body, { name: provider, stateless: true }, c.store);
  delete body.store;
  // Output items sent back are checked in their input form, but bridged as they are: the bridge reads
  // what the input form drops (a reasoning item's text, which DeepSeek and Kimi want back).
  const asSent = body.input;
  const fromProvider = replayProviderItems(body, 'openresponses');
  if (manifest.api === 'chat') checkSupported(manifest, body, stream ? 'stream' : 'create');
  const options = bridgeOptionsOf(manifest);
  assertBridgeable(body as BridgeRequest, options);
  // The chat endpoint's own base URL, where the manifest names one, stands in for the provider's default (apiBase and env vars still win).
  const conn = connect(manifest.chat?.baseURL ? { ...manifest, baseURL: manifest.chat.baseURL } : manifest, c.merged, c.env);
  boundary.connected(conn, manifest.auth?.header);
  const onWarnings = c.merged.onWarnings;
  const warn = (w: Issue[]) => w.length > 0 && onWarnings?.(boundary.issues(w, limits.maxIssues));
  const [validateResponses, validateChat] = c.validate ? await Promise.all([responsesValidator(), chatValidator()]) : [];
  if (validateResponses) {
    const { errors, warnings } = splitIssues(ownIssues(validateResponses(RESPONSES_REQUEST, body, { mode: 'strict' })), fromProvider);
    if (errors.length > 0) throw new SpecValidationError(RESPONSES_REQUEST, boundedIssues(errors, limits.maxIssues), 'the request');
    warn(warnings);
  }
  body.input = asSent;
  const chat = chatRequestFromResponses(body as BridgeRequest, options);
  if (validateChat) {
    // What the bridge made must be a valid chat request; a failure here is the bridge's bug, named as such.
    // The chat spec does not know the field replayed reasoning goes to (DeepSeek's, Kimi's reasoning_content): that one is meant.
    const replayed = options.reasoningReplay ? new RegExp(`^/messages/\\d+/${options.reasoningReplay.field}$`) : undefined;
    const issues = ownIssues(validateChat(CHAT_SCHEMAS.request, chat, { mode: 'strict' })).filter((i) => !(replayed && i.keyword === 'additionalProperties' && replayed.test(i.pointer)));
    if (issues.length > 0) throw new SpecValidationError(CHAT_SCHEMAS.request, boundedIssues(issues, limits.maxIssues), 'the bridged chat request');
  }
  const cfg = transportConfig(provider, conn, c.merged.clientArgs, stream, limits);
  const { controller, signal } = callSignal(c.merged.signal, stream);
  const res = await send(cfg, { method: 'POST', path: CHAT_PATH, body: chat, signal });
  if (stream) {
    const translator = new ChatStreamTranslator({ request: body as BridgeRequest, options });
    const check = validateChat
      ? (chunk: unknown) => {
          const r = validateChat(CHAT_SCHEMAS.chunk, chunk);
          if (!r.ok) throw new SpecValidationError(CHAT_SCHEMAS.chunk, boundedIssues(r.errors ?? [], limits.maxIssues), `a ${provider} chat chunk`);
          warn(r.warnings);
        }
      : undefined;
    return new ResponseStream(bridgedEvents(res, translator, provider, signal!, limits, check), controller!, {
      provider,
      maxIndex: limits.maxIndex,
      redact: (e) => boundary.error(e),
      onFinish: recording ? (r) => recordResponse(recording, body.input, r) : undefined,
    });
  }
  const payload = await c.jsonObject(res, provider);
  if (validateChat && !('error' in payload)) {
    const r = validateChat(CHAT_SCHEMAS.response, payload);
    if (!r.ok) throw new SpecValidationError(CHAT_SCHEMAS.response, boundedIssues(r.errors ?? [], limits.maxIssues), `the ${provider} chat completion`);
    warn(r.warnings);
  }
  const response = responseFromChat(payload as ChatCompletion, { request: body as BridgeRequest, options }) as unknown as Json;
  if (recording) await recordResponse(recording, body.input, response);
  const out = setOutputText(response);
  return parse ? { ...out, output_parsed: out.output_text === '' ? null : await parse(out.output_text) } : out;
}

/**
 * The bridged events of a chat SSE body, within the call's limits: each
 * `data` parsed (a MalformedEventError when it is not a JSON object),
 * checked tolerantly, translated; `[DONE]` or the end of the body ends the
 * translation (exactly one terminal event). A connection lost mid-stream is
 * an APIConnectionError, as on the Responses leg.
 */
async function* bridgedEvents(reply: Reply, translator: ChatStreamTranslator, provider: string, signal: AbortSignal, limits: Limits, check?: (chunk: unknown) => void): AsyncGenerator<StreamEvent> {
  if (!reply.response.body) throw new MalformedBodyError(`${provider}: the stream has no body`, { provider, status: reply.status });
  try {
    for await (const msg of parseSSE(reply.eventStream(), { maxLineLength: limits.maxLineLength, maxEventLength: limits.maxEventLength, provider })) {
      if (msg.data === '' || msg.data.trim() === '') continue;
      const chunk = parseEvent(msg, provider);
      check?.(chunk);
      const events = translator.push(chunk as ChatChunk);
      for (let k = 0; k < events.length; k++) yield events[k] as unknown as StreamEvent;
      if (translator.done) return;
    }
  } catch (e) {
    if (e instanceof AnyResponsesError || signal.aborted) throw e;
    throw new APIConnectionError(`${provider}: the connection was lost mid-stream (${(e as Error)?.message ?? String(e)})`, { provider, cause: e });
  }
  for (const e of translator.end()) yield e as unknown as StreamEvent;
}
