/**
 * The types accept replay: `[...r.output, next]` is valid `input` for both
 * flavors without a cast, `toInputItems` returns the flavor's input item
 * type, and an object that is neither an input nor an output item is
 * refused (each `@ts-expect-error` must meet an error, or the check fails).
 * Checked with the real compiler against the package's own declarations.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { typeCheck } from '../support/typecheck.js';

const SOURCE = `
import { responses, createClient, memoryStore, toInputItems, type ResponseStore } from 'anyresponses';
import { toInputItems as toOpenAIInput, type InputItem, type OutputItem } from 'anyresponses/openai';
import { toInputItems as toOpenResponsesInput, type ItemParam, type ItemField } from 'anyresponses/openresponses';

// OpenAI flavor: the issue's snippet, as written.
const r1 = await responses('openai:gpt-5', 'Plan a trip to Oslo.');
const r2 = await responses('openai:gpt-5', [...r1.output, { role: 'user', content: 'Now for two people.' }]);
export const text: string = r2.output_text;

// OpenResponses flavor.
const l1 = await responses('lmstudio:qwen3-8b', 'hi');
await responses('lmstudio:qwen3-8b', [...l1.output, { type: 'message', role: 'user', content: 'again' }]);

// A client with a store, on a stateless provider.
const store: ResponseStore = memoryStore({ maxResponses: 10 });
const ollama = createClient({ provider: 'ollama', store });
const o1 = await ollama.responses('qwen3', 'hi');
await ollama.responses('qwen3', 'and?', { previous_response_id: o1.id });
await ollama.responses('qwen3', [...o1.output, { type: 'function_call_output', call_id: 'c1', output: 'x' }], { store: false });

// toInputItems: output items in, the flavor's input items out.
export const a: InputItem[] = toInputItems(r1.output, { flavor: 'openai' });
export const b: ItemParam[] = toInputItems(l1.output, { flavor: 'openresponses' });
export const c: InputItem[] = toOpenAIInput(r1.output as OutputItem[]);
export const d: ItemParam[] = toOpenResponsesInput(l1.output as ItemField[]);

// @ts-expect-error: neither an input nor an output item
await responses('openai:gpt-5', [...r1.output, { hello: 'world' }]);
// @ts-expect-error: neither an input nor an output item (a message needs content)
await responses('lmstudio:qwen3-8b', [...l1.output, { type: 'message', role: 'user' }]);
// @ts-expect-error: OpenResponses items are not OpenAI input items
export const e: InputItem[] = toInputItems(l1.output, { flavor: 'openresponses' });
// @ts-expect-error: a flavor is required
toInputItems(r1.output, {});
// @ts-expect-error: toInputItems takes items (output or input), not any object
toInputItems([{ hello: 'world' }], { flavor: 'openai' });
// @ts-expect-error: the flavor module's too
toOpenResponsesInput([{ hello: 'world' }]);
// @ts-expect-error: its result is the flavor's input item type, not the other flavor's
export const f: ItemParam[] = toOpenAIInput(r1.output as OutputItem[]);
// @ts-expect-error: the wire flag store is a boolean or a ResponseStore
await responses('openai:gpt-5', 'hi', { store: 'yes' });
`;

describe('replay in the types', () => {
  it('[...r.output, next] type-checks for both flavors; what is neither an input nor an output item does not', () => {
    const file = join(repoRoot, 'test', 'conversation', '__replay-types.ts');
    const problems = typeCheck({ [file]: SOURCE }).filter((d) => d.file === file || d.file === '');
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([]);
  });
});
