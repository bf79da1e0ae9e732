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
import { getOwn, hasOwn, setOwn } from '../../util/own.js';
import { isSchemaObject } from '../../util/walk.js';
import { declaredNames, requiresProperty } from '../ajv/prepare.js';
import { collectProperties, fillFor, onlyNull, types, unionMembers } from './schema.js';

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

const isObject = isSchemaObject;

/** A compiled table with the component each shape came from (for documentation; not emitted). */
export interface CompiledTable extends InputItemsTable {
  names: Map<number, string>;
}

/** The list of shapes a union's tag selects (created empty), by own key: a tag is data from the spec. */
function tagged(union: UnionShape, tag: string): number[] {
  let refs = getOwn(union.b, tag);
  if (!refs) setOwn(union.b, tag, (refs = []));
  return refs;
}

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
    if (!hasOwn(schemas, name)) return ANY;
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
      setOwn(p, n, !s ? ANY : onlyNull(s, schemas) ? NULL_ONLY : ofNode(s));
    }
    if (open && Object.values(p).every((v) => v === ANY)) return ANY;
    const shape: ObjectShape = { p };
    const r = [...required];
    if (r.length > 0) shape.r = r;
    const fills: Record<string, 'a' | 'n'> = {};
    for (const n of r) {
      const s = props.get(n);
      const f = s && fillFor(s, schemas);
      if (f) setOwn(fills, n, f);
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
        for (const [tag, refs] of Object.entries(built.b)) tagged(union, tag).push(...refs);
        if (built.u) untagged.push(...built.u);
        if (built.s) union.s = built.s;
        return;
      }
      if (branch.secondary && built && 'p' in built) {
        union.s = branch.secondary.propertyName;
        built.e ??= {};
        setOwn(built.e, branch.secondary.propertyName, branch.secondary.values);
      }
      for (const tag of branch.tags) tagged(union, tag).push(ref);
      if (optional) untagged.push(ref);
    });
    if (untagged.length > 0) union.u = untagged;
    return add(union);
  }

  const rootRef = ofNode(root);
  return { root: rootRef, shapes, names };
}
