/**
 * The mock server's memory: stored responses (with their input items),
 * conversations, and background responses that move from queued to
 * in_progress to completed, one step per retrieve.
 *
 * It is bounded: at most `maxStored` responses and conversations, and about
 * `maxStoredBytes` of them (each counted as the request body that made it
 * plus its output), the least recently stored or extended evicted first (the
 * newest is always kept). An evicted response is unknown from then on: a
 * retrieve gets a 404, a `previous_response_id` naming it a 400.
 */
type Json = Record<string, unknown>;

export interface StoredResponse {
  /** The finished response. */
  response: Json;
  /** This request's own input items (not the history). */
  input: Json[];
  /** The request's `previous_response_id`, for the history chain. */
  previous?: string;
  /** The events a stream of it carried, when it was streamed (for `starting_after`; a fault may have changed them). */
  events?: Json[];
  /** For background responses: the statuses still to come; the first is the current one. */
  pending?: Array<'queued' | 'in_progress'>;
  cancelled?: boolean;
}

export interface StoreBounds {
  maxStored: number;
  maxStoredBytes: number;
}

type Slot = { kind: 'response'; value: StoredResponse; bytes: number } | { kind: 'conversation'; value: Json[]; bytes: number };

export class Store {
  /** Responses (`r:` + id) and conversations (`c:` + id), least recently stored first. */
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;

  constructor(private readonly bounds: StoreBounds) {}

  /** Keeps a response; `bytes` is what it costs (about its request body and its output). */
  put(entry: StoredResponse, bytes: number): void {
    this.set(`r:${entry.response.id as string}`, { kind: 'response', value: entry, bytes });
  }

  get(id: string): StoredResponse | undefined {
    const slot = this.slots.get(`r:${id}`);
    return slot?.kind === 'response' ? slot.value : undefined;
  }

  delete(id: string): boolean {
    const slot = this.slots.get(`r:${id}`);
    if (!slot) return false;
    this.slots.delete(`r:${id}`);
    this.bytes -= slot.bytes;
    return true;
  }

  /** How many responses and conversations are kept, and their bytes as counted. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.slots.size, bytes: this.bytes };
  }

  /**
   * The responses of the chain that led to `id`, oldest first, at most `depth` of them;
   * undefined when the chain is longer (it stops early at a response no longer kept).
   */
  chain(id: string, depth: number): StoredResponse[] | undefined {
    const chain: StoredResponse[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      const entry = this.get(at);
      if (!entry) break;
      if (chain.length === depth) return undefined;
      chain.push(entry);
      at = entry.previous;
    }
    return chain.reverse();
  }

  /** The items of a conversation so far (empty when it is new or was evicted). */
  conversation(id: string): readonly Json[] {
    const slot = this.slots.get(`c:${id}`);
    return slot?.kind === 'conversation' ? slot.value : [];
  }

  /** Adds items to a conversation, which becomes the most recently used; `bytes` is what they cost. */
  extend(id: string, items: readonly Json[], bytes: number): void {
    const key = `c:${id}`;
    const slot = this.slots.get(key);
    const list = slot?.kind === 'conversation' ? slot.value : [];
    for (const item of items) list.push(item);
    this.set(key, { kind: 'conversation', value: list, bytes: (slot?.bytes ?? 0) + bytes });
  }

  /**
   * A background response as a poll sees it now, advancing it one step:
   * queued, then in_progress, then the finished response.
   */
  poll(entry: StoredResponse, snapshot: (status: 'queued' | 'in_progress') => Json): Json {
    if (entry.cancelled || !entry.pending || entry.pending.length === 0) return entry.response;
    const status = entry.pending.shift()!;
    return snapshot(status);
  }

  private set(key: string, slot: Slot): void {
    const old = this.slots.get(key);
    if (old) {
      this.slots.delete(key);
      this.bytes -= old.bytes;
    }
    this.slots.set(key, slot);
    this.bytes += slot.bytes;
    // Evict the least recently used, never the newest.
    for (const [k, s] of this.slots) {
      if (this.slots.size <= 1 || (this.slots.size <= this.bounds.maxStored && this.bytes <= this.bounds.maxStoredBytes)) break;
      this.slots.delete(k);
      this.bytes -= s.bytes;
    }
  }
}
