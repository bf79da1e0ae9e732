/**
 * Makes an input item table small: shapes that are equal (many components
 * are the same `{type, text}` part) become one, and only the shapes the
 * root reaches are kept, numbered in the order they are reached. Pure.
 */
import { ANY, NULL_ONLY, type InputItemsTable, type Shape } from './shapes.js';

/** Every reference a shape holds. */
function refsOf(s: Shape): number[] {
  if (s === 0) return [];
  if ('p' in s) return Object.values(s.p);
  if ('i' in s) return [s.i];
  if ('b' in s) return [...Object.values(s.b).flat(), ...(s.u ?? [])];
  return s.x;
}

/** A copy of a shape with every reference mapped. */
function mapRefs(s: Shape, m: (ref: number) => number): Shape {
  if (s === 0) return 0;
  if ('p' in s) return { ...s, p: Object.fromEntries(Object.entries(s.p).map(([k, r]) => [k, m(r)])) };
  if ('i' in s) return { i: m(s.i) };
  if ('b' in s) return { ...s, b: Object.fromEntries(Object.entries(s.b).map(([k, rs]) => [k, rs.map(m)])), ...(s.u ? { u: s.u.map(m) } : {}) };
  return { x: s.x.map(m) };
}

const fixed = (ref: number) => ref === ANY || ref === NULL_ONLY;

/** Keeps what the root reaches, renumbered breadth-first (shape 0 stays "any"). */
function reachable(t: InputItemsTable): InputItemsTable {
  const order = new Map<number, number>();
  const queue: number[] = [];
  const visit = (ref: number) => {
    if (fixed(ref) || order.has(ref)) return;
    if (t.shapes[ref] === 0) return;
    order.set(ref, order.size + 1);
    queue.push(ref);
  };
  visit(t.root);
  for (let k = 0; k < queue.length; k++) for (const r of refsOf(t.shapes[queue[k]])) visit(r);
  const m = (ref: number) => (fixed(ref) || t.shapes[ref] === 0 ? (ref === NULL_ONLY ? NULL_ONLY : ANY) : order.get(ref)!);
  return { root: m(t.root), shapes: [0, ...queue.map((ref) => mapRefs(t.shapes[ref], m))] };
}

export function compactTable(table: InputItemsTable): InputItemsTable {
  let t = reachable(table);
  for (;;) {
    const first = new Map<string, number>();
    const same = new Map<number, number>();
    t.shapes.forEach((s, i) => {
      if (i === 0) return;
      const key = JSON.stringify(s);
      const k = first.get(key);
      if (k === undefined) first.set(key, i);
      else same.set(i, k);
    });
    if (same.size === 0) return t;
    const m = (ref: number) => same.get(ref) ?? ref;
    t = reachable({ root: m(t.root), shapes: t.shapes.map((s) => mapRefs(s, m)) });
  }
}
