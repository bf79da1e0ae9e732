/**
 * Chat Completions SSE bytes -> OpenResponses events: the runtime's SSE
 * decoder, each `data` parsed as JSON, `[DONE]` as the end, and the chunks
 * through a `ChatStreamTranslator`. Any split of the bytes gives the same
 * events. A `data` line that is not JSON fails the stream with an `error`
 * event naming it.
 */
import type { ResponseStreamEvent } from 'anyresponses/openresponses';
import { DONE, SSEDecoder, type SSEMessage } from '../sse/decoder.js';
import type { BridgeContext } from './response.js';
import { ChatStreamTranslator } from './stream.js';
import type { ChatChunk } from './types.js';

export class ChatSSETranslator {
  private readonly decoder = new SSEDecoder();
  readonly translator: ChatStreamTranslator;

  constructor(ctx: BridgeContext = {}) {
    this.translator = new ChatStreamTranslator(ctx);
  }

  /** Feeds bytes or text; returns the events they complete. */
  push(bytes: Uint8Array | string): ResponseStreamEvent[] {
    return this.handle(this.decoder.push(bytes));
  }

  private handle(messages: SSEMessage[]): ResponseStreamEvent[] {
    const out: ResponseStreamEvent[] = [];
    for (const msg of messages) {
      if (this.translator.done) break;
      const data = msg.data;
      if (data === DONE) {
        out.push(...this.translator.end());
        break;
      }
      if (data.trim() === '') continue;
      let chunk: ChatChunk;
      try {
        chunk = JSON.parse(data) as ChatChunk;
      } catch {
        out.push(...this.translator.fail({ type: 'server_error', code: 'invalid_stream_data', message: `the provider sent a data line that is not JSON: ${JSON.stringify(data.slice(0, 120))}` }));
        break;
      }
      for (const e of this.translator.push(chunk)) out.push(e);
    }
    return out;
  }

  /** The end of the body: the rest of the decoder, then the terminal events if `[DONE]` did not come. */
  end(): ResponseStreamEvent[] {
    const out = this.handle(this.decoder.end());
    if (!this.translator.done) out.push(...this.translator.end());
    return out;
  }
}
