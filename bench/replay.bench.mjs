/**
 * Issue 11: conversations that survive replay. `toInputItems` on the largest
 * recorded body's output against `JSON.parse` of the same bytes (target: at
 * most 0.2 times), and the other recorded bodies for information; what a
 * call whose input holds no output items pays for the replay check (one
 * property read per item) against `JSON.stringify` of its body, which every
 * call pays anyway; and what the two generated input item tables cost to load.
 * Same run, interleaved rounds, medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toInputItems } from '../dist/runtime/index.js';
import { replayProviderItems } from '../dist/tsc/runtime/conversation/replay.js';
import { fastestInterleaved, instructions, interleaved, median, mega, ratio } from './lib.mjs';

const dir = join(process.cwd(), '..', 'shared', 'fixtures', 'recorded');
const bodies = [];
for (const p of readdirSync(dir).sort()) {
  for (const f of readdirSync(join(dir, p)).sort()) {
    if (!f.endsWith('.json')) continue;
    const text = readFileSync(join(dir, p, f), 'utf8');
    const body = JSON.parse(text);
    if (Array.isArray(body.output)) bodies.push({ name: f, text, body, flavor: p === 'lmstudio' ? 'openresponses' : 'openai' });
  }
}
bodies.sort((a, b) => b.text.length - a.text.length);

let sink = 0;
/** µs per call of each contender (interleaved rounds, the median round). */
const perCall = (contenders, reps, rounds = 41) => interleaved(contenders, { rounds, reps, warmup: 200, per: 1000 });

const rows = [];
for (const [i, b] of bodies.entries()) {
  const [parse, convert] = perCall([() => (sink += JSON.parse(b.text).output.length), () => (sink += toInputItems(b.body.output, { flavor: b.flavor }).length)], i === 0 ? 200 : 100, i === 0 ? 61 : 21);
  rows.push({ ...b, parse, convert });
}

// A call without output items: a hand-written input of 20 items.
const handWritten = {
  model: 'm',
  input: Array.from({ length: 20 }, (_, k) => (k % 2 ? { type: 'function_call_output', call_id: `call_${k}`, output: 'x'.repeat(200) } : { type: 'message', role: 'user', content: 'y'.repeat(200) })),
};
const [stringify, check] = perCall([() => (sink += JSON.stringify(handWritten).length), () => (sink += replayProviderItems(handWritten, 'openai') === undefined ? 1 : 0)], 2000);
const untouched = replayProviderItems(handWritten, 'openai') === undefined;

// Loading the tables: a process importing both, against one importing two one-line modules. In
// instructions (callgrind, repeatable on a busy machine) where valgrind exists, else wall time.
const tiny = mkdtempSync(join(tmpdir(), 'ar-bench-'));
writeFileSync(join(tiny, 'a.mjs'), 'export const a = 1;\n');
writeFileSync(join(tiny, 'b.mjs'), 'export const b = 1;\n');
const importing = (a, b) => ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(a).href)}); await import(${JSON.stringify(pathToFileURL(b).href)});`];
const tablesArgs = importing(join(process.cwd(), 'generated/openai/input-items.js'), join(process.cwd(), 'generated/openresponses/input-items.js'));
const tinyArgs = importing(join(tiny, 'a.mjs'), join(tiny, 'b.mjs'));
const counted = instructions(tablesArgs);
const tableCost = counted !== undefined ? `+${mega(counted - instructions(tinyArgs))} instructions (callgrind)` : (() => {
  const [withTables, without] = fastestInterleaved([tablesArgs, tinyArgs], 15);
  return `+${(withTables - without).toFixed(1)} ms (fastest of 15 processes each)`;
})();
rmSync(tiny, { recursive: true, force: true });

// The first conversion in a process parses and compiles the flavor's table: that first call, minus a second one (median of 9 processes).
const firstCall = `import { toInputItems } from ${JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/runtime/index.js')).href)};
const item = { type: 'message', id: 'm', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'hi', annotations: [], logprobs: [] }] };
let t = performance.now(); toInputItems([item], { flavor: 'openai' }); const first = performance.now() - t;
t = performance.now(); toInputItems([item], { flavor: 'openai' }); console.log(first - (performance.now() - t));`;
const compileMs = median(Array.from({ length: 9 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', firstCall], { encoding: 'utf8' }))));
const size = (f) => statSync(join('generated', f, 'input-items.js')).size;

if (sink === 42) console.error('');
const sum = (f) => rows.reduce((a, r) => a + f(r), 0);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
process.stdout.write(
  [
    '## Replaying output as input (issue 11, bench/replay.bench.mjs)',
    '',
    "`toInputItems(body.output, { flavor })` against `JSON.parse` of the body's bytes; median of interleaved rounds.",
    '',
    '| body | size | items | JSON.parse | toInputItems | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r, i) => `| ${r.name}${i === 0 ? ' (the largest)' : ''} | ${kib(r.text.length)} | ${r.body.output.length} | ${r.parse.toFixed(1)} µs | ${r.convert.toFixed(2)} µs | ${i === 0 ? `**${ratio(r.convert, r.parse)}**` : ratio(r.convert, r.parse)} | ${i === 0 ? '<= 0.20' : ''} |`),
    `| all ${rows.length} bodies, summed | ${kib(sum((r) => r.text.length))} | ${sum((r) => r.body.output.length)} | ${sum((r) => r.parse).toFixed(1)} µs | ${sum((r) => r.convert).toFixed(2)} µs | ${ratio(sum((r) => r.convert), sum((r) => r.parse))} |  |`,
    '',
    `A call whose input holds no output items (20 hand-written items, ${kib(JSON.stringify(handWritten).length)}): the replay check costs ${(check * 1000).toFixed(0)} ns,`,
    `${ratio(check, stringify)} of the \`JSON.stringify\` of the same body (${stringify.toFixed(1)} µs) that every call pays; the body is ${untouched ? 'left as it is (no copy, no table lookup)' : 'CHANGED (a bug)'}.`,
    `The input item tables (${kib(size('openai'))} openai, ${kib(size('openresponses'))} openresponses, imported by the package root as JSON text) cost ${tableCost} over importing two one-line modules;`,
    `the first conversion in a process parses and compiles its flavor's table, ${compileMs.toFixed(2)} ms once.`,
    '',
  ].join('\n'),
);
