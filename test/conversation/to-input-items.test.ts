/**
 * toInputItems on real traffic and on the specs: every recorded response
 * output (bodies and rebuilt streams, both flavors) becomes strictly valid
 * input for its own flavor, with exactly the changes listed per recording;
 * for the other flavor, valid apart from item types that flavor does not
 * know, which come back unchanged. Valid input comes back as the same
 * objects; the output is never modified; a sample of every input and output
 * item type of both specs behaves the same.
 */
import { AnyResponsesError, InvalidArgumentError, toInputItems } from 'anyresponses';
import * as openaiModule from 'anyresponses/openai';
import * as openresponsesModule from 'anyresponses/openresponses';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemSchemas } from '../../generator/emit/input-items/schema.js';
import type { IR } from '../../generator/ir/types.js';
import { buildIR } from '../../generator/pipeline.js';
import { responseProblems } from '../support/mock.js';
import { itemChanges, recordedOutputs, unionSamples } from '../support/replayable.js';
import { hasShared } from '../support/shared.js';

type Json = Record<string, any>;
type Flavor = 'openai' | 'openresponses';
const REQUEST = { openai: 'CreateResponse', openresponses: 'CreateResponseBody' } as const;
const OTHER = { openai: 'openresponses', openresponses: 'openai' } as const;

/** Strict problems of a list of input items, as `index pointer: message`. */
function inputProblems(flavor: Flavor, items: unknown[]): string[] {
  return responseProblems(flavor, { model: 'm', input: items }, REQUEST[flavor]);
}

const outputs = hasShared() ? recordedOutputs() : [];
const byName = new Map(outputs.map((o) => [o.name, o]));

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const IMAGE_SETTINGS = ['-image_generation_call.background', '-image_generation_call.output_format', '-image_generation_call.quality', '-image_generation_call.revised_prompt', '-image_generation_call.size'];
const LMSTUDIO_REASONING = ['-message.content[output_text].logprobs', '-reasoning.content', '-reasoning.status'];
const XAI_SEARCH = ['+web_search_call.action', '-message.content[output_text].annotations[url_citation]', '-web_search_call.arguments', '-web_search_call.call_id', '-web_search_call.name'];

/** What turning each recording's output into its own flavor's input changes (every recording with output is listed). */
const CHANGES: Array<[string, { want: string[] }]> = [
  ['lmstudio/lmstudio-basic.1.chunks.txt', { want: ['-message.content[output_text].logprobs'] }],
  ['lmstudio/lmstudio-basic.1.json', { want: LMSTUDIO_REASONING }],
  ['lmstudio/lmstudio-tool-call.1.chunks.txt', { want: LMSTUDIO_REASONING }],
  ['lmstudio/lmstudio-tool-call.1.json', { want: [] }],
  ['openai/openai-apply-patch-tool.1.chunks.txt', { want: [] }],
  ['openai/openai-apply-patch-tool.1.json', { want: [] }],
  ['openai/openai-code-interpreter-tool.1.chunks.txt', { want: [] }],
  ['openai/openai-code-interpreter-tool.1.json', { want: [] }],
  ['openai/openai-compaction.1.chunks.txt', { want: [] }],
  ['openai/openai-compaction.1.json', { want: [] }],
  ['openai/openai-file-search-tool.1.chunks.txt', { want: [] }],
  ['openai/openai-file-search-tool.1.json', { want: [] }],
  ['openai/openai-image-generation-tool.1.chunks.txt', { want: IMAGE_SETTINGS }],
  ['openai/openai-image-generation-tool.1.json', { want: IMAGE_SETTINGS }],
  ['openai/openai-local-shell-tool.1.chunks.txt', { want: [] }],
  ['openai/openai-local-shell-tool.1.json', { want: [] }],
  ['openai/openai-mcp-tool-approval.1.chunks.txt', { want: [] }],
  ['openai/openai-mcp-tool-approval.1.json', { want: [] }],
  ['openai/openai-mcp-tool-approval.2.chunks.txt', { want: [] }],
  ['openai/openai-mcp-tool-approval.2.json', { want: [] }],
  ['openai/openai-phase.1.chunks.txt', { want: [] }],
  ['openai/openai-phase.1.json', { want: [] }],
  ['openai/openai-reasoning-encrypted-content.1.chunks.txt#1', { want: [] }],
  ['openai/openai-reasoning-encrypted-content.1.chunks.txt#2', { want: [] }],
  ['openai/openai-reasoning-encrypted-content.1.chunks.txt#3', { want: [] }],
  ['openai/openai-reasoning-encrypted-content.1.chunks.txt#4', { want: [] }],
  ['openai/openai-reasoning-encrypted-content.1.json', { want: [] }],
  ['openai/openai-shell-local-multiturn.1.chunks.txt', { want: [] }],
  ['openai/openai-shell-local-multiturn.1.json', { want: [] }],
  ['openai/openai-shell-tool.1.chunks.txt#1', { want: [] }],
  ['openai/openai-shell-tool.1.chunks.txt#2', { want: [] }],
  ['openai/openai-shell-tool.1.json', { want: [] }],
  ['openai/openai-web-search-tool.1.chunks.txt', { want: [] }],
  ['openai/openai-web-search-tool.1.json', { want: [] }],
  ['xai/xai-text-streaming.1.chunks.txt', { want: [] }],
  ['xai/xai-web-search-tool.1.chunks.txt', { want: XAI_SEARCH }],
  ['xai/xai-web-search-tool.1.json', { want: XAI_SEARCH }],
];

describe('toInputItems on every recorded response output', () => {
  it('the table lists every recording with output (bodies and rebuilt streams)', () => {
    if (!hasShared()) return;
    expect(CHANGES.map(([name]) => name).sort()).toEqual(outputs.map((o) => o.name).sort());
  });

  it.each(CHANGES)('%s: strictly valid input for its flavor, with these changes', (name, { want }) => {
    if (!hasShared()) return;
    const r = byName.get(name)!;
    const output = deepFreeze(structuredClone(r.response.output)) as Json[];
    const items = toInputItems(output as never, { flavor: r.flavor as 'openai' }) as Json[];
    expect(inputProblems(r.flavor, items)).toEqual([]);
    expect(items).toHaveLength(output.length);
    expect([...new Set(output.flatMap((o, i) => itemChanges(o, items[i], String(o.type))))].sort()).toEqual(want);
    // What must survive for the provider to continue: ids, call ids, encrypted content, summaries, phase.
    output.forEach((o, i) => {
      for (const k of ['id', 'call_id', 'encrypted_content', 'summary', 'phase', 'type', 'role']) if (o[k] !== undefined && !(r.name.startsWith('xai/') && k === 'call_id')) expect(items[i][k], `${o.type}.${k}`).toEqual(o[k]);
    });
  });

  it.each(outputs.map((o) => [o.name, o] as const))('%s: for the other flavor, valid apart from item types it does not know, which come back unchanged', (_name, r) => {
    const other = OTHER[r.flavor];
    const items = toInputItems(r.response.output, { flavor: other as 'openai' }) as Json[];
    const problems = inputProblems(other, items);
    const unknown = new Set(problems.map((p) => Number(/^\/input\/(\d+)\/type: unknown type/.exec(p)?.[1])));
    for (const p of problems) expect(p, 'only unknown item types').toMatch(/^\/input\/\d+\/type: unknown type/);
    for (const k of unknown) expect(items[k]).toBe(r.response.output[k]);
  });

  it('an item that is valid input already comes back as the same object, and converting twice changes nothing more', () => {
    if (!hasShared()) return;
    let same = 0;
    for (const r of outputs) {
      const once = toInputItems(r.response.output, { flavor: r.flavor as 'openai' });
      r.response.output.forEach((item: unknown, k: number) => {
        if (inputProblems(r.flavor, [item]).length === 0) {
          expect(once[k], `${r.name} item ${k}`).toBe(item);
          same++;
        }
      });
      const twice = toInputItems(once, { flavor: r.flavor as 'openai' });
      twice.forEach((item, k) => expect(item, `${r.name} item ${k}`).toBe(once[k]));
    }
    expect(same).toBeGreaterThan(50);
  });

  it('the flavor modules bind the same table', () => {
    if (!hasShared()) return;
    for (const r of outputs) {
      const mod = r.flavor === 'openai' ? openaiModule : openresponsesModule;
      expect(mod.toInputItems(r.response.output as never)).toEqual(toInputItems(r.response.output, { flavor: r.flavor as 'openai' }));
    }
  });
});

describe('toInputItems on a sample of every item type of both specs', () => {
  const irs: Partial<Record<Flavor, IR>> = {};
  beforeAll(async () => {
    if (!hasShared()) return;
    for (const f of ['openai', 'openresponses'] as const) irs[f] = await buildIR(f);
  });

  it.each(['openai', 'openresponses'] as const)('%s: each input item type comes back as the same object', (flavor) => {
    if (!hasShared()) return;
    const ir = irs[flavor]!;
    const samples = unionSamples(ir, itemSchemas(ir)!.input);
    expect(samples.length).toBeGreaterThanOrEqual(flavor === 'openai' ? 25 : 8);
    for (const [name, item] of samples) {
      expect(inputProblems(flavor, [item]), name).toEqual([]);
      expect(toInputItems([item as never], { flavor: flavor as 'openai' })[0], name).toBe(item);
    }
  });

  it.each(['openai', 'openresponses'] as const)('%s: each output item type becomes valid input, or passes unchanged where the input form has no such item', (flavor) => {
    if (!hasShared()) return;
    const ir = irs[flavor]!;
    const samples = unionSamples(ir, itemSchemas(ir)!.output);
    expect(samples.length).toBeGreaterThan(flavor === 'openai' ? 25 : 4);
    for (const [name, item] of samples) {
      const [converted] = toInputItems([item as never], { flavor: flavor as 'openai' });
      // A value outside a closed enum of the input form is not changed (that would be inventing):
      // the sampler takes each enum's first value, and AdditionalTools' role 'unknown' is no input role.
      const problems = inputProblems(flavor, [converted]).filter((p) => !(name === 'AdditionalTools' && /^\/input\/0\/role: expected one of /.test(p)));
      if (problems.length > 0) {
        expect(problems, name).toEqual([expect.stringMatching(/^\/input\/0\/type: unknown type/)]);
        expect(converted, name).toBe(item);
      }
    }
  });
});

describe('toInputItems: the edges', () => {
  it.each([
    ['an unknown item type (xAI x_search_call) passes unchanged', 'openai', { type: 'x_search_call', id: 'xs_1', status: 'completed', query: 'q' }],
    ['an item with no type the flavor can place passes unchanged', 'openresponses', { role: 'user', content: 'hi' }],
    ['a value that is not an object passes unchanged', 'openai', 'hello'],
    ['a known type that cannot be made valid (no call_id) passes unchanged', 'openai', { type: 'function_call', id: 'fc_1', name: 'f', arguments: '{}', status: 'completed' }],
  ] as const)('%s', (_name, flavor, item) => {
    const [out] = toInputItems([item as never], { flavor: flavor as 'openai' });
    expect(out).toBe(item);
  });

  it.each([
    ['an OpenResponses reasoning item keeps id, summary and encrypted_content; status and content go', 'openresponses', { type: 'reasoning', id: 'rs_1', status: 'completed', summary: [{ type: 'summary_text', text: 's' }], content: [{ type: 'reasoning_text', text: 't' }], encrypted_content: 'enc' }, { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 's' }], encrypted_content: 'enc' }],
    ['a reasoning item without a summary gets summary: [] (required in the input form)', 'openresponses', { type: 'reasoning', id: 'rs_1', encrypted_content: 'enc' }, { type: 'reasoning', id: 'rs_1', encrypted_content: 'enc', summary: [] }],
    ['an in-progress image_generation_call without result gets result: null', 'openai', { type: 'image_generation_call', id: 'ig_1', status: 'generating' }, { type: 'image_generation_call', id: 'ig_1', status: 'generating', result: null }],
    ['an output_text without logprobs (OpenAI) gets logprobs: []; phase stays', 'openai', { type: 'message', id: 'm', status: 'completed', role: 'assistant', phase: 'final_answer', content: [{ type: 'output_text', text: 'hi', annotations: [] }] }, { type: 'message', id: 'm', status: 'completed', role: 'assistant', phase: 'final_answer', content: [{ type: 'output_text', text: 'hi', annotations: [], logprobs: [] }] }],
    ['a part of an unknown type is kept', 'openresponses', { type: 'message', id: 'm', status: 'completed', role: 'assistant', content: [{ type: 'output_audio', data: 'x' }] }, { type: 'message', id: 'm', status: 'completed', role: 'assistant', content: [{ type: 'output_audio', data: 'x' }] }],
  ] as const)('%s', (_name, flavor, item, want) => {
    const frozen = deepFreeze(structuredClone(item));
    expect(toInputItems([frozen as never], { flavor: flavor as 'openai' })).toEqual([want]);
  });

  it('a `__proto__` key stays an own property and pollutes nothing', () => {
    const item = JSON.parse('{"type":"reasoning","id":"rs_1","summary":[],"status":"x","__proto__":{"polluted":true}}');
    const [out] = toInputItems([item], { flavor: 'openresponses' }) as Json[];
    expect(Object.keys(out)).toEqual(['type', 'id', 'summary']);
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it.each([
    ['not a list', () => toInputItems({} as never, { flavor: 'openai' }), /toInputItems: expected a list of output items \(a response's `output`\), got an object/],
    ['no flavor', () => toInputItems([], {} as never), /options.flavor must be one of openai, openresponses/],
    ['an unknown flavor', () => toInputItems([], { flavor: 'gemini' } as never), /options.flavor must be one of openai, openresponses, got "gemini"/],
    ["the other flavor on a flavor module", () => openaiModule.toInputItems([], { flavor: 'openresponses' } as never), /this is the openai module's; flavor 'openresponses' needs toInputItems from the package root or anyresponses\/openresponses/],
  ])('%s is an InvalidArgumentError (one class from the root and the flavor modules) that says what was wrong', (_name, run, message) => {
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(AnyResponsesError);
    expect(run).toThrow(message);
  });
});
