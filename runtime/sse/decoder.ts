/**
 * An incremental Server-Sent Events decoder, correct for any split of the
 * bytes into chunks (inside a multi-byte UTF-8 character, between a CR and
 * its LF). It follows the WHATWG event-stream rules: CR, LF and CRLF line
 * ends; `:` comment lines (heartbeats) ignored; `data` lines joined with
 * `\n`; `event`, `id` and `retry` fields; a blank line dispatches; a leading
 * BOM is dropped; what is pending at the end is flushed (a missing final
 * blank line loses nothing).
 */

export interface SSEMessage {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

export class SSEDecoder {
  private readonly text = new TextDecoder('utf-8');
  private buffer = '';
  private sawCR = false;
  private started = false;
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  private retry: number | undefined;

  /** Feeds bytes (or already-decoded text); returns the messages completed by them. */
  push(chunk: Uint8Array | string): SSEMessage[] {
    let text = typeof chunk === 'string' ? chunk : this.text.decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR that ended the previous chunk already ended its line: skip the LF of a split CRLF.
    if (this.sawCR && text.charCodeAt(0) === 10) text = text.slice(1);
    this.sawCR = false;
    this.buffer += text;
    const out: SSEMessage[] = [];
    let start = 0;
    const buf = this.buffer;
    // Next CR and LF positions, searched again only once passed (no rescans: linear per chunk).
    let lf = buf.indexOf('\n');
    let cr = buf.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < start) lf = buf.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = buf.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 < buf.length) next = buf.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        else {
          next = cr + 1;
          this.sawCR = true;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      this.line(buf.slice(start, end), out);
      start = next;
    }
    this.buffer = start === 0 ? buf : buf.slice(start);
    return out;
  }

  /** Ends the stream: flushes a last line and a last message without their blank line. */
  end(): SSEMessage[] {
    const out = this.push(this.text.decode());
    if (this.buffer.length > 0) {
      this.line(this.buffer, out);
      this.buffer = '';
    }
    this.dispatch(out);
    return out;
  }

  private line(line: string, out: SSEMessage[]): void {
    if (line.length === 0) return this.dispatch(out);
    if (line.charCodeAt(0) === 58 /* : */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
  }

  private dispatch(out: SSEMessage[]): void {
    if (this.data.length === 0) {
      this.event = undefined;
      return;
    }
    const msg: SSEMessage = { data: this.data.join('\n') };
    if (this.event !== undefined) msg.event = this.event;
    if (this.id !== undefined) msg.id = this.id;
    if (this.retry !== undefined) msg.retry = this.retry;
    out.push(msg);
    this.data = [];
    this.event = undefined;
  }
}

/** The end-of-stream marker some servers send as the last `data`. */
export const DONE = '[DONE]';

/** Yields the messages of a byte stream, stopping at `[DONE]`. */
export async function* parseSSE(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<SSEMessage> {
  const decoder = new SSEDecoder();
  const iterable = Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array>) : readableToIterable(source as ReadableStream<Uint8Array>);
  for await (const chunk of iterable) {
    for (const msg of decoder.push(chunk)) {
      if (msg.data === DONE) return;
      yield msg;
    }
  }
  for (const msg of decoder.end()) {
    if (msg.data === DONE) return;
    yield msg;
  }
}

async function* readableToIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Parses the JSON of one message, with a clear error naming the offending text. */
export function parseEventData(msg: SSEMessage): unknown {
  try {
    return JSON.parse(msg.data);
  } catch (e) {
    const text = msg.data.length > 120 ? msg.data.slice(0, 117) + '...' : msg.data;
    throw new SyntaxError(`malformed SSE event${msg.event ? ` '${msg.event}'` : ''}: ${(e as Error).message}; data: ${text}`);
  }
}
