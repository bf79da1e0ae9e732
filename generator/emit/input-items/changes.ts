/**
 * What turning output items into input items changes, per output item type:
 * the output form's schemas (the response's `output` union) compared with the
 * input item table the runtime applies. The rows are data for the replay
 * documentation (`docs/replay.md`, rendered by scripts/replay-doc.mjs), so
 * the document says what the table does because it is computed from it.
 *
 * A response's messages are the assistant's: where an output message does
 * not fix its role (OpenResponses' `Message`), the assistant's input form is
 * the one described.
 */
import type { DiscriminatorTags, IR, Schema } from '../../ir/types.js';
import { refName } from '../../normalize/rule.js';
import { getOwn, hasOwn } from '../../util/own.js';
import { isSchemaObject } from '../../util/walk.js';
import { arrayItems, collectProperties, deref, onlyNull, unionMembers } from './schema.js';
import { ANY, NULL_ONLY, type CompiledTable, type ObjectShape, type Shape, type UnionShape } from './shapes.js';

export interface ReplayChange {
  /** The output item type (`reasoning`). */
  item: string;
  /** Where in the item, as a path (`content[].output_text`); '' for the item itself. */
  at: string;
  /** What happens there. */
  change: string;
  /** Why, from the schemas. */
  why: string;
}

const OUTPUT_ROLE = 'assistant';

interface Member {
  schema: Schema;
  tags: string[];
  secondary?: { propertyName: string; values: string[] };
}

/** The members of a tagged union, each with its tags; a single tagged object counts as a one-member union. */
function taggedMembers(node: Schema, tagProp: string, schemas: Record<string, Schema>): Member[] {
  const n = deref(node, schemas);
  const members = unionMembers(n);
  const tags = isSchemaObject(n.discriminator) ? (n.discriminator['x-tags'] as DiscriminatorTags | undefined) : undefined;
  if (members && tags && tags.branches.length === members.length) {
    return members.flatMap((m, i) => {
      const nested = deref(m, schemas);
      if (unionMembers(nested) && isSchemaObject(nested.discriminator)) return taggedMembers(m, tagProp, schemas);
      return [{ schema: m, tags: tags.branches[i].tags, secondary: tags.branches[i].secondary }];
    });
  }
  const props = new Map<string, Schema>();
  collectProperties(n, schemas, props, new Set());
  const tag = props.get(tagProp);
  const values = tag && (Array.isArray(tag.enum) ? tag.enum : 'const' in tag ? [tag.const] : []);
  return values && values.length > 0 ? [{ schema: node, tags: values.map(String) }] : [];
}

const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
const join = (at: string, name: string) => (at ? `${at}.${name}` : name);

export function replayChanges(ir: IR, output: Schema, table: CompiledTable): ReplayChange[] {
  const schemas = ir.schemas;
  const rows: ReplayChange[] = [];
  const root = table.shapes[table.root] as Shape;
  if (root === 0 || !('b' in root)) return rows;

  const isObjectShape = (ref: number): ref is number => ref > 0 && table.shapes[ref] !== 0 && 'p' in (table.shapes[ref] as object);
  const shapeOf = (ref: number) => table.shapes[ref] as Exclude<Shape, 0>;

  /** The input candidate a member of the output form is turned into. */
  function candidate(union: UnionShape, member: Member, tag: string): number | undefined {
    let refs = (getOwn(union.b, tag) ?? []).filter(isObjectShape);
    const sec = union.s;
    if (sec && refs.length > 1) {
      const wanted = member.secondary?.propertyName === sec ? member.secondary.values : [OUTPUT_ROLE];
      const fitting = refs.filter((r) => {
        const e = getOwn((shapeOf(r) as ObjectShape).e ?? {}, sec);
        return !e || wanted.some((v) => e.includes(v));
      });
      if (fitting.length > 0) refs = fitting;
    }
    // The one that keeps most of what the output form declares.
    const props = new Map<string, Schema>();
    collectProperties(member.schema, schemas, props, new Set());
    let best: number | undefined;
    let score = -1;
    for (const r of refs) {
      const p = (shapeOf(r) as ObjectShape).p;
      const s = [...props.keys()].filter((k) => hasOwn(p, k)).length;
      if (s > score) (best = r), (score = s);
    }
    return best;
  }

  function compare(item: string, out: Schema, inRef: number, at: string, seen: Set<string>): void {
    if (inRef === ANY || inRef === NULL_ONLY) return;
    const key = `${refName(out.$ref) ?? JSON.stringify(out)}|${inRef}`;
    if (seen.has(key)) return;
    seen.add(key);
    const shape = shapeOf(inRef);
    if ('i' in shape) {
      const items = arrayItems(out, schemas);
      if (items) compare(item, items, shape.i, `${at}[]`, seen);
    } else if ('x' in shape) {
      for (const alt of shape.x) compare(item, out, alt, at, seen);
    } else if ('b' in shape) {
      const unknown: string[] = [];
      for (const m of taggedMembers(out, shape.t, schemas)) {
        for (const tag of m.tags) {
          const c = candidate(shape, m, tag);
          if (c === undefined) unknown.push(tag);
          else compareObject(item, m.schema, c, `${at}.${tag}`, seen);
        }
      }
      if (unknown.length > 0) rows.push({ item, at, change: `keeps ${list(unknown)} parts unchanged`, why: `the input form has no such \`${shape.t}\` here (a strict check reports them)` });
    } else if (deref(out, schemas).type === 'object' || isSchemaObject(deref(out, schemas).properties) || Array.isArray(deref(out, schemas).allOf)) {
      compareObject(item, out, inRef, at, seen);
    }
  }

  function compareObject(item: string, out: Schema, inRef: number, at: string, seen: Set<string>): void {
    const shape = shapeOf(inRef) as ObjectShape;
    const name = table.names.get(inRef);
    const props = new Map<string, Schema>();
    const required = new Set<string>();
    collectProperties(out, schemas, props, required);
    const dropped: string[] = [];
    const nullOnly: string[] = [];
    for (const [n, s] of props) {
      const ref = getOwn(shape.p, n);
      if (ref === undefined) {
        if (!shape.o) dropped.push(n);
      } else if (ref === NULL_ONLY) {
        if (!onlyNull(s, schemas)) nullOnly.push(n);
      } else compare(item, s, ref, join(at, n), seen);
    }
    const where = at.replace(/^\./, '');
    const form = name ? `the input form (\`${name}\`)` : 'the input form';
    if (dropped.length > 0) rows.push({ item, at: where, change: `drops ${list(dropped)}`, why: `not in ${form}` });
    if (nullOnly.length > 0) rows.push({ item, at: where, change: `drops ${list(nullOnly)} unless null`, why: `${form} allows only null there` });
    for (const r of shape.r ?? []) {
      if (required.has(r)) continue;
      const fill = getOwn(shape.f ?? {}, r);
      if (fill) rows.push({ item, at: where, change: `fills a missing \`${r}\` with \`${fill === 'a' ? '[]' : 'null'}\``, why: `required in ${form}, optional in the output form` });
      else if (!props.has(r)) rows.push({ item, at: where, change: `needs \`${r}\`, which the output form does not have: without it the item is kept unchanged`, why: `required in ${form}` });
    }
  }

  const union = root as UnionShape;
  for (const m of taggedMembers(output, union.t, schemas)) {
    for (const tag of m.tags) {
      const c = candidate(union, m, tag);
      if (c === undefined) rows.push({ item: tag, at: '', change: 'kept unchanged', why: 'the input form has no such item' });
      else compareObject(tag, m.schema, c, '', new Set());
    }
  }
  return rows;
}
