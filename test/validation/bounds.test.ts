/**
 * Validation stays in proportion to the value: issue building is linear in the number of
 * failing items, a huge string or key costs a scan and a bounded message, and a value nested
 * without end (or one that contains itself) is an issue naming its pointer, never a
 * RangeError, from validate, is*, assert* and responses().
 */
import { describe, expect, it } from 'vitest';
import { responses, SpecValidationError, VALIDATION_LIMITS } from 'anyresponses';
import { startMockServer } from 'anyresponses/testing';
import { loadSpecs } from '../support/conformance.js';
import { hasShared } from '../support/shared.js';

const specs = hasShared() ? await loadSpecs() : undefined;
const oa = specs?.openai as unknown as Record<string, any>;

type Issue = { pointer: string; keyword: string; message: string };

/** CompoundFilter nested `n` deep, as JSON text (JSON.stringify itself overflows on 10,000 levels). */
const deepFilterText = (n: number) => '{"type":"and","filters":['.repeat(n) + '{"type":"eq","key":"a","value":1}' + ']}'.repeat(n);
const deepFilter = (n: number) => JSON.parse(deepFilterText(n));
function cyclicFilter() {
  const c: Record<string, unknown> = { type: 'and', filters: [] };
  (c.filters as unknown[]).push({ type: 'or', filters: [c] });
  return c;
}
const segments = (pointer: string) => pointer.split('/').length - 1;
const HUGE = 52_000_000;

describe('bounded messages and depth', () => {
  it.each<[string, { schema: string; value: () => unknown; want: (issues: Issue[], mode: string) => void }]>([
    [
      'a string 40 million characters over its maxLength: counted without an array of characters, the count in the message',
      {
        schema: 'CreateResponse',
        value: () => ({ model: 'm', input: 'hi', safety_identifier: '\u{1F600}' + 'x'.repeat(40_000_000) }),
        want: (issues) => expect(issues).toContainEqual({ pointer: '/safety_identifier', keyword: 'maxLength', message: 'expected at most 64 characters, found 40000001' }),
      },
    ],
    [
      'an unknown tag of 52 million characters: quoted in 60',
      {
        schema: 'ResponseStreamEvent',
        value: () => ({ type: 'x'.repeat(HUGE), sequence_number: 1 }),
        want: (issues) => {
          expect(issues[0]).toMatchObject({ pointer: '/type', keyword: 'discriminator' });
          expect(issues[0].message).toMatch(/^unknown type 'x{57}\.\.\.'; known: /);
        },
      },
    ],
    [
      'an unknown property named with 52 million characters: quoted in 60',
      {
        schema: 'ResponseUsage',
        value: () => ({ input_tokens: 1, output_tokens: 1, total_tokens: 2, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 }, ['k'.repeat(HUGE)]: 1 }),
        want: (issues) => expect(issues.map((i) => i.message)).toContain(`unknown property '${'k'.repeat(57)}...'`),
      },
    ],
    [
      'a recursive type nested 10,000 deep: maxDepth at the first spot past 256 levels',
      {
        schema: 'CompoundFilter',
        value: () => deepFilter(10_000),
        want: (issues) => {
          expect(issues).toHaveLength(1);
          expect(issues[0]).toMatchObject({ keyword: 'maxDepth', message: expect.stringMatching(/^nested more than 256 levels deep/) });
          expect(issues[0].pointer.startsWith('/filters/0/filters/0/')).toBe(true);
          expect(segments(issues[0].pointer)).toBe(257);
        },
      },
    ],
    [
      'a deep value with an error at the bottom: strict finds it 2,001 levels down, the tolerant check stops at 256',
      {
        schema: 'CompoundFilter',
        value: () => JSON.parse(deepFilterText(1_000).replace('"value":1', '"value":{}')),
        want: (issues, mode) => {
          if (mode === 'strict') return expect(issues.every((i) => segments(i.pointer) === 2_001)).toBe(true);
          expect(issues).toHaveLength(1);
          expect(issues[0].keyword).toBe('maxDepth');
          expect(segments(issues[0].pointer)).toBe(257);
        },
      },
    ],
    [
      'a value that contains itself: the reference back, by pointer',
      {
        schema: 'CompoundFilter',
        value: cyclicFilter,
        want: (issues) => expect(issues).toEqual([{ pointer: '/filters/0/filters/0', keyword: 'cycle', message: 'the value contains itself: this refers back to the whole value (a JSON value cannot)' }]),
      },
    ],
  ])('%s', (_name, { schema, value, want }) => {
    if (!oa) return;
    const v = value();
    for (const mode of ['strict', 'tolerant']) {
      const r = oa.validate(schema, v, { mode });
      const issues: Issue[] = r.ok ? r.warnings : r.errors;
      want(issues, mode);
      // The value's part of a message is bounded; the rest is the schema's (a tag list can be long).
      for (const i of [...(r.errors ?? []), ...r.warnings]) {
        expect(i.message.length, i.message.slice(0, 100)).toBeLessThan(4000);
        expect(i.message).not.toMatch(/x{61}|k{61}/);
      }
    }
  });

  it('a stream rule quotes a hostile event type or item id in at most 60 characters', () => {
    if (!oa) return;
    const huge = 'x'.repeat(HUGE);
    const response = { id: 'r', object: 'response', created_at: 1, status: 'completed', model: 'm', output: [] };
    const r = oa.validateStream([
      { type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } },
      { type: 'response.output_text.delta', sequence_number: 1, output_index: 0, content_index: 0, item_id: huge, delta: 'x' },
      { type: 'response.completed', sequence_number: 2, response },
      { type: huge, sequence_number: 3 },
    ]);
    const all = [...r.errors, ...r.warnings];
    expect(all.length).toBeGreaterThan(1);
    for (const i of all) {
      expect(i.message.length, i.message.slice(0, 100)).toBeLessThan(4000);
      expect(i.message).not.toMatch(/x{61}/);
    }
  });

  it('VALIDATION_LIMITS is the one the validators read: maxDepth 256 by default, and a caller may change it', () => {
    if (!oa) return;
    expect(VALIDATION_LIMITS).toEqual({ maxDepth: 256, maxQuoted: 60 });
    const bad = JSON.parse(deepFilterText(5).replace('"value":1', '"value":{}'));
    VALIDATION_LIMITS.maxDepth = 4;
    try {
      const r = oa.validate('CompoundFilter', bad);
      expect(r.errors).toEqual([expect.objectContaining({ keyword: 'maxDepth', pointer: '/filters/0/filters/0/type' })]);
    } finally {
      VALIDATION_LIMITS.maxDepth = 256;
    }
    expect(oa.validate('CompoundFilter', bad).errors[0].pointer).toBe('/filters/0/filters/0/filters/0/filters/0/filters/0/value');
  });

  it.each([
    ['nested 10,000 deep', () => deepFilter(10_000), 'maxDepth'],
    ['cyclic', cyclicFilter, 'cycle'],
  ])('is* answers false and assert* throws a SpecValidationError (not a RangeError) for a value %s', (_name, value, keyword) => {
    if (!oa) return;
    const v = value();
    expect(oa.isCompoundFilter(v)).toBe(false);
    expect(oa.is('CompoundFilter', v)).toBe(false);
    for (const call of [() => oa.assertCompoundFilter(v), () => oa.assert('CompoundFilter', v)]) {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SpecValidationError);
      expect((thrown as SpecValidationError).issues[0].keyword).toBe(keyword);
    }
  });

  it('responses() refuses such a request with a SpecValidationError before sending it, and the mock server answers it with a 400', async () => {
    if (!oa) return;
    const server = await startMockServer({ flavor: 'openai' });
    try {
      for (const filters of [deepFilter(10_000), cyclicFilter()]) {
        const call = responses('openai-compatible:m', 'hi', { apiKey: 'k', apiBase: server.url, tools: [{ type: 'file_search', vector_store_ids: ['vs'], filters }] } as never);
        await expect(call).rejects.toBeInstanceOf(SpecValidationError);
      }
      expect(server.requests).toHaveLength(0);
      const body = `{"model":"echo","input":"hi","tools":[{"type":"file_search","vector_store_ids":["vs"],"filters":${deepFilterText(10_000)}}]}`;
      const res = await fetch(`${server.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { message: string; param: string } };
      expect(err.error.message).toMatch(/nested more than 256 levels deep/);
      expect(err.error.param.startsWith('tools[0].filters.filters[0]')).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('linear scaling of issue building', () => {
  /** Steps of issue building (comparisons, pointer walks: validation's own counter) per item of validating `make(n)`. */
  async function stepsPerItem(make: (n: number) => unknown, schema: string, mode: string, n: number): Promise<{ steps: number; errors: number }> {
    const { issueWork } = await import('../../dist/runtime/validation/index.js');
    const v = make(n);
    const before = issueWork.steps;
    const r = oa.validate(schema, v, { mode });
    return { steps: (issueWork.steps - before) / n, errors: r.ok ? 0 : r.errors.length };
  }

  it.each<[string, { schema: string; make: (n: number) => unknown; perItem: { strict: number; tolerant: number } }]>([
    [
      'N output items with a wrong-typed field',
      {
        schema: 'Response',
        make: (n) => ({ id: 'r', object: 'response', created_at: 1, status: 'completed', model: 'm', output: Array.from({ length: n }, (_, i) => ({ type: 'function_call', call_id: `c${i}`, name: 'f', arguments: 5 })) }),
        perItem: { strict: 1, tolerant: 1 },
      },
    ],
    [
      'N input items failing a union',
      { schema: 'CreateResponse', make: (n) => ({ model: 'm', input: Array.from({ length: n }, () => ({ type: 'message', role: 'user', content: 5 })) }), perItem: { strict: 1, tolerant: 1 } },
    ],
  ])('%s: N = 1k, 4k, 16k take the same steps per item (a quadratic cost would take 16 times as many at 16k)', async (_name, { schema, make, perItem }) => {
    if (!oa) return;
    for (const mode of ['strict', 'tolerant'] as const) {
      const [s1, s4, s16] = await Promise.all([1_000, 4_000, 16_000].map((n) => stepsPerItem(make, schema, mode, n)));
      for (const [n, s] of [[4_000, s4], [16_000, s16]] as const) {
        expect(s.steps, `${mode}: ${s.steps} steps per item at ${n}, ${s1.steps} at 1k`).toBeLessThanOrEqual(s1.steps * 1.1 + 1);
        expect(s.errors).toBeGreaterThanOrEqual(n * perItem[mode]);
      }
      expect(s1.steps).toBeGreaterThan(0);
    }
  }, 120_000);
});
