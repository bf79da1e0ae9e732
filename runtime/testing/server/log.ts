/**
 * `server.requests`: the newest `maxLoggedRequests` requests, in order, with
 * their bodies while they fit in `maxLoggedBodyChars` all told. A body is
 * handled from the handler's own copy; the log keeps it only within that
 * budget, dropping the oldest first (and one larger than the budget as soon
 * as its request has been recorded), so a stream of large requests cannot
 * fill the server's memory.
 */
import type { ReceivedRequest } from './received.js';

export class RequestLog {
  /** The entries, oldest first: the array `server.requests` is. */
  readonly entries: ReceivedRequest[] = [];
  /** Entries whose bodies are still kept, oldest first, from `kept` on. */
  private readonly withBody: ReceivedRequest[] = [];
  private kept = 0;
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBodyChars: number,
  ) {}

  /** Appends a request (with its body, for observers that read it now), then applies both bounds. */
  add(request: ReceivedRequest): void {
    this.entries.push(request);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
    if (request.rawBody === '' && request.body === undefined) return;
    this.withBody.push(request);
    this.chars += request.rawBody.length;
  }

  /** Drops the bodies of the oldest entries until the kept ones fit in the budget. */
  trim(): void {
    while (this.chars > this.maxBodyChars && this.kept < this.withBody.length) {
      const oldest = this.withBody[this.kept++];
      this.chars -= oldest.rawBody.length;
      oldest.body = undefined;
      oldest.rawBody = '';
      oldest.bodyDropped = true;
    }
    // Compact now and then, so the list of kept bodies does not grow with the dropped ones.
    if (this.kept > 1024 && this.kept * 2 > this.withBody.length) {
      this.withBody.splice(0, this.kept);
      this.kept = 0;
    }
  }
}
