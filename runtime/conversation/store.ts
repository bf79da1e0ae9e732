/**
 * Local conversation state, for providers that keep none (a manifest's
 * `stateless`) and for `store: false` calls: a `ResponseStore` holds, by
 * response id, the items of the conversation each response ends, and, by
 * conversation id, the items of a conversation. A client given one
 * (`createClient({ provider: 'ollama', store: memoryStore() })`) expands
 * `previous_response_id` and `conversation` into the full input before
 * sending, and records every response it gets (state.ts).
 *
 * The interface knows nothing of HTTP or of the Responses API's transport:
 * items are plain JSON objects, each method may return a promise, so a
 * store can be a Map, Redis (a list per conversation, a key per response)
 * or a database table. `memoryStore()` is the in-memory one, bounded by
 * `MEMORY_STORE_DEFAULTS`.
 */
import { ConfigurationError } from '../core/errors.js';

/** One conversation item: an input item or an output item, as JSON. */
export type StoredItem = Record<string, unknown>;

type Awaitable<T> = T | Promise<T>;

export interface ResponseStore {
  /** The items of the conversation response `id` ends (every earlier turn, its input, then its output), oldest first; undefined when unknown. */
  getResponse(id: string): Awaitable<readonly StoredItem[] | undefined>;
  /** Records the items of the conversation response `id` ends. */
  putResponse(id: string, items: readonly StoredItem[]): Awaitable<void>;
  /** The items of conversation `id`, oldest first; undefined (or []) for one never written. */
  getConversation(id: string): Awaitable<readonly StoredItem[] | undefined>;
  /** Appends one turn's items (its input, then the response's output) to conversation `id`. */
  appendConversation(id: string, items: readonly StoredItem[]): Awaitable<void>;
}

/** Whether a value is a ResponseStore (the four methods). */
export function isResponseStore(value: unknown): value is ResponseStore {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.getResponse === 'function' && typeof s.putResponse === 'function' && typeof s.getConversation === 'function' && typeof s.appendConversation === 'function';
}

/** The bounds of one `memoryStore()`; each defaults to MEMORY_STORE_DEFAULTS. */
export interface MemoryStoreOptions {
  /** Responses kept. */
  maxResponses?: number;
  /** Conversations kept. */
  maxConversations?: number;
  /** Item slots held by all entries together. */
  maxItems?: number;
}

/**
 * The bounds of a `memoryStore()`. Past any of them the least recently used
 * entries go (a response or a conversation; reading one counts as a use);
 * the entry just written always stays. Items are counted by reference: a
 * response's entry holds the whole conversation it ends, so a chain of n
 * turns costs about n²/2 item slots, while the items themselves are shared.
 * `Infinity` turns a bound off.
 */
export const MEMORY_STORE_DEFAULTS: Readonly<Required<MemoryStoreOptions>> = Object.freeze({
  /** Responses kept. */
  maxResponses: 1_000,
  /** Conversations kept. */
  maxConversations: 1_000,
  /** Item slots held by all entries together. */
  maxItems: 100_000,
});

function bound(options: MemoryStoreOptions, key: keyof typeof MEMORY_STORE_DEFAULTS): number {
  const v = options[key] ?? MEMORY_STORE_DEFAULTS[key];
  if (typeof v !== 'number' || !(v >= 1) || (!Number.isInteger(v) && v !== Infinity)) {
    throw new ConfigurationError(`memoryStore: ${key} must be a whole number of at least 1 (or Infinity), got ${JSON.stringify(v)}`);
  }
  return v;
}

/** An in-memory ResponseStore, bounded (see MEMORY_STORE_DEFAULTS). Lists are copied, items kept as given: do not change them afterwards. */
export function memoryStore(options: MemoryStoreOptions = {}): ResponseStore & { readonly size: { responses: number; conversations: number; items: number } } {
  const maxResponses = bound(options, 'maxResponses');
  const maxConversations = bound(options, 'maxConversations');
  const maxItems = bound(options, 'maxItems');
  // Maps iterate in insertion order: re-inserting on use keeps the least recently used first.
  const responses = new Map<string, readonly StoredItem[]>();
  const conversations = new Map<string, StoredItem[]>();
  let items = 0;

  const touch = <V>(map: Map<string, V>, id: string): V | undefined => {
    const v = map.get(id);
    if (v !== undefined) {
      map.delete(id);
      map.set(id, v);
    }
    return v;
  };
  /** Drops the least recently used entries until every bound holds; `keep` is the entry just written. */
  const evict = (keep: Map<string, unknown>, keepId: string) => {
    const drop = (map: Map<string, readonly StoredItem[]>): boolean => {
      const victim = oldest(map, map === keep ? keepId : undefined);
      if (victim === undefined) return false;
      items -= map.get(victim)!.length;
      map.delete(victim);
      return true;
    };
    for (;;) {
      if (responses.size > maxResponses) drop(responses);
      else if (conversations.size > maxConversations) drop(conversations);
      // The item bound: responses first, since each holds a whole conversation.
      else if (items <= maxItems || !(drop(responses) || drop(conversations))) return;
    }
  };

  return {
    getResponse: (id) => touch(responses, id),
    putResponse(id, list) {
      const prev = responses.get(id);
      if (prev) items -= prev.length;
      responses.delete(id);
      responses.set(id, [...list]);
      items += list.length;
      evict(responses, id);
    },
    getConversation: (id) => touch(conversations, id),
    appendConversation(id, list) {
      const existing = touch(conversations, id);
      if (existing) for (const item of list) existing.push(item);
      else conversations.set(id, [...list]);
      items += list.length;
      evict(conversations, id);
    },
    get size() {
      return { responses: responses.size, conversations: conversations.size, items };
    },
  };
}

/** The least recently used key of a map, other than `except`. */
function oldest(map: Map<string, unknown>, except: string | undefined): string | undefined {
  for (const k of map.keys()) if (k !== except) return k;
  return undefined;
}
