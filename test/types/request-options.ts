/**
 * Type tests (checked by `npm run typecheck`, tsconfig.test.json, which npm test runs; never run):
 * request options are typed from the flavor's create body, picked by the
 * provider in the model string; a misspelled key or a wrong type fails to
 * compile; provider extras go through `extra_body`; `runTools` returns the
 * provider's response type. The provider modules (`anyresponses/providers/<name>`)
 * type their options the same way.
 */
import { createClient, defineTool, memoryStore, responses, runTools, type Response, type ResponseInputParam, type ResponseResource } from 'anyresponses';
import { groq } from 'anyresponses/providers/groq';
import { lmstudio } from 'anyresponses/providers/lmstudio';
import { openai } from 'anyresponses/providers/openai';
import { z } from 'zod';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const is = <T extends true>(): T => true as T;

export async function requestOptions() {
  // @ts-expect-error temperature is a number
  await responses('openai:gpt-5', 'hi', { temperature: 'hot' });
  // @ts-expect-error max_output_token is not an option (max_output_tokens is)
  await responses('openai:gpt-5', 'hi', { max_output_token: 5 });
  // @ts-expect-error tool_choice is a mode or a tool, not a number
  await responses('openai:gpt-5', 'hi', { tool_choice: 42 });
  // @ts-expect-error the same on an OpenResponses provider
  await responses('lmstudio:qwen3-8b', 'hi', { max_output_token: 5 });
  // @ts-expect-error a misspelled option on a client's call
  await createClient({ provider: 'openai', apiKey: 'k' }).responses('gpt-5', 'hi', { temprature: 0.2 });
  // @ts-expect-error extra_body is an object of body fields
  await responses('openai:gpt-5', 'hi', { extra_body: 'top_k=40' });

  // What compiles: the create body's fields, call settings, provider extras through extra_body.
  const r = await responses('openai:gpt-5', 'hi', { temperature: 0.2, max_output_tokens: 64, tool_choice: 'auto', apiKey: 'k', timeout: 5_000, include: ['reasoning.encrypted_content'] });
  is<Equal<typeof r.id, string>>();
  const lm = await responses('lmstudio:qwen3-8b', 'hi', { extra_body: { top_k: 40 }, reasoning: { effort: 'low' } });
  lm.output_text.toUpperCase();
  const s = await responses('openai:gpt-5', 'hi', { stream: true });
  for await (const e of s) e.type.toUpperCase();
  const city = await responses('openai:gpt-5', 'Capital of Norway?', { response_format: z.object({ city: z.string() }) });
  is<Equal<typeof city.output_parsed, { city: string } | null>>();
}

export async function runToolsResult() {
  const weather = defineTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `sunny in ${city}` });
  const a = await runTools('openai:gpt-5', 'Weather in Oslo?', { tools: [weather] });
  is<Equal<typeof a.response, Response & { output_text: string }>>();
  const b = await runTools('lmstudio:qwen3-8b', 'Weather in Oslo?', { tools: [weather], maxRounds: 3 });
  is<Equal<typeof b.response, ResponseResource & { output_text: string }>>();
  // @ts-expect-error runTools' options are typed too
  await runTools('openai:gpt-5', 'hi', { tools: [weather], temperature: 'hot' });
}

export async function whatTheRuntimeTakes(streamed: boolean) {
  // A client's onWarnings is typed (it applies to every call of the client).
  const pointers: string[] = [];
  const client = createClient({ provider: 'ollama', store: memoryStore(), onWarnings: (w) => void pointers.push(...w.map((i) => i.pointer)) });
  // @ts-expect-error onWarnings takes the issues
  createClient({ onWarnings: (w: string) => w });
  // conversation on any provider: the provider's, or one of the conversation store's.
  await client.responses('qwen3', 'hi', { conversation: 'conv_1' });
  await client.responses('qwen3', 'hi', { conversation: { id: 'conv_1' } });
  // @ts-expect-error a conversation is an id or { id }
  await client.responses('qwen3', 'hi', { conversation: 42 });
  // stream known only at run time: either result, told apart by finalResponse (as openai-node types it).
  const r = await client.responses('qwen3', 'hi', { stream: streamed });
  const final = 'finalResponse' in r ? await r.finalResponse() : r;
  is<Equal<typeof final.id, string>>();
  // @ts-expect-error it may be a stream
  r.output_text.toUpperCase();
  const off = await client.responses('qwen3', 'hi', { stream: false });
  off.output_text.toUpperCase();
}

export async function providerModules() {
  const g = groq({ apiKey: 'k' });
  // @ts-expect-error temperature is a number, on a provider module too
  await g.create('llama-3.3-70b', 'hi', { temperature: 'hot' });
  // @ts-expect-error max_output_token is not an option (max_output_tokens is)
  await g.create('llama-3.3-70b', 'hi', { max_output_token: 5 });
  // @ts-expect-error tool_choice is a mode or a tool
  await g.stream('llama-3.3-70b', 'hi', { tool_choice: 42 });
  // @ts-expect-error the method says whether it streams
  await g.create('llama-3.3-70b', 'hi', { stream: true });
  // @ts-expect-error the module says the provider
  await g.create('llama-3.3-70b', 'hi', { provider: 'openai' });
  // @ts-expect-error the same on an OpenResponses provider's module
  await lmstudio().create('qwen3-8b', 'hi', { max_output_token: 5 });
  // @ts-expect-error extra_body is an object of body fields
  await lmstudio().create('qwen3-8b', 'hi', { extra_body: 'top_k=40' });

  // What compiles: the flavor's create body, call settings, extras through extra_body; results as for responses().
  const r = await g.create('llama-3.3-70b', 'hi', { temperature: 0.2, max_output_tokens: 64, tool_choice: 'auto', timeout: 5_000, extra_body: { top_k: 40 } });
  is<Equal<typeof r, Response & { output_text: string }>>();
  const lm = await lmstudio().create('qwen3-8b', 'hi', { reasoning: { effort: 'low' } });
  is<Equal<typeof lm, ResponseResource & { output_text: string }>>();
  const city = await g.create('llama-3.3-70b', 'Capital of Norway?', { response_format: z.object({ city: z.string() }) });
  is<Equal<typeof city.output_parsed, { city: string } | null>>();
  const viaChat = await openai({ apiKey: 'k' }).create('gpt-5', 'hi', { api: 'chat' });
  is<Equal<typeof viaChat, ResponseResource & { output_text: string }>>();
  const s = await g.stream('llama-3.3-70b', 'hi', { max_output_tokens: 64 });
  for await (const e of s) e.type.toUpperCase();
  const done = await s.finalResponse();
  is<Equal<typeof done.id, string>>();

  // Methods for exactly the operations the provider's manifest lists.
  // @ts-expect-error LM Studio stores no responses: its client has no retrieve
  await lmstudio().retrieve('resp_1');
  // @ts-expect-error nor WebSocket mode
  await lmstudio().connect('qwen3-8b');
  const stored = await openai({ apiKey: 'k' }).retrieve('resp_1');
  is<Equal<typeof stored, Response & { output_text: string }>>();
  const session = await openai({ apiKey: 'k' }).connect('gpt-5');
  const turn = await session.create('hi');
  const last = await turn.finalResponse();
  is<Equal<typeof last.id, string>>();
  is<Equal<Parameters<ReturnType<typeof lmstudio>['create']>[1], ResponseInputParam>>();
}
