/**
 * Pre-processing of normalized schemas for ajv, in two modes:
 *
 * - **strict**: the spec as written, plus "no unknown properties": an object
 *   that lists its properties gets `additionalProperties: false`; a
 *   composition (`allOf`, or properties beside a union) admits the names its
 *   parts declare, while its members stay open (a member referenced by
 *   `$ref` points at an `__open` variant of that component).
 * - **tolerant**: only the JSON shape: JSON types, objects where objects
 *   belong, tags that are strings. Required lists, closed enums, value
 *   constraints and unknown properties are dropped, and null is allowed
 *   everywhere: those deviations are reported as warnings by re-running the
 *   strict validator.
 *
 * In both, discriminators become tag dispatch (see dispatch.ts), annotations
 * are dropped (they would only bloat the generated code) and refs keep
 * pointing into the same `$defs`.
 */
import type { DiscriminatorTags, Schema } from '../../ir/types.js';
import { isAnnotationKeyword, refName } from '../../normalize/rule.js';
import { isSchemaObject } from '../../util/walk.js';
import { canDispatch, dispatch, TAG_MARKER } from './dispatch.js';
import { hasOwn, setOwn } from '../../util/own.js';

export type Mode = 'strict' | 'tolerant';

export const OPEN_SUFFIX = '__open';

/** Value constraints that tolerant mode turns into warnings. */
const CONSTRAINTS = [
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'propertyNames',
  'required', 'not', 'contains', 'minContains', 'maxContains', 'dependentRequired',
];

interface Ctx {
  mode: Mode;
  /** Components that some composition references and so need an open variant. */
  open: Set<string>;
  /** The normalized components, to find the properties a composition's members declare. */
  schemas: Record<string, Schema>;
}

const ref = (name: string) => `#/$defs/${name}`;

/** Prepares one schema; `member` says it is a member of a composition (so it must stay open). */
function prep(node: Schema, ctx: Ctx, member: boolean): Schema {
  const name = refName(node.$ref);
  if (name !== undefined) {
    const target = member && ctx.mode === 'strict' ? `${name}${OPEN_SUFFIX}` : name;
    if (member && ctx.mode === 'strict') ctx.open.add(name);
    // Tolerant components accept null themselves, so a reference needs no wrapper.
    return { $ref: ref(target) };
  }
  const out: Schema = {};
  for (const key of Object.keys(node)) if (!isAnnotationKeyword(key) || key === TAG_MARKER) setOwn(out, key, node[key]);
  delete out.discriminator;

  const unionKey = Array.isArray(out.oneOf) ? 'oneOf' : Array.isArray(out.anyOf) ? 'anyOf' : undefined;
  const hasOwnProps = isSchemaObject(out.properties);
  const composition = Array.isArray(out.allOf) || (hasOwnProps && unionKey !== undefined);

  // Children first.
  if (isSchemaObject(out.properties)) {
    const props: Schema = {};
    for (const [k, v] of Object.entries(out.properties)) setOwn(props, k, isSchemaObject(v) ? prep(v, ctx, false) : v);
    out.properties = props;
  }
  for (const key of ['items', 'additionalProperties', 'unevaluatedProperties', 'contains', 'propertyNames', 'not'] as const) {
    if (isSchemaObject(out[key])) out[key] = prep(out[key] as Schema, ctx, false);
  }
  if (Array.isArray(out.prefixItems)) out.prefixItems = out.prefixItems.map((s) => (isSchemaObject(s) ? prep(s, ctx, false) : s));
  if (Array.isArray(out.allOf)) out.allOf = out.allOf.map((s) => (isSchemaObject(s) ? prep(s, ctx, true) : s));
  let members: Schema[] | undefined;
  if (unionKey) members = (out[unionKey] as unknown[]).filter(isSchemaObject).map((s) => prep(s, ctx, hasOwnProps));

  if (ctx.mode === 'tolerant') relax(out);
  else if (!member) close(out, composition ? declaredNames(node, ctx.schemas) : undefined);

  const tags = isSchemaObject(node.discriminator) ? (node.discriminator['x-tags'] as DiscriminatorTags | undefined) : undefined;
  if (unionKey && members) {
    delete out.oneOf;
    delete out.anyOf;
    if (canDispatch(tags, members)) {
      const raw = (node[unionKey] as unknown[]).filter(isSchemaObject);
      const tagOptional = raw.map((m) => !requiresProperty(m, tags.propertyName, ctx.schemas));
      return dispatch(out, members, tags, { closedTags: ctx.mode === 'strict', tagOptional });
    }
    out[ctx.mode === 'tolerant' ? 'anyOf' : unionKey] = members;
  }
  return allowNull(out, ctx);
}

/**
 * Strict: objects that list their properties admit no others. For a
 * composition the allowed names are those declared by any of its parts
 * (found statically through refs), which avoids ajv's costly
 * `unevaluatedProperties`; an open-ended part leaves the whole open.
 */
function close(out: Schema, composed: Set<string> | null | undefined): void {
  if (out.additionalProperties !== undefined || out.unevaluatedProperties !== undefined) return;
  if (composed === null) return;
  if (!composed && !isSchemaObject(out.properties)) return;
  // A property the schema requires is allowed even where the spec forgot to declare it.
  const allowed = new Set([...(composed ?? []), ...(Array.isArray(out.required) ? (out.required as string[]) : [])]);
  const props: Schema = { ...(out.properties as Schema | undefined) };
  for (const n of allowed) if (!hasOwn(props, n)) setOwn(props, n, true);
  out.properties = props;
  out.additionalProperties = false;
}

/** Whether a schema (through refs, allOf and unions) requires a property. */
export function requiresProperty(node: Schema, prop: string, schemas: Record<string, Schema>, seen: Set<string> = new Set()): boolean {
  const name = refName(node.$ref);
  if (name !== undefined) return !seen.has(name) && !!schemas[name] && requiresProperty(schemas[name], prop, schemas, new Set(seen).add(name));
  if (Array.isArray(node.required) && node.required.includes(prop)) return true;
  if (Array.isArray(node.allOf) && node.allOf.some((p) => isSchemaObject(p) && requiresProperty(p, prop, schemas, seen))) return true;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const parts = node[key];
    if (Array.isArray(parts) && parts.length > 0 && parts.every((p) => isSchemaObject(p) && requiresProperty(p, prop, schemas, seen))) return true;
  }
  return false;
}

/** Property names a schema's parts declare, or null when some part admits any property. */
export function declaredNames(node: Schema, schemas: Record<string, Schema>, seen: Set<string> = new Set()): Set<string> | null {
  const name = refName(node.$ref);
  if (name !== undefined) {
    if (seen.has(name) || !schemas[name]) return new Set();
    return declaredNames(schemas[name], schemas, new Set(seen).add(name));
  }
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) return null;
  const names = new Set<string>([...(isSchemaObject(node.properties) ? Object.keys(node.properties) : []), ...(Array.isArray(node.required) ? (node.required as string[]) : [])]);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = node[key];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      if (!isSchemaObject(part)) continue;
      const sub = declaredNames(part, schemas, seen);
      if (sub === null) return null;
      for (const n of sub) names.add(n);
    }
  }
  const isObjectish = names.size > 0 || node.type === 'object' || Array.isArray(node.allOf) || Array.isArray(node.anyOf) || Array.isArray(node.oneOf);
  return isObjectish ? names : null;
}

/** Tolerant: keep only the JSON types. */
function relax(out: Schema): void {
  for (const k of CONSTRAINTS) delete out[k];
  if (out.additionalProperties === false) delete out.additionalProperties;
  if (out.unevaluatedProperties === false) delete out.unevaluatedProperties;
  if (Array.isArray(out.enum)) {
    const types = new Set(out.enum.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)));
    delete out.enum;
    if (!out.type) out.type = [...types].map((t) => (t === 'number' ? 'number' : t));
  }
  if (hasOwn(out, 'const')) {
    const v = out.const;
    delete out.const;
    if (!out.type) out.type = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  }
  if (out.type === 'integer') out.type = 'number';
  if (Array.isArray(out.type)) out.type = [...new Set(out.type.map((t) => (t === 'integer' ? 'number' : t)))];
}

/** Tolerant: null is allowed wherever a value is (a warning, not an error). */
function allowNull(out: Schema, ctx: Ctx): Schema {
  if (ctx.mode === 'strict') return out;
  if (typeof out.type === 'string') return out.type === 'null' ? out : { ...out, type: [out.type, 'null'] };
  if (Array.isArray(out.type)) return out.type.includes('null') ? out : { ...out, type: [...out.type, 'null'] };
  if (Array.isArray(out.anyOf)) return { ...out, anyOf: [...out.anyOf, { type: 'null' }] };
  if (Object.keys(out).length === 0) return out;
  return { anyOf: [{ type: 'null' }, out] };
}

/**
 * The `$defs` for one mode: every component, plus (strict) an open variant of
 * each component that a composition refers to.
 */
export function prepareDefs(schemas: Record<string, Schema>, mode: Mode): Record<string, Schema> {
  const ctx: Ctx = { mode, open: new Set(), schemas };
  const defs: Record<string, Schema> = {};
  for (const name of Object.keys(schemas)) setOwn(defs, name, prep(schemas[name], ctx, false));
  const done = new Set<string>();
  for (let pending = [...ctx.open]; pending.length; pending = [...ctx.open].filter((n) => !done.has(n))) {
    for (const name of pending) {
      done.add(name);
      if (schemas[name]) defs[`${name}${OPEN_SUFFIX}`] = prep(schemas[name], ctx, true);
    }
  }
  return defs;
}
