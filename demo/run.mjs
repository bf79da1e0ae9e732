// The offline demo: `npm run demo`. Starts the mock Responses server on a
// free local port and runs the main jobs through responses(): a plain call,
// a streamed call printed as it arrives, a two-turn conversation, a tool
// round trip with runTools, and structured output. No network, no key.
import { createClient, defineTool, runTools } from 'anyresponses';
import { startMockServer } from 'anyresponses/testing';

const say = (s = '') => process.stdout.write(`${s}\n`);
const server = await startMockServer({ flavor: 'openresponses', apiKey: 'demo-key' });
const settings = { provider: 'openresponses', apiBase: server.url, apiKey: 'demo-key' };
const client = createClient(settings);
try {
  say(`mock server on ${server.url} (flavor openresponses)\n`);

  say('1. a plain call');
  const plain = await client.responses('echo', 'Say hi in five words.');
  say(`   ${plain.output_text}\n`);

  say('2. a streamed call, printed as it arrives');
  const stream = await client.responses('echo', 'Write a haiku about the sea.', { stream: true });
  process.stdout.write('   ');
  for await (const text of stream.textStream) process.stdout.write(text);
  const final = await stream.finalResponse();
  say(`\n   (${final.usage.output_tokens} output tokens, status ${final.status})\n`);

  say('3. a two-turn conversation with previous_response_id');
  const first = await client.responses('echo', 'My favourite colour is green.');
  const second = await client.responses('echo', 'What is my favourite colour?', { previous_response_id: first.id });
  say(`   ${second.output_text}\n`);

  say('4. a tool round trip with runTools');
  const weather = defineTool({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    execute: ({ city }) => `sunny and 21 C in ${city}`,
  });
  const done = await runTools('echo', 'What is the weather in Oslo?', { ...settings, tools: [weather], tool_choice: 'required' });
  for (const round of done.rounds) for (const c of round.calls) say(`   called ${c.name}(${c.arguments}) -> ${c.output}`);
  say(`   ${done.response.output_text}\n`);

  say('5. structured output from a JSON Schema');
  const city = await client.responses('echo', 'Capital of Norway?', {
    response_format: { type: 'object', properties: { city: { type: 'string' }, population: { type: 'integer' } }, required: ['city', 'population'], additionalProperties: false },
  });
  say(`   output_parsed: ${JSON.stringify(city.output_parsed)}\n`);

  say(`done: ${server.requests.length} requests, all checked against the OpenResponses spec on both sides.`);
} finally {
  await server.close();
}
