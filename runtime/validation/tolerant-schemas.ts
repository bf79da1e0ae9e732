/**
 * The tolerant schemas, derived at run time from the strict schema data a
 * spec ships once (`generated/<spec>/schemas.js`: def `i`'s strict schema as
 * the JSON text `d<i>`, the data the `is<Name>` guards read too). The result
 * is what the generator's tolerant preparation makes of the same component
 * (generator/emit/ajv/prepare.ts, `prepareDefs(schemas, 'tolerant')`):
 * `test/validation/tolerant-schemas.test.ts` checks that for every component
 * of every spec. Derived per component, on its first tolerant check.
 *
 * The strict data, as the guard data writes it (generator/emit/ajv/guards.ts;
 * its short keywords spelt out by schema-text.ts):
 * a number in a schema's place is a `$ref` to def number `i` (defs past the
 * components are the `__open` variants, `open[j]` names their component), and
 * a lone JSON type is written as its name. Undone here, as the tolerant
 * preparation differs from the strict one:
 * - what closing added: `additionalProperties: false` and the names it
 *   allowed with `true`;
 * - value constraints, required lists, enums and consts (kept as their JSON
 *   type), `integer` read as `number`; null allowed everywhere;
 * - tag dispatch: the strict form requires a known tag and splits a shared
 *   tag by its secondary property; the tolerant one lets an unknown or
 *   missing tag pass (a warning) and tries every member of a shared tag.
 */
import type { Schema } from './interpret.js';
import { parseSchemaText } from './schema-text.js';

/** A spec's schema data module: `d<i>` per def (JSON text), `open` for the defs past the components. */
export type SchemaData = { readonly [name: string]: unknown };
type Node = Record<string, unknown>;

/** What the tolerant preparation drops (prepare.ts's CONSTRAINTS). */
const CONSTRAINTS = [
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'propertyNames',
  'required', 'not', 'contains', 'minContains', 'maxContains', 'dependentRequired',
];
/** Keywords whose value is one subschema. */
const ONE_SCHEMA = ['items', 'additionalProperties', 'unevaluatedProperties', 'contains', 'propertyNames', 'not'];

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Component `name`'s tolerant schema, derived from the strict data on each call (the interpreter asks once per component). */
export function tolerantSchemas(data: SchemaData, names: readonly string[]): (name: string) => Schema | undefined {
  let index: Map<string, number> | undefined;
  const open = (Array.isArray(data.open) ? data.open : []) as readonly number[];
  const refTo = (k: number): Node => ({ $ref: `#/$defs/${names[k < names.length ? k : open[k - names.length]]}` });

  const derive = (s: unknown): Schema => {
    if (typeof s === 'number') return refTo(s);
    if (typeof s === 'boolean') return s;
    const o: Node = typeof s === 'string' ? { type: s } : { ...(s as Node) };
    if (isNode(o.then) && o.then.discriminator !== undefined) return dispatch(o, o.then, o.else);
    if (o.discriminator !== undefined && Array.isArray(o.oneOf)) return dispatch(o, o, undefined);
    children(o);
    const union = Array.isArray(o.oneOf) ? o.oneOf : Array.isArray(o.anyOf) ? o.anyOf : undefined;
    delete o.oneOf;
    relax(o);
    if (union) o.anyOf = union.map(derive);
    return allowNull(o);
  };

  /** Undoes closing and derives the subschemas in place. */
  const children = (o: Node) => {
    if (o.additionalProperties === false) {
      delete o.additionalProperties;
      if (isNode(o.properties)) {
        const kept = Object.entries(o.properties).filter(([, v]) => v !== true);
        if (kept.length < Object.keys(o.properties).length && kept.length === 0) delete o.properties;
        else o.properties = Object.fromEntries(kept);
      }
    }
    if (isNode(o.properties)) o.properties = Object.fromEntries(Object.entries(o.properties).map(([k, v]) => [k, derive(v)]));
    for (const k of ONE_SCHEMA) if (o[k] !== undefined && typeof o[k] !== 'boolean') o[k] = derive(o[k]);
    if (Array.isArray(o.prefixItems)) o.prefixItems = o.prefixItems.map(derive);
    if (Array.isArray(o.allOf)) o.allOf = o.allOf.map(derive);
  };

  /** A group of members that share a tag: all of them tried (strict splits them by a secondary tag, or tries them too). */
  const group = (g: unknown): Schema => {
    if (isNode(g) && g.discriminator !== undefined && Array.isArray(g.oneOf)) return { anyOf: g.oneOf.map((b) => derive((b as Node & { allOf: unknown[] }).allOf[0])) };
    if (isNode(g) && Object.keys(g).length === 1 && Array.isArray(g.anyOf)) return { anyOf: g.anyOf.map(derive) };
    return derive(g);
  };

  /** A tagged union: `node` the strict dispatch, `on` its switch on the tag, `untagged` what a value without a tag must fit. */
  const dispatch = (node: Node, on: Node, untagged: unknown): Schema => {
    const prop = (on.discriminator as { propertyName: string }).propertyName;
    const known = ((node.properties as Node)[prop] as Node).enum;
    const rest: Node = { ...node };
    for (const k of ['type', 'discriminator', 'oneOf', 'if', 'then', 'else']) delete rest[k];
    const { [prop]: _tag, ...own } = rest.properties as Node;
    rest.properties = own;
    children(rest);
    relax(rest);
    const switchOn = {
      type: 'object',
      required: [prop],
      discriminator: { propertyName: prop },
      oneOf: (on.oneOf as Array<{ properties: Node; allOf: unknown[] }>).map((b) => ({ properties: { [prop]: { enum: (b.properties[prop] as Node).enum } }, allOf: [group(b.allOf[0])] })),
    };
    return {
      ...rest,
      type: ['object', 'null'],
      properties: { ...(rest.properties as Node | undefined), [prop]: { type: 'string' } },
      if: { type: 'object', required: [prop], properties: { [prop]: { enum: known } } },
      then: switchOn,
      ...(untagged !== undefined ? { else: { if: { type: 'object', required: [prop] }, else: group(untagged) } } : {}),
    };
  };

  return (name) => {
    index ??= new Map(names.map((n, i) => [n, i]));
    const i = index.get(name);
    const text = i === undefined ? undefined : data[`d${i}`];
    return typeof text === 'string' ? derive(parseSchemaText(text)) : undefined;
  };
}

/** Only the JSON types (prepare.ts's relax). */
function relax(o: Node): void {
  // (`additionalProperties: false` is gone already: children() undid the closing before this runs.)
  for (const k of CONSTRAINTS) delete o[k];
  if (o.unevaluatedProperties === false) delete o.unevaluatedProperties;
  if (Array.isArray(o.enum)) {
    const types = new Set(o.enum.map(jsonType));
    delete o.enum;
    if (!o.type) o.type = [...types];
  }
  if (Object.prototype.hasOwnProperty.call(o, 'const')) {
    const v = o.const;
    delete o.const;
    if (!o.type) o.type = jsonType(v);
  }
  if (o.type === 'integer') o.type = 'number';
  if (Array.isArray(o.type)) o.type = [...new Set(o.type.map((t) => (t === 'integer' ? 'number' : t)))];
}

/** Null is allowed wherever a value is (prepare.ts's allowNull). */
function allowNull(o: Node): Schema {
  if (typeof o.type === 'string') return o.type === 'null' ? o : { ...o, type: [o.type, 'null'] };
  if (Array.isArray(o.type)) return o.type.includes('null') ? o : { ...o, type: [...o.type, 'null'] };
  if (Array.isArray(o.anyOf)) return { ...o, anyOf: [...o.anyOf, { type: 'null' }] };
  if (Object.keys(o).length === 0) return o;
  return { anyOf: [{ type: 'null' }, o] };
}
