/**
 * The validation API on the generated validators: result shapes, readable
 * issues with pointers, tag dispatch, modes, type guards, assert, error
 * bodies, property-based samples with targeted mutations, and the
 * standalone code against `ajv.compile` of the same prepared schemas.
 */
import { describe, expect, it } from 'vitest';
import { compileStandalone, newAjv } from '../../generator/emit/ajv/compile.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { buildIR } from '../../generator/pipeline.js';
import { loadSpecs } from '../support/conformance.js';
import { sample, SKIP } from '../support/sampler.js';
import { hasShared } from '../support/shared.js';

const specs = hasShared() ? await loadSpecs() : undefined;
const or = specs?.openresponses as unknown as Record<string, any>;
const oa = specs?.openai as unknown as Record<string, any>;

const message = (over: object = {}) => ({ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'hi', annotations: [], logprobs: [] }], ...over });

describe('validate(): outcomes and issues', () => {
  it.each([
    ['a valid value', 'ItemField', message(), { ok: true, warnings: [] }],
    ['a wrong JSON type is an error in both modes', 'ItemField', message({ id: 42 }), { ok: false, errors: [{ pointer: '/id', keyword: 'type', message: 'expected string, found number 42' }] }],
    ['an unknown tag names the known ones', 'ItemField', { type: 'telepathy', id: 'x' }, { ok: true, warnings: [{ pointer: '/type', keyword: 'discriminator', message: "unknown type 'telepathy'; known: message, function_call, function_call_output, reasoning, compaction" }] }],
    ['errors come from inside the branch the tag selects', 'ItemField', { type: 'function_call', id: 'fc', call_id: 'c', name: 'f', arguments: 7, status: 'completed' }, { ok: false, errors: [{ pointer: '/arguments', keyword: 'type', message: 'expected string, found number 7' }] }],
    ['a tag that is not a string is an error', 'ItemField', { type: 3 }, { ok: false }],
    ['a non-object where an object belongs is an error', 'ItemField', 'message', { ok: false, errors: [{ pointer: '', keyword: 'type', message: 'expected object, found string "message"' }] }],
  ])('%s', (_name, schema, value, want) => {
    if (!or) return;
    expect(or.validate(schema, value)).toMatchObject(want);
  });

  it.each([
    ['unknown extra property', message({ extra: 1 }), { pointer: '/extra', keyword: 'additionalProperties', message: "unknown property 'extra'" }],
    ['missing required property', (({ id: _i, ...m }) => m)(message()), { pointer: '/id', keyword: 'required', message: "missing required property 'id'" }],
    ['null where null is not allowed', message({ id: null }), { pointer: '/id', keyword: 'type', message: 'expected string, found null' }],
    ['a string outside a closed enum', message({ status: 'archived' }), { pointer: '/status', keyword: 'enum', message: "expected one of 'in_progress', 'completed', 'incomplete', found string \"archived\"" }],
  ])('%s: a warning when tolerant, an error when strict', (_name, value, issue) => {
    if (!or) return;
    expect(or.validate('ItemField', value)).toEqual({ ok: true, value, warnings: [issue] });
    expect(or.validate('ItemField', value, { mode: 'strict' })).toEqual({ ok: false, errors: [issue], warnings: [] });
  });

  it('shared tags dispatch on the secondary property (role)', () => {
    if (!or) return;
    const user = { type: 'message', role: 'user', content: 'hi' };
    expect(or.validate('ItemParam', user, { mode: 'strict' }).ok).toBe(true);
    const bad = or.validate('ItemParam', { type: 'message', role: 'system', content: 5 }, { mode: 'strict' });
    expect(bad.ok).toBe(false);
    expect(bad.errors.every((e: { pointer: string }) => e.pointer.startsWith('/content'))).toBe(true);
  });

  it('is<Name> is a strict type guard, assert<Name> throws SpecValidationError listing pointers', () => {
    if (!or) return;
    expect(or.isItemField(message())).toBe(true);
    expect(or.isItemField(message({ extra: 1 }))).toBe(false);
    expect(() => or.assertItemField(message({ id: 1, status: 'x' }))).toThrow(/does not match ItemField:\n {2}\/id: expected string, found number 1\n {2}\/status: expected one of/);
    try {
      or.assertItemField({});
    } catch (e) {
      expect((e as Error).name).toBe('SpecValidationError');
      expect((e as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    }
  });

  it('an unknown schema name says so and suggests near names', () => {
    if (!or) return;
    expect(() => or.validate('ResponseResourc', {})).toThrow(/unknown openresponses schema 'ResponseResourc'; did you mean ResponseResource/);
  });

  it('each name finds its own schema, however names follow one another (the last one asked for is remembered)', () => {
    if (!or) return;
    const item = { type: 'message', role: 'user', content: 'hi' };
    for (const [name, value, ok] of [
      ['ItemField', message(), true],
      ['ItemField', message(), true],
      ['ResponseResource', message(), false],
      ['ItemField', message(), true],
      ['ResponseResource', item, false],
    ] as const) {
      expect(or.validate(name, value, { mode: 'strict' }).ok, name).toBe(ok);
      expect(or.is(name, value), name).toBe(ok);
    }
    expect(() => or.validate('ResponseResourc', {})).toThrow(/unknown openresponses schema 'ResponseResourc'/);
    expect(() => or.validate(5 as unknown as string, {})).toThrow(/unknown openresponses schema '5'/);
    expect(or.is('ItemField', message())).toBe(true);
  });

  it('error bodies are checked against the spec error shape', () => {
    if (!oa) return;
    expect(oa.validateError({ error: { type: 'invalid_request_error', code: null, message: 'bad', param: 'input' } }, { mode: 'strict' }).ok).toBe(true);
    expect(oa.validateError({ error: { message: 5 } }, { mode: 'strict' })).toMatchObject({ ok: false, errors: expect.arrayContaining([{ pointer: '/error/message', keyword: 'type', message: 'expected string, found number 5' }]) });
    expect(oa.validateError('nope').ok).toBe(false);
  });
});

describe('property tests: sampled valid instances and targeted mutations', () => {
  it.each(['openresponses', 'openai'] as const)('%s: every sampled instance is valid (strict)', async (pin) => {
    if (!specs) return;
    const ir = await buildIR(pin);
    const v = pin === 'openai' ? oa : or;
    let sampled = 0;
    const invalid: string[] = [];
    for (const name of Object.keys(ir.schemas)) {
      const value = sample(ir.schemas[name], ir.schemas);
      if (value === SKIP) continue;
      sampled++;
      const r = v.validate(name, value, { mode: 'strict' });
      if (!r.ok) invalid.push(`${name}: ${JSON.stringify(r.errors.slice(0, 2))}`);
    }
    expect(invalid).toEqual([]);
    expect(sampled).toBeGreaterThan(Object.keys(ir.schemas).length * 0.6);
  });

  it('mutations are rejected with the right pointer', async () => {
    if (!specs) return;
    const ir = await buildIR('openresponses');
    const base = sample(ir.schemas.ResponseResource, ir.schemas) as Record<string, unknown>;
    expect(or.validate('ResponseResource', base, { mode: 'strict' }).ok).toBe(true);
    const required = ir.schemas.ResponseResource.required as string[];
    for (const key of required) {
      const { [key]: _dropped, ...rest } = base;
      const r = or.validate('ResponseResource', rest, { mode: 'strict' });
      expect(r.errors, `drop ${key}`).toContainEqual({ pointer: `/${key}`, keyword: 'required', message: `missing required property '${key}'` });
    }
    const r1 = or.validate('ResponseResource', { ...base, id: 12 }, { mode: 'strict' });
    expect(r1.errors).toContainEqual({ pointer: '/id', keyword: 'type', message: 'expected string, found number 12' });
    const r2 = or.validate('ResponseResource', { ...base, id: null }, { mode: 'strict' });
    expect(r2.errors).toContainEqual({ pointer: '/id', keyword: 'type', message: 'expected string, found null' });
    const item = sample(ir.schemas.FunctionCall, ir.schemas) as Record<string, unknown>;
    const r3 = or.validate('ResponseResource', { ...base, output: [{ ...item, type: 'mystery' }] }, { mode: 'strict' });
    expect(r3.errors[0]).toMatchObject({ pointer: '/output/0/type', message: expect.stringMatching(/^unknown type 'mystery'; known: message, function_call/) });
  });
});

describe('differential: the shipped validators and ajv.compile agree', () => {
  it('strict standalone code and the tolerant interpreter, on samples, mutations and odd values', async () => {
    if (!specs) return;
    const { Interpreter } = await import('../../runtime/validation/interpret.js');
    for (const pin of ['openresponses', 'openai'] as const) {
      const ir = await buildIR(pin);
      const names = Object.keys(ir.schemas);
      for (const mode of ['strict', 'tolerant'] as const) {
        const defs = prepareDefs(ir.schemas, mode);
        const ajv = newAjv();
        (ajv.opts as { code: { source?: boolean } }).code.source = false;
        ajv.addSchema({ $id: mode, $defs: defs });
        let shipped: (name: string, i: number) => (v: unknown) => boolean;
        if (mode === 'strict') {
          const exports: Record<string, string> = {};
          names.forEach((n, i) => (exports[`v${i}`] = `${mode}#/$defs/${encodeURIComponent(n)}`));
          const helpers = 'data:text/javascript,export function ucs2length(s){return [...s].length} export function equal(a,b){return JSON.stringify(a)===JSON.stringify(b)}';
          const mod = await import(`data:text/javascript;base64,${Buffer.from(compileStandalone([{ $id: mode, $defs: defs }], exports, helpers)).toString('base64')}`);
          shipped = (_n, i) => mod[`v${i}`];
        } else {
          const interp = new Interpreter(JSON.parse(JSON.stringify(defs)));
          shipped = (n) => interp.validator(n);
        }
        let compared = 0;
        names.forEach((n, i) => {
          const compiled = ajv.getSchema(`${mode}#/$defs/${encodeURIComponent(n)}`)!;
          const fn = shipped(n, i);
          const s = sample(ir.schemas[n], ir.schemas);
          const inputs: unknown[] = [null, 1, 1.5, 'x', true, [], [null], {}, { type: 'message' }, { type: 'message', role: 'user', content: 3 }, { type: 5 }, { type: 'function_call', id: 5 }];
          if (s !== SKIP) {
            inputs.push(s);
            if (s && typeof s === 'object' && !Array.isArray(s)) {
              inputs.push({ ...(s as object), extra: 1 });
              for (const k of Object.keys(s as object)) inputs.push({ ...(s as object), [k]: null }, { ...(s as object), [k]: 7 }, { ...(s as object), [k]: undefined });
            }
          }
          for (const input of inputs) {
            expect(fn(input), `${pin} ${mode} ${n} ${JSON.stringify(input)}`).toBe(compiled(input));
            compared++;
          }
        });
        expect(compared).toBeGreaterThan(names.length * 12);
      }
    }
  }, 180_000);
});
