/**
 * Normalize: overlays, then the structural rules bottom-up on every schema,
 * then explicit discriminator tags. Pure: returns a new IR and never mutates
 * its input.
 */
import type { IR, IROperation, Schema, SpecPin } from '../ir/types.js';
import type { RawDocument } from '../load/document.js';
import { isSchemaObject, mapSchema } from '../util/walk.js';
import { computeTags } from './rules/discriminator-tags.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rule.js';
import { refName } from './rule.js';
import { getOwn, setOwn } from '../util/own.js';

/** Applies every structural rule to one schema (bottom-up, in `RULES` order). */
export function normalizeSchema(schema: Schema, ctx: RuleContext): Schema {
  return mapSchema(schema, (node) => {
    let out = node;
    for (const rule of RULES) out = rule.apply(out, ctx);
    return out;
  });
}

/** Adds `discriminator["x-tags"]` to every union that has a discriminator, and drops `mapping`. */
export function tagDiscriminators(schema: Schema, lookup: (name: string) => Schema | undefined): Schema {
  return mapSchema(schema, (node) => {
    const d = node.discriminator;
    if (!isSchemaObject(d) || typeof d.propertyName !== 'string') return node;
    const union = (Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined)?.filter(isSchemaObject);
    if (!union) {
      const { discriminator: _dropped, ...rest } = node;
      return rest;
    }
    const mapping = isSchemaObject(d.mapping) ? (d.mapping as Record<string, string>) : undefined;
    const { mapping: _m, ...kept } = d;
    return { ...node, discriminator: { ...kept, 'x-tags': computeTags(union, d.propertyName, lookup, mapping) } };
  });
}

export function normalize(raw: RawDocument, pin: SpecPin): IR {
  const lookupRaw = (name: string) => getOwn(raw.schemas, name);
  const schemas: Record<string, Schema> = {};
  for (const name of Object.keys(raw.schemas)) {
    setOwn(schemas, name, normalizeSchema(raw.schemas[name], { component: name, lookup: lookupRaw }));
  }
  const lookup = (name: string) => getOwn(schemas, name);
  for (const name of Object.keys(schemas)) setOwn(schemas, name, tagDiscriminators(schemas[name], lookup));

  const opCtx: RuleContext = { component: '', lookup: lookupRaw };
  const norm = (s: Schema) => tagDiscriminators(normalizeSchema(s, opCtx), lookup);
  const operations: IROperation[] = raw.operations.map((op) => ({
    ...op,
    parameters: op.parameters.map((p) => ({ ...p, schema: norm(p.schema) })),
    ...(op.requestBody ? { requestBody: { required: op.requestBody.required, content: mapValues(op.requestBody.content, norm) } } : {}),
    responses: mapValues(op.responses, (byType) => mapValues(byType, norm)),
    errors: mapValues(op.errors, (byType) => mapValues(byType, norm)),
  }));
  return { pin, title: raw.title, schemas, operations };
}

function mapValues<T, U>(obj: Record<string, T>, fn: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const k of Object.keys(obj)) setOwn(out, k, fn(obj[k]));
  return out;
}

export { refName };
