/**
 * The shapes the bridge reads and writes: the generated types of both specs
 * (`anyresponses/chat`, `anyresponses/openresponses`), widened only where
 * recorded providers send what the OpenAI chat schema does not declare.
 * Every widening names the providers that send it.
 */
import type {
  ChatCompletionRequestAssistantMessage,
  ChatCompletionRequestMessage,
  ChatCompletionResponseMessage,
  ChatCompletionStreamResponseDelta,
  ChatCompletionTokenLogprob,
  CompletionUsage,
  CreateChatCompletionRequest,
  CreateChatCompletionResponse,
  CreateChatCompletionStreamResponse,
} from 'anyresponses/chat';
import type { CreateResponseBody, FunctionToolParam, ResponseResource, ResponseStreamEvent } from 'anyresponses/openresponses';

export type { ResponseResource, ResponseStreamEvent };

/** A reasoning or text part inside `content` arrays (Mistral's `thinking` parts: `{type: "thinking", thinking: [{type: "text", text}]}`). */
export interface ChatContentPart {
  type?: string;
  text?: string;
  thinking?: Array<{ type?: string; text?: string }> | string;
  [key: string]: unknown;
}

/** Reasoning as providers send it beside the content. */
export interface ReasoningFields {
  /** DeepSeek, Moonshot, Alibaba, xAI, Azure (DeepSeek models). */
  reasoning_content?: string | null;
  /** Groq, Cerebras, OpenRouter. */
  reasoning?: string | null;
}

/** Usage as providers send it: OpenAI's `CompletionUsage` plus the cache and reasoning counters some put elsewhere. */
export type ChatUsage = Partial<Omit<CompletionUsage, 'prompt_tokens_details' | 'completion_tokens_details'>> & {
  prompt_tokens_details?: CompletionUsage['prompt_tokens_details'] | null;
  completion_tokens_details?: CompletionUsage['completion_tokens_details'] | null;
  /** Moonshot: cached prompt tokens at the top level. */
  cached_tokens?: number;
  /** DeepSeek: cache hits. */
  prompt_cache_hit_tokens?: number;
  /** Azure (DeepSeek models): reasoning tokens at the top level. */
  reasoning_tokens?: number;
  [key: string]: unknown;
};

/** The response message, with the content arrays and reasoning fields providers add. */
export type ChatMessage = Omit<Partial<ChatCompletionResponseMessage>, 'content' | 'tool_calls'> &
  ReasoningFields & {
    /** Mistral sends an array of `thinking` and `text` parts. */
    content?: string | ChatContentPart[] | null;
    tool_calls?: ChatToolCall[] | null;
    [key: string]: unknown;
  };

/** A tool call as received (Mistral omits `type`; some omit `index` or send `id: ""`). */
export interface ChatToolCall {
  index?: number;
  id?: string | null;
  type?: string;
  function?: { name?: string | null; arguments?: string | null };
}

export type ChatLogprobs = { content?: ChatCompletionTokenLogprob[] | null; refusal?: ChatCompletionTokenLogprob[] | null } | null;

/** One choice of a chat completion body. */
export interface ChatChoice {
  index?: number;
  message?: ChatMessage;
  finish_reason?: string | null;
  logprobs?: ChatLogprobs;
  [key: string]: unknown;
}

/** A chat completion body: OpenAI's, widened as recorded providers send it. */
export type ChatCompletion = Omit<Partial<CreateChatCompletionResponse>, 'choices' | 'usage' | 'object' | 'system_fingerprint' | 'service_tier'> & {
  choices?: ChatChoice[];
  usage?: ChatUsage | null;
  object?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  /** Perplexity: the sources that `[n]` markers in the text point at. */
  citations?: string[];
  /** Perplexity: titles and URLs of the sources. */
  search_results?: Array<{ title?: string; url?: string }>;
  /** Groq: usage repeated under `x_groq`. */
  x_groq?: { usage?: ChatUsage };
  [key: string]: unknown;
};

/** A streamed delta, widened like the message. */
export type ChatDelta = Omit<Partial<ChatCompletionStreamResponseDelta>, 'content' | 'tool_calls' | 'role'> &
  ReasoningFields & {
    content?: string | ChatContentPart[] | null;
    tool_calls?: ChatToolCall[] | null;
    role?: string | null;
    [key: string]: unknown;
  };

export interface ChatChunkChoice {
  index?: number;
  delta?: ChatDelta;
  finish_reason?: string | null;
  logprobs?: ChatLogprobs;
  /** Moonshot: usage inside the choice of the last chunk. */
  usage?: ChatUsage | null;
  [key: string]: unknown;
}

/** A stream chunk: `object` may be missing, empty or `chat.completion.done` (Perplexity); `choices` may be empty. */
export type ChatChunk = Omit<Partial<CreateChatCompletionStreamResponse>, 'choices' | 'usage' | 'object' | 'system_fingerprint' | 'service_tier'> & {
  choices?: ChatChunkChoice[];
  usage?: ChatUsage | null;
  object?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  citations?: string[];
  search_results?: Array<{ title?: string; url?: string }>;
  x_groq?: { usage?: ChatUsage };
  /** A provider error sent as a stream event. */
  error?: unknown;
  [key: string]: unknown;
};

/** An assistant message the bridge sends: OpenAI's, plus the reasoning field a provider wants back. */
export type ChatAssistantMessage = ChatCompletionRequestAssistantMessage & ReasoningFields;

export type ChatRequestMessage = Exclude<ChatCompletionRequestMessage, ChatCompletionRequestAssistantMessage> | ChatAssistantMessage;

/** The chat request the bridge makes: OpenAI's, with any provider-specific keys the caller passed through. */
export type ChatRequest = Omit<CreateChatCompletionRequest, 'messages'> & { messages: ChatRequestMessage[]; [key: string]: unknown };

/** A built-in (non-function) tool: what the chat leg cannot express. */
export interface HostedToolParam {
  type: string;
  [key: string]: unknown;
}

/**
 * What the bridge takes: an OpenResponses `CreateResponseBody` plus the
 * parameters any-llm's `responses()` accepts beyond it (`user`,
 * `conversation`, `prompt_cache_retention`, OpenAI's hosted tools, which the
 * bridge refuses) and any provider-specific key, passed through.
 */
export type BridgeRequest = Omit<CreateResponseBody, 'tools' | 'input'> & {
  input?: CreateResponseBody['input'] | Array<Record<string, unknown>>;
  tools?: Array<FunctionToolParam | HostedToolParam> | null;
  user?: string | null;
  conversation?: unknown;
  prompt_cache_retention?: string | null;
  [key: string]: unknown;
};
