/** ResponseStream over in-memory event sources and the recorded streams. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../runtime/stream/accumulator.js';
import { outputText } from '../../runtime/stream/output-text.js';
import { ResponseStream, StreamError } from '../../runtime/stream/response-stream.js';
import { hasShared, recordedDir } from '../support/shared.js';

function source(events: object[]) {
  const state = { returned: false, pulled: 0 };
  const iterable: AsyncIterable<StreamEvent> = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        async next() {
          state.pulled++;
          return i < events.length ? { done: false, value: events[i++] as StreamEvent } : { done: true, value: undefined };
        },
        async return() {
          state.returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

const recorded = (p: string) => readFileSync(join(recordedDir, p), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('ResponseStream', () => {
  it('delivers every event and rebuilds the final response with output_text', async () => {
    if (!hasShared()) return;
    const events = recorded('openai/openai-web-search-tool.1.chunks.txt');
    const { iterable } = source(events);
    const stream = new ResponseStream(iterable);
    let n = 0;
    for await (const _ of stream) n++;
    expect(n).toBe(events.length);
    const final = await stream.finalResponse();
    const terminal = events[events.length - 1].response;
    expect({ ...final, output_text: undefined }).toEqual({ ...terminal, output_text: undefined });
    expect(final.output_text).toBe(outputText(terminal));
    expect(final.output_text.length).toBeGreaterThan(20);
  });

  it('finalResponse() consumes the stream when nobody iterates it; textStream gives the deltas', async () => {
    if (!hasShared()) return;
    const events = recorded('lmstudio/lmstudio-basic.1.chunks.txt');
    const final = await new ResponseStream(source(events).iterable).finalResponse();
    let text = '';
    for await (const d of new ResponseStream(source(events).iterable).textStream) text += d;
    expect(text).toBe(final.output_text);
  });

  it('an error event rejects with a StreamError carrying it, after the events before it', async () => {
    if (!hasShared()) return;
    const events = recorded('openai/openai-error.1.chunks.txt');
    const stream = new ResponseStream(source(events).iterable);
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e) => e);
    expect(seen).toEqual(['response.created', 'response.in_progress']);
    expect(err).toBeInstanceOf(StreamError);
    expect(err.event.type).toBe('error');
    expect(err.code).toBe('insufficient_quota');
    expect(err.message).toContain('You exceeded your current quota');
    await expect(stream.finalResponse()).rejects.toBe(err);
  });

  it('response.failed rejects too', async () => {
    const stream = new ResponseStream(source([{ type: 'response.created', response: { id: 'r', output: [] } }, { type: 'response.failed', response: { id: 'r', status: 'failed', error: { code: 'server_error', message: 'boom' }, output: [] } }]).iterable);
    await expect(stream.finalResponse()).rejects.toMatchObject({ name: 'StreamError', code: 'server_error', message: 'the response failed: boom' });
  });

  it('a stream that ends without a terminal event rejects', async () => {
    const stream = new ResponseStream(source([{ type: 'response.created', response: { id: 'r', output: [] } }]).iterable);
    await expect(stream.finalResponse()).rejects.toThrow(/ended without a terminal event/);
  });

  it('breaking out of for-await closes the source and aborts the request', async () => {
    const { iterable, state } = source([{ type: 'response.created', response: { output: [] } }, { type: 'response.in_progress', response: { output: [] } }, { type: 'response.completed', response: { output: [] } }]);
    const controller = new AbortController();
    const stream = new ResponseStream(iterable, controller);
    for await (const _ of stream) break;
    expect(state.returned).toBe(true);
    expect(state.pulled).toBe(1);
    expect(controller.signal.aborted).toBe(true);
    await expect(stream.finalResponse()).rejects.toThrow(/closed before it finished/);
  });

  it('can be iterated once; abort() aborts the signal', () => {
    const stream = new ResponseStream(source([]).iterable);
    stream[Symbol.asyncIterator]();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/);
    stream.abort();
    expect(stream.signal.aborted).toBe(true);
  });
});
