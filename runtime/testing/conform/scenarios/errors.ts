/**
 * Error answers: a bad request must get a 4xx, as JSON, with the spec's
 * error body (`{"error": {"message", "type", "param", "code"}}`), and
 * `param` naming the parameter at fault.
 */
import { isObject } from '../checks.js';
import type { ScenarioContext } from '../context.js';
import type { Scenario } from './inputs.js';

const is4xx = (s: number) => s >= 400 && s < 500;

/** Checks an error answer; `param` is the parameter the error should name (a deviation when it names another or none). */
async function expectError(ctx: ScenarioContext, body: Record<string, unknown>, param: string, statuses: string): Promise<void> {
  const r = await ctx.send({ method: 'POST', path: '/responses', body });
  const got = ctx.json(r, 'error', is4xx, statuses);
  if (!got || !is4xx(r.answer.status)) return;
  const error = isObject(got.error) ? got.error : undefined;
  if (!error) return;
  const named = error.param;
  if (typeof named !== 'string' || named === '') {
    ctx.add('deviation', 'error-param', r.where, `param is ${JSON.stringify(named)}; expected the parameter at fault ('${param}')`, '/error/param');
  } else if (!named.split(/[.[]/)[0].includes(param)) {
    ctx.add('deviation', 'error-param', r.where, `param is '${named}'; expected the parameter at fault ('${param}')`, '/error/param');
  }
}

export const ERROR_SCENARIOS: Scenario[] = [
  {
    name: 'error-malformed',
    group: 'errors',
    title: 'A request whose `input` is a number: a 4xx (400) error body naming `input` in `param`.',
    async run(ctx) {
      await expectError(ctx, { model: ctx.o.model, input: 42 }, 'input', '4xx (400)');
    },
  },
  {
    name: 'error-unknown-previous',
    group: 'errors',
    title: 'An unknown `previous_response_id`: a 4xx (400 or 404) error body naming `previous_response_id`.',
    async run(ctx) {
      await expectError(ctx, { model: ctx.o.model, input: 'Hello.', previous_response_id: 'resp_conform_no_such_response' }, 'previous_response_id', '4xx (400 or 404)');
    },
  },
  {
    name: 'error-unknown-model',
    group: 'errors',
    title: 'An unknown model: a 4xx (404 or 400) error body naming `model`.',
    async run(ctx) {
      await expectError(ctx, { model: 'conform-no-such-model', input: 'Hello.' }, 'model', '4xx (404 or 400)');
    },
  },
];
