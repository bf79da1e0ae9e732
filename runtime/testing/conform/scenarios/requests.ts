/** The request kinds of `POST /responses`, answered as JSON. */
import { fits, messageText } from '../checks.js';
import { call, echoes, mentions, message } from './expect.js';
import { citySchema, PNG_DATA_URL, pdfDataUrl, weatherTool, type Scenario } from './inputs.js';

const user = (content: unknown) => ({ type: 'message', role: 'user', content });

export const REQUEST_SCENARIOS: Scenario[] = [
  {
    name: 'text',
    group: 'requests',
    title: 'A string input: a completed response with an assistant message.',
    async run(ctx) {
      message(ctx, ctx.response(await ctx.create({ input: 'Say hello in five words.' })));
    },
  },
  {
    name: 'instructions',
    group: 'requests',
    title: '`instructions`, and a system message among explicit items: both answered, `instructions` repeated in the response.',
    async run(ctx) {
      const instructions = 'Answer in one short sentence.';
      const a = ctx.response(await ctx.create({ instructions, input: 'What colour is a clear daytime sky?' }));
      message(ctx, a);
      echoes(ctx, a, 'instructions', instructions);
      const b = ctx.response(await ctx.create({ input: [{ type: 'message', role: 'system', content: instructions }, user('What colour is grass?')] }));
      message(ctx, b);
    },
  },
  {
    name: 'image-input',
    group: 'requests',
    title: 'An `input_image` part (a PNG data URL) beside text.',
    async run(ctx) {
      const content = [{ type: 'input_text', text: 'What colour is this image? One word.' }, { type: 'input_image', image_url: PNG_DATA_URL, detail: 'auto' }];
      message(ctx, ctx.response(await ctx.create({ input: [user(content)] })));
    },
  },
  {
    name: 'file-input',
    group: 'requests',
    title: 'An `input_file` part: a base64 PDF in `file_data` with its `filename`.',
    async run(ctx) {
      const content = [{ type: 'input_text', text: 'What is the secret word in this file?' }, { type: 'input_file', filename: 'conform.pdf', file_data: pdfDataUrl('The secret word is conform.') }];
      message(ctx, ctx.response(await ctx.create({ input: [user(content)] })));
    },
  },
  {
    name: 'tool-forced',
    group: 'requests',
    title: '`tool_choice` naming a function: the response calls it, with JSON-object arguments.',
    async run(ctx) {
      const t = ctx.response(await ctx.create({ input: 'What is the weather in Oslo?', tools: [weatherTool], tool_choice: { type: 'function', name: weatherTool.name } }));
      call(ctx, t, weatherTool.name);
    },
  },
  {
    name: 'tool-required',
    group: 'requests',
    title: '`tool_choice: "required"`: the model must call a tool.',
    async run(ctx) {
      call(ctx, ctx.response(await ctx.create({ input: 'What is the weather in Bergen?', tools: [weatherTool], tool_choice: 'required' })));
    },
  },
  {
    name: 'tool-auto',
    group: 'requests',
    title: '`tool_choice: "auto"` with a question the tool answers: the call, when the model makes one, is well-formed.',
    judgement: 'whether to call the tool',
    async run(ctx) {
      const mock = ctx.o.mock;
      if (mock) mock.enqueue({ toolCalls: [{ name: weatherTool.name }] });
      ctx.judgement = mock ? "the mock's scripted model calls the tool (a real model decides for itself)" : 'the model decides whether to call the tool';
      const t = ctx.response(await ctx.create({ ...(mock ? { model: 'scripted' } : {}), input: 'What is the weather in Oslo right now? Use the get_weather tool.', tools: [weatherTool], tool_choice: 'auto' }));
      if (!mock && t.value?.status === 'completed' && !JSON.stringify(t.value.output ?? []).includes('"function_call"')) {
        ctx.skip(`the model answered without calling the tool, which tool_choice "auto" allows: ${JSON.stringify((messageText(t.value) ?? '').slice(0, 80))}`);
      }
      call(ctx, t, weatherTool.name);
    },
  },
  {
    name: 'tool-roundtrip',
    group: 'requests',
    title: 'A forced call, then its `function_call` and a `function_call_output` sent back as explicit items: a message answers.',
    async run(ctx) {
      const first = ctx.response(await ctx.create({ input: 'What is the weather in Oslo?', tools: [weatherTool], tool_choice: { type: 'function', name: weatherTool.name } }));
      const fc = call(ctx, first, weatherTool.name);
      if (!fc) return;
      const item = { type: 'function_call', call_id: fc.call_id, name: fc.name, arguments: fc.arguments };
      const input = [user('What is the weather in Oslo?'), item, { type: 'function_call_output', call_id: fc.call_id, output: '{"temperature_c": 21, "sky": "clear"}' }];
      message(ctx, ctx.response(await ctx.create({ input, tools: [weatherTool] })));
    },
  },
  {
    name: 'structured-output',
    group: 'requests',
    title: 'A JSON Schema `text.format` (strict): the message is JSON that fits the schema.',
    async run(ctx) {
      const format = { type: 'json_schema', name: 'city', schema: citySchema, strict: true };
      const t = ctx.response(await ctx.create({ input: 'Name the capital of Norway and its country.', text: { format } }));
      const text = message(ctx, t);
      if (text === undefined) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return ctx.add('fail', 'structured-output', t.where, `the message is not JSON: ${JSON.stringify(text.slice(0, 80))}`, `${t.prefix}/output`);
      }
      const misfit = fits(citySchema as unknown as Record<string, unknown>, value);
      if (misfit) ctx.add('fail', 'structured-output', t.where, `the message's JSON does not fit the schema at ${misfit.pointer || '/'}: ${misfit.message}`, `${t.prefix}/output`);
    },
  },
  {
    name: 'multi-turn',
    group: 'requests',
    title: 'Earlier turns as explicit items (user, assistant, user): answered, with the earlier turn in context.',
    judgement: 'whether the answer uses the earlier turn',
    async run(ctx) {
      ctx.judgement = ctx.o.mock ? "the mock's echo model repeats what the user said before" : 'judged from the model\'s answer';
      const input = [user('My name is Ada.'), { type: 'message', role: 'assistant', content: 'Nice to meet you, Ada.' }, user('What is my name?')];
      const t = ctx.response(await ctx.create({ input }));
      mentions(ctx, t, message(ctx, t), 'Ada', 'the name given two turns before');
    },
  },
  {
    name: 'previous-response-id',
    group: 'requests',
    title: 'A second request continuing the first with `previous_response_id`: answered with the first turn in context, the id repeated.',
    judgement: 'whether the answer uses the earlier turn',
    async run(ctx) {
      ctx.judgement = ctx.o.mock ? "the mock's echo model repeats what the user said before" : 'judged from the model\'s answer';
      const first = ctx.response(await ctx.create({ input: 'Remember this word: papaya. Reply with OK.', store: true }));
      message(ctx, first);
      const id = first.value?.id;
      if (typeof id !== 'string') return;
      const second = ctx.response(await ctx.create({ previous_response_id: id, input: 'Which word did I ask you to remember?' }));
      echoes(ctx, second, 'previous_response_id', id);
      mentions(ctx, second, message(ctx, second), 'papaya', 'the word of the previous response');
    },
  },
  {
    name: 'store-false',
    group: 'requests',
    title: '`store: false`: answered, `store` repeated as false, and (where retrieve exists) not retrievable.',
    async run(ctx) {
      const t = ctx.response(await ctx.create({ input: 'Say hi.', store: false }));
      message(ctx, t);
      echoes(ctx, t, 'store', false);
      if (ctx.flavor !== 'openai' || typeof t.value?.id !== 'string') return;
      const r = await ctx.send({ method: 'GET', path: `/responses/${encodeURIComponent(t.value.id)}` });
      if (r.answer.status === 200) ctx.add('deviation', 'not-stored', r.where, 'a response created with store: false was retrieved');
      else if (r.answer.status === 404) ctx.json(r, 'error', (s) => s === 404, '404');
    },
  },
];
