/**
 * The package root, `anyresponses`: `responses()` / `aresponses()` /
 * `createClient`, `runTools` and `defineTool`, streamed responses, structured
 * output, conversations (`toInputItems`, `memoryStore` and the ResponseStore
 * interface), WebSocket sessions (`connect`), and the error hierarchy. The wire types and validators live in
 * `anyresponses/openresponses` and `anyresponses/openai`. `npm run build`
 * bundles this module into one file (scripts/bundle-root.mjs).
 */
export {
  AbortError,
  AnyResponsesError,
  APIConnectionError,
  AuthenticationError,
  ConfigurationError,
  ContentFilterError,
  ContextLengthExceededError,
  GatewayTimeoutError,
  HttpStatusError,
  IdleTimeoutError,
  InsufficientFundsError,
  InvalidRequestError,
  MalformedBodyError,
  MalformedEventError,
  MissingApiKeyError,
  ModelNotFoundError,
  ProtocolError,
  ProviderError,
  RateLimitError,
  RedirectRefusedError,
  TimeoutError,
  UnexpectedContentTypeError,
  UnsupportedParameterError,
  UnsupportedProviderError,
  UpstreamProviderError,
  WaitTimeoutError,
} from './core/errors.js';
export { InvalidBaseURLError, InvalidOptionError, MissingBaseURLError, MissingProviderError, MissingSettingError } from './core/usage-errors.js';
export { ModelStringError } from './client/model.js';
export { InvalidArgumentError, UnknownSchemaError, UnknownSpecError } from './validation/error-base.js';
export {
  LIMITS,
  BodyTooLargeError,
  DecompressedBodyTooLargeError,
  IndexOutOfRangeError,
  LimitExceededError,
  MessageTooLargeError,
  SSEEventTooLargeError,
  SSELineTooLongError,
  StreamTooLargeError,
  TooManyRedirectsError,
  type LimitName,
  type Limits,
} from './core/limits.js';
export { SpecValidationError } from './validation/spec-error.js';
export { VALIDATION_LIMITS } from './validation/limits.js';
export { TOLERANT_MINIMUM } from './validation/tolerant-minimum.js';
export type { TolerantMinimum } from './validation/tolerant-minimum.js';
export { ResponseStream, StreamConsumedError, StreamError } from './stream/response-stream.js';
export { outputText, withOutputText } from './stream/output-text.js';
export { StructuredOutputError } from './client/structured.js';
export { defineTool, ToolArgumentsError, type ToolDefinition } from './client/tools.js';
export { responses, aresponses, createClient, type ResponsesOptions, type ClientOptions, type OperationOptions, type Operation, type WaitOptions } from './client/client.js';
export type { CallOptions, ClientArgs } from './client/params.js';
export type { StandardSchemaV1, StandardJSONSchemaV1 } from './client/standard-schema-types.js';
export { providerClient, type BoundProviderMetadata } from './client/provider-client.js';
export { createSpecClient, type SpecClient, type SpecClientOptions, type SpecClientDefaults, type SpecCallOptions, type SpecDescriptor, type GeneratedSpec } from './client/spec-client.js';
export { isNamespacedType } from './client/extensions.js';
export { UnknownParameterError } from './client/request-check.js';
export { runTools, ToolRoundsExceededError, UnknownToolError, type RunToolsOptions, type RunToolsResult } from './client/run-tools.js';
export { connect } from './ws/connect.js';
export { ResponsesSession } from './ws/session.js';
export { WS_DEFAULTS, type ConnectOptions, type ReconnectInfo, type ReconnectOptions } from './ws/options.js';
export type { WebSocketConstructor, WebSocketLike } from './ws/implementation.js';
export { QueueFullError, SessionClosedError, WebSocketClosedError, WebSocketUnavailableError } from './ws/errors.js';
export { toInputItems, type ToInputItemsOptions } from './conversation/to-input-items.js';
export { memoryStore, isResponseStore, MEMORY_STORE_DEFAULTS, type ResponseStore, type StoredItem, type MemoryStoreOptions } from './conversation/store.js';
export { StoreRequiredError, ConversationNotFoundError, ConversationStoreError } from './conversation/state.js';
