/**
 * The input form of a spec's items, as a table the runtime applies
 * (`runtime/conversation/to-input-items.ts`): for every schema an input
 * item can reach, what the strict request check allows. Compiled from the
 * normalized schemas with the same rules as the strict validators (the
 * names a composition admits: `declaredNames`; whether a union member needs
 * its tag: `requiresProperty`), so what the table keeps is what strict
 * validation accepts.
 *
 * A shape is one of (a reference is an index into `shapes`; 0 means "any
 * value, kept as it is"; -1, for a property, "only null"):
 *
 * - an object `{ p: {name: ref}, r?: [required], f?: {name: 'a' | 'n'}, o?: 1, e?: {name: [values]} }`:
 *   the names it allows (anything else is dropped unless `o`, open), those it
 *   requires, how a missing required one may be filled (`a`: `[]`, `n`:
 *   `null`; nothing else is ever invented), and for a union's secondary
 *   property (`role`) the values this member takes;
 * - an array `{ i: ref }`;
 * - a tagged union `{ t: tagProperty, b: {tag: [refs]}, u?: [refs], s?: secondaryProperty }`:
 *   the object shapes each tag selects (nested unions on the same tag
 *   flattened), and those that may leave the tag out;
 * - alternatives `{ x: [refs] }` (an untagged `anyOf`/`oneOf`).
 *
 * Pure: IR in, plain data out.
 */
import type { DiscriminatorTags, IR, Schema } from '../../ir/types.js';
import { refName } from '../../normalize/rule.js';
import { isSchemaObject } from '../../util/walk.js';
import { declaredNames, requiresProperty } from '../ajv/prepare.js';

export const ANY = 0;
export const NULL_ONLY = -1;

export type ObjectShape = { p: Record<string, number>; r?: string[]; f?: Record<string, 'a' | 'n'>; o?: 1; e?: Record<string, string[]> };
export type ArrayShape = { i: number };
export type UnionShape = { t: string; b: Record<string, number[]>; u?: number[]; s?: string };
export type AlternativesShape = { x: number[] };
export type Shape = ObjectShape | ArrayShape | UnionShape | AlternativesShape | 0;

export interface InputItemsTable {
  /** The shape of one input item (the items of the request's `input` list). */
  root: number;
  /** Shapes by reference; `shapes[0]` is 0 (any). */
  shapes: Shape[];
}

/** A compiled table with the component each shape came from (for documentation; not emitted). */
export interface CompiledTable extends InputItemsTable {
  names: Map<number, string>;
}

/** Where a spec's items live: the request's input item schema and the response's output item schema. */
export interface ItemSchemas {
  input: Schema;
  output: Schema;
}

const isObject = isSchemaObject;

/** A schema through its `$ref` (one level), or the schema itself. */
export function deref(node: Schema, schemas: Record<string, Schema>): Schema {
  const name = refName(node.$ref);
  return name !== undefined && schemas[name] ? schemas[name] : node;
}

/** The schema of property `name` of an object schema, looking through `$ref`s and `allOf`. */
export function propertySchema(node: Schema, name: string, schemas: Record<string, Schema>, seen = new Set<string>()): Schema | undefined {
  const ref = refName(node.$ref);
  if (ref !== undefined) return seen.has(ref) || !schemas[ref] ? undefined : propertySchema(schemas[ref], name, schemas, new Set(seen).add(ref));
  const own = isObject(node.properties) ? node.properties[name] : undefined;
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
  if (ref !== undefined) return seen.has(ref) || !schemas[ref] ? undefined : arrayItems(schemas[ref], schemas, new Set(seen).add(ref));
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

const types = (node: Schema): string[] => (typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : []);

/** Whether a schema accepts null (a `null` type, a null member, null in an enum or const). */
export function allowsNull(node: Schema, schemas: Record<string, Schema>, seen = new Set<string>()): boolean {
  const ref = refName(node.$ref);
  if (ref !== undefined) return !seen.has(ref) && !!schemas[ref] && allowsNull(schemas[ref], schemas, new Set(seen).add(ref));
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
function fillFor(node: Schema, schemas: Record<string, Schema>): 'a' | 'n' | undefined {
  if (allowsNull(node, schemas)) return 'n';
  return arrayItems(node, schemas) !== undefined && !isObject(deref(node, schemas).properties) ? 'a' : undefined;
}

/** Every property schema a composition declares, by name (first declaration wins), through `$ref` and `allOf`. */
export function collectProperties(node: Schema, schemas: Record<string, Schema>, into: Map<string, Schema>, required: Set<string>, seen = new Set<string>()): void {
  const ref = refName(node.$ref);
  if (ref !== undefined) {
    if (!seen.has(ref) && schemas[ref]) collectProperties(schemas[ref], schemas, into, required, new Set(seen).add(ref));
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

/** Compiles the input item table of a spec. */
export function compileInputItems(ir: IR, root: Schema): CompiledTable {
  const schemas = ir.schemas;
  const shapes: Shape[] = [0];
  const byComponent = new Map<string, number>();
  const names = new Map<number, string>();

  const add = (s: Shape): number => (s === 0 ? ANY : shapes.push(s) - 1);

  function ofNode(node: Schema): number {
    const ref = refName(node.$ref);
    if (ref !== undefined) return ofComponent(ref);
    const members = unionMembers(node);
    if (members) return ofUnion(node, members);
    if (Array.isArray(node.allOf) || isObject(node.properties) || types(node).includes('object')) return ofObject(node);
    const items = types(node).includes('array') && isObject(node.items) ? node.items : undefined;
    if (items) {
      const i = ofNode(items);
      return i === ANY ? ANY : add({ i });
    }
    return ANY;
  }

  function ofComponent(name: string): number {
    const known = byComponent.get(name);
    if (known !== undefined) return known;
    if (!schemas[name]) return ANY;
    // Reserve the slot first: components may refer to themselves.
    const slot = shapes.push(0) - 1;
    byComponent.set(name, slot);
    names.set(slot, name);
    const built = ofNode(schemas[name]);
    // A new shape is always the last one added (children are added first): move it into the slot.
    if (built === shapes.length - 1 && built > slot) shapes[slot] = shapes.pop()!;
    else if (built === ANY) {
      if (slot === shapes.length - 1) {
        shapes.pop();
        names.delete(slot);
        byComponent.set(name, ANY);
        return ANY;
      }
      shapes[slot] = 0;
    } else shapes[slot] = shapes[built];
    return slot;
  }

  function ofObject(node: Schema): number {
    const allowed = declaredNames(node, schemas);
    const props = new Map<string, Schema>();
    const required = new Set<string>();
    collectProperties(node, schemas, props, required);
    // Closed exactly where the strict validators close it (ajv/prepare.ts `close`): an object that
    // lists its properties, or a composition of parts that all do; a free-form object stays open.
    const extra = node.additionalProperties ?? node.unevaluatedProperties;
    const closed = (extra === undefined || extra === false) && allowed !== null && (Array.isArray(node.allOf) || isObject(node.properties) || extra === false);
    const open = !closed;
    const p: Record<string, number> = {};
    for (const n of allowed ?? props.keys()) {
      const s = props.get(n);
      p[n] = !s ? ANY : onlyNull(s, schemas) ? NULL_ONLY : ofNode(s);
    }
    if (open && Object.values(p).every((v) => v === ANY)) return ANY;
    const shape: ObjectShape = { p };
    const r = [...required];
    if (r.length > 0) shape.r = r;
    const fills: Record<string, 'a' | 'n'> = {};
    for (const n of r) {
      const s = props.get(n);
      const f = s && fillFor(s, schemas);
      if (f) fills[n] = f;
    }
    if (Object.keys(fills).length > 0) shape.f = fills;
    if (open) shape.o = 1;
    return add(shape);
  }

  function ofUnion(node: Schema, members: Schema[]): number {
    const tags = isObject(node.discriminator) ? (node.discriminator['x-tags'] as DiscriminatorTags | undefined) : undefined;
    if (!tags || tags.branches.length !== members.length) {
      const x = members.filter((m) => !onlyNull(m, schemas)).map(ofNode);
      if (x.length === 1) return x[0];
      return x.every((v) => v === ANY) ? ANY : add({ x });
    }
    const union: UnionShape = { t: tags.propertyName, b: {} };
    const untagged: number[] = [];
    members.forEach((member, i) => {
      const branch = tags.branches[i];
      const ref = ofNode(member);
      const built = shapes[ref];
      const optional = !requiresProperty(member, tags.propertyName, schemas);
      if (built !== 0 && built !== undefined && 't' in built && built.t === tags.propertyName) {
        // A nested union on the same tag (OpenAI's InputItem holds Item): its branches join this one.
        for (const [tag, refs] of Object.entries(built.b)) (union.b[tag] ??= []).push(...refs);
        if (built.u) untagged.push(...built.u);
        if (built.s) union.s = built.s;
        return;
      }
      if (branch.secondary && built && 'p' in built) {
        union.s = branch.secondary.propertyName;
        built.e = { ...built.e, [branch.secondary.propertyName]: branch.secondary.values };
      }
      for (const tag of branch.tags) (union.b[tag] ??= []).push(ref);
      if (optional) untagged.push(ref);
    });
    if (untagged.length > 0) union.u = untagged;
    return add(union);
  }

  const rootRef = ofNode(root);
  return { root: rootRef, shapes, names };
}
