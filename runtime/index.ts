/**
 * The package root. What exists so far of the `responses()` runtime: the
 * error hierarchy, streamed responses, structured output and tools. The
 * call itself (`responses()` / `aresponses()` / `createClient`) is still to
 * come; the wire types live in `anyresponses/openresponses` and
 * `anyresponses/openai`.
 */
export {
  AbortError,
  AnyResponsesError,
  APIConnectionError,
  AuthenticationError,
  ContentFilterError,
  ContextLengthExceededError,
  GatewayTimeoutError,
  InsufficientFundsError,
  InvalidRequestError,
  MissingApiKeyError,
  ModelNotFoundError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  UnsupportedParameterError,
  UnsupportedProviderError,
  UpstreamProviderError,
} from './core/errors.js';
export { SpecValidationError } from './validation/spec-error.js';
export { ResponseStream, StreamError } from './stream/response-stream.js';
export { outputText, withOutputText } from './stream/output-text.js';
export { StructuredOutputError } from './client/structured.js';
export { defineTool, ToolArgumentsError, type ToolDefinition } from './client/tools.js';
export { responses, aresponses, createClient, type ResponsesOptions, type ClientOptions, type OperationOptions, type Operation, type WaitOptions } from './client/client.js';
export { runTools, ToolRoundsExceededError, type RunToolsOptions, type RunToolsResult } from './client/run-tools.js';
