/**
 * Reading the normalized schemas the input item tables are made from: where
 * a spec's input and output items are, properties through `$ref` and
 * `allOf`, the item schema of a list, and what a schema says about null and
 * about filling a missing value. Pure.
 */
import type { IR, Schema } from '../../ir/types.js';
import { refName } from '../../normalize/rule.js';
import { getOwn, hasOwn } from '../../util/own.js';
import { isSchemaObject } from '../../util/walk.js';

const isObject = isSchemaObject;

/** Where a spec's items live: the request's input item schema and the response's output item schema. */
export interface ItemSchemas {
  input: Schema;
  output: Schema;
}

/** A schema through its `$ref` (one level), or the schema itself. */
export function deref(node: Schema, schemas: Record<string, Schema>): Schema {
  const name = refName(node.$ref);
  return (name !== undefined ? getOwn(schemas, name) : undefined) ?? node;
}

/** The schema of property `name` of an object schema, looking through `$ref`s and `allOf`. */
export function propertySchema(node: Schema, name: string, schemas: Record<string, Schema>, seen = new Set<string>()): Schema | undefined {
  const ref = refName(node.$ref);
  if (ref !== undefined) return seen.has(ref) || !hasOwn(schemas, ref) ? undefined : propertySchema(schemas[ref], name, schemas, new Set(seen).add(ref));
  const own = isObject(node.properties) ? getOwn(node.properties, name) : undefined;
  if (isObject(own)) return own;
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
    const found = isObject(part) ? propertySchema(part, name, schemas, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The item schema of the array a schema allows (through `$ref`, `anyOf`, `oneOf`), if any. */
export function arrayItems(node: Schema, schemas: Record<string, Schema>, seen = new Set<string>()): Schema | undefined {
  const ref = refName(node.$ref);
  if (ref !== undefined) return seen.has(ref) || !hasOwn(schemas, ref) ? undefined : arrayItems(schemas[ref], schemas, new Set(seen).add(ref));
  if ((node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) && isObject(node.items)) return node.items;
  for (const key of ['anyOf', 'oneOf'] as const) {
    for (const part of Array.isArray(node[key]) ? (node[key] as unknown[]) : []) {
      const found = isObject(part) ? arrayItems(part, schemas, seen) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** The input and output item schemas of `POST /responses`, or undefined when the spec has no such operation. */
export function itemSchemas(ir: IR): ItemSchemas | undefined {
  const op = ir.operations.find((o) => o.method === 'post' && o.path === '/responses');
  const request = op?.requestBody?.content['application/json'];
  const response = op?.responses['200']?.['application/json'];
  if (!request || !response) return undefined;
  const inputProp = propertySchema(request, 'input', ir.schemas);
  const outputProp = propertySchema(response, 'output', ir.schemas);
  const input = inputProp && arrayItems(inputProp, ir.schemas);
  const output = outputProp && arrayItems(outputProp, ir.schemas);
  return input && output ? { input, output } : undefined;
}

export const types = (node: Schema): string[] => (typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : []);

/** Whether a schema accepts null (a `null` type, a null member, null in an enum or const). */
export function allowsNull(node: Schema, schemas: Record<string, Schema>, seen = new Set<string>()): boolean {
  const ref = refName(node.$ref);
  if (ref !== undefined) return !seen.has(ref) && hasOwn(schemas, ref) && allowsNull(schemas[ref], schemas, new Set(seen).add(ref));
  if (types(node).includes('null')) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  if ('const' in node && node.const === null) return true;
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(node[key]) && (node[key] as unknown[]).some((m) => isObject(m) && allowsNull(m, schemas, seen))) return true;
  return false;
}

/** Whether a schema accepts only null. */
export function onlyNull(node: Schema, schemas: Record<string, Schema>): boolean {
  const n = deref(node, schemas);
  if (Array.isArray(n.enum)) return n.enum.length > 0 && n.enum.every((v) => v === null);
  if ('const' in n) return n.const === null;
  const t = types(n);
  if (t.length > 0) return t.every((x) => x === 'null');
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(n[key])) return (n[key] as unknown[]).every((m) => isObject(m) && onlyNull(m, schemas));
  return false;
}

/** How a missing required property can be filled without inventing data: `null` where allowed, else `[]` for a list. */
export function fillFor(node: Schema, schemas: Record<string, Schema>): 'a' | 'n' | undefined {
  if (allowsNull(node, schemas)) return 'n';
  return arrayItems(node, schemas) !== undefined && !isObject(deref(node, schemas).properties) ? 'a' : undefined;
}

/** Every property schema a composition declares, by name (first declaration wins), through `$ref` and `allOf`. */
export function collectProperties(node: Schema, schemas: Record<string, Schema>, into: Map<string, Schema>, required: Set<string>, seen = new Set<string>()): void {
  const ref = refName(node.$ref);
  if (ref !== undefined) {
    if (!seen.has(ref) && hasOwn(schemas, ref)) collectProperties(schemas[ref], schemas, into, required, new Set(seen).add(ref));
    return;
  }
  if (isObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) if (isObject(v) && !into.has(k)) into.set(k, v);
  if (Array.isArray(node.required)) for (const r of node.required) required.add(String(r));
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) if (isObject(part)) collectProperties(part, schemas, into, required, seen);
}

export const unionMembers = (node: Schema): Schema[] | undefined => {
  const key = Array.isArray(node.oneOf) ? 'oneOf' : Array.isArray(node.anyOf) ? 'anyOf' : undefined;
  return key ? (node[key] as unknown[]).filter(isObject) : undefined;
};
