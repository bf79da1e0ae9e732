/**
 * Makes the tags of every discriminated union explicit.
 *
 * A `discriminator` without `mapping` means: each branch is selected by the
 * literal value of its tag property. The literals come from the `enum` or
 * `const` of that property in each branch (looking through `$ref` and
 * `allOf`), never from schema names. The result is stored as
 * `discriminator["x-tags"]` (see `DiscriminatorTags`), and `mapping` goes.
 * Where several branches share a tag, a secondary property whose literals
 * tell them apart (`role` for messages) is recorded too.
 */
import type { DiscriminatorTags, Schema } from '../../ir/types.js';
import { isSchemaObject } from '../../util/walk.js';
import { refName } from '../rule.js';

export type Lookup = (name: string) => Schema | undefined;

/** The string literals a schema allows for a property, looking through refs, allOf and unions. */
export function literalsOf(schema: Schema, prop: string, lookup: Lookup, seen: Set<string> = new Set()): string[] {
  const name = refName(schema.$ref);
  if (name !== undefined) {
    if (seen.has(name)) return [];
    const target = lookup(name);
    return target ? literalsOf(target, prop, lookup, new Set(seen).add(name)) : [];
  }
  const out = new Set<string>();
  const props = schema.properties;
  if (isSchemaObject(props) && isSchemaObject(props[prop])) for (const v of literalValues(props[prop] as Schema, lookup)) out.add(v);
  if (out.size === 0 && Array.isArray(schema.allOf)) {
    for (const m of schema.allOf) if (isSchemaObject(m)) for (const v of literalsOf(m, prop, lookup, seen)) out.add(v);
  }
  if (out.size === 0) {
    for (const key of ['oneOf', 'anyOf'] as const) {
      const members = schema[key];
      if (Array.isArray(members)) for (const m of members) if (isSchemaObject(m)) for (const v of literalsOf(m, prop, lookup, seen)) out.add(v);
    }
  }
  return [...out];
}

/** The string literals a property schema allows: its const, enum, or those of the enum it refers to. */
function literalValues(schema: Schema, lookup: Lookup, depth = 0): string[] {
  if (typeof schema.const === 'string') return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum.filter((v): v is string => typeof v === 'string');
  const name = refName(schema.$ref);
  if (name !== undefined && depth < 8) {
    const target = lookup(name);
    return target ? literalValues(target, lookup, depth + 1) : [];
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const members = schema[key];
    if (Array.isArray(members)) {
      const vals = members.filter(isSchemaObject).flatMap((m) => literalValues(m, lookup, depth + 1));
      if (vals.length) return vals;
    }
  }
  return [];
}

/** Properties worth trying as a secondary discriminator, most likely first. */
const SECONDARY_CANDIDATES = ['role', 'object', 'status'];

export function computeTags(union: Schema[], propertyName: string, lookup: Lookup, mapping?: Record<string, string>): DiscriminatorTags {
  const branches: DiscriminatorTags['branches'] = union.map((branch) => {
    let tags = literalsOf(branch, propertyName, lookup);
    if (tags.length === 0 && mapping) {
      const target = refName(branch.$ref);
      tags = Object.keys(mapping).filter((tag) => refName(mapping[tag]) === target);
    }
    return { tags };
  });
  const byTag = new Map<string, number[]>();
  branches.forEach((b, i) => b.tags.forEach((t) => byTag.set(t, [...(byTag.get(t) ?? []), i])));
  for (const indexes of byTag.values()) {
    if (indexes.length < 2) continue;
    for (const candidate of SECONDARY_CANDIDATES) {
      const values = indexes.map((i) => literalsOf(union[i], candidate, lookup));
      if (values.some((v) => v.length === 0)) continue;
      indexes.forEach((i, k) => (branches[i].secondary = { propertyName: candidate, values: values[k] }));
      break;
    }
  }
  return { propertyName, branches };
}
