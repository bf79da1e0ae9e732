/**
 * Compiles prepared schemas with ajv (2020-12) at generate time and emits
 * standalone ESM code: no schema is compiled at import time, and ajv's own
 * runtime `require(...)`s are rewritten into ESM imports of our helpers, so
 * the module loads on Node 20 and in bundlers.
 */
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { Schema } from '../../ir/types.js';
import { TAG_MARKER } from './dispatch.js';
import { ERROR_AT_HELPER, ERROR_HELPER, KNOWN_HELPER, REWRITES, SHORT_FORM_HELPERS } from './rewrite/index.js';
import { Literals } from './rewrite/literals.js';
import { judgePattern } from './patterns.js';

// ajv ships CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

/** ajv runtime helpers that standalone code may require, and the ESM export that replaces each. */
const HELPERS: Record<string, string> = {
  'ajv/dist/runtime/ucs2length': 'ucs2length',
  'ajv/dist/runtime/equal': 'equal',
};

/**
 * Every error site in ajv's output repeats this push; a helper call says the same in a fraction of the bytes.
 * A callee's errors are appended in place: the array was made during that call and nothing else holds it.
 */
const PUSH_HELPER =
  'function __push(list, err) { if (list === null) return [err]; list.push(err); return list; }\n' +
  `${ERROR_HELPER}\n${ERROR_AT_HELPER}\n` +
  'function __cat(list, more) { if (list === null) return more; for (let i = 0; i < more.length; i++) list.push(more[i]); return list; }\n' +
  // Dropping the errors of a branch that turned out not to matter: pop() stays in optimized code, `length =` does not.
  'function __reset(list, n) { if (list === null || n === 0) return null; if (list.length < n) list.length = n; while (list.length > n) list.pop(); return list; }\n' +
  `${KNOWN_HELPER}\n${SHORT_FORM_HELPERS}`;
/** The helpers of PUSH_HELPER that `code` calls (one declaration a line; a name is called where it is followed by `(`, not after `.` or `"`). */
function usedHelpers(code: string): string {
  return PUSH_HELPER.split('\n')
    .filter((line) => {
      const name = /^function (__\w+)\(/.exec(line)?.[1];
      return name !== undefined && new RegExp(String.raw`(?<![\w$."])${name}\(`).test(code);
    })
    .join('\n');
}
const ERROR_SITE = /const (err\d+) = (\{.*?\});if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g;
/** A call to another validator, followed by the merge of its errors. */
const CALL_SITE = /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);/g;
/** Where a union's branch or a condition passed, the errors collected on the way are dropped. */
const RESET_SITE = /if\(vErrors !== null\)\{if\((_errs\d+)\)\{vErrors\.length = \1;\}else \{vErrors = null;\}\}/g;
/** No `$dynamicRef` is ever used, so the dynamic-anchor plumbing can go (never a property name: those follow a `.`). */
const DYNAMIC_ANCHORS = /,\s*dynamicAnchors(=\{\})?/g;
const DYNAMIC_ANCHOR_USE = /(?<![\w$."])dynamicAnchors\b/;
/** ajv's import of one of its runtime helpers. */
const REQUIRE = /const (\w+) = require\(("(?:[^"\\]|\\.)*")\)\.default;/g;
/** ajv's compiled `pattern`: a super-linear one is replaced by a linear-time automaton (patterns.ts). */
const PATTERN = /const (pattern\d+) = new RegExp\(("(?:[^"\\]|\\.)*"), "u"\);/g;
/** A call of `require` left behind (a property read `data.require(` is no such call). */
const REQUIRE_CALL = /(?<![\w$.])require\s*\(/;
/** Our error translation reads instancePath, keyword and params only. */
const SCHEMA_PATH = /schemaPath:"(?:[^"\\]|\\.)*",/g;

/**
 * Shrinks ajv's output without changing what validators return (checked by the differential tests).
 * Runs on masked code (see rewrite/literals.ts): no pattern here can match inside a literal.
 */
export function compact(code: string): string {
  return code
    .replace(ERROR_SITE, 'vErrors = __push(vErrors, $2);errors++;')
    .replace(CALL_SITE, 'vErrors = __cat(vErrors, $1.errors);')
    .replace(RESET_SITE, 'vErrors = __reset(vErrors, $1);')
    .replace(SCHEMA_PATH, '')
    .replace(DYNAMIC_ANCHORS, '');
}

export function newAjv(extraKeywords: string[] = [], options: { ownProperties?: boolean } = {}) {
  const ajv = new Ajv2020({
    ownProperties: options.ownProperties ?? false,
    // JSON cannot carry Infinity or NaN (they would be sent as null): number and integer checks refuse them.
    strictNumbers: true,
    code: { source: true, esm: true, lines: false },
    allErrors: true,
    messages: false,
    discriminator: true,
    strict: false,
    validateFormats: false,
    inlineRefs: false,
    // The load stage has checked every keyword's shape (check-schemas.ts) and prepare.ts writes
    // only what it knows: validating each schema against the 2020-12 meta-schema again cost ~70 ms.
    validateSchema: false,
  });
  // Ajv2020 forces tracking of evaluated properties (for unevaluatedProperties), which bloats
  // every function. Our prepared schemas never use unevaluated*, so the tracking is switched off.
  (ajv.opts as { unevaluated?: boolean }).unevaluated = false;
  ajv.addKeyword({ keyword: TAG_MARKER, schemaType: 'boolean' });
  for (const k of extraKeywords) if (!ajv.getKeyword(k)) ajv.addKeyword(k);
  return ajv;
}

/**
 * Standalone code exporting one validator per entry of `exports`
 * (export name -> schema id). `helpersModule` is the ESM module that
 * provides the replaced ajv helpers.
 */
export interface StandaloneOptions {
  /** The module exporting `linearPattern` (default: beside `helpersModule`'s runtime). */
  patternModule?: string;
  /** Declare the validators module-private (`const sN`) instead of exporting them. */
  private?: boolean;
}

export function compileStandalone(documents: Schema[], exports: Record<string, string>, helpersModule: string, options: StandaloneOptions = {}): string {
  const patternModule = options.patternModule ?? helpersModule.replace(/validation\/index\.js$/, 'internal/linear-pattern.js');
  const ajv = newAjv([], { ownProperties: shadowsPrototype(documents) });
  for (const doc of documents) ajv.addSchema(doc);
  // Every rewrite below runs on masked code: schema text is only ever an opaque literal or a `.name`.
  const literals = new Literals();
  const code = literals.mask(standaloneCode(ajv, exports).replace(/^"use strict";/, ''));
  const imports: string[] = [];
  let linear = false;
  const plain = code
    .replace(REQUIRE, (_all, local: string, mod: string) => {
      const name = JSON.parse(literals.unmask(mod)) as string;
      const helper = Object.prototype.hasOwnProperty.call(HELPERS, name) ? HELPERS[name] : undefined;
      if (!helper) throw new Error(`ajv standalone code requires '${name}', which has no ESM replacement`);
      imports.push(`import { ${helper} as ${local} } from ${JSON.stringify(helpersModule)};`);
      return '';
    })
    .replace(PATTERN, (all, name: string, source: string) => {
      const verdict = judgePattern(JSON.parse(literals.unmask(source)) as string);
      // Marked pure, as every module-level value is, so a bundler drops those of validators it drops.
      if (verdict.linear) return `const ${name} = /* @__PURE__ */ new RegExp(${source}, "u");`;
      linear = true;
      return `const ${name} = /* @__PURE__ */ __linearPattern(${literals.mask(JSON.stringify(verdict.program))});`;
    });
  if (linear) imports.push(`import { linearPattern as __linearPattern } from ${JSON.stringify(patternModule)};`);
  if (REQUIRE_CALL.test(plain)) throw new Error('ajv standalone code still contains require(...)');
  if (/(?<![\w$.])dynamicAnchors\[/.test(plain)) throw new Error('ajv standalone code uses dynamic anchors; compact() would break it');
  let compacted = REWRITES.reduce((c, rewrite) => rewrite(c, literals), compact(plain));
  if (options.private) compacted = compacted.replace(/(^|[;}])export const (s\d+) = /gm, '$1const $2 = ');
  if (DYNAMIC_ANCHOR_USE.test(compacted)) throw new Error('compact() left a dynamicAnchors reference behind');
  return literals.unmask(`${imports.join('\n')}\n${usedHelpers(compacted)}\n${compacted}\n`);
}

/**
 * Whether some property name the schemas test is also a member of every object
 * (`constructor`, `toString`, `__proto__`...): then ajv must test own properties,
 * or `data.constructor` would be found on every object. Only such specs pay for it.
 */
export function shadowsPrototype(documents: unknown): boolean {
  let found = false;
  const names = (list: unknown) => Array.isArray(list) && list.some((n) => typeof n === 'string' && n in Object.prototype);
  JSON.stringify(documents, function (this: unknown, key, value) {
    if (found) return undefined;
    if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value) && names(Object.keys(value))) found = true;
    else if ((key === 'required' || key === 'dependentRequired') && (names(value) || (value !== null && typeof value === 'object' && names(Object.keys(value))))) found = true;
    else if (key === 'propertyName' && typeof value === 'string' && value in Object.prototype) found = true;
    return value;
  });
  return found;
}
