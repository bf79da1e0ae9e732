/**
 * Issue 18: a 20-turn tool loop (runTools: 19 rounds of a tool call, then
 * the answer) against the local mock server, over one WebSocket session
 * against the same loop over HTTP with keep-alive (fetch's pool), both with
 * validation on, in the same process and the same run, interleaved. The
 * mock's own handling time is the same 20 turns run through its create
 * path with a sink that sends nothing (the response, its events, the
 * strict checks of its own output); what each transport adds per turn is
 * its loop time per turn minus that.
 */
import { connect, defineTool, runTools } from '../dist/runtime/index.js';
import { startMockServer } from '../dist/runtime/testing/index.js';
import { SpecCheck } from '../dist/tsc/runtime/testing/server/check.js';
import { createResponse } from '../dist/tsc/runtime/testing/server/create.js';
import { resolveOptions } from '../dist/tsc/runtime/testing/server/options.js';
import { ServerState } from '../dist/tsc/runtime/testing/server/state.js';
import { median, ratio } from './lib.mjs';

const TURNS = 20;
const ROUNDS = 15;
const KEY = 'bench-key-0123456789';
const FLAVORS = ['openai', 'openresponses'];

const script = () => [...Array.from({ length: TURNS - 1 }, (_, i) => ({ toolCalls: [{ name: 'lookup', arguments: JSON.stringify({ n: i }) }] })), 'All done.'];
const tools = [defineTool({ name: 'lookup', parameters: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, execute: ({ n }) => `result ${n}` })];
const wireTools = [{ type: 'function', name: 'lookup', strict: false, parameters: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } }];

async function time(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The mock's own work for the 20 turns: create.ts with a sink that sends nothing, chained as runTools chains them. */
async function floorLoop(flavor) {
  const state = new ServerState(resolveOptions({ flavor, script: script() }), await SpecCheck.load(flavor));
  let last;
  const sink = { history: () => undefined, keep: () => undefined, send: async (events) => void (last = events.at(-1).response) };
  let request = { model: 'scripted', input: 'go', tools: wireTools, stream: true };
  return async () => {
    state.script.push(...script());
    request = { model: 'scripted', input: 'go', tools: wireTools, stream: true };
    for (let n = 0; n < TURNS; n++) {
      await createResponse(state, sink, request, undefined);
      const call = last.output.find((o) => o.type === 'function_call');
      if (call) request = { model: 'scripted', input: [{ type: 'function_call_output', call_id: call.call_id, output: 'result' }], previous_response_id: last.id, tools: wireTools, stream: true };
    }
  };
}

const rows = [];
for (const flavor of FLAVORS) {
  const server = await startMockServer({ flavor, apiKey: KEY });
  const session = await connect(`${flavor}:scripted`, { apiKey: KEY, apiBase: server.url });
  const overSocket = async () => {
    server.enqueue(...script());
    const r = await runTools(`${flavor}:scripted`, 'go', { tools, session, maxRounds: TURNS + 1 });
    if (r.rounds.length !== TURNS) throw new Error(`the socket loop ran ${r.rounds.length} rounds`);
  };
  const overHttp = async () => {
    server.enqueue(...script());
    const r = await runTools(`${flavor}:scripted`, 'go', { tools, apiKey: KEY, apiBase: server.url, maxRounds: TURNS + 1 });
    if (r.rounds.length !== TURNS) throw new Error(`the HTTP loop ran ${r.rounds.length} rounds`);
  };
  const floor = await floorLoop(flavor);
  const contenders = [overSocket, overHttp, floor];
  for (let k = 0; k < 3; k++) for (const fn of contenders) await fn();
  const times = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [2, 1, 0] : [0, 1, 2];
    for (const i of order) times[i].push(await time(contenders[i]));
  }
  const [ws, http, own] = times.map(median);
  const perTurn = (ms) => ((ms - own) / TURNS) * 1000;
  rows.push({ flavor, ws, http, own, wsOver: perTurn(ws), httpOver: perTurn(http), connections: session.connections });
  await session.close();
  await server.close();
}

const us = (x) => `${x.toFixed(0)} µs`;
process.stdout.write(`## WebSocket mode: a ${TURNS}-turn tool loop, one socket against HTTP keep-alive

runTools with ${TURNS - 1} rounds of a tool call and a final answer against the local mock server, validation on, in one process; the median of ${ROUNDS} interleaved rounds each. "Mock's own" is the same ${TURNS} turns through the mock's create path with a sink that sends nothing; "adds per turn" is a loop's time per turn minus the mock's own.

| flavor | one socket | HTTP keep-alive | socket / HTTP | mock's own (${TURNS} turns) | socket adds per turn | HTTP adds per turn |
| --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.flavor} | ${r.ws.toFixed(1)} ms | ${r.http.toFixed(1)} ms | ${ratio(r.ws, r.http)} | ${r.own.toFixed(1)} ms | ${us(r.wsOver)} | ${us(r.httpOver)} |`).join('\n')}

Sockets opened by each session over all its loops: ${rows.map((r) => `${r.flavor} ${r.connections}`).join(', ')}.
`);
