/**
 * Issue 16: `anyresponses conform` against the local mock server, all
 * scenarios, each flavor: wall time and requests sent. And the named stream
 * rules' cost per event (framing and event rules, no schema validation)
 * against `JSON.parse` of the same event, same run: every recorded stream,
 * framed as the wire carries it. Target: at most 0.2 of JSON.parse.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { conform, startMockServer } from '../dist/runtime/testing/index.js';
import { StreamRules } from '../dist/runtime/validation/index.js';
import { median, ratio } from './lib.mjs';

const out = ['## conform (issue 16)', ''];

// 1. conform against the mock, all scenarios, per flavor: median of RUNS wall times (a fresh mock each run).
const RUNS = 5;
out.push('| target | scenarios | pass | skipped | requests | wall time (median of 5) |', '| --- | --- | --- | --- | --- | --- |');
for (const flavor of ['openresponses', 'openai']) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const server = await startMockServer({ flavor });
    const t = process.hrtime.bigint();
    last = await conform({ mock: server, pollIntervalMs: 0 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    await server.close();
  }
  if (last.exit !== 0) throw new Error(`conform against the ${flavor} mock exited ${last.exit}`);
  out.push(`| mock, ${flavor} flavor | ${last.scenarios.length} | ${last.summary.pass} | ${last.summary.skipped} | ${last.requests} | ${median(times).toFixed(0)} ms |`);
}
out.push('', 'Background polling runs with `pollIntervalMs: 0` (the default waits 500 ms between polls).', '');

// 2. The stream rules per event against JSON.parse, on every recorded stream.
const rec = join(process.cwd(), '..', 'shared', 'fixtures', 'recorded');
const streams = [];
for (const provider of readdirSync(rec).sort()) {
  for (const f of readdirSync(join(rec, provider)).sort()) {
    if (!f.endsWith('.chunks.txt')) continue;
    const lines = readFileSync(join(rec, provider, f), 'utf8').split('\n').filter((l) => l.trim());
    const events = lines.map((l) => JSON.parse(l));
    streams.push({ spec: provider === 'lmstudio' ? 'openresponses' : 'openai', lines, events, messages: lines.map((data, i) => ({ event: events[i].type, data })) });
  }
}
const eventCount = streams.reduce((n, s) => n + s.lines.length, 0);
const bytes = streams.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.length, 0), 0);
let sink = 0;
const noop = () => void sink++;
function parseAll() {
  for (const s of streams) for (const l of s.lines) sink += JSON.parse(l) === null ? 1 : 0;
}
function rulesAll() {
  for (const s of streams) {
    const rules = new StreamRules(noop, { spec: s.spec });
    rules.contentType('text/event-stream');
    for (let i = 0; i < s.events.length; i++) {
      const m = s.messages[i];
      if (!rules.frame(m)) continue;
      rules.eventField(m, s.events[i]);
      rules.event(s.events[i]);
    }
    rules.end();
  }
}
const ROUNDS = 40;
const REPS = 5;
const time = (fn) => {
  const t = process.hrtime.bigint();
  for (let k = 0; k < REPS; k++) fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
for (let k = 0; k < 10; k++) (parseAll(), rulesAll());
const parseMs = [];
const rulesMs = [];
for (let r = 0; r < ROUNDS; r++) {
  // Interleaved, the order swapped every round, so both see the same machine.
  if (r % 2) (rulesMs.push(time(rulesAll)), parseMs.push(time(parseAll)));
  else (parseMs.push(time(parseAll)), rulesMs.push(time(rulesAll)));
}
const perEvent = (ms) => `${((ms * 1e6) / (REPS * eventCount)).toFixed(0)} ns`;
const p = median(parseMs);
const q = median(rulesMs);
out.push(
  `Stream rules per event: ${streams.length} recorded streams, ${eventCount} events (${(bytes / 1024).toFixed(0)} KiB of JSON), median of ${ROUNDS} interleaved rounds.`,
  '',
  '| work per event | time | ratio to JSON.parse |',
  '| --- | --- | --- |',
  `| \`JSON.parse\` of the event's data | ${perEvent(p)} | 1.00 |`,
  `| every stream rule (framing and events; no schema validation) | ${perEvent(q)} | ${ratio(q, p)} (target <= 0.2) |`,
  '',
);
if (sink < 0) out.push('');
process.stdout.write(out.join('\n'));
