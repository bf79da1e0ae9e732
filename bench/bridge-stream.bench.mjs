/**
 * Issue 12: a bridged stream end to end over loopback. One long recorded-style
 * chat stream (DeepSeek's recorded text chunks, repeated to about 8 MB, then the
 * finish chunk, a usage chunk and [DONE]) served by a server in its own process;
 * `responses('chat-compatible:...', { stream: true })` reads it through the whole
 * chat leg (SSE parse, each chunk checked tolerantly against the chat schema,
 * translated into OpenResponses events, accumulated by the ResponseStream)
 * against openai-node's `chat.completions.create({ stream: true })` reading the
 * same bytes (parse only). Same run, interleaved rounds, the median of each.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { createClient } from 'anyresponses';
import { median, ratio } from './lib.mjs';

const OPENAI_VERSION = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'openai', 'package.json'), 'utf8')).version;

const here = dirname(fileURLToPath(import.meta.url));
const rec = join(here, '..', '..', 'shared', 'fixtures', 'recorded-chat');
const chunks = readFileSync(join(rec, 'deepseek', 'deepseek-text.chunks.txt'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const [first] = chunks;
const content = chunks.filter((c) => c.choices?.[0]?.delta?.content && !c.choices[0].finish_reason);
const finish = chunks.find((c) => c.choices?.[0]?.finish_reason);
const usage = { ...first, choices: [], usage: { prompt_tokens: 10, completion_tokens: 100000, total_tokens: 100010 } };
const parts = [`data: ${JSON.stringify(first)}\n\n`];
let size = parts[0].length;
let n = 0;
while (size < 8e6) {
  const line = `data: ${JSON.stringify(content[n++ % content.length])}\n\n`;
  parts.push(line);
  size += line.length;
}
parts.push(`data: ${JSON.stringify({ ...finish, choices: [{ ...finish.choices[0], finish_reason: "stop" }], usage: null })}\n\n`, `data: ${JSON.stringify(usage)}\n\n`, 'data: [DONE]\n\n');
const body = parts.join('');
const MB = Buffer.byteLength(body) / 1e6;
const file = join(mkdtempSync(join(tmpdir(), 'anyresponses-bench-')), 'stream.sse');
writeFileSync(file, body);

const server = fork(join(here, 'chat-loopback-server.mjs'), [file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const url = `http://127.0.0.1:${await new Promise((r) => server.once('message', r))}/v1`;

const ours = createClient({ provider: 'chat-compatible', apiBase: url });
const theirs = new OpenAI({ apiKey: 'k', baseURL: url });
let text = 0;
const contenders = [
  async () => {
    const s = await ours.responses('deepseek-chat', 'hi', { stream: true });
    for await (const e of s) if (e.type === 'response.output_text.delta') text += e.delta.length;
    const r = await s.finalResponse();
    if (r.status !== 'completed') throw new Error(`bridged stream ended ${r.status}`);
  },
  async () => {
    const s = await ours.responses('deepseek-chat', 'hi', { stream: true, validate: false });
    for await (const e of s) if (e.type === 'response.output_text.delta') text += e.delta.length;
  },
  async () => {
    const s = await theirs.chat.completions.create({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    for await (const c of s) if (c.choices[0]?.delta?.content) text += c.choices[0].delta.content.length;
  },
];
for (const fn of contenders) await fn();
const times = contenders.map(() => []);
const cpu = contenders.map(() => []);
for (let r = 0; r < 9; r++) {
  const order = contenders.map((_, i) => i);
  if (r % 2) order.reverse();
  for (const i of order) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await contenders[i]();
    times[i].push(Number(process.hrtime.bigint() - t) / 1e9);
    const used = process.cpuUsage(c);
    cpu[i].push((used.user + used.system) / 1e6);
  }
}
server.kill();
const [mbOurs, mbNoValidation, mbOpenAI] = times.map((t) => MB / median(t));
// The client's own CPU time (this process: user + system), so a loaded machine that delays the server does not blur the comparison.
const [cpuOurs, cpuNoValidation, cpuOpenAI] = cpu.map((t) => MB / median(t));
if (text === 42) console.error('');
process.stdout.write(
  [
    '## Bridged chat stream over loopback (bench/bridge-stream.bench.mjs)',
    '',
    `One chat stream of ${MB.toFixed(1)} MB (${n} content chunks of DeepSeek's recorded text stream, then finish, usage and [DONE]) from a server in its own process;`,
    'median of 9 interleaved rounds per contender.',
    '',
    'Wall time gives the throughput a caller sees; the client process\'s CPU time (user + system) gives what each contender costs, apart from',
    'the server and whatever else the machine runs.',
    '',
    '| contender | MB/s (wall) | ratio | MB per CPU-second of the client | ratio |',
    '| --- | --- | --- | --- | --- |',
    `| \`responses('chat-compatible:...', { stream: true })\`: SSE parse, tolerant chunk validation, translation, accumulation | ${mbOurs.toFixed(1)} | **${ratio(mbOurs, mbOpenAI)}** (target >= 3) | ${cpuOurs.toFixed(1)} | **${ratio(cpuOurs, cpuOpenAI)}** |`,
    `| the same with \`validate: false\` | ${mbNoValidation.toFixed(1)} | ${ratio(mbNoValidation, mbOpenAI)} | ${cpuNoValidation.toFixed(1)} | ${ratio(cpuNoValidation, cpuOpenAI)} |`,
    `| openai-node ${OPENAI_VERSION} \`chat.completions.create({ stream: true })\`, chunks parsed only | ${mbOpenAI.toFixed(1)} | 1.00 | ${cpuOpenAI.toFixed(1)} | 1.00 |`,
    '',
  ].join('\n'),
);
