/**
 * The mock server's memory: stored responses (with their input items and
 * stream events), conversations, and background responses that move from
 * queued to in_progress to completed, one step per retrieve.
 */
type Json = Record<string, unknown>;

export interface StoredResponse {
  /** The finished response. */
  response: Json;
  /** This request's own input items (not the history). */
  input: Json[];
  /** The request's `previous_response_id`, for the history chain. */
  previous?: string;
  /** The events a stream of it carries, when it was streamed (for `starting_after`). */
  events?: Json[];
  /** For background responses: the statuses still to come; the first is the current one. */
  pending?: Array<'queued' | 'in_progress'>;
  cancelled?: boolean;
}

export class Store {
  private readonly responses = new Map<string, StoredResponse>();
  private readonly conversations = new Map<string, Json[]>();

  put(entry: StoredResponse): void {
    this.responses.set(entry.response.id as string, entry);
  }

  get(id: string): StoredResponse | undefined {
    return this.responses.get(id);
  }

  delete(id: string): boolean {
    return this.responses.delete(id);
  }

  /** Every item of the conversation that led to `id`: each earlier request's input and output, oldest first. */
  history(id: string): Json[] {
    const chain: StoredResponse[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      const entry = this.responses.get(at);
      if (!entry) break;
      chain.unshift(entry);
      at = entry.previous;
    }
    return chain.flatMap((e) => [...e.input, ...(e.response.output as Json[])]);
  }

  conversation(id: string): Json[] {
    let items = this.conversations.get(id);
    if (!items) this.conversations.set(id, (items = []));
    return items;
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
}
