/**
 * The operations on stored responses, where the flavor's spec defines them:
 * retrieve, delete, cancel, input items, input tokens and background polling
 * (OpenAI), compaction (both). An operation the server answers with 404, 405
 * or 501 is taken as not offered: skipped, with the status.
 */
import { isObject } from '../checks.js';
import type { ScenarioContext } from '../context.js';
import type { Answer } from '../http.js';
import { pause } from '../http.js';
import { completed, message } from './expect.js';
import type { Scenario } from './inputs.js';

const OPENAI = ['openai'] as const;
const path = (id: string, rest = '') => `/responses/${encodeURIComponent(id)}${rest}`;

/** Creates a stored response to operate on; its id, or undefined (the failure is a finding). */
async function stored(ctx: ScenarioContext, extra: Record<string, unknown> = {}): Promise<string | undefined> {
  const t = ctx.response(await ctx.create({ input: 'Say hello.', store: true, ...extra }));
  return typeof t.value?.id === 'string' ? t.value.id : undefined;
}

function offered(ctx: ScenarioContext, answer: Answer, what: string): void {
  if (answer.status === 404 || answer.status === 405 || answer.status === 501) ctx.skip(`the server does not offer ${what} (HTTP ${answer.status})`);
}

export const OPERATION_SCENARIOS: Scenario[] = [
  {
    name: 'retrieve',
    group: 'operations',
    title: '`GET /responses/{id}` of a stored response: the same response.',
    flavors: OPENAI,
    async run(ctx) {
      const id = await stored(ctx);
      if (!id) return;
      const r = await ctx.send({ method: 'GET', path: path(id) });
      offered(ctx, r.answer, 'retrieve');
      const t = ctx.response(r);
      if (t.value && t.value.id !== id) ctx.add('fail', 'operation-result', r.where, `the retrieved response has id ${JSON.stringify(t.value.id)}, expected '${id}'`, '/id');
      message(ctx, t);
    },
  },
  {
    name: 'delete',
    group: 'operations',
    title: '`DELETE /responses/{id}`: `deleted: true`, then a retrieve answers 404 with an error body.',
    flavors: OPENAI,
    async run(ctx) {
      const id = await stored(ctx);
      if (!id) return;
      const r = await ctx.send({ method: 'DELETE', path: path(id) });
      offered(ctx, r.answer, 'delete');
      const body = ctx.json(r, undefined);
      if (body && (body.id !== id || body.deleted !== true)) ctx.add('fail', 'operation-result', r.where, `expected {"id": "${id}", "deleted": true, ...}, got ${JSON.stringify({ id: body.id, deleted: body.deleted })}`, body.deleted !== true ? '/deleted' : '/id');
      ctx.json(await ctx.send({ method: 'GET', path: path(id) }), 'error', (s) => s === 404, '404');
    },
  },
  {
    name: 'cancel',
    group: 'operations',
    title: '`POST /responses/{id}/cancel` of a background response: a response, `cancelled` unless it had finished.',
    flavors: OPENAI,
    async run(ctx) {
      const id = await stored(ctx, { background: true });
      if (!id) return;
      const r = await ctx.send({ method: 'POST', path: path(id, '/cancel') });
      offered(ctx, r.answer, 'cancel');
      const t = ctx.response(r);
      const status = t.value?.status;
      if (t.value && status !== 'cancelled' && status !== 'completed') ctx.add('fail', 'operation-result', r.where, `status is ${JSON.stringify(status)} after cancel, expected "cancelled" (or "completed" if it had finished)`, '/status');
      if (status === 'completed') ctx.note('the response had completed before the cancel arrived');
    },
  },
  {
    name: 'input-items',
    group: 'operations',
    title: '`GET /responses/{id}/input_items`: a list holding the message sent.',
    flavors: OPENAI,
    async run(ctx) {
      const id = await stored(ctx);
      if (!id) return;
      const r = await ctx.send({ method: 'GET', path: path(id, '/input_items') });
      offered(ctx, r.answer, 'input items');
      const list = ctx.json(r, ctx.schemas.list);
      if (list && !(Array.isArray(list.data) && JSON.stringify(list.data).includes('Say hello.'))) ctx.add('fail', 'operation-result', r.where, 'the list does not hold the input message "Say hello."', '/data');
    },
  },
  {
    name: 'compact',
    group: 'operations',
    title: '`POST /responses/compact` of a short conversation: a compaction resource with output.',
    async run(ctx) {
      const input = [{ type: 'message', role: 'user', content: 'Remember: the meeting is on Tuesday.' }, { type: 'message', role: 'assistant', content: 'Noted: Tuesday.' }];
      const r = await ctx.send({ method: 'POST', path: '/responses/compact', body: { model: ctx.o.model, input } });
      offered(ctx, r.answer, 'compaction');
      const body = ctx.json(r, ctx.schemas.compact);
      if (body && !(Array.isArray(body.output) && body.output.length > 0)) ctx.add('fail', 'operation-result', r.where, 'the compaction has no output items', '/output');
    },
  },
  {
    name: 'input-tokens',
    group: 'operations',
    title: '`POST /responses/input_tokens`: a token count above zero.',
    flavors: OPENAI,
    async run(ctx) {
      const r = await ctx.send({ method: 'POST', path: '/responses/input_tokens', body: { model: ctx.o.model, input: 'How many tokens is this?' } });
      offered(ctx, r.answer, 'input token counts');
      const body = ctx.json(r, ctx.schemas.tokens);
      if (body && !(typeof body.input_tokens === 'number' && body.input_tokens > 0)) ctx.add('fail', 'operation-result', r.where, `input_tokens is ${JSON.stringify(body.input_tokens)}, expected a number above 0`, '/input_tokens');
    },
  },
  {
    name: 'background',
    group: 'operations',
    title: '`background: true`: answered at once (queued or in progress), then polled with retrieve until completed.',
    flavors: OPENAI,
    async run(ctx) {
      const first = ctx.response(await ctx.create({ input: 'Say hello.', background: true, store: true }));
      const id = first.value?.id;
      if (typeof id !== 'string') return;
      let t = first;
      for (let polls = 0; ['queued', 'in_progress'].includes(String(t.value?.status)); polls++) {
        if (polls >= ctx.o.maxPolls) return ctx.add('fail', 'background-completes', t.where, `still ${JSON.stringify(t.value?.status)} after ${ctx.o.maxPolls} polls`, '/status');
        await pause(ctx.o.pollIntervalMs, ctx.deadline);
        const r = await ctx.send({ method: 'GET', path: path(id) });
        if (polls === 0) offered(ctx, r.answer, 'retrieve, which polling needs');
        t = ctx.response(r);
        if (!isObject(t.value)) return;
      }
      if (completed(ctx, t)) message(ctx, t);
    },
  },
];
