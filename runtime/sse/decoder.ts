/**
 * An incremental Server-Sent Events decoder, correct for any split of the
 * bytes into chunks (inside a multi-byte UTF-8 character, between a CR and
 * its LF). It follows the WHATWG event-stream rules: CR, LF and CRLF line
 * ends; `:` comment lines (heartbeats) ignored; `data` lines joined with
 * `\n`; `event`, `id` and `retry` fields; a blank line dispatches; a leading
 * BOM is dropped; what is pending at the end is flushed (a missing final
 * blank line loses nothing).
 */
import { MalformedEventError } from '../core/errors.js';
import { LIMITS, SSEEventTooLargeError, SSELineTooLongError } from '../core/limits.js';

export interface SSEMessage {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

export interface SSEDecoderOptions {
  /** Longest line, in characters (default LIMITS.maxLineLength). */
  maxLineLength?: number;
  /** Largest event (its data lines together), in characters (default LIMITS.maxEventLength). */
  maxEventLength?: number;
  /** Named in the errors. */
  provider?: string;
}

/**
 * Each chunk is scanned once: line ends are searched only in the new text, and
 * the start of a line still open is kept apart (`pending`) until its end
 * arrives, so a long line in many chunks costs its length, not its length
 * times the number of chunks. Lines and events past their limits throw
 * SSELineTooLongError / SSEEventTooLargeError as soon as they are passed.
 */
export class SSEDecoder {
  // The stream's leading BOM is dropped below, once; a decoder that dropped one per decode call would drop U+FEFF at the start of a line.
  private readonly text = new TextDecoder('utf-8', { ignoreBOM: true });
  private pending = '';
  private sawCR = false;
  private started = false;
  private data: string[] = [];
  private dataLength = 0;
  private event: string | undefined;
  private id: string | undefined;
  private retry: number | undefined;
  private readonly maxLine: number;
  private readonly maxEvent: number;
  private readonly provider: string | undefined;

  constructor(options: SSEDecoderOptions = {}) {
    this.maxLine = options.maxLineLength ?? LIMITS.maxLineLength;
    this.maxEvent = options.maxEventLength ?? LIMITS.maxEventLength;
    this.provider = options.provider;
  }

  /**
   * Feeds bytes (or already-decoded text); returns the messages completed by them.
   * Bytes are decoded a line at a time (up to each LF): a line of ASCII becomes a
   * one-byte string even when another line of the chunk holds a multi-byte
   * character, which makes it several times cheaper to slice and to JSON.parse.
   * The bytes before the first LF and after the last go through the streaming
   * decoder, which keeps a character split across chunks; an LF is never inside a
   * multi-byte character, so the state it holds is empty at each LF.
   */
  push(chunk: Uint8Array | string): SSEMessage[] {
    const out: SSEMessage[] = [];
    if (typeof chunk === 'string') {
      this.feed(chunk, out);
      return out;
    }
    let lf = chunk.indexOf(10);
    if (lf === -1) {
      this.feed(this.text.decode(chunk, { stream: true }), out);
      return out;
    }
    this.feed(this.text.decode(chunk.subarray(0, lf + 1), { stream: true }), out);
    for (let start = lf + 1; start < chunk.length; start = lf + 1) {
      lf = chunk.indexOf(10, start);
      if (lf === -1) {
        this.feed(this.text.decode(chunk.subarray(start), { stream: true }), out);
        break;
      }
      this.feed(this.text.decode(chunk.subarray(start, lf + 1)), out);
    }
    return out;
  }

  /** The decoded text of the stream, in order: lines and messages as they complete. */
  private feed(decoded: string, out: SSEMessage[]): void {
    let text = decoded;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR that ended the previous chunk already ended its line: skip the LF of a split CRLF.
    if (this.sawCR && text.charCodeAt(0) === 10) text = text.slice(1);
    this.sawCR = false;
    let start = 0;
    // Next CR and LF positions in this chunk, searched again only once passed.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 < text.length) next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        else {
          next = cr + 1;
          this.sawCR = true;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      if (this.pending.length === 0) {
        if (end - start > this.maxLine) this.lineTooLong();
        this.line(text.slice(start, end), out);
      } else {
        if (this.pending.length + end - start > this.maxLine) this.lineTooLong();
        const line = this.pending + text.slice(start, end);
        this.pending = '';
        this.line(line, out);
      }
      start = next;
    }
    if (start < text.length) {
      if (this.pending.length + text.length - start > this.maxLine) this.lineTooLong();
      this.pending += start === 0 ? text : text.slice(start);
    }
  }

  /** Ends the stream: flushes a last line and a last message without their blank line. */
  end(): SSEMessage[] {
    const out = this.push(this.text.decode());
    if (this.pending.length > 0) {
      const line = this.pending;
      this.pending = '';
      this.line(line, out);
    }
    this.dispatch(out);
    return out;
  }

  private lineTooLong(): never {
    this.pending = '';
    throw new SSELineTooLongError('a line of the event stream', 'maxLineLength', this.maxLine, this.provider);
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
        this.dataLength += value.length + 1;
        if (this.dataLength > this.maxEvent) {
          this.data = [];
          this.dataLength = 0;
          throw new SSEEventTooLargeError('an event of the stream', 'maxEventLength', this.maxEvent, this.provider);
        }
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
    this.dataLength = 0;
    this.event = undefined;
  }
}

/** The end-of-stream marker some servers send as the last `data`. */
export const DONE = '[DONE]';

/** Yields the messages of a byte stream, stopping at `[DONE]`. */
export async function* parseSSE(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>, options: SSEDecoderOptions = {}): AsyncGenerator<SSEMessage> {
  const decoder = new SSEDecoder(options);
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

/**
 * Parses the JSON of one message into an event object. Data that is not JSON, or not an
 * object, is a MalformedEventError naming the event and quoting the start of its data.
 */
export function parseEventData(msg: SSEMessage): unknown {
  return parseEvent(msg);
}

/** `parseEventData`, with the provider named in the error. */
export function parseEvent(msg: SSEMessage, provider?: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(msg.data);
  } catch (e) {
    throw malformed(msg, (e as Error).message.split('\n')[0].slice(0, 200), provider);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(msg, `expected a JSON object, found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, provider);
  return value;
}

function malformed(msg: SSEMessage, why: string, provider?: string): MalformedEventError {
  const text = msg.data.length > 120 ? msg.data.slice(0, 117) + '...' : msg.data;
  const event = msg.event ? ` '${msg.event.slice(0, 100)}'` : '';
  return new MalformedEventError(`${provider ? `${provider}: ` : ''}malformed SSE event${event}: ${why}; data: ${text}`, { provider });
}
