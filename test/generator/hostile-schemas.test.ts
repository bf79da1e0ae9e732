/**
 * Specs are input we do not control: property names, enum values and
 * patterns that look like code, like Object.prototype members, or that
 * backtrack catastrophically. For small specs written here, the generated
 * validators are valid JavaScript, give the same verdicts and errors as
 * `ajv.compile` of the same prepared schemas, accept what the schema means
 * (an object without an optional `constructor` property is fine), and a
 * super-linear pattern runs in linear time; the types compile.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser } from 'acorn';
import { afterAll, describe, expect, it } from 'vitest';
import { emitValidators } from '../../generator/emit/ajv/index.js';
import { compileStandalone, newAjv, shadowsPrototype } from '../../generator/emit/ajv/compile.js';
import { judgePattern } from '../../generator/emit/ajv/patterns.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { emitTypes } from '../../generator/emit/typescript/index.js';
import type { IR, Schema } from '../../generator/ir/types.js';
import { buildIRFromFile } from '../../generator/pipeline.js';
import { repoRoot } from '../support/shared.js';
import { typeCheck } from '../support/typecheck.js';

type Err = { instancePath: string; keyword: string; params: unknown };
type Validator = ((v: unknown) => boolean) & { errors?: Err[] | null };
const fields = (errors: Err[] | null | undefined) => (errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params }));

const tmp = mkdtempSync(join(tmpdir(), 'ar-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let docs = 0;

/** The normalized IR of an OpenAPI document holding `schemas` as its components. */
function irOf(schemas: Record<string, unknown>): IR {
  const file = join(tmp, `spec${docs++}.json`);
  writeFileSync(file, JSON.stringify({ openapi: '3.1.0', info: { title: 'hostile', version: '1' }, paths: {}, components: { schemas } }));
  return buildIRFromFile(file, { spec: 'hostile' });
}

const HELPERS = 'data:text/javascript,export function ucs2length(s){return [...s].length} export function equal(a,b){return JSON.stringify(a)===JSON.stringify(b)}';
const LINEAR = pathToFileURL(join(repoRoot, 'dist/runtime/validation/index.js')).href;

/** Our shipped strict validators and ajv.compile of the same prepared schemas, by component name. */
async function compileBoth(ir: IR): Promise<Record<string, { ours: Validator; ajv: Validator }>> {
  const names = Object.keys(ir.schemas);
  const defs = prepareDefs(ir.schemas, 'strict');
  const exports: Record<string, string> = {};
  names.forEach((n, i) => (exports[`v${i}`] = `strict#/$defs/${encodeURIComponent(n)}`));
  const code = compileStandalone([{ $id: 'strict', $defs: defs }], exports, HELPERS, { patternModule: LINEAR });
  expect(() => Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow();
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const ajv = newAjv([], { ownProperties: shadowsPrototype([{ $defs: defs }]) });
  (ajv.opts as { code: { source?: boolean } }).code.source = false;
  ajv.addSchema({ $id: 'strict', $defs: defs });
  return Object.fromEntries(names.map((n, i) => [n, { ours: mod[`v${i}`] as Validator, ajv: ajv.getSchema(`strict#/$defs/${encodeURIComponent(n)}`) as unknown as Validator }]));
}

/** The whole validators module and the types of `ir` are valid JavaScript and TypeScript. */
async function emitsValidCode(ir: IR) {
  for (const f of await emitValidators(ir)) if (f.path.endsWith('.js')) expect(() => Parser.parse(f.contents, { ecmaVersion: 'latest', sourceType: 'module' }), f.path).not.toThrow();
  expect(typeCheck({ '/t/types.d.ts': emitTypes(ir)[0].contents, '/t/usage.ts': 'export {};' })).toEqual([]);
}

const CODE_LIKE = [
  'const err0 = {x', 'require(', 'require("fs")', '"});if(vErrors === null){', 'schemaPath:"a",', '\\', '"', "'", '`${x}`', '\u2028', '\uE0001', '\uE000',
  'function validate1(', 'if(tag0 === "a"){', 'for(const key0 in data){', '{instancePath', '*/', '/*', '</script>', 'dynamicAnchors', 'validate1', 'schema1',
  'errors', 'vErrors', 'errors++;', 'errors = vErrors.length;', 'let vErrors = null;let errors = 0;', 'return errors === 0;', 'const _errs1 = errors;',
];
const PROTO = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

describe('hostile names and enum values in generated validators', () => {
  const cases: Array<[string, { schemas: Record<string, Schema>; name: string; accept: unknown[]; reject: unknown[] }]> = [
    ['an enum of code-like values accepts each of them, and nothing else', {
      schemas: { E: { type: 'string', enum: CODE_LIKE } },
      name: 'E', accept: CODE_LIKE, reject: ['x', 'require', 'const err0 = {', 5, null],
    }],
    ['a long enum of code-like values (a Set lookup) accepts each of them', {
      schemas: { E: { type: 'string', enum: [...CODE_LIKE, ...CODE_LIKE.map((v) => `${v} 2`)] } },
      name: 'E', accept: [...CODE_LIKE, `${CODE_LIKE[0]} 2`], reject: ['x', 7],
    }],
    ['properties named like code are checked by their own names', {
      schemas: { O: { type: 'object', required: ['require('], properties: Object.fromEntries(CODE_LIKE.map((k) => [k, { type: 'string' }])) } },
      name: 'O',
      accept: [{ 'require(': 'a' }, Object.fromEntries(CODE_LIKE.map((k) => [k, k]))],
      reject: [{}, { 'require(': 1 }, { 'require(': 'a', 'const err0 = {x': 2 }, { 'require(': 'a', other: 1 }],
    }],
    ['properties named like Object.prototype members do not make every object fail', {
      schemas: { O: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, ...Object.fromEntries(PROTO.map((k) => [k, { type: 'number' }])) } } },
      name: 'O',
      accept: [{ id: 'a' }, JSON.parse('{"id":"a","constructor":1,"toString":2,"valueOf":3,"hasOwnProperty":4}')],
      reject: [{}, JSON.parse('{"id":"a","constructor":"x"}'), JSON.parse('{"id":"a","toString":null}'), { id: 'a', other: 1 }],
    }],
    ['a required Object.prototype member must be an own property', {
      schemas: { O: { type: 'object', required: ['constructor'], properties: { constructor: { type: 'string' } } } },
      name: 'O', accept: [JSON.parse('{"constructor":"c"}')], reject: [{}, { a: 1 }],
    }],
    ['Infinity and NaN fail number and integer checks (JSON cannot carry them)', {
      schemas: { N: { type: 'object', properties: { n: { type: 'number' }, i: { type: 'integer' }, m: { type: 'number', maximum: 10 } } } },
      name: 'N',
      accept: [{ n: 1.5, i: 2, m: -1e308 }, {}],
      reject: [{ n: Infinity }, { n: -Infinity }, { n: NaN }, { i: Infinity }, { i: NaN }, { m: -Infinity }],
    }],
    ['a tagged union dispatching on a code-like tag property and code-like tags', {
      schemas: {
        U: { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }], discriminator: { propertyName: 'k"ind' } },
        A: { type: 'object', required: ['k"ind'], properties: { 'k"ind': { type: 'string', enum: ['const err0 = {x'] }, a: { type: 'string' } } },
        B: { type: 'object', required: ['k"ind'], properties: { 'k"ind': { type: 'string', enum: ['require('] }, b: { type: 'number' } } },
      },
      name: 'U',
      accept: [{ 'k"ind': 'const err0 = {x', a: 'x' }, { 'k"ind': 'require(', b: 1 }],
      reject: [{ 'k"ind': 'const err0 = {x', a: 1 }, { 'k"ind': 'require(', a: 'x' }, { 'k"ind': 'other' }, {}],
    }],
  ];
  it.each(cases)('%s', async (_label, { schemas, name, accept, reject }) => {
    const ir = irOf(schemas);
    await emitsValidCode(ir);
    const { ours, ajv } = (await compileBoth(ir))[name];
    for (const [value, want] of [...accept.map((v) => [v, true] as const), ...reject.map((v) => [v, false] as const)]) {
      expect(ours(value), JSON.stringify(value)).toBe(want);
      expect(ajv(value), JSON.stringify(value)).toBe(want);
      expect(fields(ours.errors), JSON.stringify(value)).toEqual(fields(ajv.errors));
    }
  });

  it('a __proto__ property and a __proto__ component stay in the IR and the types, and are validated', async () => {
    const ir = irOf(JSON.parse('{"__proto__":{"type":"string"},"O":{"type":"object","required":["__proto__"],"properties":{"__proto__":{"type":"number"},"x":{"$ref":"#/components/schemas/__proto__"}}}}'));
    expect(Object.keys(ir.schemas)).toEqual(['__proto__', 'O']);
    expect(Object.keys((ir.schemas.O as { properties: object }).properties)).toEqual(['__proto__', 'x']);
    const types = emitTypes(ir)[0].contents;
    expect(types).toMatch(/"__proto__"\??: number/);
    await emitsValidCode(ir);
    const both = await compileBoth(ir);
    expect(both.__proto__.ours('s')).toBe(true);
    expect(both.__proto__.ours(1)).toBe(false);
    // A required __proto__ must be an own property; ajv itself never checks a property named __proto__ and
    // counts it as undeclared, so a value holding one is refused as it is by ajv.compile.
    expect(both.O.ours({ x: 's' })).toBe(false);
    for (const value of [{ x: 's' }, JSON.parse('{"__proto__":1,"x":"s"}'), JSON.parse('{"__proto__":1,"x":2}')]) {
      expect(both.O.ours(value)).toBe(both.O.ajv(value));
      expect(fields(both.O.ours.errors)).toEqual(fields(both.O.ajv.errors));
    }
  });

  it('a lone surrogate in a property name is refused with a pointer into the spec', () => {
    expect(() => irOf({ O: { type: 'object', properties: { 'a\uD800b': { type: 'string' } } } })).toThrow(/#\/components\/schemas\/O\/properties\/a\\ud800b: .*lone surrogate/);
    expect(() => irOf({ 'N\uDC00': { type: 'string' } })).toThrow(/#\/components\/schemas\/N\\udc00: .*lone surrogate/);
  });
});

describe('the pattern policy', () => {
  const cases: Array<[string, { pattern: string; linear: boolean; accept: string[]; reject: string[]; attack?: string }]> = [
    ['a plain anchored class repeat stays native', { pattern: '^[a-zA-Z0-9_-]+$', linear: true, accept: ['a_b-9'], reject: ['a b', ''] }],
    ['a fixed-size repeat stays native', { pattern: '^tunnel_[a-z0-9]{32}$', linear: true, accept: [`tunnel_${'a'.repeat(32)}`], reject: ['tunnel_a'] }],
    ['nested quantifiers', { pattern: '^(a+)+$', linear: false, accept: ['a', 'aaaa'], reject: ['', 'ab', 'aaa!'], attack: `${'a'.repeat(50_000)}!` }],
    ['a repeated alternation', { pattern: '^(a|a)*$', linear: false, accept: ['', 'aaa'], reject: ['b'], attack: `${'a'.repeat(50_000)}!` }],
    ['word groups', { pattern: '^(\\w+\\s?)*$', linear: false, accept: ['ab cd', ''], reject: ['ab  cd', '!'], attack: `${'ab '.repeat(20_000)}!` }],
    ['overlapping neighbours', { pattern: '^\\d+\\d*$', linear: false, accept: ['12'], reject: ['1a'], attack: `${'1'.repeat(50_000)}a` }],
    ['an unanchored repeat followed by more', { pattern: '\\d+x', linear: false, accept: ['a12x', '1x'], reject: ['12', 'x'], attack: '1'.repeat(50_000) }],
    ['classes, escapes, alternation and bounds', { pattern: '^(?:[\\u0041-\\u005A]{1,3}|\\.|[^\\s\\d])+\\b$', linear: false, accept: ['ABC', 'xy'], reject: ['A B', '.', ''] }],
    ['astral code points', { pattern: '^(\\u{1F600}|.)+$', linear: false, accept: ['\u{1F600}a', 'b'], reject: [''] }],
  ];
  it.each(cases)('%s', async (_label, { pattern, linear, accept, reject, attack }) => {
    expect(judgePattern(pattern).linear).toBe(linear);
    const ir = irOf({ P: { type: 'string', pattern } });
    await emitsValidCode(ir);
    const { ours, ajv } = (await compileBoth(ir)).P;
    const native = new RegExp(pattern, 'u');
    for (const s of [...accept, ...reject]) {
      expect(ours(s), s).toBe(accept.includes(s));
      expect(ajv(s), s).toBe(accept.includes(s));
      expect(native.test(s), s).toBe(accept.includes(s));
      expect(fields(ours.errors), s).toEqual(fields(ajv.errors));
    }
    // The classic attack (a long accepted run, then one rejected character) returns: it would not, natively.
    if (attack) expect(ours(attack)).toBe(false);
  });

  it('a super-linear pattern the automaton cannot run stops generation with its pointer', async () => {
    await expect(emitValidators(irOf({ P: { type: 'object', properties: { p: { type: 'string', pattern: '^(a+)+\\1$' } } } }))).rejects.toThrow(/#\/components\/schemas\/P\/properties\/p\/pattern: .*backreference/);
  });
});
