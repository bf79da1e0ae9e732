/**
 * Emits `index.d.ts`, the types of the package root: the runtime's exports,
 * with `responses`/`aresponses`/`createClient` typed by provider (the model
 * string's `provider:` prefix picks OpenAI's `Response` or OpenResponses'
 * `ResponseResource`; a provider known only at run time gets the union), and
 * the type names any-llm documents, as aliases of the generated types.
 * Request options are typed the same way: the create-body type of the
 * flavor the provider picks (`CreateResponse`, `CreateResponseBody`), plus
 * the call settings; a key neither has is a compile error (provider extras
 * go in `extra_body`). `runTools` returns the provider's response type.
 * Fixed text: nothing from a schema reaches it.
 */
import type { EmittedFile } from '../ir/types.js';

const TEXT = `import type * as OR from './openresponses/types.js';
import type * as OA from './openai/types.js';
import type { OpenAIFlavorProvider, OpenResponsesFlavorProvider } from './providers/registry.js';
import type { CallOptions, ClientOptions, ConnectOptions, OperationOptions, ResponsesOptions, ResponsesSession, ResponseStream, RunToolsResult, StandardSchemaV1, ToolDefinition, WaitOptions } from '../dist/runtime/index.js';
export * from '../dist/runtime/index.js';
export type { ProviderName, OpenAIFlavorProvider, OpenResponsesFlavorProvider, ProviderManifest, ProviderMetadata } from './providers/registry.js';

/** A response from an OpenResponses server (LM Studio, Ollama, vLLM, ...). */
export type ResponseResource = OR.ResponseResource;
/** A response from OpenAI's API (and OpenAI-flavoured providers). */
export type Response = OA.Response;
/** A stream event of either flavour. */
export type ResponseStreamEvent = OR.ResponseStreamEvent | OA.ResponseStreamEvent;
/** What \`input\` accepts: a string, or a list of input items and output items of earlier responses (\`[...r1.output, next]\`: \`responses()\` turns output items into input items). */
export type ResponseInputParam = string | ReadonlyArray<OR.ItemParam | OR.ItemField | OA.InputItem | OA.OutputItem>;
/** An assistant message in a response's output. */
export type ResponseOutputMessage = OR.Message | OA.OutputMessage;
/** The parameters of \`responses()\` (any-llm's, by wire name, plus client settings). */
export type ResponsesParams = ResponsesOptions;

/**
 * A response's output items as the flavor's input items, strictly valid as the next turn's \`input\`:
 * what the input form does not allow is dropped, ids, call ids and encrypted content are kept,
 * items of a type the spec does not know pass unchanged (docs/replay.md lists every change).
 */
export declare function toInputItems(output: readonly (OA.OutputItem | OA.InputItem)[], options: { flavor: 'openai' }): OA.InputItem[];
export declare function toInputItems(output: readonly (OR.ItemField | OR.ItemParam)[], options: { flavor: 'openresponses' }): OR.ItemParam[];

type Flavor<M extends string, P> = P extends OpenAIFlavorProvider
  ? 'openai'
  : P extends OpenResponsesFlavorProvider
    ? 'openresponses'
    : M extends \`\${OpenAIFlavorProvider}:\${string}\`
      ? 'openai'
      : M extends \`\${OpenResponsesFlavorProvider}:\${string}\`
        ? 'openresponses'
        : 'either';
type ResponseOf<F> = F extends 'openai' ? OA.Response : F extends 'openresponses' ? OR.ResponseResource : OA.Response | OR.ResponseResource;
type EventOf<F> = F extends 'openai' ? OA.ResponseStreamEvent : F extends 'openresponses' ? OR.ResponseStreamEvent : ResponseStreamEvent;
type Parsed<O> = O extends { response_format: StandardSchemaV1<any, infer T> } ? { output_parsed: T | null } : O extends { response_format: object } ? { output_parsed: unknown } : {};
type ProviderOf<O> = O extends { provider: infer P } ? P : undefined;
/** The flavor of a call's results: OpenResponses on the Chat Completions leg (\`api: 'chat'\`), else the provider's. */
type CallFlavor<M extends string, O> = O extends { api: 'chat' } ? 'openresponses' : Flavor<M, ProviderOf<O>>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Partial<Omit<T, K>> : never;
type KeysOf<T> = T extends unknown ? keyof T : never;
type CreateBodyOf<F> = F extends 'openai' ? OA.CreateResponse : F extends 'openresponses' ? OR.CreateResponseBody : OA.CreateResponse | OR.CreateResponseBody;
type ToolOf<F> = CreateBodyOf<F> extends infer B ? (B extends { tools?: infer T } ? (NonNullable<T> extends ReadonlyArray<infer X> ? X : never) : never) : never;
/** O, with every key that \`T\` does not have typed \`never\`: a misspelled option is a compile error. */
export type Exact<O, T> = O & { [K in Exclude<keyof O, KeysOf<T>>]: never };

/**
 * The options of \`responses()\` for a flavor: the fields of its create body (\`model\` and
 * \`input\` are arguments; \`tools\` also takes \`defineTool()\` results), the call settings
 * (\`apiKey\`, \`apiBase\`, \`limits\`, \`response_format\`...) and \`extra_body\` for what the
 * spec does not have (\`top_k\`), merged into the body after the request check.
 */
export type ResponsesOptionsFor<F> = CallOptions &
  DistributiveOmit<CreateBodyOf<F>, 'model' | 'input' | 'tools' | 'stream' | 'store' | 'conversation'> & {
    tools?: ReadonlyArray<ToolOf<F> | ToolDefinition<any, any>>;
    stream?: boolean | null;
    /** The wire parameter (true/false), or a ResponseStore: this call's conversation store. */
    store?: ResponsesOptions['store'] | null;
    /** A conversation id (or \`{ id }\`): the provider's, or on any provider one of the conversation store's. */
    conversation?: string | { id: string } | null;
    onWarnings?: ResponsesOptions['onWarnings'];
    env?: Record<string, string | undefined>;
  };
/**
 * The options of a provider module's \`create\` and \`stream\` (\`anyresponses/providers/<name>\`): those of
 * \`responses()\` for the provider's flavor, less \`stream\` and \`provider\` (the method and the module say them).
 */
export type ProviderCallOptions<P extends string> = Omit<ResponsesOptionsFor<Flavor<\`\${P}:\`, undefined>>, 'stream' | 'provider'>;
/**
 * Every method a provider module's client (\`anyresponses/providers/<name>\`) can have, for provider \`P\`
 * whose responses are \`R\` and stream events \`E\`: each module's client type picks the ones its provider supports.
 */
export interface ProviderClientMethods<P extends string, R, E> {
  /** Creates a response (with \`api: 'chat'\`, on the Chat Completions leg, in OpenResponses shapes). */
  create<const O extends ProviderCallOptions<P>>(model: string, input: ResponseInputParam, options?: Exact<O, ProviderCallOptions<P>>): Promise<ResponsesResult<\`\${P}:\${string}\`, O>>;
  /** Creates a response and streams its events. */
  stream<const O extends ProviderCallOptions<P>>(model: string, input: ResponseInputParam, options?: Exact<O, ProviderCallOptions<P>>): Promise<ResponsesResult<\`\${P}:\${string}\`, O & { stream: true }>>;
  /** Retrieves a stored response. */
  retrieve(id: string, options?: Omit<OperationOptions, 'provider'>): Promise<R & { output_text: string }>;
  /** Cancels a background response. */
  cancel(id: string, options?: Omit<OperationOptions, 'provider'>): Promise<R & { output_text: string }>;
  /** Deletes a stored response. */
  delete(id: string, options?: Omit<OperationOptions, 'provider'>): Promise<unknown>;
  /** Lists the input items of a stored response. */
  inputItems(id: string, options?: Omit<OperationOptions, 'provider'>): Promise<{ data: unknown[]; [key: string]: unknown }>;
  /** Compacts a conversation. */
  compact(body: Record<string, unknown>, options?: Omit<OperationOptions, 'provider'>): Promise<Record<string, unknown>>;
  /** Counts the input tokens of a request. */
  inputTokens(body: Record<string, unknown>, options?: Omit<OperationOptions, 'provider'>): Promise<{ input_tokens: number; [key: string]: unknown }>;
  /** A WebSocket session (WebSocket mode): turns one after another on one socket, each a ResponseStream. */
  connect(model: string, options?: Omit<ConnectOptions, 'provider'>): Promise<Omit<ResponsesSession, 'create'> & {
    create(input: ResponseInputParam, options?: Omit<ResponsesOptions, 'stream' | 'provider'>): Promise<ResponseStream<E & { type: string }, R & Record<string, unknown>>>;
  }>;
}
/** The options of \`runTools()\` for a flavor: those of \`responses()\`, with the tools to run. */
export type RunToolsOptionsFor<F> = ResponsesOptionsFor<F> & { tools: ReadonlyArray<ToolOf<F> | ToolDefinition<any, any>>; maxRounds?: number; /** Run every round as a turn of this WebSocket session. */ session?: ResponsesSession | SessionOf<any> };

type StreamResult<M extends string, O> = ResponseStream<EventOf<CallFlavor<M, O>> & { type: string }, ResponseOf<CallFlavor<M, O>> & Record<string, unknown>>;
type BodyResult<M extends string, O> = ResponseOf<CallFlavor<M, O>> & { output_text: string } & Parsed<O>;
/**
 * The result of \`responses(model, input, options)\`: a response (with \`output_text\`), a ResponseStream
 * with \`stream: true\`, and either when \`stream\` is a boolean known only at run time (as openai-node types it).
 */
export type ResponsesResult<M extends string, O> = O extends { stream: true }
  ? StreamResult<M, O>
  : O extends { stream: infer S }
    ? true extends S
      ? StreamResult<M, O> | BodyResult<M, O>
      : BodyResult<M, O>
    : BodyResult<M, O>;

/**
 * Creates a response on any provider that speaks the Responses API.
 * \`model\` is "provider:model" (or a bare model with \`options.provider\`).
 * Returns a promise: JavaScript has no synchronous network I/O.
 */
export declare function responses<M extends string, const O extends ResponsesOptionsFor<Flavor<M, undefined>>>(model: M, input: ResponseInputParam, options?: Exact<O, ResponsesOptionsFor<Flavor<M, undefined>>>): Promise<ResponsesResult<M, O>>;
/**
 * Runs the model's function calls with \`tools\` until it answers without one (at most
 * \`maxRounds\`); the result's \`response\` is the provider's response type, as for \`responses\`.
 */
export declare function runTools<M extends string, const O extends RunToolsOptionsFor<Flavor<M, undefined>>>(model: M, input: ResponseInputParam, options: Exact<O, RunToolsOptionsFor<Flavor<M, undefined>>>): Promise<RunToolsResult<ResponseOf<Flavor<M, ProviderOf<O>>>>>;
/** The same as \`responses\` (any-llm's async name; both return promises here). */
export declare const aresponses: typeof responses;
/** A WebSocket session whose turns are ResponseStreams of one flavor (the provider's). */
export type SessionOf<F> = Omit<ResponsesSession, 'create'> & {
  /** Sends a \`response.create\` (queued behind the turn in flight); resolves at the turn's first event. */
  create(input: ResponseInputParam, options?: Omit<ResponsesOptions, 'stream' | 'provider'>): Promise<ResponseStream<EventOf<F> & { type: string }, ResponseOf<F> & Record<string, unknown>>>;
};
/**
 * Opens a WebSocket session (WebSocket mode) with a provider whose manifest has one: turns run
 * one after another on one socket, each returning the same ResponseStream a streamed call does.
 */
export declare function connect<M extends string, const O extends ConnectOptions = {}>(model: M, options?: O & ConnectOptions): Promise<SessionOf<Flavor<M, ProviderOf<O>>>>;
/** A reusable client with defaults for every call. */
export declare function createClient<const D extends ClientOptions = {}>(defaults?: D & ClientOptions): {
  responses<M extends string, const O extends ResponsesOptionsFor<Flavor<M, ProviderOf<D>>>>(model: M, input: ResponseInputParam, options?: Exact<O, ResponsesOptionsFor<Flavor<M, ProviderOf<D>>>>): Promise<ResponsesResult<M, O & Pick<D, Extract<'provider' | 'api', keyof D>>>>;
  /** Retrieves a stored response (where the provider supports it). */
  retrieve(id: string, options?: OperationOptions): Promise<ResponseOf<Flavor<'', ProviderOf<D>>> & { output_text: string }>;
  /** Cancels a background response. */
  cancel(id: string, options?: OperationOptions): Promise<ResponseOf<Flavor<'', ProviderOf<D>>> & { output_text: string }>;
  /** Deletes a stored response. */
  delete(id: string, options?: OperationOptions): Promise<unknown>;
  /** Lists the input items of a stored response. */
  inputItems(id: string, options?: OperationOptions): Promise<{ data: unknown[]; [key: string]: unknown }>;
  /** Compacts a conversation. */
  compact(body: Record<string, unknown>, options?: OperationOptions): Promise<Record<string, unknown>>;
  /** Counts the input tokens of a request. */
  inputTokens(body: Record<string, unknown>, options?: OperationOptions): Promise<{ input_tokens: number; [key: string]: unknown }>;
  /** Polls a background response until it leaves queued/in_progress. */
  waitFor(id: string, options?: WaitOptions): Promise<ResponseOf<Flavor<'', ProviderOf<D>>> & { output_text: string }>;
  /** Resumes a stored response's stream after the event with sequence number \`startingAfter\`. */
  resume(id: string, startingAfter: number, options?: OperationOptions): Promise<ResponseStream<EventOf<Flavor<'', ProviderOf<D>>> & { type: string }, ResponseOf<Flavor<'', ProviderOf<D>>> & Record<string, unknown>>>;
  /** A WebSocket session with this client's defaults (where the provider has WebSocket mode). */
  connect<M extends string>(model: M, options?: ConnectOptions): Promise<SessionOf<Flavor<M, ProviderOf<D>>>>;
};
`;

export function emitRootTypes(): EmittedFile[] {
  return [{ path: 'index.d.ts', header: 'ts', contents: TEXT }];
}
