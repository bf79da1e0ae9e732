/**
 * Before the first `npm run generate` (a fresh clone: `npm run build` runs
 * first), `anyresponses/chat` and `anyresponses/openresponses` do not exist
 * yet. tsconfig's `paths` send these imports to the generated types; when
 * those are missing, TypeScript falls back to this pattern declaration (a
 * pattern ambient module is used only when no file resolves), so the build
 * gets through with loose types. Once generated, the real types are checked.
 */
declare module 'anyresponses/*' {
  type Loose = any;
  export type ChatCompletionMessageToolCall = Loose;
  export type ChatCompletionRequestAssistantMessage = Loose;
  export type ChatCompletionRequestMessage = Loose;
  export type ChatCompletionRequestMessageContentPartText = Loose;
  export type ChatCompletionRequestUserMessageContentPart = Loose;
  export type ChatCompletionResponseMessage = Loose;
  export type ChatCompletionStreamResponseDelta = Loose;
  export type ChatCompletionTokenLogprob = Loose;
  export type ChatCompletionTool = Loose;
  export type ChatCompletionToolChoiceOption = Loose;
  export type CompletionUsage = Loose;
  export type CreateChatCompletionRequest = Loose;
  export type CreateChatCompletionResponse = Loose;
  export type CreateChatCompletionStreamResponse = Loose;
  export type CreateResponseBody = Loose;
  export type ErrorPayload = Loose;
  export type FunctionCall = Loose;
  export type FunctionTool = Loose;
  export type FunctionToolParam = Loose;
  export type IncompleteDetails = Loose;
  export type ItemField = Loose;
  export type LogProb = Loose;
  export type Message = Loose;
  export type OutputTextContent = Loose;
  export type ReasoningBody = Loose;
  export type RefusalContent = Loose;
  export type ResponseResource = Loose;
  export type ResponseStreamEvent = Loose;
  export type TextField = Loose;
  export type UrlCitationBody = Loose;
  export type Usage = Loose;
}
