/**
 * The per-type guards (`isResponse`): a yes/no check against the strict
 * schema, made from compact schema data the generator emits
 * (generator/emit/ajv/guards.ts) instead of the compiled validator, which
 * carries every error site. Each component's guard is made at module level
 * from its schema as JSON text and a thunk of what the text refers to (the
 * referenced components' guards), so a bundler keeps the data of one
 * guard's closure and nothing else, and importing the module only scans
 * strings. A schema is parsed and becomes a tree of closures on the first
 * check (cached per guard, so recursion and shared components are parsed and
 * compiled once).
 *
 * Verdicts are ajv's for the strict schemas (ajv 2020, `strictNumbers`, no
 * formats, the `discriminator` keyword): `test/validation/guard.test.ts`
 * checks them against the compiled validators on every recorded body, the
 * samples and their mutations. As in ajv, a property counts when it is not
 * `undefined` and every enumerable key is checked against `properties` /
 * `additionalProperties`; `required` names and tags must be own properties
 * (ajv's reading where a spec names an `Object.prototype` member; the same
 * for JSON values everywhere). The keywords known here are
 * in `GUARD_KEYWORDS`; a component whose closure uses another keeps the
 * compiled validator as its guard (the generator decides).
 */
import { equal, ucs2length } from './ajv-helpers.js';
import { parseSchemaText } from './schema-text.js';

/** A component's guard, as `strictGuard` makes it. */
export type Guard = (value: unknown) => boolean;
/** A schema as the generator emits it: a `$ref` is the guard of the component it names, and `{type: "string"}` is written `"string"`. */
export type GuardSchema = boolean | string | Guard | { readonly [keyword: string]: unknown };
/**
 * What a guard's JSON text refers to by number: the guards of the defs it names (by def index), and
 * linear-time pattern testers (by negative numbers).
 */
export type GuardTable = () => { readonly [slot: number]: unknown };
type Test = (data: unknown) => boolean;

/** The assertion keywords the guards implement; annotations are dropped by the generator. */
export const GUARD_KEYWORDS: readonly string[] = Object.freeze([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'propertyNames', 'minProperties', 'maxProperties',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'allOf', 'anyOf', 'oneOf', 'not', 'discriminator', 'if', 'then', 'else',
]);

const hasOwn = Object.prototype.hasOwnProperty;
const isObject = (d: unknown): d is Record<string, unknown> => d !== null && typeof d === 'object' && !Array.isArray(d);
const isNumber = (d: unknown): d is number => typeof d === 'number' && isFinite(d);
const always: Test = () => true;
const never: Test = () => false;

const TYPES: Record<string, Test> = {
  string: (d) => typeof d === 'string',
  number: isNumber,
  integer: (d) => typeof d === 'number' && Number.isInteger(d),
  boolean: (d) => typeof d === 'boolean',
  null: (d) => d === null,
  array: Array.isArray,
  object: isObject,
};

/** Each guard's source, and (once checked) its schema and test. */
interface Source {
  json: string;
  table: GuardTable | undefined;
  schema?: GuardSchema;
  test?: Test;
}
const sources = new WeakMap<Guard, Source>();
const NO_TABLE: { readonly [slot: number]: unknown } = {};

/**
 * A guard for one component, from the data the generator writes: its schema as JSON text in which a
 * number in a schema's place (a subschema, a `$ref`) or a pattern's is an index into what `table`
 * returns (the guards of the components it refers to, and linear-time pattern testers). Parsed and
 * compiled on its first call.
 */
export function strictGuard(json: string, table?: GuardTable): Guard {
  let test: Test | undefined;
  const guard: Guard = (value) => {
    try {
      return (test ??= ref(guard))(value);
    } catch (e) {
      // A value nested past the stack, or containing itself: not valid (validate() names the spot).
      if (e instanceof RangeError) return false;
      throw e;
    }
  };
  const source: Source = { json, table };
  sources.set(guard, source);
  return guard;
}

/** Keywords whose value is one subschema. */
const ONE_SCHEMA = new Set(['$ref', 'items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else']);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

function resolveSlots(s: unknown, table: { readonly [slot: number]: unknown }): unknown {
  if (typeof s === 'number') return table[s];
  if (s === null || typeof s !== 'object') return s;
  const o = s as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (ONE_SCHEMA.has(k)) o[k] = resolveSlots(v, table);
    else if (SCHEMA_LIST.has(k)) o[k] = (v as unknown[]).map((x) => resolveSlots(x, table));
    else if (k === 'pattern' && typeof v === 'number') o[k] = table[v];
    else if (k === 'properties') {
      const props = v as Record<string, unknown>;
      // JSON.parse made `__proto__` an own key; assigning it would set the prototype (and it is never declared: see objectTests).
      for (const p of Object.keys(props)) if (p !== '__proto__') props[p] = resolveSlots(props[p], table);
    }
  }
  return o;
}

/** A guard's schema, parsed once (a discriminator reads its members' before they are compiled). */
function schemaOf(guard: Guard): GuardSchema {
  const source = sources.get(guard);
  // Only a guard strictGuard made has data (generated tables hold nothing else): anything else passes nothing.
  if (source === undefined) return false;
  return (source.schema ??= resolveSlots(parseSchemaText(source.json), source.table?.() ?? NO_TABLE) as GuardSchema);
}

function ref(guard: Guard): Test {
  const source = sources.get(guard);
  if (source === undefined) return never;
  if (source.test === undefined) {
    // A placeholder first, so a recursive component finds itself.
    let real: Test | undefined;
    source.test = (d) => real!(d);
    real = compile(schemaOf(guard));
    source.test = real;
  }
  return source.test;
}

/** One test must pass (a nullable union asks for null first). */
function any(tests: Test[]): Test {
  if (tests.length === 1) return tests[0];
  const nullAt = tests.indexOf(TYPES.null);
  if (tests.length === 2 && nullAt >= 0) {
    const other = tests[1 - nullAt];
    return (d) => d === null || other(d);
  }
  if (tests.length === 2) {
    const [a, b] = tests;
    return (d) => a(d) || b(d);
  }
  return (d) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](d)) return true;
    return false;
  };
}

/** Every test must pass. */
function all(tests: Test[]): Test {
  if (tests.length === 0) return always;
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (d) => a(d) && b(d);
  }
  return (d) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](d)) return false;
    return true;
  };
}

function compile(schema: GuardSchema): Test {
  if (typeof schema === 'function') return ref(schema as Guard);
  if (typeof schema === 'string') return TYPES[schema] ?? never;
  if (schema === true) return always;
  if (schema === false) return never;
  const s = schema as Record<string, unknown>;
  const tests: Test[] = [];
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]).map((t: string) => TYPES[t] ?? never);
    tests.push(any(types));
  }
  if (typeof s.$ref === 'function') tests.push(ref(s.$ref as Guard));
  if (Array.isArray(s.enum)) tests.push(enumTest(s.enum));
  if (hasOwn.call(s, 'const')) tests.push((d) => equal(d, s.const));
  // Keywords of one JSON type apply to values of that type; when the schema's one type is that type,
  // the type test (first in `tests`) has already said so.
  const only = typeof s.type === 'string' ? s.type : undefined;
  const forType = (type: string, guard: Test, checks: Test[]) => {
    if (checks.length === 0) return;
    const t = all(checks);
    tests.push(only === type || (type === 'number' && only === 'integer') ? t : (d) => !guard(d) || t(d));
  };
  forType('object', isObject, objectTests(s));
  forType('array', Array.isArray, arrayTests(s));
  forType('string', (d) => typeof d === 'string', stringTests(s));
  forType('number', isNumber, numberTests(s));
  if (Array.isArray(s.allOf)) tests.push(all(s.allOf.map(compile)));
  if (Array.isArray(s.anyOf)) tests.push(any(s.anyOf.map(compile)));
  if (Array.isArray(s.oneOf) && s.discriminator === undefined) {
    const members = s.oneOf.map(compile);
    tests.push((d) => {
      let passing = 0;
      for (const m of members) if (m(d) && ++passing > 1) return false;
      return passing === 1;
    });
  }
  if (s.not !== undefined) {
    const inner = compile(s.not as GuardSchema);
    tests.push((d) => !inner(d));
  }
  if (s.if !== undefined) {
    const cond = compile(s.if as GuardSchema);
    const then = s.then === undefined ? always : compile(s.then as GuardSchema);
    const otherwise = s.else === undefined ? always : compile(s.else as GuardSchema);
    tests.push((d) => (cond(d) ? then(d) : otherwise(d)));
  }
  return all(tests);
}

function enumTest(values: unknown[]): Test {
  if (values.some((v) => v !== null && typeof v === 'object')) return (d) => values.some((v) => equal(d, v));
  if (values.length === 1) {
    const only = values[0];
    return (d) => d === only;
  }
  const set = new Set(values);
  return (d) => set.has(d);
}

/** The value of an own property, or undefined. */
const own = (d: Record<string, unknown>, k: string): unknown => (hasOwn.call(d, k) ? d[k] : undefined);

function objectTests(s: Record<string, unknown>): Test[] {
  const tests: Test[] = [];
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  if (required.length > 0) {
    tests.push((d) => {
      const o = d as Record<string, unknown>;
      for (let i = 0; i < required.length; i++) if (o[required[i]] === undefined || !hasOwn.call(o, required[i])) return false;
      return true;
    });
  }
  const props = new Map<string, Test>();
  // As in ajv, a property named __proto__ is never declared.
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, GuardSchema>)) if (k !== '__proto__') props.set(k, compile(v));
  const extra = s.additionalProperties === undefined ? undefined : compile(s.additionalProperties as GuardSchema);
  if (extra === undefined && props.size > 0) {
    // Only declared properties to check: read those (a part of an allOf declares a few of many).
    const keys = [...props.keys()].filter((k) => props.get(k) !== always);
    const checks = keys.map((k) => props.get(k)!);
    // A name every object inherits (`constructor`) is read as an own property only.
    const inherited = keys.map((k) => k in Object.prototype);
    if (keys.length > 0) {
      tests.push((d) => {
        const o = d as Record<string, unknown>;
        for (let i = 0; i < keys.length; i++) {
          const v = inherited[i] ? own(o, keys[i]) : o[keys[i]];
          if (v !== undefined && !checks[i](v)) return false;
        }
        return true;
      });
    }
  } else if (extra !== undefined) {
    tests.push((d) => {
      const o = d as Record<string, unknown>;
      // As ajv: every enumerable key (a JSON value's are its own).
      for (const k in o) {
        const v = o[k];
        const t = props.get(k);
        if (t !== undefined ? v !== undefined && !t(v) : extra !== undefined && !extra(v)) return false;
      }
      return true;
    });
  }
  if (typeof s.minProperties === 'number') tests.push((d) => Object.keys(d as object).length >= (s.minProperties as number));
  if (typeof s.maxProperties === 'number') tests.push((d) => Object.keys(d as object).length <= (s.maxProperties as number));
  if (s.propertyNames !== undefined) {
    const names = compile(s.propertyNames as GuardSchema);
    tests.push((d) => {
      for (const k in d as object) if (!names(k)) return false;
      return true;
    });
  }
  if (s.discriminator !== undefined && Array.isArray(s.oneOf)) tests.push(dispatch(s));
  return tests;
}

/** ajv's `discriminator`: the tag must be a string that one `oneOf` member lists (const or enum); that member decides. */
function dispatch(s: Record<string, unknown>): Test {
  const tag = (s.discriminator as { propertyName: string }).propertyName;
  const branches = new Map<string, Test>();
  const resolve = (x: unknown): unknown => (typeof x === 'function' ? resolve(schemaOf(x as Guard)) : x);
  for (const member of s.oneOf as GuardSchema[]) {
    const m = resolve(member) as { properties?: Record<string, unknown> };
    const p = resolve(typeof m === 'object' && m !== null ? m.properties?.[tag] : undefined) as { enum?: unknown[]; const?: unknown } | undefined;
    const values = typeof p !== 'object' || p === null ? [] : p.const !== undefined ? [p.const] : (p.enum ?? []);
    const test = compile(member);
    for (const v of values) if (typeof v === 'string' && !branches.has(v)) branches.set(v, test);
  }
  return (d) => {
    const value = own(d as Record<string, unknown>, tag);
    const branch = typeof value === 'string' ? branches.get(value) : undefined;
    return branch !== undefined && branch(d);
  };
}

function arrayTests(s: Record<string, unknown>): Test[] {
  const tests: Test[] = [];
  if (s.items !== undefined) {
    const item = compile(s.items as GuardSchema);
    tests.push((d) => {
      const a = d as unknown[];
      for (let i = 0; i < a.length; i++) if (!item(a[i])) return false;
      return true;
    });
  }
  if (typeof s.minItems === 'number') tests.push((d) => (d as unknown[]).length >= (s.minItems as number));
  if (typeof s.maxItems === 'number') tests.push((d) => (d as unknown[]).length <= (s.maxItems as number));
  if (s.uniqueItems === true) {
    tests.push((d) => {
      const a = d as unknown[];
      for (let i = 1; i < a.length; i++) for (let j = 0; j < i; j++) if (equal(a[i], a[j])) return false;
      return true;
    });
  }
  return tests;
}

function stringTests(s: Record<string, unknown>): Test[] {
  const tests: Test[] = [];
  if (typeof s.minLength === 'number') tests.push((d) => ucs2length(d as string) >= (s.minLength as number));
  if (typeof s.maxLength === 'number') tests.push((d) => ucs2length(d as string) <= (s.maxLength as number));
  if (s.pattern !== undefined) {
    // A string is a pattern the generator judged linear; anything else is a linear-time tester it made.
    const re = typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : (s.pattern as { test(v: string): boolean });
    tests.push((d) => re.test(d as string));
  }
  return tests;
}

function numberTests(s: Record<string, unknown>): Test[] {
  const tests: Test[] = [];
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  const min = n('minimum');
  const max = n('maximum');
  const xmin = n('exclusiveMinimum');
  const xmax = n('exclusiveMaximum');
  if (min !== undefined) tests.push((d) => (d as number) >= min);
  if (max !== undefined) tests.push((d) => (d as number) <= max);
  if (xmin !== undefined) tests.push((d) => (d as number) > xmin);
  if (xmax !== undefined) tests.push((d) => (d as number) < xmax);
  return tests;
}
