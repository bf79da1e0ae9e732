/**
 * Reading a response body within the call's limits. `send` (transport.ts)
 * returns a `Reply` once the headers of a 2xx arrive, with the attempt's
 * clock still running: the body is read here, piece by piece, so the total
 * and idle limits keep applying, sizes are counted as the bytes arrive
 * (after decompression, so a compressed bomb stops at the limit with the
 * memory of the limit), and whatever goes wrong is one of our errors: a
 * timeout, a limit, a lost connection, an abort, a wrong content type or a
 * body that is not JSON, never the fetch implementation's own error.
 */
import type { CallClock } from './clock.js';
import { AbortError, APIConnectionError, IdleTimeoutError, MalformedBodyError, TimeoutError, UnexpectedContentTypeError } from './errors.js';
import { BodyTooLargeError, DecompressedBodyTooLargeError, LimitExceededError, raiseHint, StreamTooLargeError, type Limits } from './limits.js';

const utf8 = new TextDecoder();
/** Content types a JSON body may come with: JSON ones, and text/plain (some proxies and test doubles); an HTML page never. */
const JSON_TYPE = /^((application|text)\/([\w.+-]*\+)?json|text\/plain)\s*(;|$)/i;
const EVENT_STREAM = /^text\/event-stream\s*(;|$)/i;

export class Reply {
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private done = false;

  constructor(
    readonly response: Response,
    private readonly clock: CallClock,
    private readonly provider: string,
    private readonly limits: Limits,
    /** The caller's signal (its abort is an AbortError, not a lost connection). */
    private readonly signal?: AbortSignal,
  ) {}

  get status(): number {
    return this.response.status;
  }

  get headers(): Headers {
    return this.response.headers;
  }

  /** Called by the clock when a limit passes: stops the read in progress (and so the connection). */
  expire(): void {
    this.cancel(this.clock.expired);
  }

  /** Stops reading and releases the connection. */
  cancel(reason?: unknown): void {
    this.finish();
    const body = this.response.body;
    const pending = this.reader ? this.reader.cancel(reason) : body && !body.locked ? body.cancel(reason) : undefined;
    pending?.catch(() => {});
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.clock.stop();
  }

  /** The whole body as bytes, within `maxBodyBytes` (or `maxDecompressedBytes` when compressed). */
  async bytes(): Promise<Uint8Array> {
    const h = this.response.headers;
    const declared = Number(h.get('content-length') ?? NaN);
    if (declared > this.limits.maxBodyBytes) {
      this.cancel();
      throw new BodyTooLargeError(`the response body (content-length ${declared})`, 'maxBodyBytes', this.limits.maxBodyBytes, this.provider);
    }
    const encoding = h.get('content-encoding');
    const compressed = encoding !== null && encoding !== '' && encoding.toLowerCase() !== 'identity';
    const max = compressed ? this.limits.maxDecompressedBytes : this.limits.maxBodyBytes;
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (let chunk = await this.next(false); chunk !== undefined; chunk = await this.next(false)) {
        size += chunk.length;
        if (size > max) {
          this.cancel();
          throw compressed
            ? new DecompressedBodyTooLargeError(`the response body (${encoding.slice(0, 50)}), inflated,`, 'maxDecompressedBytes', max, this.provider)
            : new BodyTooLargeError('the response body', 'maxBodyBytes', max, this.provider);
        }
        chunks.push(chunk);
      }
    } finally {
      this.finish();
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  async text(): Promise<string> {
    return utf8.decode(await this.bytes());
  }

  /** The body parsed as JSON (undefined when empty); another content type (text/html...) or text that does not parse is a ProtocolError. */
  async json(): Promise<unknown> {
    const type = this.response.headers.get('content-type');
    if (type !== null && type !== '' && !JSON_TYPE.test(type)) {
      this.cancel();
      throw new UnexpectedContentTypeError(`${this.provider}: expected a JSON body, got content-type '${type.slice(0, 100)}' (status ${this.status}); is the base URL right?`, type, { provider: this.provider, status: this.status });
    }
    const text = await this.text();
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      const first = text.trimStart().charAt(0);
      throw new MalformedBodyError(`${this.provider}: the response body is not JSON (${text.length} characters${first ? `, starting with '${first}'` : ''}; content-type ${type ?? 'none'})`, { provider: this.provider, status: this.status });
    }
  }

  /** The body of a stream, checked to be `text/event-stream` (or untyped), counted against `maxStreamBytes`. */
  async *eventStream(): AsyncGenerator<Uint8Array> {
    const type = this.response.headers.get('content-type');
    if (type !== null && type !== '' && !EVENT_STREAM.test(type)) {
      this.cancel();
      throw new UnexpectedContentTypeError(`${this.provider}: expected an event stream, got content-type '${type.slice(0, 100)}' (status ${this.status})`, type, { provider: this.provider, status: this.status });
    }
    const max = this.limits.maxStreamBytes;
    let size = 0;
    let ended = false;
    try {
      for (let chunk = await this.next(true); chunk !== undefined; chunk = await this.next(true)) {
        size += chunk.length;
        if (size > max) throw new StreamTooLargeError('the stream', 'maxStreamBytes', max, this.provider);
        yield chunk;
      }
      ended = true;
    } finally {
      // A consumer that stops early, or a failure: the connection is released.
      if (ended) this.finish();
      else this.cancel();
    }
  }

  /** The next piece of the body (undefined at its end), read under the clock; every failure mapped into the hierarchy. */
  private async next(stream: boolean): Promise<Uint8Array | undefined> {
    const reader = (this.reader ??= this.response.body?.getReader());
    if (!reader) return undefined;
    let r: ReadableStreamReadResult<Uint8Array>;
    this.clock.waiting();
    try {
      r = await reader.read();
    } catch (e) {
      this.clock.received();
      throw this.failure(e, stream);
    }
    this.clock.received();
    if (this.clock.expired) throw this.failure(undefined, stream);
    return r.done ? undefined : r.value;
  }

  private failure(e: unknown, stream: boolean): Error {
    const provider = this.provider;
    if (e instanceof LimitExceededError) return e;
    const expired = this.clock.expired;
    if (expired === 'idleTimeoutMs') {
      return new IdleTimeoutError(`${provider}: no data for ${this.limits.idleTimeoutMs} ms while reading the ${stream ? 'stream' : 'body'} (limits.idleTimeoutMs); ${raiseHint('idleTimeoutMs')}`, { provider, limit: expired, value: this.limits.idleTimeoutMs });
    }
    if (expired === 'timeoutMs') {
      return new TimeoutError(`${provider}: the ${stream ? 'stream' : 'response'} did not finish within ${this.limits.timeoutMs} ms (limits.timeoutMs); ${raiseHint('timeoutMs')}, or pass timeout`, { provider, limit: expired, value: this.limits.timeoutMs });
    }
    if (this.signal?.aborted) return new AbortError('the request was aborted', { provider, cause: this.signal.reason });
    const reason = (e as { cause?: { code?: string } })?.cause?.code ?? (e as Error)?.message ?? String(e);
    return new APIConnectionError(`${provider}: the connection was lost ${stream ? 'mid-stream' : 'while reading the body'} (${reason})`, { provider, cause: e });
  }
}
