/**
 * Applies a flavor's input item table (generated from its spec into
 * `generated/<flavor>/input-items.js` by generator/emit/input-items/) to one
 * item: what the input form does not allow is dropped, nothing it allows is
 * touched, and only `[]`/`null` are ever filled in (for a required list or a
 * required nullable value the output form left out). The table format is
 * described in generator/emit/input-items/shapes.ts and compiled by
 * table.ts on first use.
 *
 * - An item of a type the table does not know (a provider's own, like xAI's
 *   `x_search_call`) comes back unchanged.
 * - An item that cannot be made valid (it lacks a required value that
 *   cannot be filled) comes back unchanged too: it is the provider's own
 *   shape, which only that provider may understand.
 * - Inside an item, a part of a known type that cannot be made valid (an
 *   annotation without the offsets the spec requires) is dropped from its
 *   list; a part of an unknown type is kept.
 *
 * Pure and copy-on-write: an object or list is copied only where something
 * in it changes, so an item that is valid input already is returned as is.
 */

import { ALTERNATIVES, LIST, nodesOf, OBJECT, UNION, type Node, type TableSource } from './table.js';

export type { InputItemsTable, TableSource } from './table.js';

type Json = Record<string, unknown>;

/** What converting one value cost: values dropped or unknown, and whether it could not be made valid. */
interface Cost {
  n: number;
  unfit: boolean;
}

const UNKNOWN_TAG = 1000;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets a key on a plain object, even `__proto__` (as an own property, as JSON.parse makes it). */
function put(o: Json, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function conform(v: unknown, ref: number, nodes: Node[], c: Cost): unknown {
  if (ref <= 0) return v;
  const n = nodes[ref];
  if (n === undefined) return v;
  switch (n.kind) {
    case OBJECT:
      return object(v, n, nodes, c);
    case LIST:
      return list(v, n.item, nodes, c);
    case UNION:
      return union(v, n, nodes, c);
    case ALTERNATIVES:
      return typeof v !== 'object' || v === null ? v : best(v, Array.isArray(v) ? n.lists : n.objects, undefined, undefined, nodes, c);
    default:
      return v;
  }
}

function object(v: unknown, n: Node, nodes: Node[], c: Cost): unknown {
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  const props = n.props!;
  let out: Json | undefined;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const value = v[key];
    const ref = props.get(key);
    let next: unknown = value;
    let keep = true;
    if (ref === undefined) keep = n.open;
    else if (ref === -1) keep = value === null;
    else if (ref > 0) next = conform(value, ref, nodes, c);
    if (keep && next === value && out === undefined) continue;
    if (out === undefined) {
      out = {};
      for (let j = 0; j < k; j++) put(out, keys[j], v[keys[j]]);
    }
    if (keep) put(out, key, next);
    else c.n++;
  }
  if (n.required !== undefined) {
    for (const r of n.required) {
      if (Object.hasOwn(out ?? v, r)) continue;
      const fill = n.fills?.get(r);
      if (fill === undefined) {
        c.unfit = true;
        continue;
      }
      // A copy by a loop, not a spread: a spread and then a new property is ~3 µs on Node 20.
      if (out === undefined) {
        out = {};
        for (const key of Object.keys(v)) put(out, key, v[key]);
      }
      put(out, r, fill === 'a' ? [] : null);
    }
  }
  return out ?? v;
}

function list(v: unknown, ref: number, nodes: Node[], c: Cost): unknown {
  if (!Array.isArray(v)) return v;
  let out: unknown[] | undefined;
  for (let k = 0; k < v.length; k++) {
    const was = c.unfit;
    c.unfit = false;
    const next = conform(v[k], ref, nodes, c);
    const unfit = c.unfit;
    c.unfit = was;
    if (unfit) {
      // A part that cannot be made valid is left out of its list.
      out ??= v.slice(0, k);
      c.n++;
    } else if (out !== undefined) out.push(next);
    else if (next !== v[k]) (out = v.slice(0, k)).push(next);
  }
  return out ?? v;
}

/** The shapes a tagged value may take: by its tag, or (without one) those that let it be left out. */
function union(v: unknown, n: Node, nodes: Node[], c: Cost): unknown {
  if (!isObject(v)) return v;
  const tag = v[n.tag];
  const refs = tag === undefined ? n.untagged : typeof tag === 'string' ? n.byTag!.get(tag) : undefined;
  const second = n.secondaryProp === undefined ? undefined : v[n.secondaryProp];
  return best(v, refs ?? [], n.secondaryProp, second, nodes, c);
}

/** Whether a candidate takes this value of its union's secondary property (`role`). */
function takes(node: Node, prop: string | undefined, value: unknown): boolean {
  const values = prop === undefined ? undefined : node.secondary?.get(prop);
  return values === undefined || (typeof value === 'string' && values.includes(value));
}

/**
 * The conversion with the lowest cost among the candidates that take the
 * value's secondary property; the widest is tried first and a perfect fit
 * ends the search. None at all: the value is of a type this place does not
 * know, kept as it is.
 */
function best(v: unknown, refs: readonly number[], prop: string | undefined, second: unknown, nodes: Node[], c: Cost): unknown {
  let chosen: unknown = v;
  let cost: Cost | undefined;
  for (const r of refs) {
    if (!takes(nodes[r], prop, second)) continue;
    const trial: Cost = { n: 0, unfit: false };
    const out = conform(v, r, nodes, trial);
    if (!cost || (cost.unfit && !trial.unfit) || (cost.unfit === trial.unfit && trial.n < cost.n)) (chosen = out), (cost = trial);
    if (!trial.unfit && trial.n === 0) break;
  }
  if (!cost) {
    c.n += UNKNOWN_TAG;
    return v;
  }
  c.n += cost.n;
  if (cost.unfit) c.unfit = true;
  return chosen;
}

/** One item in the input form the table describes (see the module comment for what is kept). */
export function conformItem(item: unknown, table: TableSource): unknown {
  if (!isObject(item)) return item;
  const { root, nodes } = nodesOf(table);
  const c: Cost = { n: 0, unfit: false };
  const out = conform(item, root, nodes, c);
  return c.unfit ? item : out;
}

/** Whether the table knows an item's type (an item of an unknown type passes unchanged). */
export function knowsItem(item: Json, table: TableSource): boolean {
  const { root: ref, nodes } = nodesOf(table);
  const root = nodes[ref];
  if (!root || root.kind !== UNION) return false;
  const tag = item[root.tag];
  return tag === undefined ? root.untagged.length > 0 : typeof tag === 'string' && root.byTag!.has(tag);
}
