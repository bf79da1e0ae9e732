/**
 * A deliberately broken (or merely slicing) Responses server for the conform
 * tests: a node:http proxy in front of the mock server that forwards each
 * request and changes what comes back. A stream is parsed into its SSE
 * messages, handed to `sse` (messages) or `events` (parsed events; each
 * re-framed with `event:` equal to its type, `[DONE]` kept where it was),
 * and framed again; a JSON answer goes through `json`. The bytes go out
 * whole, one byte at a time, or in seeded random pieces.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>;
export interface Msg {
  event?: string;
  data: string;
  id?: string;
}

export interface Breakage {
  /** Replaces the stream's Content-Type. */
  streamContentType?: string;
  sse?: (msgs: Msg[], path: string) => Msg[];
  events?: (events: Json[], path: string) => Json[];
  json?: (answer: { status: number; body: any; contentType: string }, path: string, request: Json | undefined) => { status: number; body: any; contentType: string };
}

export type Split = 'whole' | 'bytes' | { random: number };

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

function parseSSE(text: string): Msg[] {
  return text
    .split('\n\n')
    .filter((b) => b.trim())
    .map((block) => {
      const m: Msg = { data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(': ');
        const value = rest.join(': ');
        if (field === 'event') m.event = value;
        else if (field === 'data') m.data = value;
        else if (field === 'id') m.id = value;
      }
      return m;
    });
}

const frame = (msgs: Msg[]) => msgs.map((m) => `${m.id !== undefined ? `id: ${m.id}\n` : ''}${m.event !== undefined ? `event: ${m.event}\n` : ''}data: ${m.data}\n\n`).join('');

/** Renumbers sequence_number 0, 1, 2... after events were added or removed. */
export const renumber = (events: Json[]) => events.map((e, i) => ({ ...e, sequence_number: i }));

function pieces(buf: Buffer, split: Split): Buffer[] {
  if (split === 'whole') return [buf];
  const out: Buffer[] = [];
  let seed = split === 'bytes' ? 0 : split.random;
  const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
  for (let i = 0; i < buf.length; ) {
    const n = split === 'bytes' ? 1 : 1 + (next() % 48);
    out.push(buf.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function send(res: import('node:http').ServerResponse, body: Buffer, split: Split): Promise<void> {
  for (const p of pieces(body, split)) {
    if (res.destroyed) return;
    res.write(p);
    // Let each piece leave on its own (no coalescing of small writes into one chunk).
    if (split !== 'whole') await new Promise((r) => setImmediate(r));
  }
  res.end();
}

export async function startProxy(target: string, breakage: Breakage = {}, split: Split = 'whole'): Promise<Proxy> {
  const origin = new URL(target).origin;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers: Record<string, string> = {};
        for (const h of ['content-type', 'authorization', 'x-mock-fault']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
        const up = await fetch(origin + (req.url ?? '/'), { method: req.method, headers, body: raw || undefined });
        const text = await up.text();
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        let contentType = up.headers.get('content-type') ?? '';
        let status = up.status;
        let body = text;
        if (contentType.startsWith('text/event-stream')) {
          let msgs = parseSSE(text);
          if (breakage.events) {
            const done = msgs.length > 0 && msgs[msgs.length - 1].data === '[DONE]';
            const events = breakage.events(msgs.filter((m) => m.data !== '[DONE]').map((m) => JSON.parse(m.data) as Json), path);
            msgs = [...events.map((e) => ({ event: String(e.type), data: JSON.stringify(e) })), ...(done ? [{ data: '[DONE]' }] : [])];
          }
          if (breakage.sse) msgs = breakage.sse(msgs, path);
          body = frame(msgs);
          if (breakage.streamContentType) contentType = breakage.streamContentType;
        } else if (breakage.json && text) {
          const request = raw ? (JSON.parse(raw) as Json) : undefined;
          const out = breakage.json({ status, body: JSON.parse(text), contentType }, path, request);
          status = out.status;
          contentType = out.contentType;
          body = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
        }
        res.writeHead(status, { 'content-type': contentType });
        await send(res, Buffer.from(body), split);
      } catch (e) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${(e as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
