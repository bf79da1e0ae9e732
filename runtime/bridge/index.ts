/**
 * The Chat Completions bridge: pure translation between the Responses API
 * (OpenResponses shapes) and Chat Completions, independent of any client.
 *
 * - `chatRequestFromResponses(body, options)`: a Responses request -> a chat request (refuses first what cannot be expressed).
 * - `unsupportedParameters` / `assertBridgeable`: that refusal list, before any traffic.
 * - `responseFromChat(chat, {request, options})`: a chat completion body -> a `ResponseResource`.
 * - `ChatStreamTranslator` / `ChatSSETranslator`: chunks (or SSE bytes) -> `ResponseStreamEvent`s.
 * - `errorFromChatBody(body, {status, provider})`: an error body -> the runtime error class.
 * - the mapping tables, which `docs/bridge.md` is rendered from.
 */
export { chatRequestFromResponses } from './request.js';
export { unsupportedParameters, assertBridgeable, type Refusal } from './unsupported.js';
export { responseFromChat, type BridgeContext } from './response.js';
export { ChatStreamTranslator } from './stream.js';
export { ChatSSETranslator } from './sse.js';
export { errorFromChatBody, errorPayload, isChatError, STATUS_OF_TYPE, type ChatErrorContext } from './errors.js';
export { BRIDGE_DEFAULTS, bridgeOptions, type BridgeOptions, type ReasoningReplay } from './options.js';
export { FINISH_REASONS } from './finish.js';
export { REQUEST_MAPPING, RESPONSE_MAPPING, USAGE_MAPPING, CHAT_FIELDS, FINISH_MAPPING, KNOWN_REQUEST_FIELDS } from './mapping.js';
export type { BridgeRequest, ChatCompletion, ChatChunk, ChatRequest, ChatRequestMessage } from './types.js';
