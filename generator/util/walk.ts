/**
 * Structural traversal of JSON Schema objects: knows which keywords hold
 * subschemas, so rules never descend into `enum`, `default`, `example`,
 * `const` or `x-*` values (which are data, not schemas).
 */
import type { Schema } from '../ir/types.js';
import { setOwn } from './own.js';

/** Keywords whose value is one subschema. */
export const SCHEMA_KEYWORDS = [
  'items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains',
  'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems',
] as const;
/** Keywords whose value is an array of subschemas. */
export const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords whose value is a map of name to subschema. */
export const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;

export function isSchemaObject(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Location of a child schema relative to its parent, as pointer tokens. */
export type ChildPath = Array<string | number>;

/** Calls `visit` for every direct child schema of `schema`. */
export function forEachChild(schema: Schema, visit: (child: Schema, path: ChildPath) => void): void {
  for (const key of SCHEMA_KEYWORDS) {
    const v = schema[key];
    if (isSchemaObject(v)) visit(v, [key]);
    else if (key === 'items' && Array.isArray(v)) v.forEach((c, i) => isSchemaObject(c) && visit(c, [key, i]));
  }
  for (const key of SCHEMA_ARRAY_KEYWORDS) {
    const v = schema[key];
    if (Array.isArray(v)) v.forEach((c, i) => isSchemaObject(c) && visit(c, [key, i]));
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const v = schema[key];
    if (isSchemaObject(v)) for (const name of Object.keys(v)) if (isSchemaObject(v[name])) visit(v[name] as Schema, [key, name]);
  }
}

/**
 * Post-order copy: children are transformed first, then `fn` sees a fresh
 * shallow copy of the node with transformed children. The input is never
 * mutated. `path` holds the pointer tokens from the root.
 */
export function mapSchema(schema: Schema, fn: (node: Schema, path: ChildPath) => Schema, path: ChildPath = []): Schema {
  // A spread copies every own key, `__proto__` included; assignments below go through setOwn.
  const out: Schema = { ...schema };
  for (const key of SCHEMA_KEYWORDS) {
    const v = out[key];
    if (isSchemaObject(v)) out[key] = mapSchema(v, fn, [...path, key]);
    else if (key === 'items' && Array.isArray(v)) out[key] = v.map((c, i) => (isSchemaObject(c) ? mapSchema(c, fn, [...path, key, i]) : c));
  }
  for (const key of SCHEMA_ARRAY_KEYWORDS) {
    const v = out[key];
    if (Array.isArray(v)) out[key] = v.map((c, i) => (isSchemaObject(c) ? mapSchema(c, fn, [...path, key, i]) : c));
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const v = out[key];
    if (isSchemaObject(v)) {
      const m: Schema = {};
      for (const name of Object.keys(v)) setOwn(m, name, isSchemaObject(v[name]) ? mapSchema(v[name] as Schema, fn, [...path, key, name]) : v[name]);
      out[key] = m;
    }
  }
  return fn(out, path);
}

/** Every `$ref` string inside a schema (or any JSON value), in document order. */
export function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (isSchemaObject(value)) {
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (key === '$ref' && typeof v === 'string') into.push(v);
      else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'example' && key !== 'examples' && !key.startsWith('x-')) collectRefs(v, into);
    }
  }
  return into;
}
