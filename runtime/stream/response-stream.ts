/**
 * A streamed response: an async iterable of typed events (once), with
 * `finalResponse()` (the response rebuilt from the events), `textStream`
 * (the text deltas) and `abort()`. Breaking out of `for await` closes the
 * source (and so the connection). An `error` event or `response.failed`
 * rejects with a `StreamError` carrying the event, after every event before
 * it was delivered; a stream that ends without a terminal event rejects too.
 */
import { AnyResponsesError } from '../core/errors.js';
import { ResponseAccumulator, type Json, type StreamEvent } from './accumulator.js';
import { withOutputText } from './output-text.js';

export class StreamError extends AnyResponsesError {
  constructor(
    message: string,
    /** The event that ended the stream (an `error` event or `response.failed`), if any. */
    readonly event?: StreamEvent,
    /** The response rebuilt up to that point. */
    readonly partialResponse?: Json,
    provider?: string,
  ) {
    const detail = (event?.error ?? (event?.response as Json | undefined)?.error) as { code?: string; message?: string; type?: string } | undefined;
    super(message, { provider, code: detail?.code ?? null, type: detail?.type ?? null, body: event });
  }
}

export interface ResponseStreamOptions {
  provider?: string;
  /** Called with each event before it is delivered (validation hooks in here). */
  onEvent?: (event: StreamEvent) => void;
}

export class ResponseStream<E extends StreamEvent = StreamEvent, R extends Json = Json> implements AsyncIterable<E> {
  private readonly acc = new ResponseAccumulator();
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
    this.result = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    // A rejection nobody awaits must not crash the process.
    this.result.catch(() => {});
  }

  [Symbol.asyncIterator](): AsyncIterator<E> {
    if (this.started) throw new Error('a ResponseStream can be iterated only once; use finalResponse() or textStream for another view');
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
          this.finish();
          return;
        }
      }
      throw this.fail('the stream ended without a terminal event');
    } catch (e) {
      if (!this.settled) {
        this.settled = true;
        this.reject(e);
      }
      throw e;
    } finally {
      if (!this.settled) {
        // The consumer stopped early (break/return): close the source and the connection.
        this.settled = true;
        this.reject(new StreamError('the stream was closed before it finished', undefined, this.acc.snapshotResponse(), this.options.provider));
      }
      await iterator.return?.();
      this.controller.abort();
    }
  }

  private finish(): void {
    this.settled = true;
    this.resolve(withOutputText(this.acc.snapshotResponse() as R));
  }

  private fail(message: string, event?: StreamEvent): StreamError {
    const detail = (event?.error ?? (event?.response as Json | undefined)?.error) as { message?: string } | undefined;
    return new StreamError(detail?.message ? `${message}: ${detail.message}` : message, event, this.acc.snapshotResponse(), this.options.provider);
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
