/**
 * The per-type guards' data (`isResponse` and the rest): each strict-prepared
 * component as a module-level thunk returning its schema as a JS literal,
 * with every `$ref` replaced by the referenced component's thunk, for
 * `strictGuard` (runtime/validation/guard.ts). One guard bundled alone then
 * carries the data of its closure and a small interpreter instead of the
 * compiled validator with its error sites (isResponse: 202 -> 72 KB minified).
 * Sharing repeated subschemas as thunks was measured and left out: 5 KB
 * less minified, 1 KB more gzipped (gzip already folds the repeats).
 *
 * Schema text reaches the output only as escaped literals (`strLit`) and
 * keys (`key` below: `__proto__` computed, so it stays a property); the
 * output is a parsed-checked program built from those. Annotations are
 * dropped; a component whose closure holds an assertion keyword the
 * interpreter does not implement keeps its compiled validator as its guard.
 */
import type { Schema } from '../../ir/types.js';
import { propKey, strLit } from '../typescript/escape.js';
import { TAG_MARKER } from './dispatch.js';
import { judgePattern } from './patterns.js';

/** What `strictGuard` implements (kept equal to GUARD_KEYWORDS in runtime/validation/guard.ts; a test checks). */
export const GUARD_KEYWORDS = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'propertyNames', 'minProperties', 'maxProperties',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'allOf', 'anyOf', 'oneOf', 'not', 'discriminator', 'if', 'then', 'else',
]);

/** Keywords that never change a verdict here (formats are not validated, as in the compiled validators). */
const ANNOTATIONS = new Set([
  'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated', '$comment', 'format', 'contentMediaType',
  'contentEncoding', 'contentSchema', '$schema', '$id', '$anchor', 'example', 'externalDocs', 'xml', TAG_MARKER,
]);

const REF_PREFIX = '#/$defs/';

/** An object key that stays an own property (a bare or quoted `__proto__` would set the prototype). */
const key = (name: string) => (name === '__proto__' ? '["__proto__"]' : propKey(name));

export interface GuardData {
  /** Module-level declarations: one thunk per prepared def (`const __gN = () => (...)`). */
  declarations: string[];
  /** The guard expression for a def, or undefined when its closure needs the compiled validator. */
  guardOf(def: string): string | undefined;
  /** Whether the declarations call `linear` (then the caller imports it). */
  usesLinear: boolean;
}

/**
 * `call` names the runtime's `strictGuard` and `linear` its `linearPattern` (both imported by the caller);
 * `thunk(i)` names the i-th def's thunk.
 */
export function guardData(defs: Record<string, Schema>, call: string, linear: string): GuardData {
  const names = Object.keys(defs);
  const index = new Map(names.map((n, i) => [n, i]));
  const thunk = (i: number) => `__g${i}`;
  const refTarget = (ref: string) => {
    if (!ref.startsWith(REF_PREFIX)) throw new Error(`guard data: a $ref outside $defs: ${ref}`);
    const i = index.get(decodeURIComponent(ref.slice(REF_PREFIX.length)));
    if (i === undefined) throw new Error(`guard data: no def for ${ref}`);
    return i;
  };
  let usesLinear = false;
  /** Per def: the defs it refers to, and whether it uses an unknown assertion keyword itself. */
  const refs = names.map(() => new Set<number>());
  const unknown = names.map(() => false);

  const value = (v: unknown): string => {
    if (typeof v === 'string') return strLit(v);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`guard data: a non-finite number ${v}`);
      return Object.is(v, -0) ? '-0' : String(v);
    }
    if (typeof v === 'boolean' || v === null) return String(v);
    if (Array.isArray(v)) return `[${v.map(value).join(',')}]`;
    if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${key(k)}:${value(x)}`).join(',')}}`;
    throw new Error(`guard data: not a JSON value (${typeof v})`);
  };
  const schema = (s: unknown, owner: number): string => {
    if (typeof s === 'boolean') return String(s);
    if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error(`guard data: not a schema in ${names[owner]}`);
    const o = s as Record<string, unknown>;
    const entries = Object.entries(o).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
    if (entries.length === 1 && entries[0][0] === '$ref') {
      const i = refTarget(entries[0][1] as string);
      refs[owner].add(i);
      return thunk(i);
    }
    // A lone JSON type is written as its name (a third of all subschemas are one).
    if (entries.length === 1 && entries[0][0] === 'type' && typeof entries[0][1] === 'string') return strLit(entries[0][1]);
    const out: string[] = [];
    for (const [k, v] of entries) {
      if (!GUARD_KEYWORDS.has(k)) {
        unknown[owner] = true;
        continue;
      }
      if (k === '$ref') {
        const i = refTarget(v as string);
        refs[owner].add(i);
        out.push(`$ref:${thunk(i)}`);
      } else if (k === 'properties') {
        out.push(`properties:{${Object.entries(v as Record<string, unknown>).map(([p, x]) => `${key(p)}:${schema(x, owner)}`).join(',')}}`);
      } else if (k === 'items' || k === 'additionalProperties' || k === 'propertyNames' || k === 'not' || k === 'if' || k === 'then' || k === 'else') {
        out.push(`${k}:${schema(v, owner)}`);
      } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
        out.push(`${k}:[${(v as unknown[]).map((x) => schema(x, owner)).join(',')}]`);
      } else if (k === 'pattern') {
        const verdict = judgePattern(v as string);
        if (!verdict.linear) usesLinear = true;
        out.push(`pattern:${verdict.linear ? strLit(v as string) : `${linear}(${value(verdict.program)})`}`);
      } else {
        out.push(`${key(k)}:${value(v)}`);
      }
    }
    return `{${out.join(',')}}`;
  };

  const declarations = names.map((n, i) => {
    const body = schema(defs[n], i);
    return `const ${thunk(i)} = () => ${body.startsWith('{') ? `(${body})` : body};`;
  });

  // A def can use its thunk as a guard when nothing in its closure needs the compiled validator.
  const ok = new Map<number, boolean>();
  const supported = (root: number): boolean => {
    const cached = ok.get(root);
    if (cached !== undefined) return cached;
    const seen = new Set<number>([root]);
    const stack = [root];
    let fine = true;
    while (stack.length > 0 && fine) {
      const i = stack.pop()!;
      if (unknown[i]) fine = false;
      for (const j of refs[i]) if (!seen.has(j)) (seen.add(j), stack.push(j));
    }
    ok.set(root, fine);
    return fine;
  };
  return {
    declarations,
    usesLinear,
    guardOf(def) {
      const i = index.get(def);
      if (i === undefined) throw new Error(`guard data: no def ${def}`);
      return supported(i) ? `${call}(${thunk(i)})` : undefined;
    },
  };
}
