/**
 * A value that matches no branch of a plain union is said once (issue 15): the branches'
 * expected types and values in one sentence, with the union's keyword, at the union's spot.
 * A tagged union keeps its tag's sentence, and a union whose branch said more below its spot
 * keeps what was said there. Real schemas of both generated flavors.
 */
import { describe, expect, it } from 'vitest';
import { specs, type Flavor } from '../support/flavor-specs.js';

type Row = [string, { given: { flavor: Flavor; schema: string; value: unknown; mode?: 'strict' | 'tolerant' }; want: Array<{ pointer: string; keyword: string; message: string }> }];

const request = (flavor: Flavor, extra: Record<string, unknown>) => ({ flavor, schema: flavor === 'openai' ? 'CreateResponse' : 'CreateResponseBody', value: { model: 'm', input: 'hi', ...extra } });

describe('a value matching no branch of a plain union is one issue', () => {
  it.each<Row>([
    ['a number or null given a string (openai)', { given: request('openai', { temperature: 'hot' }), want: [{ pointer: '/temperature', keyword: 'anyOf', message: 'expected number or null, found string "hot"' }] }],
    ['a number or null given a string (openresponses)', { given: request('openresponses', { temperature: 'hot' }), want: [{ pointer: '/temperature', keyword: 'anyOf', message: 'expected number or null, found string "hot"' }] }],
    ['an integer or null', { given: request('openresponses', { max_output_tokens: 'x' }), want: [{ pointer: '/max_output_tokens', keyword: 'anyOf', message: 'expected integer or null, found string "x"' }] }],
    [
      'an enum or null: the values, then null',
      { given: request('openai', { truncation: 'x' }), want: [{ pointer: '/truncation', keyword: 'anyOf', message: "expected one of 'auto', 'disabled', or null, found string \"x\"" }] },
    ],
    [
      'an enum or null given a number: the enum says the string type',
      {
        given: request('openai', { service_tier: 42 }),
        want: [{ pointer: '/service_tier', keyword: 'anyOf', message: "expected one of 'auto', 'default', 'flex', 'scale', 'priority', 'fast', 'ultrafast', or null, found number 42" }],
      },
    ],
    [
      'a nested enum or null',
      { given: request('openai', { text: { verbosity: 'loud' } }), want: [{ pointer: '/text/verbosity', keyword: 'anyOf', message: "expected one of 'low', 'medium', 'high', or null, found string \"loud\"" }] },
    ],
    [
      'an enum or an object',
      { given: request('openai', { tool_choice: 42 }), want: [{ pointer: '/tool_choice', keyword: 'oneOf', message: "expected one of 'none', 'auto', 'required', or object, found number 42" }] },
    ],
    ['a string or an array or null', { given: request('openresponses', { input: 42 }), want: [{ pointer: '/input', keyword: 'oneOf', message: 'expected string or array or null, found number 42' }] }],
    [
      'tolerant mode: null is no news',
      { given: { ...request('openai', { temperature: 'hot' }), mode: 'tolerant' }, want: [{ pointer: '/temperature', keyword: 'anyOf', message: 'expected number, found string "hot"' }] },
    ],
    [
      'a tagged union keeps its tag sentence',
      {
        given: { flavor: 'openresponses', schema: 'ItemParam', value: { type: 'nope' } },
        want: [{ pointer: '/type', keyword: 'discriminator', message: "unknown type 'nope'; known: item_reference, reasoning, compaction, message, function_call, function_call_output" }],
      },
    ],
    [
      'a branch that said more below: what it said, not the union',
      {
        given: request('openai', { tools: [{ type: 'function' }] }),
        want: [
          { pointer: '/tools/0/name', keyword: 'required', message: "missing required property 'name'" },
          { pointer: '/tools/0/strict', keyword: 'required', message: "missing required property 'strict'" },
          { pointer: '/tools/0/parameters', keyword: 'required', message: "missing required property 'parameters'" },
        ],
      },
    ],
    [
      'not a union: a type and an enum stay two issues',
      {
        given: request('openresponses', { service_tier: 5 }),
        want: [
          { pointer: '/service_tier', keyword: 'type', message: 'expected string, found number 5' },
          { pointer: '/service_tier', keyword: 'enum', message: "expected one of 'auto', 'default', 'flex', 'priority', found number 5" },
        ],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const r = specs[given.flavor].validate(given.schema, given.value, { mode: given.mode ?? 'strict' });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual(want);
  });
});
