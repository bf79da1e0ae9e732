/**
 * The per-type guards (`isResponse` and the rest): each strict-prepared
 * component's guard is one pure call at module level,
 * `isX = strictGuard('<JSON>', () => [isA, isB])` (runtime/validation/guard.ts).
 * The schema is JSON text parsed at the guard's first check, in which a
 * number in a schema's place stands for an entry of the table: the guard of
 * a referenced component, or a linear-time pattern tester. So a bundler that
 * keeps one guard keeps the data of its closure and a small interpreter
 * instead of the compiled validator with its error sites (isResponse: 202 ->
 * ~80 KB minified), and importing the module scans strings instead of
 * pre-parsing hundreds of object literals and thunks. Sharing repeated subschemas as
 * thunks was measured and left out: 5 KB less minified, 1 KB more gzipped
 * (gzip already folds the repeats).
 *
 * Schema text reaches the output only as `JSON.stringify` of the prepared
 * values inside escaped literals (`strLit`); a tester's program as escaped
 * literals and keys (`key` below: `__proto__` computed, so it stays a
 * property). Annotations are dropped; a component whose closure holds an
 * assertion keyword the interpreter does not implement keeps its compiled
 * validator as its guard.
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
  /**
   * A def's guard, `call('{...}', () => [isA, isB])` (to be declared as `nameOf(def)`), or undefined
   * when its closure needs the compiled validator.
   */
  guardOf(def: string): string | undefined;
  /** Whether the guards call `linear` (then the caller imports it). */
  usesLinear: boolean;
}

/**
 * `call` names the runtime's `strictGuard` and `linear` its `linearPattern` (both imported by the
 * caller); `nameOf(def)` is the module-level name the caller declares a def's guard as, which the
 * guards of the defs that refer to it use.
 */
export function guardData(defs: Record<string, Schema>, call: string, linear: string, nameOf: (def: string) => string): GuardData {
  const names = Object.keys(defs);
  const index = new Map(names.map((n, i) => [n, i]));
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
  /** A JSON value, checked: what a keyword holds goes into the data as it is. */
  const json = (v: unknown): unknown => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`guard data: a non-finite number ${v}`);
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map(json);
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, json(x)]));
    throw new Error(`guard data: not a JSON value (${typeof v})`);
  };
  /**
   * One def's schema as a JSON value, in which a number in a schema's place (or a `$ref`'s, or a
   * pattern's) is an index into `table`: the expressions (guards, pattern testers) it stands for.
   */
  const schema = (s: unknown, owner: number, table: string[]): unknown => {
    const slot = (expression: string) => {
      const at = table.indexOf(expression);
      return at >= 0 ? at : table.push(expression) - 1;
    };
    const guardRef = (ref: string) => {
      const i = refTarget(ref);
      refs[owner].add(i);
      return slot(nameOf(names[i]));
    };
    if (typeof s === 'boolean') return s;
    if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error(`guard data: not a schema in ${names[owner]}`);
    const o = s as Record<string, unknown>;
    const entries = Object.entries(o).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
    if (entries.length === 1 && entries[0][0] === '$ref') return guardRef(entries[0][1] as string);
    // A lone JSON type is written as its name (a third of all subschemas are one).
    if (entries.length === 1 && entries[0][0] === 'type' && typeof entries[0][1] === 'string') return entries[0][1];
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      if (!GUARD_KEYWORDS.has(k)) {
        unknown[owner] = true;
        continue;
      }
      if (k === '$ref') {
        out.$ref = guardRef(v as string);
      } else if (k === 'properties') {
        out.properties = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, x]) => [p, schema(x, owner, table)]));
      } else if (k === 'items' || k === 'additionalProperties' || k === 'propertyNames' || k === 'not' || k === 'if' || k === 'then' || k === 'else') {
        out[k] = schema(v, owner, table);
      } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
        out[k] = (v as unknown[]).map((x) => schema(x, owner, table));
      } else if (k === 'pattern') {
        const verdict = judgePattern(v as string);
        if (!verdict.linear) usesLinear = true;
        out.pattern = verdict.linear ? (v as string) : slot(`${linear}(${value(verdict.program)})`);
      } else {
        out[k] = json(v);
      }
    }
    return out;
  };

  const guards = names.map((n, i) => {
    const table: string[] = [];
    const text = JSON.stringify(schema(defs[n], i, table));
    // The table is a thunk: it names guards declared further down (and itself, when recursive).
    return `${call}(${strLit(text)}${table.length > 0 ? `, () => [${table.join(',')}]` : ''})`;
  });

  // A def's guard interprets its data when nothing in its closure needs the compiled validator.
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
    usesLinear,
    guardOf(def) {
      const i = index.get(def);
      if (i === undefined) throw new Error(`guard data: no def ${def}`);
      return supported(i) ? guards[i] : undefined;
    },
  };
}
