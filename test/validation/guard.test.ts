/**
 * The per-type guards (`isResponse`, ...) are an interpreter over compact
 * schema data (runtime/validation/guard.ts, generator/emit/ajv/guards.ts),
 * not the compiled validators. Their verdicts must be the strict
 * validator's: checked here against the shipped compiled validators (the
 * bound `is(name, value)`) for every schema of each spec on every recorded
 * body and stream event, every generated sample, and mutations of both;
 * and against `ajv.compile` on a table of schemas that use each keyword.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAjv, shadowsPrototype } from '../../generator/emit/ajv/compile.js';
import { GUARD_KEYWORDS as EMITTED, guardData } from '../../generator/emit/ajv/guards.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { Names } from '../../generator/emit/typescript/names.js';
import type { Schema } from '../../generator/ir/types.js';
import { buildIR } from '../../generator/pipeline.js';
import { linearPattern } from '../../runtime/internal/linear-pattern.js';
import { GUARD_KEYWORDS, strictGuard } from '../../runtime/validation/guard.js';
import { chatRecordings, readChunks } from '../support/chat-recordings.js';
import { readEvents } from '../support/conformance.js';
import { sample, SKIP } from '../support/sampler.js';
import { flavorOf, hasShared, recordings, repoRoot } from '../support/shared.js';

type Mod = Record<string, unknown> & { schemaNames: readonly string[]; is(name: string, v: unknown): boolean };

/** Each value changed in one place at a time: a key dropped or added, a leaf of another type, a tag unknown. */
function mutants(value: unknown, limit = 400): unknown[] {
  const out: unknown[] = [];
  const replace = (root: unknown, path: Array<string | number>, f: (v: unknown) => unknown): unknown => {
    if (path.length === 0) return f(root);
    const [head, ...rest] = path;
    if (Array.isArray(root)) return root.map((x, i) => (i === head ? replace(x, rest, f) : x));
    const o = root as Record<string, unknown>;
    return { ...o, [head]: replace(o[head], rest, f) };
  };
  const visit = (v: unknown, path: Array<string | number>) => {
    if (out.length >= limit) return;
    const add = (f: (x: unknown) => unknown) => out.push(replace(value, path, f));
    if (v === null) add(() => ({}));
    else if (typeof v === 'string') (add(() => 1), add(() => ''), add(() => 'unknown_tag_value'), add(() => 'x'.repeat(70)));
    else if (typeof v === 'number') (add(() => String(v)), add(() => -1), add(() => 1.5), add(() => 1e9));
    else if (typeof v === 'boolean') add(() => null);
    else if (Array.isArray(v)) {
      add(() => []);
      add(() => [...v, 7]);
      v.forEach((x, i) => visit(x, [...path, i]));
    } else if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      add(() => ({ ...o, zz_unknown: 1 }));
      add(() => null);
      for (const k of Object.keys(o)) {
        add((x) => Object.fromEntries(Object.entries(x as object).filter(([kk]) => kk !== k)));
        visit(o[k], [...path, k]);
      }
    }
  };
  visit(value, []);
  return out;
}

async function spec(name: 'openai' | 'openresponses' | 'chat') {
  const mod = (await import(join(repoRoot, 'generated', name, 'validators.js'))) as Mod;
  const names = new Names([...mod.schemaNames], ['Operations']);
  const guard = (c: string) => mod[`is${names.of(c)}`] as (v: unknown) => boolean;
  /** How many of each verdict were compared (both kinds must be there, or the comparison says little). */
  const verdicts: Record<string, number> = { true: 0, false: 0 };
  /** Every schema's guard against the compiled validator; returns the disagreements. */
  const disagreements = (values: unknown[], schemas: readonly string[] = mod.schemaNames) => {
    const bad: string[] = [];
    for (const c of schemas) {
      const g = guard(c);
      for (const v of values) {
        const verdict = g(v);
        verdicts[String(verdict)]++;
        if (verdict !== mod.is(c, v)) bad.push(`${c}: ${JSON.stringify(v).slice(0, 200)}`);
      }
    }
    return bad;
  };
  return { mod, guard, disagreements, verdicts };
}

describe('is<Name> guards agree with the strict validators', () => {
  it('on every recorded body and stream event, against every schema of the spec, and on their mutations', async () => {
    if (!hasShared()) return;
    for (const flavor of ['openai', 'openresponses'] as const) {
      const { disagreements, verdicts } = await spec(flavor);
      const values: unknown[] = [];
      for (const r of recordings().filter((r) => flavorOf(r.provider) === flavor)) {
        if (r.kind === 'chunks') values.push(...readEvents(r.file));
        else values.push(JSON.parse(readFileSync(r.file, 'utf8')));
      }
      expect(values.length).toBeGreaterThan(20);
      expect(disagreements(values)).toEqual([]);
      const body = flavor === 'openai' ? 'Response' : 'ResponseResource';
      const event = 'ResponseStreamEvent';
      const mutated = values.flatMap((v) => mutants(v, 150));
      expect(disagreements(mutated, [body, event])).toEqual([]);
      expect(verdicts.true, `${flavor}: values that pass`).toBeGreaterThan(100);
      expect(verdicts.false, `${flavor}: values that fail`).toBeGreaterThan(1000);
    }
  }, 300_000);

  it('on recorded Chat Completions bodies and chunks (the chat module)', async () => {
    if (!hasShared()) return;
    const { disagreements, verdicts } = await spec('chat');
    const values: unknown[] = [];
    for (const r of chatRecordings()) values.push(...(r.kind === 'stream' ? readChunks(r.file) : [JSON.parse(readFileSync(r.file, 'utf8'))]));
    expect(values.length).toBeGreaterThan(10);
    expect(disagreements(values)).toEqual([]);
    expect(disagreements(values.flatMap((v) => mutants(v, 60)), ['CreateChatCompletionResponse', 'CreateChatCompletionStreamResponse'])).toEqual([]);
    expect(verdicts.true).toBeGreaterThan(10);
    expect(verdicts.false).toBeGreaterThan(100);
  }, 300_000);

  it('on a generated sample of every schema and its mutations', async () => {
    if (!hasShared()) return;
    for (const flavor of ['openai', 'openresponses'] as const) {
      const { mod, disagreements } = await spec(flavor);
      const ir = await buildIR(flavor);
      let sampled = 0;
      for (const c of mod.schemaNames) {
        const v = sample(ir.schemas[c] as Schema, ir.schemas as Record<string, Schema>);
        if (v === SKIP) continue;
        sampled++;
        expect(disagreements([v, ...mutants(v, 80)], [c])).toEqual([]);
      }
      expect(sampled).toBeGreaterThan(mod.schemaNames.length / 2);
    }
  }, 300_000);

  it('every guard of both specs is an interpreted one (none fell back to the compiled validator)', async () => {
    if (!hasShared()) return;
    for (const name of ['openai', 'openresponses'] as const) {
      const ir = await buildIR(name);
      const data = guardData(prepareDefs(ir.schemas, 'strict'), 'g', 'p', (d) => d);
      expect(Object.keys(ir.schemas).filter((c) => data.guardOf(c) === undefined)).toEqual([]);
    }
  });
});

/** A guard made the way the generator makes one, for one schema (as def `T`) and its `$defs`. */
function guardFor(root: Schema, defs: Record<string, Schema> = {}): (v: unknown) => boolean {
  const all = { T: root, ...defs };
  const names = Object.keys(all);
  const nameOf = (def: string) => `g${names.indexOf(def)}`;
  const data = guardData(all, '__strictGuard', '__guardPattern', nameOf);
  if (data.guardOf('T') === undefined) throw new Error('fell back');
  const declarations = names.map((d) => `const ${nameOf(d)} = ${data.guardOf(d) ?? 'undefined'};`);
  return new Function('__strictGuard', '__guardPattern', `${declarations.join('\n')}\nreturn ${nameOf('T')};`)(strictGuard, linearPattern);
}

const proto = JSON.parse('{"__proto__": 1}');
const cases: Array<[string, { schema: Schema; defs?: Record<string, Schema>; values: unknown[] }]> = [
  ['types, numbers refuse Infinity and NaN', { schema: { type: ['integer', 'string'] }, values: [1, 1.5, 'a', Infinity, NaN, null, true, [], {}] }],
  ['number bounds', { schema: { type: 'number', minimum: 0, maximum: 2, exclusiveMaximum: 2 }, values: [0, 1.9, 2, -0.1, Infinity, '1'] }],
  ['bounds apply to numbers only', { schema: { minimum: 3 }, values: [1, 'a', Infinity, null] }],
  ['string lengths count code points', { schema: { type: 'string', minLength: 2, maxLength: 3 }, values: ['a', 'ab', 'abcd', '😀😀', '😀😀😀😀', 5] }],
  ['a linear pattern', { schema: { type: 'string', pattern: '^[a-z]+$' }, values: ['abc', 'aB', '', 1] }],
  ['a super-linear pattern runs on the automaton', { schema: { type: 'string', pattern: '^(a+)+$' }, values: ['aaaa', 'aaab', 'a'.repeat(16) + 'b'] }],
  ['enum and const', { schema: { anyOf: [{ enum: ['a', 1, null, { x: [1] }] }, { const: { y: 2 } }] }, values: ['a', 1, null, { x: [1] }, { x: [2] }, { y: 2 }, 'b', true] }],
  [
    'properties, required and additionalProperties: false',
    { schema: { type: 'object', properties: { a: { type: 'string' }, b: true }, required: ['a'], additionalProperties: false }, values: [{ a: 'x' }, { a: 'x', b: 5 }, { a: 1 }, { b: 1 }, { a: 'x', c: 1 }, { a: undefined }, { a: 'x', b: undefined }, [], proto] },
  ],
  ['required reads own properties only', { schema: { type: 'object', required: ['toString', 'constructor'] }, values: [{}, { toString: 1, constructor: 2 }, { toString: 1 }] }],
  ['a declared property named like an Object.prototype member is read as an own one', { schema: { type: 'object', properties: { constructor: { type: 'string' }, a: { type: 'number' } } }, values: [{}, { constructor: 'x' }, { constructor: 1 }, { a: 'x' }] }],
  ['additionalProperties as a schema, propertyNames and property counts', { schema: { type: 'object', properties: { a: true }, additionalProperties: { type: 'number' }, propertyNames: { maxLength: 2 }, minProperties: 1, maxProperties: 2 }, values: [{ a: 'x' }, { a: 1, bb: 2 }, { ccc: 1 }, {}, { a: 1, b: 2, c: 3 }, { b: 'x' }] }],
  ['a declared __proto__ property is never declared (as in ajv)', { schema: { type: 'object', properties: { ['__proto__']: { type: 'number' } } as Schema, additionalProperties: false }, values: [{}, proto] }],
  ['arrays', { schema: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 3, uniqueItems: true }, values: [[1], [], [1, 2, 3, 4], [1, 1], [1, 'a'], [{}, {}]] }],
  ['allOf, oneOf (exactly one), not', { schema: { allOf: [{ type: 'number' }], oneOf: [{ minimum: 1 }, { maximum: 5 }], not: { const: 3 } }, values: [0, 3, 4, 6, 'a'] }],
  ['if, then, else', { schema: { if: { type: 'string' }, then: { minLength: 2 }, else: { type: 'number' } }, values: ['a', 'ab', 1, null] }],
  [
    'discriminator: a string tag one member lists decides',
    {
      schema: { type: 'object', required: ['type'], discriminator: { propertyName: 'type' }, oneOf: [{ $ref: '#/$defs/A' }, { properties: { type: { enum: ['b', 'c'] }, n: { type: 'number' } }, required: ['type', 'n'] }] },
      defs: { A: { type: 'object', properties: { type: { const: 'a' }, s: { type: 'string' } }, required: ['type'] } },
      values: [{ type: 'a' }, { type: 'a', s: 1 }, { type: 'b', n: 1 }, { type: 'c' }, { type: 'd' }, { type: 1 }, {}, 'a', JSON.parse('{"__proto__":{"type":"a"}}')],
    },
  ],
  [
    'recursion through $ref',
    { schema: { $ref: '#/$defs/Node' }, defs: { Node: { type: 'object', properties: { next: { anyOf: [{ $ref: '#/$defs/Node' }, { type: 'null' }] } }, additionalProperties: false } }, values: [{}, { next: null }, { next: { next: {} } }, { next: { next: { x: 1 } } }] },
  ],
];

describe('strictGuard, keyword by keyword, against ajv.compile as the generator runs it', () => {
  it.each(cases)('%s', (_name, { schema, defs = {}, values }) => {
    // As the generator compiles: own properties only where a tested name is an Object.prototype member.
    const doc = { $id: 'doc', $defs: { T: schema, ...defs } };
    const ajv = newAjv([], { ownProperties: shadowsPrototype([doc]) });
    ajv.addSchema(doc);
    const compiled = ajv.getSchema('doc#/$defs/T')!;
    const guard = guardFor(schema, defs);
    for (const v of values) expect(guard(v), JSON.stringify(v)).toBe(compiled(v));
  });

  it('the generator and the runtime name the same keywords', () => {
    expect([...EMITTED].sort()).toEqual([...GUARD_KEYWORDS].sort());
  });

  it('a keyword the interpreter does not know keeps the compiled validator, for that schema and those that reach it', () => {
    const data = guardData({ A: { type: 'number', multipleOf: 2 }, B: { type: 'object', properties: { a: { $ref: '#/$defs/A' } } }, C: { type: 'string' } }, 'g', 'p', (d) => d);
    expect([data.guardOf('A'), data.guardOf('B'), data.guardOf('C')]).toEqual([undefined, undefined, 'g("\\"string\\"")']);
  });

  it('schema text is escaped: quotes, U+2028, __proto__ and code-like names stay data', () => {
    const names = ['"};throw 1;//', '\u2028', '__proto__', 'constructor', '${x}', '*/'];
    const schema: Schema = { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { enum: [n] }])), additionalProperties: false };
    const guard = guardFor(schema);
    const ok = Object.fromEntries(names.filter((n) => n !== '__proto__').map((n) => [n, n]));
    expect(guard(ok)).toBe(true);
    expect(guard({ ...ok, constructor: 'x' })).toBe(false);
  });
});
