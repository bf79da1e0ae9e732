/**
 * The rewrites of ajv's standalone output (positional instance paths,
 * compact error sites, merged identical functions) keep every error object:
 * the shipped strict code and `ajv.compile` of the same schemas report the
 * same errors (instancePath, keyword, params), in the same order.
 */
import { describe, expect, it } from 'vitest';
import { compileStandalone, newAjv } from '../../generator/emit/ajv/compile.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { COUNT_HELPER } from '../../generator/emit/ajv/rewrite/error-count.js';
import { NUMBER_HELPERS } from '../../generator/emit/ajv/rewrite/short-forms.js';
import { deadTagChecks, dedupe, enumSets, ERROR_AT_HELPER, errorCount, ERROR_HELPER, errorTable, keyOrder, KNOWN_HELPER, nullableErrors, nullableUnions, positional, pruneSchemas, readOnce, sharedLists, shortForms, skipNullBranches, tagSwitches } from '../../generator/emit/ajv/rewrite/index.js';
import { INDEX_HELPER } from '../../generator/emit/ajv/rewrite/lookups.js';
import { buildIR } from '../../generator/pipeline.js';
import { sample, SKIP } from '../support/sampler.js';
import { hasShared } from '../support/shared.js';

type Err = { instancePath: string; keyword: string; params: unknown };
const fields = (errors: Err[] | null | undefined) => (errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params }));

describe('rewritten standalone code', () => {
  it('skipNullBranches only checks the other branch of a nullable union when the value is not null', () => {
    const code =
      'const _errs1 = errors;let valid1 = false;const _errs2 = errors;if(typeof data0 !== "string"){vErrors = __err(vErrors, instancePath, "type", {type: "string"});errors++;}' +
      'var _valid0 = _errs2 === errors;valid1 = valid1 || _valid0;if(!valid1){const _errs3 = errors;if(data0 !== null){vErrors = __err(vErrors, instancePath, "type", {type: "null"});errors++;}' +
      'var _valid0 = _errs3 === errors;valid1 = valid1 || _valid0;}if(!valid1){';
    expect(skipNullBranches(code)).toBe(
      'const _errs1 = errors;let valid1 = false;const _errs2 = errors;if(data0 !== null){if(typeof data0 !== "string"){vErrors = __err(vErrors, instancePath, "type", {type: "string"});errors++;}}' +
        'var _valid0 = _errs2 === errors;valid1 = valid1 || _valid0;if(!valid1){const _errs3 = errors;if(data0 !== null){vErrors = __err(vErrors, instancePath, "type", {type: "null"});errors++;}' +
        'var _valid0 = _errs3 === errors;valid1 = valid1 || _valid0;}if(!valid1){',
    );
  });

  it('enumSets turns a long chain of string comparisons into one Set lookup, and leaves short or partial chains alone', () => {
    const tags = Array.from({ length: 12 }, (_, i) => `"t${i}"`);
    const chain = (x: string, items: string[]) => '('.repeat(items.length) + `${x} === ${items[0]})` + items.slice(1).map((t) => ` || (${x} === ${t}))`).join('');
    const code = `if(!${chain('data0', tags)}){a();}if(!${chain('tag1', tags)}){b();}if(!${chain('data2', tags.slice(0, 3))}){c();}`;
    expect(enumSets(code)).toBe(`const __enum0 = /* @__PURE__ */ new Set([${tags.join(',')}]);if(!__enum0.has(data0)){a();}if(!__enum0.has(tag1)){b();}if(!${chain('data2', tags.slice(0, 3))}){c();}`);
    const inside = `if(!(${chain('data0', tags)} && x)){a();}`;
    expect(enumSets(inside)).toBe(inside);
  });

  it('tagSwitches turns a long tag dispatch chain into a switch on the tag index, keeping each branch and the fallback', () => {
    const tags = Array.from({ length: 12 }, (_, i) => `"t${i}"`);
    const chain = tags.map((t, k) => `if(tag0 === ${t}){f${k}();}`).join('else ') + 'else {g();}';
    const out = tagSwitches(`a();${chain}b();`);
    expect(out).toBe(`const __tags0 = /* @__PURE__ */ new Map([${tags.map((t, k) => `[${t},${k}]`).join(',')}]);a();switch(__tags0.get(tag0)){${tags.map((_, k) => `case ${k}:{f${k}();}break;`).join('')}default:{g();}}b();`);
    const short = 'if(tag0 === "a"){f();}else if(tag0 === "b"){g();}else {h();}';
    expect(tagSwitches(short)).toBe(short);
    const run = (code: string, tag: string) => {
      const calls: string[] = [];
      const fns: Record<string, () => void> = { a: () => calls.push('a'), b: () => calls.push('b'), g: () => calls.push('g') };
      tags.forEach((_, k) => (fns[`f${k}`] = () => calls.push(`f${k}`)));
      new Function('tag0', ...Object.keys(fns), code)(tag, ...Object.values(fns));
      return calls;
    };
    for (const tag of ['t0', 't7', 't11', 'zz', '']) expect(run(out, tag)).toEqual(run(`a();${chain}b();`, tag));
  });

  it('pruneSchemas keeps only the values the code reads from a schema constant', () => {
    const code =
      'const schema1 = {"type":"object","properties":{"type":{"enum":["a","b"]}}};const schema2 = {"enum":["a","b"]};const schema3 = {"x":1};' +
      'function validate1(data){return [schema1.properties.type.enum, schema2.enum, schema2.enum.length, schema3, "schema2.enum"];}';
    expect(pruneSchemas(code)).toBe('const __schema0 = ["a","b"];const schema3 = {"x":1};function validate1(data){return [__schema0, __schema0, __schema0.length, schema3, "schema2.enum"];}');
  });

  it('pruneSchemas turns a hasOwnProperty test against a properties object into a Set of its own names', () => {
    const code =
      'const func1 = Object.prototype.hasOwnProperty;const schema1 = {"properties":{"a":{},"b":{"enum":["x"]},"__proto__":{}}};' +
      'function validate1(data){for(const key0 in data){if(!(func1.call(schema1.properties, key0))){return false;}}return schema1.properties.b.enum;}';
    const out = pruneSchemas(code);
    expect(out).toBe('const __keys0 = /* @__PURE__ */ new Set(["a","b"]);const __schema0 = ["x"];const func1 = Object.prototype.hasOwnProperty;function validate1(data){for(const key0 in data){if(!(__keys0.has(key0))){return false;}}return __schema0;}');
  });

  it('keyOrder remembers allowed names by position and gives the same answers as the Set', () => {
    const loop = 'for(const key0 in data){if(!(__keys0.has(key0))){vErrors = __err(vErrors, instancePath, "additionalProperties", {additionalProperty: key0});errors++;}}';
    const out = keyOrder(`function validate1(data, instancePath=""){let vErrors = null;let errors = 0;${loop}return vErrors;}`);
    expect(out).toContain('const __order0 = [];');
    const run = new Function('__keys0', '__err', `${KNOWN_HELPER}${out}; return validate1;`)(new Set(['a', 'b', 'c']), (list: unknown[] | null, instancePath: string, keyword: string, params: unknown) => [...(list ?? []), { instancePath, keyword, params }]);
    const names = (v: object) => ((run(v) as Array<{ params: { additionalProperty: string } }> | null) ?? []).map((e) => e.params.additionalProperty);
    for (const v of [{ a: 1, b: 2 }, { b: 1, a: 2, x: 3 }, { x: 1, a: 2 }, { a: 1, b: 2 }, { c: 1, y: 2, b: 3 }, { __proto__: null, constructor: 1, a: 2 }]) {
      expect(names(v)).toEqual(Object.keys(v).filter((k) => !['a', 'b', 'c'].includes(k)));
    }
  });

  it('errorTable sends fixed error sites through one constant per (keyword, params), leaves sites that read a local alone, and builds the same errors', () => {
    const sites = [
      'vErrors = __err(vErrors, instancePath+"/type", "type", {type: "string"});errors++;',
      'vErrors = __err(vErrors, instancePath, "required", {missingProperty: "a,b"});errors++;',
      'vErrors = __err(vErrors, instancePath+"/" + i0, "type", {type: "string"});errors++;',
      'vErrors = __err(vErrors, instancePath, "enum", {allowedValues: __schema0});errors++;',
      'vErrors = __err(vErrors, instancePath, "maxLength", {limit: 64});errors++;',
      'vErrors = __err(vErrors, instancePath, "additionalProperties", {additionalProperty: key0});errors++;',
      'vErrors = __err(vErrors, instancePath+"/x", "discriminator", {error: "mapping", tag: "type", tagValue: tag0});errors++;',
    ];
    const code = `const __schema0 = ["a","b"];function validate1(data, instancePath=""){let vErrors = null;let errors = 0;const i0 = 3, key0 = "k", tag0 = "t";${sites.join('')}validate1.errors = vErrors;return errors === 0;}`;
    const out = errorTable(code);
    // The two `{type: "string"}` sites share one entry; the two that read a local keep __err.
    expect(out.match(/__errAt\(/g)).toHaveLength(5);
    expect(out.match(/__err\(/g)).toHaveLength(2);
    expect(out).toContain('const __e0 = ["type", {type: "string"}];const __e1 = ["required", {missingProperty: "a,b"}];');
    expect(out).toContain('const __e3 = ["maxLength", {limit: 64}];');
    const run = (c: string) => new Function(`${ERROR_HELPER}${ERROR_AT_HELPER}${c}; validate1({}, "/p"); return validate1.errors;`)();
    expect(run(out)).toEqual(run(code));
    // A shared entry's params are frozen on its first report; the second report (a third slot marks it) reuses them as they are.
    const errors = run(out);
    expect(Object.isFrozen(errors[0].params)).toBe(true);
    expect(errors[2].params).toBe(errors[0].params);
    expect(errorTable('function validate1(){return true;}')).toBe('function validate1(){return true;}');
  });

  it('deadTagChecks drops the re-check of the tag that selected a branch, and nothing else', () => {
    const recheck = (data: string, prop: string, lit: string) =>
      `if(${data} && typeof ${data} == "object" && !Array.isArray(${data})){if(${data}.${prop} !== undefined){if(!(${data}.${prop} === ${lit})){vErrors = __err(vErrors, instancePath+"/${prop}", "enum", {allowedValues: schema1.oneOf[0].properties.${prop}.enum});errors++;}}}`;
    const call = 'if(!(validate2(data, instancePath))){vErrors = __cat(vErrors, validate2.errors);errors = vErrors.length;}';
    const given =
      `const tag0 = data.type;if(typeof tag0 == "string"){if(tag0 === "a"){${call}${recheck('data', 'type', '"a"')}}` +
      // another literal, another property, another variable: all live checks
      `else if(tag0 === "b"){${call}${recheck('data', 'type', '"a"')}${recheck('data', 'role', '"b"')}${recheck('data1', 'type', '"b"')}}` +
      // a nested dispatch on a second tag: each branch loses its own re-check only
      `else if(tag0 === "m"){const tag1 = data.role;if(tag1 === "user"){${call}${recheck('data', 'role', '"user"')}}${recheck('data', 'type', '"m"')}}}`;
    const want =
      `const tag0 = data.type;if(typeof tag0 == "string"){if(tag0 === "a"){${call}}` +
      `else if(tag0 === "b"){${call}${recheck('data', 'type', '"a"')}${recheck('data', 'role', '"b"')}${recheck('data1', 'type', '"b"')}}` +
      `else if(tag0 === "m"){const tag1 = data.role;if(tag1 === "user"){${call}}}}`;
    expect(deadTagChecks(given)).toBe(want);
    expect(deadTagChecks(call)).toBe(call);
    // A tag read it does not recognise never borrows an earlier function's read of the same name.
    const other = `function validate3(data, instancePath=""){const tag0 = data["x-kind"];if(tag0 === "a"){${call}${recheck('data', 'type', '"a"')}}}`;
    const twoFunctions = `function validate1(data, instancePath=""){const tag0 = data.type;}${other}`;
    expect(deadTagChecks(twoFunctions)).toBe(twoFunctions);
  });

  it('nullableUnions collapses a nullable union to one check after X, with the same errors, unless its flag is read later', () => {
    const X = 'if(typeof data0 !== "string"){vErrors = __err(vErrors, instancePath+"/u", "type", {type: "string"});errors++;}';
    const nullErr = 'vErrors = __err(vErrors, instancePath+"/u", "type", {type: "null"});errors++;';
    const anyErr = 'vErrors = __err(vErrors, instancePath+"/u", "anyOf", {});errors++;';
    const union =
      `const _errs1 = errors;let valid1 = false;const _errs2 = errors;if(data0 !== null){${X}}var _valid0 = _errs2 === errors;valid1 = valid1 || _valid0;` +
      `if(!valid1){const _errs3 = errors;if(data0 !== null){${nullErr}}var _valid0 = _errs3 === errors;valid1 = valid1 || _valid0;}` +
      `if(!valid1){${anyErr}}else {errors = _errs1;vErrors = __reset(vErrors, _errs1);}`;
    const fn = (body: string) => `function validate1(data, instancePath=""){let vErrors = null;let errors = 0;let data0 = data.u;${body}validate1.errors = vErrors;return errors === 0;}`;
    const out = nullableUnions(fn(union));
    expect(out).toBe(fn(`if(data0 !== null){const _errs2 = errors;${X}if(_errs2 !== errors){${nullErr}${anyErr}}}`));
    const run = (code: string, u: unknown) =>
      new Function(`${ERROR_HELPER}function __reset(list, n) { if (list === null || n === 0) return null; list.length = n; return list; }${code}; const ok = validate1({ u: ${JSON.stringify(u)} }, "/p"); return [ok, validate1.errors];`)();
    for (const u of [null, 'x', 5, {}]) expect(run(out, u)).toEqual(run(fn(union), u));
    const readLater = fn(`${union}if(valid1){x();}`);
    expect(nullableUnions(readLater)).toBe(readLater);
  });

  it('readOnce reads a property once where its block reads it whatever happens, and gives the same answers', () => {
    const err = (p: string) => `vErrors = __err(vErrors, instancePath+"/${p}", "type", {type: "string"});errors++;`;
    const fn = (body: string) => `function validate1(data, instancePath=""){let vErrors = null;let errors = 0;if(__isObj(data)){${body}}validate1.errors = vErrors;return errors === 0;}`;
    const body =
      // b is first read inside a condition (not captured there), then by a statement of the block
      `if(data.a === undefined){${err('a')}}if(errors > 9){if(data.b !== undefined){${err('b')}}}if(data.b !== undefined){let data0 = data.b;if(typeof data0 !== "string"){${err('b')}}}` +
      `if(data.a !== undefined){if(typeof data.a !== "string"){${err('a')}}}if(data.c !== undefined){${err('c')}}`;
    const out = readOnce(fn(body));
    expect(out).toBe(
      fn(
        `let __prop0, __prop1;if((__prop0 = data.a) === undefined){${err('a')}}if(errors > 9){if(data.b !== undefined){${err('b')}}}if((__prop1 = data.b) !== undefined){if(typeof __prop1 !== "string"){${err('b')}}}` +
          `if(__prop0 !== undefined){if(typeof __prop0 !== "string"){${err('a')}}}if(data.c !== undefined){${err('c')}}`,
      ),
    );
    const run = (code: string, v: unknown) => new Function(`${ERROR_HELPER}function __isObj(x) { return x !== null && typeof x == "object" && !Array.isArray(x); }${code}; const ok = validate1(arguments[0], "/p"); return [ok, validate1.errors];`)(v);
    const values = [null, 'x', [], {}, { a: 'x' }, { a: 1, b: 2, c: 3 }, { b: 'y' }, Object.create({ a: 5, b: 'z' }), { a: undefined, b: null }];
    for (const v of values) expect(run(out, v)).toEqual(run(fn(body), v));
  });

  // readOnce: a block entered when a property is present reads the property's local, not a copy of it.
  const aliasFn = (body: string) => `function validate1(data, instancePath=""){let errors = 0;if(__isObj(data)){${body}}return errors === 0;}`;
  const aliasCases: Array<[string, { given: string; want: string }]> = [
    [
      'the copy goes and the block reads the local',
      {
        given: aliasFn('if(data.a === undefined){errors++;}if(data.a !== undefined){let data0 = data.a;if(typeof data0 !== "string"){errors++;}if(data0 === "data0"){f(data0, x.data0);}}'),
        want: aliasFn('let __prop0;if((__prop0 = data.a) === undefined){errors++;}if(__prop0 !== undefined){if(typeof __prop0 !== "string"){errors++;}if(__prop0 === "data0"){f(__prop0, x.data0);}}'),
      },
    ],
    [
      'a copy written to stays',
      {
        given: aliasFn('if(data.a === undefined){errors++;}if(data.a !== undefined){let data0 = data.a;data0 = 1;}'),
        want: aliasFn('let __prop0;if((__prop0 = data.a) === undefined){errors++;}if(__prop0 !== undefined){let data0 = __prop0;data0 = 1;}'),
      },
    ],
    [
      'a copy declared again stays',
      {
        given: aliasFn('if(data.a === undefined){errors++;}if(data.a !== undefined){let data0 = data.a;{let data0 = 2;f(data0);}}'),
        want: aliasFn('let __prop0;if((__prop0 = data.a) === undefined){errors++;}if(__prop0 !== undefined){let data0 = __prop0;{let data0 = 2;f(data0);}}'),
      },
    ],
  ];

  it.each(aliasCases)('readOnce: %s', (_name, { given, want }) => {
    expect(readOnce(given)).toBe(want);
  });

  it.each([
    ['a write to the value', 'data.a = 1;'],
    ['a compound write', 'data.a += 1;'],
    ['a method call on it', 'data.a();'],
    ['its own-property test', 'func1.call(data, "a");'],
    ['a delete', 'delete data.a;'],
    ['another function', 'function f(){return data.a;}'],
    ['an arrow function', 'const f = () => data.a;'],
    ['a new binding of data', '{let data = 1;}'],
  ])('readOnce leaves a function with %s alone', (_name, odd) => {
    const code = `function validate1(data, instancePath=""){let errors = 0;if(__isObj(data)){if(data.a === undefined){errors++;}if(data.a !== undefined){${odd}}}return errors === 0;}`;
    expect(readOnce(code)).toBe(code);
  });

  const abc = '["a","b","c"]';
  const tagMap = (name: string, tags: string[]) => `const ${name} = /* @__PURE__ */ new Map([${tags.map((t, k) => `[${t},${k}]`).join(',')}]);`;
  const listCases: Array<[string, { given: string; want: string }]> = [
    ['a Set of a kept list\'s values is made from it', { given: `const __schema0 = ${abc};const __enum0 = /* @__PURE__ */ new Set(${abc});f();`, want: `const __schema0 = ${abc};const __enum0 = /* @__PURE__ */ new Set(__schema0);f();` }],
    ['a tag Map of a kept list is its indexes', { given: `const __schema0 = ${abc};${tagMap('__tags0', ['"a"', '"b"', '"c"'])}f();`, want: `${INDEX_HELPER}\nconst __schema0 = ${abc};const __tags0 = /* @__PURE__ */ __indexes(__schema0);f();` }],
    ['a Map in another order stays', { given: `const __schema0 = ${abc};${tagMap('__tags0', ['"b"', '"a"', '"c"'])}`, want: `const __schema0 = ${abc};${tagMap('__tags0', ['"b"', '"a"', '"c"'])}` }],
    ['a list declared after the Set is not used', { given: `const __enum0 = /* @__PURE__ */ new Set(${abc});const __schema0 = ${abc};`, want: `const __enum0 = /* @__PURE__ */ new Set(${abc});const __schema0 = ${abc};` }],
    ['other values stay', { given: `const __schema0 = ["a","b"];const __enum0 = /* @__PURE__ */ new Set(${abc});`, want: `const __schema0 = ["a","b"];const __enum0 = /* @__PURE__ */ new Set(${abc});` }],
  ];

  it.each(listCases)('sharedLists: %s', (_name, { given, want }) => {
    expect(sharedLists(given)).toBe(want);
  });

  it('sharedLists makes the same Map and Set', () => {
    const tags = ['"x"', '"y"', '"z"', '"w"'];
    const given = `const __schema0 = [${tags.join(',')}];${tagMap('__tags0', tags)}const __enum0 = /* @__PURE__ */ new Set([${tags.join(',')}]);`;
    const run = (code: string) => new Function(`${code}; return [[...__tags0], [...__enum0]];`)();
    expect(sharedLists(given)).not.toBe(given);
    expect(run(sharedLists(given))).toEqual(run(given));
  });

  const integer = (d: string) => `((typeof ${d} == "number") && (!(${d} % 1) && !isNaN(${d}))) && (isFinite(${d}))`;
  const number = (d: string) => `(typeof ${d} == "number") && (isFinite(${d}))`;
  const numberCases: Array<[string, { given: string; want: string }]> = [
    ['an integer test in its own brackets', { given: `if(!(${integer('data1')})){a();}`, want: `${NUMBER_HELPERS.__isInt}\nif(!(__isInt(data1))){a();}` }],
    ['a number test as an if\'s condition', { given: `if(${number('data')}){a();}`, want: `${NUMBER_HELPERS.__isNum}\nif(__isNum(data)){a();}` }],
    ['both', { given: `if(!(${integer('data2')})){a();}if(!(${number('data3')})){b();}`, want: `${NUMBER_HELPERS.__isInt}\n${NUMBER_HELPERS.__isNum}\nif(!(__isInt(data2))){a();}if(!(__isNum(data3))){b();}` }],
    ['a test that is only part of what its brackets hold', { given: `if(${number('data')} && x){a();}if(!${integer('data1')}){b();}`, want: `if(${number('data')} && x){a();}if(!${integer('data1')}){b();}` }],
    ['a test of two values', { given: `if((typeof data1 == "number") && (isFinite(data2))){a();}`, want: `if((typeof data1 == "number") && (isFinite(data2))){a();}` }],
  ];

  it.each(numberCases)('shortForms, number tests: %s', (_name, { given, want }) => {
    expect(shortForms(given)).toBe(want);
  });

  it('shortForms\' number helpers answer as the tests they replace', () => {
    const test = (code: string) => new Function('data', `return ${code};`) as (v: unknown) => boolean;
    const isInt = new Function(`${NUMBER_HELPERS.__isInt}; return __isInt;`)() as (v: unknown) => boolean;
    const isNum = new Function(`${NUMBER_HELPERS.__isNum}; return __isNum;`)() as (v: unknown) => boolean;
    const values = [0, -0, 1, -7, 0.5, -1.5, 1e300, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, '1', '', null, undefined, true, [], [1], {}, new Number(1), 10n];
    for (const v of values) {
      expect(isInt(v), String(v)).toBe(test(integer('data'))(v));
      expect(isNum(v), String(v)).toBe(test(number('data'))(v));
    }
  });

  const tableOf = 'const __e0 = ["type", {type: "string"}];const __e1 = ["type", {type: "null"}];const __e2 = ["anyOf", {}];';
  const tail = (path: string, a = '__e1', b = '__e2') => `if(_errs1 !== __count(vErrors)){vErrors = __errAt(vErrors, ${path}, ${a});vErrors = __errAt(vErrors, ${path}, ${b});}`;
  const nullableHelper = 'function __nullable(list, instancePath) { return __errAt(__errAt(list, instancePath, __e1), instancePath, __e2); }\n';
  const tailCases: Array<[string, { given: string; want: string }]> = [
    ['a failed nullable union\'s two errors become one call', { given: `${tail('instancePath+"/a"')}${tableOf}`, want: `${nullableHelper}if(_errs1 !== __count(vErrors)){vErrors = __nullable(vErrors, instancePath+"/a");}${tableOf}` }],
    ['a path with a bracket is left alone', { given: `${tail('instancePath+"/a/" + key0.replace(/~/g, "~0")')}${tableOf}`, want: `${tail('instancePath+"/a/" + key0.replace(/~/g, "~0")')}${tableOf}` }],
    ['other errors, or these in another order, are left alone', { given: `${tail('instancePath', '__e0', '__e2')}${tail('instancePath', '__e2', '__e1')}${tableOf}`, want: `${tail('instancePath', '__e0', '__e2')}${tail('instancePath', '__e2', '__e1')}${tableOf}` }],
    ['two paths are left alone', { given: `if(_errs1 !== __count(vErrors)){vErrors = __errAt(vErrors, instancePath, __e1);vErrors = __errAt(vErrors, instancePath+"/a", __e2);}${tableOf}`, want: `if(_errs1 !== __count(vErrors)){vErrors = __errAt(vErrors, instancePath, __e1);vErrors = __errAt(vErrors, instancePath+"/a", __e2);}${tableOf}` }],
    ['without the table\'s entries nothing changes', { given: tail('instancePath'), want: tail('instancePath') }],
  ];

  it.each(tailCases)('nullableErrors: %s', (_name, { given, want }) => {
    expect(nullableErrors(given)).toBe(want);
  });

  it('nullableErrors adds the same errors', () => {
    const given = `function validate1(data, instancePath){let vErrors = [{instancePath: "/x", keyword: "k", params: {}}];const _errs1 = 0;${tail('instancePath+"/a"')}return vErrors;}${tableOf}`;
    const out = nullableErrors(given);
    expect(out).toContain('__nullable(vErrors, instancePath+"/a")');
    const run = (code: string) => new Function(`${ERROR_AT_HELPER}${COUNT_HELPER}${code};return validate1(null, "/p");`)();
    expect(run(out)).toEqual(run(given));
    expect(run(out)).toHaveLength(3);
  });

  // errorCount: each function as ajv and the rewrites before it write it, and what it becomes (undefined: left alone).
  const counted = (body: string) => `function validate1(data, instancePath=""){let vErrors = null;let errors = 0;${body}validate1.errors = vErrors;return errors === 0;}`;
  const uncounted = (body: string) => `function validate1(data, instancePath=""){let vErrors = null;${body}validate1.errors = vErrors;return !vErrors;}`;
  const pushA = 'vErrors = __err(vErrors, instancePath+"/a", "type", {type: "string"});';
  const pushB = 'vErrors = __errAt(vErrors, instancePath, __e0);';
  const cat = 'vErrors = __cat(vErrors, validate2.errors);';
  const concat = 'vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);';
  const countCases: Array<[string, { given: string; want: string | undefined }]> = [
    ['error sites lose their increment', { given: counted(`if(typeof data.a !== "string"){${pushA}errors++;}if(data.b === undefined){${pushB}errors++;}`), want: uncounted(`if(typeof data.a !== "string"){${pushA}}if(data.b === undefined){${pushB}}`) }],
    ['a merge of a callee\'s errors loses its recount', { given: counted(`if(!(validate2(data.c, instancePath+"/c"))){${cat}errors = vErrors.length;}if(!(wrapper0.validate(data.d, instancePath+"/d"))){${concat}errors = vErrors.length;}`), want: uncounted(`if(!(validate2(data.c, instancePath+"/c"))){${cat}}if(!(wrapper0.validate(data.d, instancePath+"/d"))){${concat}}`) }],
    [
      'snapshots, their tests and a reset count the list',
      {
        given: counted(`const _errs0 = errors;let valid0 = false;const _errs1 = errors;if(typeof data !== "string"){${pushB}errors++;}var _valid0 = _errs1 === errors;valid0 = valid0 || _valid0;if(!valid0){${pushA}errors++;}else {errors = _errs0;vErrors = __reset(vErrors, _errs0);}if(_errs1 !== errors){}`),
        want: uncounted(`const _errs0 = __count(vErrors);let valid0 = false;const _errs1 = __count(vErrors);if(typeof data !== "string"){${pushB}}var _valid0 = _errs1 === __count(vErrors);valid0 = valid0 || _valid0;if(!valid0){${pushA}}else {vErrors = __reset(vErrors, _errs0);}if(_errs1 !== __count(vErrors)){}`),
      },
    ],
    ['an increment after something other than an append', { given: counted(`if(data.x){errors++;}`), want: undefined }],
    ['an append without its increment', { given: counted(`if(data.x){${pushA}}`), want: undefined }],
    ['a merge without its recount', { given: counted(`if(!(validate2(data))){${cat}errors++;}`), want: undefined }],
    ['a merge that does not follow its callee\'s failure', { given: counted(`${cat}errors = vErrors.length;`), want: undefined }],
    ['a merge of another callee\'s errors', { given: counted(`if(!(validate3(data))){${cat}errors = vErrors.length;}`), want: undefined }],
    ['a merge after a test that is no failed call', { given: counted(`if(!(x.validate2(data))){${cat}errors = vErrors.length;}if(!(f(validate2(data)))){${cat}errors = vErrors.length;}`), want: undefined }],
    ['a reset without the count set back', { given: counted(`const _errs0 = errors;vErrors = __reset(vErrors, _errs0);`), want: undefined }],
    ['the count read another way', { given: counted(`if(errors > 9){${pushA}errors++;}`), want: undefined }],
    ['the list handed to something else', { given: counted(`f(vErrors);`), want: undefined }],
    ['the list read inside an error site', { given: counted(`vErrors = __err(vErrors, instancePath, "x", {n: vErrors});errors++;`), want: undefined }],
    ['a name that only looks like them', { given: counted(`if(data.errors === "errors"){${pushA}errors++;}let verrors = data.vErrors;`), want: uncounted(`if(data.errors === "errors"){${pushA}}let verrors = data.vErrors;`) }],
  ];

  it.each(countCases)('errorCount: %s', (_name, { given, want }) => {
    const out = errorCount(given);
    expect(out).toBe(want === undefined ? given : `${COUNT_HELPER}\n${want}`);
  });

  it('errorCount gives the same answers and errors as the counted code', () => {
    const body =
      `if(__isObj(data)){if(data.a === undefined){${pushB}errors++;}if(data.a !== undefined && typeof data.a !== "string"){${pushA}errors++;}` +
      `const _errs0 = errors;let valid0 = false;const _errs1 = errors;if(!(validate2(data.c, instancePath+"/c"))){${cat}errors = vErrors.length;}var _valid0 = _errs1 === errors;valid0 = valid0 || _valid0;` +
      `if(!valid0){const _errs2 = errors;if(data.c !== null){${pushB}errors++;}var _valid0 = _errs2 === errors;valid0 = valid0 || _valid0;}` +
      `if(!valid0){${pushA}errors++;}else {errors = _errs0;vErrors = __reset(vErrors, _errs0);}}else {${pushB}errors++;}`;
    const out = errorCount(counted(body));
    expect(out).not.toBe(counted(body));
    const callee = 'function validate2(data){validate2.errors = typeof data === "number" ? null : [{instancePath: "/c", keyword: "type", params: {}}];return typeof data === "number";}';
    const run = (code: string, v: unknown) =>
      new Function(
        `${ERROR_HELPER}${ERROR_AT_HELPER}${COUNT_HELPER}const __e0 = ["required", {missingProperty: "a"}];function __isObj(x) { return x !== null && typeof x == "object" && !Array.isArray(x); }` +
          `function __cat(list, more) { if (list === null) return more; for (let i = 0; i < more.length; i++) list.push(more[i]); return list; }` +
          `function __reset(list, n) { if (list === null || n === 0) return null; while (list.length > n) list.pop(); return list; }${callee}${code}; const ok = validate1(arguments[0], "/p"); return [ok, validate1.errors];`,
      )(v);
    for (const v of [null, 'x', {}, { a: 'x', c: 1 }, { a: 2, c: null }, { a: 'x', c: 'y' }, { c: null }, { a: 1 }]) expect(run(out, v)).toEqual(run(counted(body), v));
  });

  it('positional leaves code it does not understand alone', () => {
    const odd = 'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){return rootData === data;}';
    expect(positional(odd)).toBe(odd);
  });

  it('dedupe merges functions identical apart from their name, and their callers', () => {
    const code =
      'const schema1 = {"enum":["a"]};const schema2 = {"enum":["a"]};' +
      'function validate1(data){validate1.errors = schema1.enum;return true;}' +
      'function validate2(data){validate2.errors = schema2.enum;return true;}' +
      'function validate3(data){return validate1(data);}function validate4(data){return validate2(data);}' +
      'export const s0 = validate3;export const s1 = validate4;const s2 = "validate2";';
    const out = dedupe(code);
    expect(out).toBe(
      'const schema1 = {"enum":["a"]};function validate1(data){validate1.errors = schema1.enum;return true;}function validate3(data){return validate1(data);}' +
        'export const s0 = validate3;export const s1 = validate3;const s2 = "validate2";',
    );
  });

  it.each(['openresponses', 'openai'] as const)('%s: same errors as ajv.compile on samples, mutations and odd values', async (pin) => {
    if (!hasShared()) return;
    const ir = await buildIR(pin);
    const names = Object.keys(ir.schemas);
    const defs = prepareDefs(ir.schemas, 'strict');
    const ajv = newAjv();
    (ajv.opts as { code: { source?: boolean } }).code.source = false;
    ajv.addSchema({ $id: 'strict', $defs: defs });
    const exports: Record<string, string> = {};
    names.forEach((n, i) => (exports[`v${i}`] = `strict#/$defs/${encodeURIComponent(n)}`));
    const helpers = 'data:text/javascript,export function ucs2length(s){return [...s].length} export function equal(a,b){return JSON.stringify(a)===JSON.stringify(b)}';
    const code = compileStandalone([{ $id: 'strict', $defs: defs }], exports, helpers);
    // The rewrites took effect (so the comparison below is about them).
    expect(code).not.toMatch(/parentData|rootData/);
    expect(code).toMatch(/if\(data\d* !== null\)\{/);
    expect(code).toMatch(/\(__prop\d+ = data\.\w+\) [!=]== undefined/);
    // No function kept its error counter.
    expect(code).not.toMatch(/(?<![\w$."])errors(?![\w$])/);
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    let compared = 0;
    names.forEach((n, i) => {
      const compiled = ajv.getSchema(`strict#/$defs/${encodeURIComponent(n)}`)!;
      const fn = mod[`v${i}`] as ((v: unknown) => boolean) & { errors?: Err[] | null };
      const s = sample(ir.schemas[n], ir.schemas);
      const inputs: unknown[] = [null, 1, 'x', [], [null], {}, { type: 'message' }, { type: 'message', role: 'user', content: 3 }, { type: 5 }];
      if (s !== SKIP) {
        inputs.push(s);
        if (s && typeof s === 'object' && !Array.isArray(s)) {
          inputs.push({ ...(s as object), 'extra/~x': 1 });
          for (const k of Object.keys(s as object)) inputs.push({ ...(s as object), [k]: null }, { ...(s as object), [k]: 7 }, { ...(s as object), [k]: [{}] });
          // Its properties inherited, not its own: read by name all the same.
          inputs.push(Object.create(s as object));
        }
      }
      for (const input of inputs) {
        const ok = fn(input);
        expect(ok, `${pin} ${n} ${JSON.stringify(input)}`).toBe(compiled(input));
        expect(fields(fn.errors), `${pin} ${n} ${JSON.stringify(input)}`).toEqual(fields(compiled.errors as Err[] | null));
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(names.length * 9);
  }, 180_000);
});
