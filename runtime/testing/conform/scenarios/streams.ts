/**
 * Streamed requests: every stream goes through every stream rule (framing
 * included) and every event through the spec's event schema; then the
 * terminal response is checked like a JSON one.
 */
import { isObject } from '../checks.js';
import { firstDifference } from '../../../validation/json-diff.js';
import { call, message } from './expect.js';
import { weatherTool, type Scenario } from './inputs.js';

const MOCK = 'our mock server';

export const STREAM_SCENARIOS: Scenario[] = [
  {
    name: 'stream',
    group: 'streams',
    title: 'A streamed text answer: the stream keeps every stream rule and ends `completed` with a message.',
    async run(ctx) {
      message(ctx, ctx.stream(await ctx.create({ input: 'Count from one to five in words.', stream: true })).final);
    },
  },
  {
    name: 'stream-tool-call',
    group: 'streams',
    title: 'A streamed forced tool call: argument deltas join into the call.',
    async run(ctx) {
      call(ctx, ctx.stream(await ctx.create({ input: 'What is the weather in Oslo?', tools: [weatherTool], tool_choice: { type: 'function', name: weatherTool.name }, stream: true })).final, weatherTool.name);
    },
  },
  {
    name: 'stream-reasoning',
    group: 'streams',
    title: 'A streamed reasoning item (summary and raw text) before the message: reasoning text inside a content part.',
    mockOnly: `needs a model that reasons on request; ${MOCK} has a scripted one (the stream rules apply to any reasoning another server streams in the other scenarios)`,
    judgement: 'whether to reason',
    async run(ctx) {
      ctx.o.mock!.enqueue({ reasoning: { summary: ['Think about it.'], text: 'Five words make a short greeting.' }, text: 'Hello there, nice to meet.' });
      ctx.judgement = "the mock's scripted model reasons, then answers";
      message(ctx, ctx.stream(await ctx.create({ model: 'scripted', input: 'Greet me.', stream: true })).final);
    },
  },
  {
    name: 'stream-error',
    group: 'streams',
    title: 'A stream that fails midway: `error`, then `response.failed`, and the stream still keeps the rules.',
    mockOnly: `needs a server that can be made to fail mid-stream; ${MOCK} does so on request (x-mock-fault)`,
    async run(ctx) {
      const fault = JSON.stringify({ errorEvent: { message: 'conform: a failure on request', code: 'server_error' }, afterEvents: 4 });
      const read = ctx.stream(await ctx.create({ input: 'Tell me a few words before it fails.', stream: true }, { 'x-mock-fault': fault }));
      // What follows the error (response.failed) is the stream rules' to check (error-then-failed).
      if (read.events.length > 0 && !read.events.some((e) => e.type === 'error')) ctx.add('fail', 'http-status', read.final.where, `the mock was asked to fail mid-stream, but no error event came (${read.events.map((e) => e.type).join(', ')})`);
    },
  },
  {
    name: 'stream-resume',
    group: 'streams',
    title: 'A stored streamed response, streamed again with `starting_after`: the same events after that sequence number.',
    flavors: ['openai'],
    async run(ctx) {
      const first = ctx.stream(await ctx.create({ input: 'Write three short sentences about rivers.', stream: true, store: true, background: true }));
      const id = first.final.value?.id;
      if (typeof id !== 'string' || first.events.length < 4) return;
      const cut = 2;
      const after = first.events[cut].sequence_number;
      const r = await ctx.send({ method: 'GET', path: `/responses/${encodeURIComponent(id)}?stream=true&starting_after=${String(after)}` });
      if (r.answer.status === 404 || r.answer.status === 405 || r.answer.status === 501) ctx.skip(`the server does not offer stream resumption (HTTP ${r.answer.status})`);
      const resumed = ctx.stream(r, first.events.slice(0, cut + 1));
      const again = resumed.events.slice(cut + 1);
      const want = first.events.slice(cut + 1);
      if (again.length !== want.length) return ctx.add('fail', 'stream-resume', r.where, `${again.length} events after sequence_number ${String(after)}; the original stream had ${want.length}`);
      again.forEach((e, i) => {
        const diff = firstDifference(e, want[i]);
        if (diff !== undefined && isObject(e)) ctx.add('fail', 'stream-resume', `${r.where} event ${cut + 1 + i}`, `differs from the original event at ${diff || '/'}`, diff);
      });
    },
  },
];
