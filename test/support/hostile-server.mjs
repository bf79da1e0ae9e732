/**
 * A hostile Responses server, in its own process, so the tests' memory
 * counters measure the client alone. The first path segment picks the
 * attack (`/<mode>/v1/responses`); the port goes to the parent over IPC.
 * Every endless reply respects backpressure and stops when the client goes.
 */
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';

/** 1 GiB of zeros, gzipped as a stream (about 1 MB; never the whole GiB in memory). */
async function gzipBomb(bytes) {
  const gz = createGzip({ level: 9 });
  const out = [];
  gz.on('data', (c) => out.push(c));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let sent = 0; sent < bytes; sent += zeros.length) if (!gz.write(zeros)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return Buffer.concat(out);
}
const bomb = await gzipBomb(1 << 30);

const event = (type, n, extra = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: n, ...extra })}\n\n`;
const created = event('response.created', 0, { response: { id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', model: 'm', output: [] } });
const item = { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] };

/** Resolves on the next `drain` or `close`, leaving no listener behind (one per full buffer added up past Node's warning limit). */
function drainedOrGone(res) {
  return new Promise((resolve) => {
    const done = () => (res.off('drain', done), res.off('close', done), resolve());
    res.once('drain', done).once('close', done);
  });
}

/** Writes `piece()` forever (until the client goes), waiting for drain, with an optional pause between writes. */
async function endless(res, piece, pauseMs = 0) {
  let gone = false;
  res.on('close', () => (gone = true));
  while (!gone) {
    if (!res.write(piece())) await drainedOrGone(res);
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
}

const sse = { 'content-type': 'text/event-stream' };
const json = { 'content-type': 'application/json' };

const MODES = {
  'silent-body': (res) => (res.writeHead(200, json), res.flushHeaders()),
  'drip-body': (res) => (res.writeHead(200, json), endless(res, () => ' ', 50)),
  'silent-stream': (res) => (res.writeHead(200, sse), res.write(created)),
  'drip-stream': (res) => (res.writeHead(200, sse), res.write(created), endless(res, () => ': ping\n', 50)),
  'huge-declared': (res) => (res.writeHead(200, { ...json, 'content-length': String(1e9) }), res.write(' '.repeat(65536))),
  'flood-body': (res) => (res.writeHead(200, json), res.write('['), endless(res, () => '0,'.repeat(32768))),
  'gzip-bomb': (res) => res.writeHead(200, { ...json, 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb),
  'flood-stream': (res) => (res.writeHead(200, sse), res.write(created), endless(res, () => ': ping\n'.repeat(8192))),
  'long-line': (res) => (res.writeHead(200, sse), res.write(created + 'data: '), endless(res, () => 'a'.repeat(65536))),
  'long-event': (res) => (res.writeHead(200, sse), res.write(created), endless(res, () => `data: ${'a'.repeat(1024)}\n`.repeat(64))),
  'huge-output-index': (res) => res.writeHead(200, sse).end(created + event('response.output_item.added', 1, { output_index: 1e9, item })),
  'huge-content-index': (res) =>
    res.writeHead(200, sse).end(created + event('response.output_item.added', 1, { output_index: 0, item }) + event('response.content_part.added', 2, { item_id: 'msg_1', output_index: 0, content_index: 1e9, part: { type: 'output_text', text: '', annotations: [] } })),
  'redirect-loop': (res, req) => res.writeHead(307, { location: req.url }).end(),
  html: (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Welcome to nginx!</body></html>'),
  'json-for-stream': (res) => res.writeHead(200, json).end('{"error":{"message":"streaming is off"}}'),
  'malformed-event': (res) => res.writeHead(200, sse).end(created + 'event: response.output_text.delta\ndata: {"type": "response.output_text.delta", "delta": \n\n'),
  'truncated-json': (res) => res.writeHead(200, json).end('{"id": "resp_1", "object": "resp'),
};

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const mode = MODES[req.url.split('/')[1]];
    if (!mode) return res.writeHead(404, json).end('{"error":{"message":"unknown mode"}}');
    Promise.resolve(mode(res, req)).catch(() => res.destroy());
  });
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
process.on('disconnect', () => process.exit(0));
