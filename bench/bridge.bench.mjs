/**
 * Issue 12: the Chat Completions bridge. Translating one chat chunk into its
 * Responses events, against JSON.parse of the same chunk's text (target: at
 * most 0.3 times), over every recorded chat stream, same run, interleaved.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChatSSETranslator, ChatStreamTranslator } from '../dist/tsc/runtime/bridge/index.js';
import { interleaved, ratio } from './lib.mjs';

const dir = join(process.cwd(), '..', 'shared', 'fixtures', 'recorded-chat');
const streams = [];
for (const p of readdirSync(dir).sort()) {
  for (const f of readdirSync(join(dir, p)).sort()) {
    if (f.endsWith('.json')) continue;
    const lines = readFileSync(join(dir, p, f), 'utf8').split('\n').map((l) => l.replace(/^data: ?/, '').trim()).filter((l) => l && l !== '[DONE]');
    streams.push({ lines, chunks: lines.map((l) => JSON.parse(l)) });
  }
}
const count = streams.reduce((n, s) => n + s.lines.length, 0);
const bytes = streams.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.length, 0), 0);
const options = { now: () => 1_800_000_000_000 };

let sink = 0;
const parse = () => {
  for (const s of streams) for (const l of s.lines) sink += JSON.parse(l).choices ? 1 : 0;
};
const translate = () => {
  for (const s of streams) {
    const t = new ChatStreamTranslator({ options });
    for (const c of s.chunks) sink += t.push(c).length;
    sink += t.end().length;
  }
};
const sse = streams.map((s) => s.lines.map((l) => `data: ${l}\n\n`).join('') + 'data: [DONE]\n\n');
const wire = () => {
  for (const text of sse) {
    const t = new ChatSSETranslator({ options });
    sink += t.push(text).length + t.end().length;
  }
};

/** ns per chunk of each contender: passes over every chunk, interleaved, the median round. */
const perChunk = (contenders, rounds = 31, reps = 20) => interleaved(contenders, { rounds, reps, warmup: 50, per: count });

const [tParse, tTranslate, tWire] = perChunk([parse, translate, wire]);
if (sink === 42) console.error('');
process.stdout.write(
  [
    '## Chat Completions bridge (bench/bridge.bench.mjs)',
    '',
    `Every recorded chat stream (${streams.length} streams, ${count} chunks, ${(bytes / count).toFixed(0)} bytes per chunk on average), translated chunk by chunk`,
    'from parsed chunks into OpenResponses events (`ChatStreamTranslator`, `end()` included), against `JSON.parse` of the',
    'same chunks\' text; median of 31 interleaved rounds.',
    '',
    '| per chunk | ns | ratio to JSON.parse |',
    '| --- | --- | --- |',
    `| \`JSON.parse\` of the chunk | ${tParse.toFixed(0)} | 1.00 |`,
    `| translation into its events | ${tTranslate.toFixed(0)} | **${ratio(tTranslate, tParse)}** (target <= 0.3) |`,
    `| SSE bytes -> events (decode, parse, translate: \`ChatSSETranslator\`) | ${tWire.toFixed(0)} | ${ratio(tWire, tParse)} |`,
    '',
  ].join('\n'),
);
