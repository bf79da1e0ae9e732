/**
 * A small deterministic sampler of valid instances from normalized schemas:
 * required properties only, the first enum value, the first union branch
 * that can be sampled, lengths and bounds respected. It gives up (returns
 * SKIP) on what it cannot satisfy honestly: patterns, formats it does not
 * know, contradictory bounds.
 */
import type { Schema } from '../../generator/ir/types.js';
import { refName } from '../../generator/normalize/rule.js';

export const SKIP = Symbol('skip');
/** The value for a property that is required but not declared: a plain string, replaced when another part declares it. */
const PLACEHOLDER = 'x';

export function sample(schema: Schema, defs: Record<string, Schema>, depth = 0): unknown {
  if (depth > 24) return SKIP;
  const name = refName(schema.$ref);
  if (name !== undefined) return defs[name] ? sample(defs[name], defs, depth + 1) : SKIP;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.length ? schema.enum[0] : SKIP;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const members = schema[key];
    if (Array.isArray(members)) {
      for (const m of members as Schema[]) {
        if (m.type === 'null') continue;
        const v = sample({ ...withoutUnion(schema), ...m }, defs, depth + 1);
        if (v !== SKIP) return v;
      }
      return members.some((m) => (m as Schema).type === 'null') ? null : SKIP;
    }
  }
  if (Array.isArray(schema.allOf)) {
    // Parts are merged; a value a part really sampled wins over another part's placeholder
    // for a property it requires without declaring.
    const merged: Record<string, unknown> = {};
    const own = schema.properties || schema.required ? sample({ ...schema, allOf: undefined }, defs, depth + 1) : {};
    for (const v of [...(schema.allOf as Schema[]).map((p) => sample(p, defs, depth + 1)), own]) {
      if (v === SKIP || v === null || typeof v !== 'object' || Array.isArray(v)) return SKIP;
      for (const [k, x] of Object.entries(v as object)) if (!(k in merged) || merged[k] === PLACEHOLDER) merged[k] = x;
    }
    // A part may require what only another part declares: sample it from that declaration.
    for (const [k, x] of Object.entries(merged)) {
      if (x !== PLACEHOLDER) continue;
      const decl = declared(schema, k, defs);
      if (decl) {
        const v = sample(decl, defs, depth + 1);
        if (v === SKIP) return SKIP;
        merged[k] = v;
      }
    }
    return merged;
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  if ('pattern' in schema || ('format' in schema && !['unixtime', 'int64', 'int32', 'float', 'double', 'binary', 'byte'].includes(String(schema.format)))) return SKIP;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'string': {
      const min = Number(schema.minLength ?? 0);
      const max = Number(schema.maxLength ?? Infinity);
      return min > max ? SKIP : 'x'.repeat(Math.max(min, Math.min(1, max)));
    }
    case 'integer':
    case 'number': {
      const lo = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 0;
      const hi = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
      return lo > hi ? SKIP : Math.ceil(lo);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      if (min === 0) return [];
      const item = schema.items ? sample(schema.items as Schema, defs, depth + 1) : 'x';
      return item === SKIP ? SKIP : Array.from({ length: min }, () => item);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required as string[] | undefined) ?? []) {
        const v = props[key] ? sample(props[key], defs, depth + 1) : PLACEHOLDER;
        if (v === SKIP) return SKIP;
        out[key] = v;
      }
      return out;
    }
    default:
      return type === undefined && Object.keys(schema).every((k) => !['type', 'properties'].includes(k)) ? {} : SKIP;
  }
}

/** The declaration of a property in a schema or its allOf parts (through refs). */
function declared(schema: Schema, prop: string, defs: Record<string, Schema>, depth = 0): Schema | undefined {
  if (depth > 8) return undefined;
  const name = refName(schema.$ref);
  if (name !== undefined) return defs[name] ? declared(defs[name], prop, defs, depth + 1) : undefined;
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props?.[prop]) return props[prop];
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) {
    const d = declared(part, prop, defs, depth + 1);
    if (d) return d;
  }
  return undefined;
}

function withoutUnion(schema: Schema): Schema {
  const { oneOf: _o, anyOf: _a, discriminator: _d, ...rest } = schema;
  return rest;
}
