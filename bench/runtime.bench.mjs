/**
 * Issue 4: the runtime on loopback, same run, same machine. Request rate of
 * responses() against a bare fetch (and openai-node); stream throughput of
 * ours (parse + tolerant validation + accumulation) against openai-node's
 * stream parsing; our SSE parser alone against a bare split + JSON.parse;
 * cold import against openai's.
 */
import { fork } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { responses } from '../dist/runtime/index.js';
import { SSEDecoder, parseEventData } from '../dist/tsc/runtime/sse/decoder.js';
import { ResponseAccumulator } from '../dist/tsc/runtime/stream/accumulator.js';
import { fastestInterleaved, fmt, instructions, mega, ratio } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rec = join(process.cwd(), '..', 'shared', 'fixtures', 'recorded');
const oa = await import('../generated/openai/validators.js');

// 1. Request rate on a keep-alive loopback server, in its own process (as a real local server would be).
const server = fork(join(here, 'loopback-server.mjs'), [join(rec, 'openai/openai-web-search-tool.1.json')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const url = `http://127.0.0.1:${await new Promise((r) => server.once('message', r))}/v1`;
const SLICE = 50;
const SLICES = 60;
/**
 * Calls per second of each contender, finely interleaved: slices of SLICE calls, in turn, the order
 * reversed every slice, so every contender sees the same machine; each rate is all its calls over
 * all its time. (Best-of-rounds figures swung by +-15% run to run on a noisy machine; these do not.)
 * Also the ratio to the first contender in each quarter of the run, to show the spread.
 */
async function rates(contenders) {
  for (const fn of contenders) for (let k = 0; k < 200; k++) await fn();
  const total = contenders.map(() => 0);
  const quarters = Array.from({ length: 4 }, () => contenders.map(() => 0));
  for (let s = 0; s < SLICES; s++) {
    const order = contenders.map((_, i) => i);
    if (s % 2) order.reverse();
    for (const i of order) {
      const t = process.hrtime.bigint();
      for (let k = 0; k < SLICE; k++) await contenders[i]();
      const ns = Number(process.hrtime.bigint() - t);
      total[i] += ns;
      quarters[Math.floor((4 * s) / SLICES)][i] += ns;
    }
  }
  const rate = (ns) => (SLICE * SLICES) / (ns / 1e9);
  return { rates: total.map(rate), spread: (i) => quarters.map((q) => q[0] / q[i]) };
}
const payload = JSON.stringify({ model: 'gpt-5', input: 'hi' });
const client = new OpenAI({ apiKey: 'k', baseURL: url });
const measured = await rates([
  async () => (await fetch(`${url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: payload })).json(),
  () => responses('openai-compatible:gpt-5', 'hi', { apiKey: 'k', apiBase: url }),
  () => responses('openai-compatible:gpt-5', 'hi', { apiKey: 'k', apiBase: url, validate: false }),
  () => client.responses.create({ model: 'gpt-5', input: 'hi' }),
]);
const [bare, ours, oursNoValidation, theirs] = measured.rates;
const spread = measured.spread(1);
/** Microseconds a contender adds to each call over the bare fetch. */
const extraUs = (rate, base) => (1e6 / rate - 1e6 / base).toFixed(0);
server.kill();

// 2. Stream throughput on >= 20 MB of recorded OpenAI events, in 16 KiB chunks.
const files = readdirSync(join(rec, 'openai')).filter((f) => f.endsWith('.chunks.txt') && !f.includes('error'));
const one = files.map((f) => readFileSync(join(rec, 'openai', f), 'utf8').split('\n').filter(Boolean).map((l) => `event: ${JSON.parse(l).type}\ndata: ${l}\n\n`).join('')).join('');
let wire = '';
while (wire.length < 20 * 1024 * 1024) wire += one;
const bytes = new TextEncoder().encode(wire);
const MB = bytes.length / 1e6;
const chunks = [];
for (let i = 0; i < bytes.length; i += 16384) chunks.push(bytes.subarray(i, i + 16384));
function mbps(fn) {
  fn();
  const runs = [];
  for (let r = 0; r < 3; r++) {
    const t = process.hrtime.bigint();
    fn();
    runs.push(MB / (Number(process.hrtime.bigint() - t) / 1e9));
  }
  return Math.max(...runs);
}
async function mbpsAsync(fn) {
  await fn();
  const runs = [];
  for (let r = 0; r < 3; r++) {
    const t = process.hrtime.bigint();
    await fn();
    runs.push(MB / (Number(process.hrtime.bigint() - t) / 1e9));
  }
  return Math.max(...runs);
}
const full = mbps(() => {
  const d = new SSEDecoder();
  let acc = new ResponseAccumulator();
  const eat = (m) => {
    const e = parseEventData(m);
    oa.validate('ResponseStreamEvent', e);
    acc.push(e);
    if (acc.terminal) acc = new ResponseAccumulator();
  };
  for (const c of chunks) for (const m of d.push(c)) eat(m);
  for (const m of d.end()) eat(m);
});
const parseOnly = mbps(() => {
  const d = new SSEDecoder();
  for (const c of chunks) for (const m of d.push(c)) JSON.parse(m.data);
  for (const m of d.end()) JSON.parse(m.data);
});
const splitParse = mbps(() => {
  const text = new TextDecoder();
  let rest = '';
  for (const c of chunks) {
    const parts = (rest + text.decode(c, { stream: true })).split('\n');
    rest = parts.pop();
    for (const p of parts) if (p.startsWith('data: ')) JSON.parse(p.slice(6));
  }
});
const { Stream } = await import('openai/core/streaming');
const openaiNode = await mbpsAsync(async () => {
  const response = new Response(new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(x); c.close(); } }));
  for await (const _ of Stream.fromSSEResponse(response, new AbortController())) void _;
});

// 4. Cold import, whole process minus the floor: the fastest of 20 interleaved runs each.
const coldCommands = [['-e', ''], ['--input-type=module', '-e', "await import('anyresponses'); await import('anyresponses/providers/openai');"], ['-e', "require('openai')"]];
const [floor, withOurs, withOpenAI] = fastestInterleaved(coldCommands, 20);
const coldOurs = withOurs - floor;
const coldOpenAI = withOpenAI - floor;
const [floorIr, oursIr, openaiIr] = coldCommands.map((a) => instructions(a));

process.stdout.write(`## Runtime (issue 4)

| measurement | ours | comparison (same run) | ratio | target |
| --- | --- | --- | --- | --- |
| request rate, sequential non-streaming calls on a keep-alive loopback server (req/s) | ${ours.toFixed(0)} (validation off: ${oursNoValidation.toFixed(0)}) | bare fetch ${bare.toFixed(0)}; openai-node 6.30 ${theirs.toFixed(0)} (${ratio(theirs, bare)}) | ${ratio(ours, bare)} (off: ${ratio(oursNoValidation, bare)}) | >= 0.87 |
| stream throughput, ${MB.toFixed(1)} MB of recorded OpenAI events in 16 KiB chunks: parse + tolerant validation + accumulation (MB/s) | ${full.toFixed(0)} | openai-node 6.30 stream parsing ${openaiNode.toFixed(0)} | ${ratio(full, openaiNode)} | >= 3 |
| SSE parsing alone (MB/s) | ${parseOnly.toFixed(0)} | bare split + JSON.parse ${splitParse.toFixed(0)} | ${ratio(parseOnly, splitParse)} | >= 0.8 |
| cold import: anyresponses + one provider, minus \`node -e ""\` | ${fmt(coldOurs)} | require("openai") ${fmt(coldOpenAI)} | ${ratio(coldOurs, coldOpenAI)} | <= 0.5 |
${floorIr === undefined ? '' : `| the same in instructions (callgrind, repeatable) | +${mega(oursIr - floorIr)} | +${mega(openaiIr - floorIr)} | ${ratio(oursIr - floorIr, openaiIr - floorIr)} | <= 0.5 |\n`}
Request rates: ${SLICES} slices of ${SLICE} calls per contender, interleaved, against a server in its own process; each rate is all its calls over all its time (our ratio in each quarter of the run: ${spread.map((x) => x.toFixed(2)).join(', ')}). A ratio depends on how long the bare call takes, so here is the time each adds to a bare fetch's ${(1e6 / bare).toFixed(0)} µs per call: ours ${extraUs(ours, bare)} µs (validation off: ${extraUs(oursNoValidation, bare)} µs), openai-node ${extraUs(theirs, bare)} µs; throughputs are the best of 3 passes; imports the fastest of 20 interleaved processes each (floor ${fmt(floor)}).
`);
