/**
 * The per-type guards (`isResponse` and the rest) and the one copy of each
 * strict-prepared def's schema that a spec ships. The schema is JSON text
 * (`schemas.js`: `export const d12 = '<JSON>'`), in which a number in a
 * schema's place is a `$ref` to def number `i`; each component's guard is one
 * pure call at module level, `isX = strictGuard(d12, () => ({3: isA, 7: isB}))`
 * (runtime/validation/guard.ts), parsed at the guard's first check, its table
 * naming the guards of the defs it refers to (and, under negative numbers,
 * linear-time pattern testers). So a bundler that keeps one guard keeps the
 * data of its closure and a small interpreter instead of the compiled
 * validator with its error sites (isResponse: 202 -> ~80 KB minified), and
 * importing the module scans strings instead of pre-parsing hundreds of
 * object literals and thunks. The client's tolerant path reads the same text
 * and derives the tolerant form from it (runtime/validation/tolerant-schemas.ts),
 * so the schemas are not shipped a second time. Sharing repeated subschemas as
 * thunks was measured and left out: 5 KB less minified, 1 KB more gzipped
 * (gzip already folds the repeats).
 *
 * The most used keywords are written as one letter (short-keywords.ts; the
 * runtime spells them out again on first use: runtime/validation/schema-text.ts).
 *
 * Schema text reaches the output only as `JSON.stringify` of the prepared
 * values inside escaped literals (`strLit`); a tester's program as escaped
 * literals and keys (`key` below: `__proto__` computed, so it stays a
 * property). Annotations are dropped; a component whose closure holds an
 * assertion keyword the interpreter does not implement keeps its compiled
 * validator as its guard (the keyword stays in the data, for the tolerant form).
 */
import type { Schema } from '../../ir/types.js';
import { propKey, strLit } from '../typescript/escape.js';
import { TAG_MARKER } from './dispatch.js';
import { judgePattern } from './patterns.js';
import { shortKeyword } from './short-keywords.js';

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
/** Keywords whose value is one subschema. */
const ONE_SCHEMA = new Set(['items', 'additionalProperties', 'unevaluatedProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);

/** An object key that stays an own property (a bare or quoted `__proto__` would set the prototype). */
const key = (name: string) => (name === '__proto__' ? '["__proto__"]' : propKey(name));

export interface GuardData {
  /**
   * A def's strict schema as JSON text: the one copy of it a spec ships (`schemas.js`), read by its
   * guard and, derived to the tolerant form at run time, by the client's tolerant path
   * (runtime/validation/tolerant-schemas.ts). A number in a schema's place is a `$ref` to def number
   * `i` (in `defs` order); a negative one in a pattern's place is an entry of the guard's table.
   */
  dataOf(def: string): string;
  /**
   * A def's guard over data expression `data` (its text, or the name it is declared as):
   * `call(data, () => ({3: isA, "-1": linear(...)}))` (to be declared as `nameOf(def)`), or
   * undefined when its closure needs the compiled validator.
   */
  guardOf(def: string, data?: string): string | undefined;
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
  /** Per def: its pattern testers (slot -1 is the first). */
  const testers = names.map((): string[] => []);

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
  /** One def's schema as a JSON value, in which a number in a schema's place (or a `$ref`'s) is a def's index. */
  const schema = (s: unknown, owner: number): unknown => {
    const guardRef = (ref: string) => {
      const i = refTarget(ref);
      refs[owner].add(i);
      return i;
    };
    if (typeof s === 'boolean') return s;
    if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error(`guard data: not a schema in ${names[owner]}`);
    const o = s as Record<string, unknown>;
    // A key of one letter is no keyword (JSON Schema ignores it): dropped, as the data's short forms are one letter.
    const entries = Object.entries(o).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-') && k.length > 1);
    if (entries.length === 1 && entries[0][0] === '$ref') return guardRef(entries[0][1] as string);
    // A lone JSON type is written as its name (a third of all subschemas are one).
    if (entries.length === 1 && entries[0][0] === 'type' && typeof entries[0][1] === 'string') return entries[0][1];
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      // A keyword the guard does not implement stays in the data (the tolerant form reads it); the guard is then the compiled validator.
      if (!GUARD_KEYWORDS.has(k)) unknown[owner] = true;
      if (k === '$ref') {
        out[shortKeyword(k)] = guardRef(v as string);
      } else if (k === 'properties') {
        out[shortKeyword(k)] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, x]) => [p, schema(x, owner)]));
      } else if (ONE_SCHEMA.has(k)) {
        out[shortKeyword(k)] = schema(v, owner);
      } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf' || k === 'prefixItems') {
        out[shortKeyword(k)] = (v as unknown[]).map((x) => schema(x, owner));
      } else if (k === 'pattern') {
        const verdict = judgePattern(v as string);
        if (!verdict.linear) usesLinear = true;
        out[shortKeyword(k)] = verdict.linear ? (v as string) : -testers[owner].push(`${linear}(${value(verdict.program)})`);
      } else {
        out[shortKeyword(k)] = json(v);
      }
    }
    return out;
  };

  const data = names.map((n, i) => JSON.stringify(schema(defs[n], i)));
  /** The table is a thunk: it names guards declared further down (and itself, when recursive). */
  const tableOf = (i: number) => {
    const entries = [...[...refs[i]].sort((a, b) => a - b).map((j) => `${j}:${nameOf(names[j])}`), ...testers[i].map((t, k) => `${strLit(String(-1 - k))}:${t}`)];
    return entries.length === 0 ? '' : `, () => ({${entries.join(',')}})`;
  };

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
  const at = (def: string) => {
    const i = index.get(def);
    if (i === undefined) throw new Error(`guard data: no def ${def}`);
    return i;
  };
  return {
    usesLinear,
    dataOf: (def) => data[at(def)],
    guardOf(def, expression) {
      const i = at(def);
      return supported(i) ? `${call}(${expression ?? strLit(data[i])}${tableOf(i)})` : undefined;
    },
  };
}
