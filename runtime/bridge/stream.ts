/**
 * A chat completion stream -> the OpenResponses event stream, one chunk at a
 * time: `response.created` and `response.in_progress` on the first chunk
 * that carries anything, the item events as reasoning, text, refusals and
 * tool calls arrive (`stream-output.ts`), and exactly one terminal event
 * from `end()` (at `[DONE]` or the end of the body): `response.completed`,
 * `response.incomplete`, or `error` + `response.failed`. A streamed
 * `{"error": ...}` or `fail()` (a broken connection) ends it with
 * `error` + `response.failed`. The final response equals what
 * `responseFromChat` makes of the same content.
 *
 * Tolerated as recorded: chunks without `object` or with Perplexity's
 * `chat.completion.done`, empty `choices` (usage-only or Azure's
 * prompt-filter chunk), usage inside the choice (Moonshot) or under `x_groq`,
 * tool-call chunks without `index` (Mistral) or with `id: ""` (Alibaba),
 * content arrays with `thinking` parts (Mistral).
 */
import type { ResponseResource, ResponseStreamEvent } from 'anyresponses/openresponses';
import { chatAnnotations, citationAnnotations } from './citations.js';
import { contentParts, reasoningField } from './content.js';
import { assemble, echoOf, type Echo } from './envelope.js';
import { errorPayload, isChatError } from './errors.js';
import { outcomeOf } from './finish.js';
import { baseOf, idsFor } from './ids.js';
import { argumentsText, logprobsOf } from './items.js';
import { bridgeOptions, type BridgeOptions } from './options.js';
import { seconds, type BridgeContext } from './response.js';
import { StreamOutput, type CallItem } from './stream-output.js';
import type { ChatChunk, ChatChunkChoice, ChatToolCall, ChatUsage } from './types.js';
import { usageFromChat, usageOf } from './usage.js';

const IN_PROGRESS = { status: 'in_progress', incomplete: null, error: null } as const;

export class ChatStreamTranslator {
  private readonly options: BridgeOptions;
  private output: StreamOutput | undefined;
  private echo: Echo | undefined;
  private createdAt = 0;
  private model = '';
  private serviceTier: string | undefined;
  private usage: ChatUsage | undefined;
  private citations: string[] | undefined;
  private searchResults: ChatChunk['search_results'];
  /** Annotations sent in deltas (OpenAI search models), for the text they belong to. */
  private annotations: ReturnType<typeof chatAnnotations> = [];
  private finishReason: string | undefined;
  private responseId = '';
  private readonly callsByKey = new Map<string | number, CallItem>();
  private lastCall: CallItem | undefined;
  private final: ResponseResource | undefined;

  constructor(private readonly ctx: BridgeContext = {}) {
    this.options = bridgeOptions(ctx.options);
  }

  /** The events one chunk (a parsed `data` payload) makes. */
  push(chunk: ChatChunk): ResponseStreamEvent[] {
    if (this.final || chunk === null || typeof chunk !== 'object') return [];
    if (isChatError(chunk)) return this.fail(chunk);
    const choices = chunk.choices;
    const usage = usageOf(chunk);
    if (!this.output) {
      // Azure's prompt-filter chunk (no id, no choices) carries nothing to translate.
      if (!baseOf(chunk.id) && !(Array.isArray(choices) && choices.length) && !usage) return [];
      this.start(chunk);
    } else this.output.out = [];
    const out = this.output!;
    if (usage) this.usage = usage;
    if (!this.serviceTier && typeof chunk.service_tier === 'string' && chunk.service_tier) this.serviceTier = chunk.service_tier;
    if (Array.isArray(chunk.citations)) this.citations = chunk.citations;
    if (Array.isArray(chunk.search_results)) this.searchResults = chunk.search_results;
    if (Array.isArray(choices) && choices.length) {
      const choice = choices.length === 1 ? choices[0] : choices.find((c) => (c?.index ?? 0) === 0);
      if (choice && (choice.index ?? 0) === 0) this.choice(choice, out);
    }
    return out.out;
  }

  private choice(choice: ChatChunkChoice, out: StreamOutput): void {
    const delta = choice.delta;
    if (delta && typeof delta === 'object') {
      const reasoning = reasoningField(delta);
      if (reasoning) out.reasoning(reasoning);
      const c = delta.content;
      if (typeof c === 'string') {
        if (c !== '') out.text(c, choice.logprobs ? logprobsOf(choice.logprobs) : undefined);
      } else if (Array.isArray(c)) contentParts(c, (kind, text) => (kind === 'text' ? out.text(text) : out.reasoning(text)));
      if (delta.annotations) this.annotations.push(...chatAnnotations(delta.annotations));
      if (typeof delta.refusal === 'string' && delta.refusal !== '') out.refusal(delta.refusal);
      if (Array.isArray(delta.tool_calls)) for (const tc of delta.tool_calls) if (tc && typeof tc === 'object') this.toolCall(tc, out);
      const legacy = delta.function_call as ChatToolCall['function'] | undefined;
      if (legacy && typeof legacy === 'object') this.toolCall({ index: -1, function: legacy }, out);
    }
    const fr = choice.finish_reason;
    if (typeof fr === 'string' && fr !== '') {
      this.finishReason = fr;
      out.closeAll(outcomeOf(fr).status === 'incomplete');
    }
  }

  private toolCall(tc: ChatToolCall, out: StreamOutput): void {
    const id = typeof tc.id === 'string' ? tc.id : '';
    let call = (id && this.callsByKey.get(`id:${id}`)) || (typeof tc.index === 'number' ? this.callsByKey.get(tc.index) : id ? undefined : this.lastCall);
    if (!call) {
      call = out.newCall();
      if (typeof tc.index === 'number') this.callsByKey.set(tc.index, call);
    }
    if (id) this.callsByKey.set(`id:${id}`, call);
    this.lastCall = call;
    const name = tc.function?.name;
    out.callDelta(call, id, typeof name === 'string' ? name : '', argumentsText(tc.function?.arguments));
  }

  private start(chunk: ChatChunk): void {
    const ids = idsFor(baseOf(chunk.id) ?? this.options.newId());
    this.responseId = ids.response;
    const output = new StreamOutput(ids, (text) => {
      const own = this.annotations;
      this.annotations = [];
      return this.options.citations ? own.concat(citationAnnotations(text, this.citations, this.searchResults)) : own;
    });
    this.output = output;
    this.echo = echoOf(this.ctx.request, chunk.service_tier);
    const now = seconds(this.options.now());
    this.createdAt = typeof chunk.created === 'number' && chunk.created > 0 ? chunk.created : now;
    this.model = (typeof chunk.model === 'string' && chunk.model) || (typeof this.ctx.request?.model === 'string' ? this.ctx.request.model : '');
    output.out.push({ type: 'response.created', sequence_number: output.seq++, response: this.snapshot(ids.response, IN_PROGRESS) });
    output.out.push({ type: 'response.in_progress', sequence_number: output.seq++, response: this.snapshot(ids.response, IN_PROGRESS) });
  }

  private snapshot(id: string, outcome: Parameters<typeof assemble>[0]['outcome'], output = this.output!.output()): ResponseResource {
    const now = seconds(this.options.now());
    const echo = this.serviceTier ? { ...this.echo!, service_tier: this.serviceTier } : this.echo!;
    return assemble({ id, createdAt: this.createdAt, completedAt: Math.max(this.createdAt, now), model: this.model, outcome, output, usage: this.usage ? usageFromChat(this.usage) : null, echo });
  }

  private begin(): StreamOutput {
    const pending = this.output ? [] : (this.start({}), this.output!.out);
    this.output!.out = pending;
    return this.output!;
  }

  /** The terminal events: call at `[DONE]` or at the end of the body. */
  end(): ResponseStreamEvent[] {
    if (this.final) return [];
    const out = this.begin();
    const outcome = outcomeOf(this.finishReason);
    if (outcome.status === 'failed') return this.fail(outcome.error, out);
    out.closeAll(outcome.status === 'incomplete');
    this.final = this.snapshot(this.responseId, outcome);
    out.out.push({ type: outcome.status === 'completed' ? 'response.completed' : 'response.incomplete', sequence_number: out.seq++, response: this.final });
    return out.out;
  }

  /** Ends the stream with `error` + `response.failed`: a streamed error body, or a transport error (an `Error`). */
  fail(error: unknown, out = this.begin()): ResponseStreamEvent[] {
    if (this.final) return [];
    const payload = errorPayload(error);
    out.out.push({ type: 'error', sequence_number: out.seq++, error: payload });
    const failed = { status: 'failed' as const, incomplete: null, error: { code: payload.code ?? payload.type, message: payload.message } };
    this.final = this.snapshot(this.responseId, failed);
    out.out.push({ type: 'response.failed', sequence_number: out.seq++, response: this.final });
    return out.out;
  }

  /** The final response, once a terminal event was made. */
  get response(): ResponseResource | undefined {
    return this.final;
  }

  get done(): boolean {
    return this.final !== undefined;
  }
}
