/**
 * Conversation state in a call (client.ts runs these before any traffic):
 *
 * - **Expansion.** `previous_response_id` and `conversation` are turned into
 *   the full input from the call's ResponseStore where the provider cannot
 *   resolve them: always on a stateless provider (its manifest's
 *   `stateless`; without a store the call is refused, saying how to opt
 *   in), and for a `store: false` call whose previous response the store
 *   holds. Anywhere else they are sent as they are: the provider keeps the
 *   conversation.
 * - **Recording.** With a store, a self-contained request (no
 *   `previous_response_id` or `conversation` left in it) records its
 *   response once finished, streamed or not: the items of the conversation
 *   it ends under its id, and this turn's items under its conversation.
 * - **Reasoning for replay.** A `store: false` call, or one to a stateless
 *   provider, asks for `include: ['reasoning.encrypted_content']` unless
 *   the caller set `include` (`include: []` asks for nothing), so its
 *   reasoning items can be sent back on the next turn.
 */
import { AnyResponsesError, UnsupportedParameterError } from '../core/errors.js';
import type { ResponseStore, StoredItem } from './store.js';

type Json = Record<string, unknown>;

/** What the client needs from a manifest here. */
export interface StateManifest {
  name: string;
  stateless?: boolean;
}

/** A stateless provider was asked to continue a conversation, and the call has no store. */
export class StoreRequiredError extends UnsupportedParameterError {
  constructor(provider: string, parameter: string) {
    super(
      provider,
      parameter,
      `${provider} keeps no conversation state. Opt in to local state and the whole conversation is sent as input: createClient({ provider: '${provider}', store: memoryStore() }) (or pass store: memoryStore() to this call; any ResponseStore works, e.g. one backed by Redis or a database)`,
    );
  }
}

/** `previous_response_id` or `conversation` names something the store does not hold, on a provider that cannot resolve it. */
export class ConversationNotFoundError extends AnyResponsesError {}

/** A ResponseStore failed (its error is the `cause`); `response` is the response it was recording, when there was one. */
export class ConversationStoreError extends AnyResponsesError {
  constructor(
    message: string,
    readonly response?: Json,
    cause?: unknown,
    provider?: string,
  ) {
    super(message, { cause, provider });
  }
}

/** What to record once the response is finished. */
export interface Recording {
  store: ResponseStore;
  /** How many items at the start of the sent input are earlier turns (not this turn's). */
  history: number;
  conversation?: string;
  provider: string;
}

export const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/** The request's input as a list of items (a string is one user message), or undefined when it is neither. */
function asItems(input: unknown): StoredItem[] | undefined {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? (input as StoredItem[]) : undefined;
}

function conversationId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const id = value && typeof value === 'object' ? (value as Json).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

async function guarded<T>(what: string, provider: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new ConversationStoreError(`the conversation store failed to ${what}: ${(e as Error)?.message ?? String(e)}`, undefined, e, provider);
  }
}

/**
 * Expands `previous_response_id`/`conversation` where needed (changing
 * `body`) and says what to record afterwards; throws before any traffic
 * when a stateless provider is asked for state it cannot have.
 */
export async function prepareConversation(body: Json, manifest: StateManifest, store: ResponseStore | undefined): Promise<Recording | undefined> {
  const provider = manifest.name;
  const prev = typeof body.previous_response_id === 'string' ? body.previous_response_id : undefined;
  const convRaw = body.conversation ?? undefined;
  const conv = conversationId(convRaw);
  if (manifest.stateless && (prev !== undefined || convRaw !== undefined) && !store) {
    throw new StoreRequiredError(provider, prev !== undefined ? 'previous_response_id' : 'conversation');
  }
  if (!store) return undefined;
  const input = asItems(body.input);
  if (!input) return undefined;

  let history: readonly StoredItem[] | undefined;
  if (prev !== undefined && (manifest.stateless || body.store === false)) {
    history = await guarded(`read response '${prev}'`, provider, () => store.getResponse(prev));
    if (history === undefined && manifest.stateless) {
      throw new ConversationNotFoundError(`previous_response_id '${prev}' is not in the conversation store: it was not recorded there (a response is recorded when a call with this store finishes), or it was evicted (see MEMORY_STORE_DEFAULTS)`, { provider, param: 'previous_response_id' });
    }
    if (history !== undefined) delete body.previous_response_id;
  } else if (convRaw !== undefined && manifest.stateless) {
    if (conv === undefined) throw new ConversationNotFoundError(`conversation must be an id or { id }, got ${JSON.stringify(convRaw)}`, { provider, param: 'conversation' });
    history = (await guarded(`read conversation '${conv}'`, provider, () => store.getConversation(conv))) ?? [];
    delete body.conversation;
  }
  if (history !== undefined) body.input = [...history, ...input];
  // Anything still to resolve is the provider's: the store cannot know the whole conversation.
  if (body.previous_response_id != null || body.conversation != null) return undefined;
  return { store, history: history?.length ?? 0, conversation: history !== undefined && convRaw !== undefined ? conv : undefined, provider };
}

/** Asks for encrypted reasoning where the provider will not keep it (store: false, a stateless provider), unless `include` was set. */
export function addReasoningInclude(body: Json, manifest: StateManifest): void {
  if (body.include === undefined && (body.store === false || manifest.stateless)) body.include = [ENCRYPTED_REASONING];
}

/** Records a finished response: the conversation it ends under its id, and this turn under its conversation. */
export async function recordResponse(rec: Recording, sent: unknown, response: Json): Promise<void> {
  const id = response.id;
  if (typeof id !== 'string' || id === '') return;
  const input = asItems(sent) ?? [];
  const output = Array.isArray(response.output) ? (response.output as StoredItem[]) : [];
  try {
    await rec.store.putResponse(id, [...input, ...output]);
    if (rec.conversation !== undefined) await rec.store.appendConversation(rec.conversation, [...input.slice(rec.history), ...output]);
  } catch (e) {
    throw new ConversationStoreError(`the conversation store failed to record response '${id}': ${(e as Error)?.message ?? String(e)} (the response is on this error's \`response\`)`, response, e, rec.provider);
  }
}
