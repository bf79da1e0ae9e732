/**
 * An input item table as the runtime holds it: the format the generator
 * emits (generator/emit/input-items/shapes.ts; the generated modules hold it
 * as JSON text), and its compiled form, made once per table on first use:
 * one node per shape, names in maps, each union's candidates ordered widest
 * first (the output form of an item usually fits the shape that allows most).
 */
export type ObjectShape = { p: Record<string, number>; r?: string[]; f?: Record<string, 'a' | 'n'>; o?: 1; e?: Record<string, string[]> };
export type ArrayShape = { i: number };
export type UnionShape = { t: string; b: Record<string, number[]>; u?: number[]; s?: string };
export type AlternativesShape = { x: number[] };
export type Shape = ObjectShape | ArrayShape | UnionShape | AlternativesShape | 0;

/** A flavor's input item table: the shape of one input item and every shape it reaches (0: any value; -1: only null). */
export interface InputItemsTable {
  readonly root: number;
  readonly shapes: readonly Shape[];
}

/** A table, or the JSON text of one (as the generated modules hold it). */
export type TableSource = InputItemsTable | string;

export const ANY = 0;
export const OBJECT = 1;
export const LIST = 2;
export const UNION = 3;
export const ALTERNATIVES = 4;

/** One compiled shape (one class for every kind, so the code that reads them sees one object layout). */
export class Node {
  kind = ANY;
  // objects
  props: Map<string, number> | undefined = undefined;
  required: readonly string[] | undefined = undefined;
  fills: Map<string, 'a' | 'n'> | undefined = undefined;
  open = false;
  /** For a union member: the values its union's secondary property (`role`) takes here. */
  secondary: Map<string, readonly string[]> | undefined = undefined;
  width = 0;
  // lists
  item = 0;
  // unions
  tag = '';
  byTag: Map<string, readonly number[]> | undefined = undefined;
  untagged: readonly number[] = [];
  secondaryProp: string | undefined = undefined;
  // alternatives, by the JSON kind they hold
  lists: readonly number[] = [];
  objects: readonly number[] = [];
}

const compiled = new WeakMap<InputItemsTable, Node[]>();
const fromText = new Map<string, { root: number; nodes: Node[] }>();

/** The compiled nodes of a table and its root, compiled once. */
export function nodesOf(source: TableSource): { root: number; nodes: Node[] } {
  if (typeof source === 'string') {
    let done = fromText.get(source);
    if (!done) {
      const t = JSON.parse(source) as InputItemsTable;
      fromText.set(source, (done = { root: t.root, nodes: compile(t) }));
    }
    return done;
  }
  return { root: source.root, nodes: compiled.get(source) ?? compile(source) };
}

function compile(t: InputItemsTable): Node[] {
  const nodes = t.shapes.map((s) => {
    const n = new Node();
    if (s === 0 || s === undefined || s === null) return n;
    if ('p' in s) {
      n.kind = OBJECT;
      n.props = new Map(Object.entries(s.p));
      n.required = s.r;
      n.fills = s.f ? new Map(Object.entries(s.f)) : undefined;
      n.open = s.o === 1;
      n.secondary = s.e ? new Map(Object.entries(s.e)) : undefined;
      n.width = n.props.size;
    } else if ('i' in s) {
      n.kind = LIST;
      n.item = s.i;
    } else if ('b' in s) {
      n.kind = UNION;
      n.tag = s.t;
      n.secondaryProp = s.s;
    } else n.kind = ALTERNATIVES;
    return n;
  });
  // Unions and alternatives refer to other nodes: order their candidates once all exist.
  const widest = (refs: readonly number[]) => [...refs].sort((a, b) => (nodes[b]?.width ?? 0) - (nodes[a]?.width ?? 0));
  t.shapes.forEach((s, k) => {
    const n = nodes[k];
    if (n.kind === UNION) {
      const u = s as UnionShape;
      n.byTag = new Map(Object.entries(u.b).map(([tag, refs]) => [tag, widest(refs)]));
      n.untagged = widest(u.u ?? []);
    } else if (n.kind === ALTERNATIVES) {
      const x = (s as AlternativesShape).x.filter((r) => r > 0 && nodes[r] && nodes[r].kind !== ANY);
      n.lists = x.filter((r) => nodes[r].kind === LIST);
      n.objects = x.filter((r) => nodes[r].kind !== LIST);
    }
  });
  compiled.set(t, nodes);
  return nodes;
}
