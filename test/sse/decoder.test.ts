/**
 * The SSE decoder: a table of edge cases, and every recording turned into
 * wire bytes and split at every byte offset (small ones) or at many seeded
 * random offsets (large ones).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MalformedEventError } from '../../runtime/core/errors.js';
import { SSEEventTooLargeError, SSELineTooLongError } from '../../runtime/core/limits.js';
import { parseEventData, parseSSE, SSEDecoder, type SSEDecoderOptions, type SSEMessage } from '../../runtime/sse/decoder.js';
import { recordings } from '../support/shared.js';

function decodeAll(chunks: Array<string | Uint8Array>, options?: SSEDecoderOptions): SSEMessage[] {
  const d = new SSEDecoder(options);
  return [...chunks.flatMap((c) => d.push(c)), ...d.end()];
}
const bytes = (s: string) => new TextEncoder().encode(s);

describe('SSE decoding: edge cases', () => {
  it.each([
    ['LF', 'data: a\n\ndata: b\n\n', [{ data: 'a' }, { data: 'b' }]],
    ['CRLF', 'data: a\r\n\r\ndata: b\r\n\r\n', [{ data: 'a' }, { data: 'b' }]],
    ['CR only', 'data: a\r\rdata: b\r\r', [{ data: 'a' }, { data: 'b' }]],
    ['comments and heartbeats', ': ping\n\n:\ndata: a\n: in between\n\n', [{ data: 'a' }]],
    ['multi-line data', 'data: one\ndata: two\ndata:\n\n', [{ data: 'one\ntwo\n' }]],
    ['event, id and retry', 'event: response.created\nid: 7\nretry: 1000\ndata: {}\n\n', [{ event: 'response.created', id: '7', retry: 1000, data: '{}' }]],
    ['no space after the colon', 'data:x\n\n', [{ data: 'x' }]],
    ['a missing final blank line', 'data: last', [{ data: 'last' }]],
    ['an event without data is not dispatched', 'event: ping\n\ndata: a\n\n', [{ data: 'a' }]],
    ['a BOM at the start', '\ufeffdata: a\n\n', [{ data: 'a' }]],
    ['[DONE] is a message like any other for the decoder', 'data: [DONE]\n\n', [{ data: '[DONE]' }]],
    ['a BOM at the start of a later line is no BOM of the stream', 'data: a\n\n\ufeffdata: b\n\n', [{ data: 'a' }]],
    ['ASCII lines around a line with multi-byte characters', 'data: a\n\ndata: \u00e9\u{1f600}\n\ndata: b\n\n', [{ data: 'a' }, { data: '\u00e9\u{1f600}' }, { data: 'b' }]],
  ])('%s', (_name, wire, want) => {
    expect(decodeAll([wire])).toEqual(want);
    // As bytes (decoded a line at a time), whole and split at every offset.
    const b = bytes(wire);
    expect(decodeAll([b])).toEqual(want);
    for (let at = 0; at <= b.length; at++) expect(decodeAll([b.subarray(0, at), b.subarray(at)]), `split at byte ${at}`).toEqual(want);
  });

  it('a CRLF split between chunks is one line end', () => {
    expect(decodeAll(['data: a\r', '\n\r', '\ndata: b\r\n\r\n'])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('a 4-byte emoji split inside its bytes', () => {
    const wire = bytes('data: hi 😀 there\n\n');
    for (let i = 1; i < wire.length; i++) {
      expect(decodeAll([wire.slice(0, i), wire.slice(i)])).toEqual([{ data: 'hi 😀 there' }]);
    }
  });

  it('parseSSE stops at [DONE] and reads ReadableStreams', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes('data: 1\n\ndata: [DONE]\n\ndata: 2\n\n'));
        c.close();
      },
    });
    const got: string[] = [];
    for await (const m of parseSSE(stream)) got.push(m.data);
    expect(got).toEqual(['1']);
  });
});

describe('SSE decoding: limits and malformed events', () => {
  const chunked = (s: string, n: number) => Array.from({ length: Math.ceil(s.length / n) }, (_, i) => s.slice(i * n, (i + 1) * n));
  it.each([
    ['a line at the limit passes', { wire: chunked(`data: ${'a'.repeat(94)}\n\n`, 7), limits: { maxLineLength: 100 } }, [{ data: 'a'.repeat(94) }]],
    ['a line one over the limit, in many chunks', { wire: chunked(`data: ${'a'.repeat(95)}\n\n`, 7), limits: { maxLineLength: 100 } }, SSELineTooLongError],
    ['a line over the limit in one chunk', { wire: [`data: ${'a'.repeat(200)}\n\n`], limits: { maxLineLength: 100 } }, SSELineTooLongError],
    ['a line over the limit that never ends', { wire: chunked(`data: ${'a'.repeat(200)}`, 10), limits: { maxLineLength: 100 } }, SSELineTooLongError],
    ['an event at the limit passes', { wire: ['data: aaaa\ndata: bbbb\n\n'], limits: { maxEventLength: 10 } }, [{ data: 'aaaa\nbbbb' }]],
    ['an event of short lines over the limit', { wire: ['data: aaaa\ndata: bbbb\ndata: c\n\n'], limits: { maxEventLength: 10 } }, SSEEventTooLargeError],
  ] as const)('%s', (_name, { wire, limits }, want) => {
    if (Array.isArray(want)) expect(decodeAll([...wire], limits)).toEqual(want);
    else expect(() => decodeAll([...wire], limits)).toThrow(want as unknown as new () => Error);
  });

  it.each([
    ['data that is not JSON', { data: '{"type": "x", "delta": ' }, /malformed SSE event 'e': .*; data: \{"type"/],
    ['JSON that is not an object', { data: '[1, 2]' }, /expected a JSON object, found an array/],
    ['null', { data: 'null' }, /expected a JSON object, found null/],
  ])('%s is a MalformedEventError', (_name, msg, message) => {
    expect(() => parseEventData({ event: 'e', ...msg })).toThrow(MalformedEventError);
    expect(() => parseEventData({ event: 'e', ...msg })).toThrow(message);
  });
});

describe('SSE decoding is linear in the length of a line, however it is cut', () => {
  /** CPU time (process.cpuUsage, µs) to decode one line of `n` characters in 4 KiB chunks; the least of 3 runs. */
  function cost(n: number): number {
    const piece = 'a'.repeat(4096);
    const chunks = Array.from({ length: n / 4096 }, () => piece);
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t = process.cpuUsage();
      const d = new SSEDecoder({ maxLineLength: Infinity, maxEventLength: Infinity });
      d.push('data: ');
      for (const c of chunks) d.push(c);
      const [msg] = d.push('\n\n');
      const used = process.cpuUsage(t);
      expect(msg.data.length).toBe(n);
      best = Math.min(best, used.user + used.system);
    }
    return best;
  }

  it('4x the length costs about 4x (quadratic would be 16x), for 2, 8 and 32 MiB lines', () => {
    const [small, medium, large] = [2, 8, 32].map((mib) => cost(mib * 2 ** 20));
    expect(medium / small).toBeLessThan(8);
    expect(large / medium).toBeLessThan(8);
  });
});

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SSE decoding of every recording, split anywhere', () => {
  const streams = recordings().filter((r) => r.kind === 'chunks');
  it('covers every recorded stream', () => {
    expect(streams.length).toBe(recordings().filter((r) => r.kind === 'chunks').length);
  });

  it.each(streams.map((r) => [`${r.provider}/${r.name}`, r] as const))('%s', (_name, r) => {
    const lines = readFileSync(r.file, 'utf8').split('\n').filter((l) => l.trim());
    const wire = bytes(lines.map((l) => `event: ${(JSON.parse(l) as { type: string }).type}\ndata: ${l}\n\n`).join(''));
    const want = lines.map((l) => ({ event: (JSON.parse(l) as { type: string }).type, data: l }));
    expect(decodeAll([wire])).toEqual(want);
    const offsets: number[] = [];
    if (wire.length < 20_000) for (let i = 1; i < wire.length; i++) offsets.push(i);
    else {
      const next = rng(wire.length);
      for (let i = 0; i < 300; i++) offsets.push(1 + Math.floor(next() * (wire.length - 1)));
    }
    for (const at of offsets) {
      const got = decodeAll([wire.slice(0, at), wire.slice(at)]);
      if (got.length !== want.length || got.some((m, i) => m.data !== want[i].data || m.event !== want[i].event)) {
        throw new Error(`split at byte ${at} of ${r.name} decoded differently`);
      }
    }
    // And many chunks at once: random cuts into pieces of up to 64 bytes.
    const next = rng(7);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < wire.length; ) {
      const n = 1 + Math.floor(next() * 64);
      pieces.push(wire.slice(i, i + n));
      i += n;
    }
    expect(decodeAll(pieces)).toEqual(want);
  });
});
