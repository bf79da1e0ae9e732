/**
 * A streamed response: an async iterable of typed events (once), with
 * `finalResponse()` (the response rebuilt from the events), `textStream`
 * (the text deltas) and `abort()`. Breaking out of `for await` closes the
 * source (and so the connection). An `error` event or `response.failed`
 * rejects with a `StreamError` carrying the event, after every event before
 * it was delivered; a stream that ends without a terminal event rejects too.
 * Every error it hands out (thrown from the iteration or rejected by
 * `finalResponse()`) goes through the call's redaction first (`redact`).
 */
import { AnyResponsesError } from '../core/errors.js';
import { ResponseAccumulator, type Json, type StreamEvent } from './accumulator.js';
import { withOutputText } from './output-text.js';

/** What an ending event says went wrong: its `error`, its response's `error`, or (an OpenAI `error` event) the event itself. */
function errorDetail(event: StreamEvent | undefined): unknown {
  if (!event) return undefined;
  const nested = (event.error ?? (event.response as Json | undefined)?.error) as unknown;
  if (nested && typeof nested === 'object') return nested;
  return event.type === 'error' ? event : undefined;
}

export class StreamError extends AnyResponsesError {
  constructor(
    message: string,
    /** The event that ended the stream (an `error` event or `response.failed`), if any. */
    readonly event?: StreamEvent,
    /** The response rebuilt up to that point. */
    readonly partialResponse?: Json,
    provider?: string,
  ) {
    const detail = errorDetail(event) as { code?: unknown; type?: unknown } | undefined;
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
    super(message, { provider, code: text(detail?.code), type: text(detail?.type), body: event });
  }
}

/** A ResponseStream iterated a second time: its events are delivered once (use finalResponse() or textStream for another view). */
export class StreamConsumedError extends AnyResponsesError {}

export interface ResponseStreamOptions {
  provider?: string;
  /** Called with each event before it is delivered (validation hooks in here). */
  onEvent?: (event: StreamEvent) => void;
  /** Largest output/content/summary/annotation index (default LIMITS.maxIndex). */
  maxIndex?: number;
  /** Applied to every error before the caller sees it (the call's Redactor). */
  redact?: (error: unknown) => unknown;
  /**
   * Called with the rebuilt response once the stream has finished (a terminal
   * event arrived), before `finalResponse()` resolves; what it throws or
   * rejects with becomes the stream's error (the conversation store records here).
   */
  onFinish?: (response: Json) => void | Promise<void>;
}

/** The longest provider message quoted in a StreamError's message. */
const MESSAGE_MAX = 1_000;

export class ResponseStream<E extends StreamEvent = StreamEvent, R extends Json = Json> implements AsyncIterable<E> {
  private readonly acc: ResponseAccumulator;
  private started = false;
  private settled = false;
  private readonly result: Promise<R & { output_text: string }>;
  private resolve!: (r: R & { output_text: string }) => void;
  private reject!: (e: unknown) => void;

  constructor(
    private readonly source: AsyncIterable<E>,
    private readonly controller: AbortController = new AbortController(),
    private readonly options: ResponseStreamOptions = {},
  ) {
    this.acc = new ResponseAccumulator({ maxIndex: options.maxIndex, provider: options.provider });
    this.result = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    // A rejection nobody awaits must not crash the process.
    this.result.catch(() => {});
  }

  [Symbol.asyncIterator](): AsyncIterator<E> {
    if (this.started) throw new StreamConsumedError('a ResponseStream can be iterated only once; use finalResponse() or textStream for another view');
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<E> {
    const iterator = this.source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const { done, value } = await iterator.next();
        if (done) break;
        this.options.onEvent?.(value);
        this.acc.push(value);
        if (value.type === 'error') throw this.fail('the provider sent an error event', value);
        if (value.type === 'response.failed') throw this.fail('the response failed', value);
        yield value;
        if (this.acc.terminal) {
          await this.finish();
          return;
        }
      }
      throw this.fail('the stream ended without a terminal event');
    } catch (e) {
      const clean = this.options.redact ? this.options.redact(e) : e;
      if (!this.settled) {
        this.settled = true;
        this.reject(clean);
      }
      throw clean;
    } finally {
      if (!this.settled && this.acc.terminal) {
        // The consumer stopped right after the terminal event: the response is finished all the same.
        await this.finish().catch((e: unknown) => {
          this.settled = true;
          this.reject(this.options.redact ? this.options.redact(e) : e);
        });
      }
      if (!this.settled) {
        // The consumer stopped early (break/return): close the source and the connection.
        this.settled = true;
        const early = new StreamError('the stream was closed before it finished', undefined, this.acc.snapshotResponse(), this.options.provider);
        this.reject(this.options.redact ? this.options.redact(early) : early);
      }
      await iterator.return?.();
      this.controller.abort();
    }
  }

  private async finish(): Promise<void> {
    const response = this.acc.snapshotResponse() as R;
    await this.options.onFinish?.(response);
    this.settled = true;
    this.resolve(withOutputText(response));
  }

  private fail(message: string, event?: StreamEvent): StreamError {
    const detail = errorDetail(event) as { message?: unknown } | undefined;
    const said = typeof detail?.message === 'string' ? detail.message : '';
    const quoted = said.length > MESSAGE_MAX ? `${said.slice(0, MESSAGE_MAX - 3)}...` : said;
    return new StreamError(quoted ? `${message}: ${quoted}` : message, event, this.acc.snapshotResponse(), this.options.provider);
  }

  /** The response rebuilt from all events; consumes the stream if nobody iterates it. */
  async finalResponse(): Promise<R & { output_text: string }> {
    if (!this.started) for await (const _ of this) void _;
    return this.result;
  }

  /** The text deltas, as they arrive. */
  get textStream(): AsyncIterable<string> {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const e of self) if (e.type === 'response.output_text.delta' && typeof e.delta === 'string') yield e.delta;
      },
    };
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  /** The controller's signal: aborting it cancels the underlying request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}
