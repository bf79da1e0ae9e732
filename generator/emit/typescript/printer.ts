/**
 * Schema -> TypeScript type text, for one normalized schema. Pure and
 * recursive; component references become names, so cycles cost nothing.
 *
 * `view` picks the request or response variant where `readOnly`/`writeOnly`
 * make them differ: a request omits readOnly properties, a response omits
 * writeOnly ones, and references point at the matching variant.
 */
import type { Schema } from '../../ir/types.js';
import { refName } from '../../normalize/rule.js';
import { isSchemaObject } from '../../util/walk.js';
import { jsdoc, literalType, propKey } from './escape.js';
import { hasOwn } from '../../util/own.js';

export type View = 'request' | 'response';

export interface PrintContext {
  /** Identifier of a component in the given view. */
  refType(component: string, view: View): string;
  view: View;
}

const needsParens = (t: string) => /[|&]/.test(t) && !/^[A-Za-z_$][\w$]*$/.test(t);
const wrap = (t: string) => (needsParens(t) ? `(${t})` : t);

function union(types: string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.length === 0 ? 'never' : unique.join(' | ');
}

export function printType(schema: Schema, ctx: PrintContext, indent = ''): string {
  const ref = refName(schema.$ref);
  if (ref !== undefined) return ctx.refType(ref, ctx.view);
  if ('const' in schema) return literalType(schema.const) ?? 'unknown';
  if (Array.isArray(schema.enum)) {
    const lits = schema.enum.map((v) => literalType(v) ?? 'unknown');
    return union(lits);
  }
  const parts: string[] = [];
  const members = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  const objectish = isSchemaObject(schema.properties) || 'additionalProperties' in schema || Array.isArray(schema.required);
  if (objectish || (!members && !schema.allOf)) {
    const own = printOwn(schema, ctx, indent, members !== undefined || Array.isArray(schema.allOf));
    if (own !== undefined) parts.push(own);
  }
  if (Array.isArray(schema.allOf)) {
    for (const m of schema.allOf) if (isSchemaObject(m)) parts.push(printType(m, ctx, indent));
  }
  if (members) parts.push(union(members.filter(isSchemaObject).map((m) => printType(m, ctx, indent))));
  if (parts.length === 0) return 'unknown';
  return parts.length === 1 ? parts[0] : parts.map(wrap).join(' & ');
}

/** The type of the schema's own `type` keyword(s), or undefined when it says nothing. */
function printOwn(schema: Schema, ctx: PrintContext, indent: string, composed: boolean): string | undefined {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  const objectish = isSchemaObject(schema.properties) || 'additionalProperties' in schema || Array.isArray(schema.required);
  if (types.length === 0) return objectish ? printObject(schema, ctx, indent) : composed ? undefined : 'unknown';
  if (composed && types.length === 1 && types[0] === 'object' && !objectish) return undefined;
  return union(types.map((t) => printSimple(t, schema, ctx, indent)));
}

function printSimple(type: string, schema: Schema, ctx: PrintContext, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return printArray(schema, ctx, indent);
    case 'object':
      return printObject(schema, ctx, indent);
    default:
      return 'unknown';
  }
}

function printArray(schema: Schema, ctx: PrintContext, indent: string): string {
  if (Array.isArray(schema.prefixItems)) {
    const fixed = schema.prefixItems.filter(isSchemaObject).map((s) => printType(s, ctx, indent));
    const rest = schema.items === false ? [] : [`...${isSchemaObject(schema.items) ? wrap(printType(schema.items, ctx, indent)) : 'unknown'}[]`];
    return `[${[...fixed, ...rest].join(', ')}]`;
  }
  const item = isSchemaObject(schema.items) ? printType(schema.items, ctx, indent) : 'unknown';
  return needsParens(item) ? `Array<${item}>` : `${item}[]`;
}

function printObject(schema: Schema, ctx: PrintContext, indent: string): string {
  const props = isSchemaObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const inner = indent + '  ';
  const lines: string[] = [];
  for (const name of Object.keys(props)) {
    const prop = props[name];
    if (!isSchemaObject(prop)) continue;
    if (ctx.view === 'request' && prop.readOnly === true) continue;
    if (ctx.view === 'response' && prop.writeOnly === true) continue;
    lines.push(propertyDoc(prop, inner) + `${inner}${propKey(name)}${required.has(name) ? '' : '?'}: ${printType(prop, ctx, inner)};`);
  }
  for (const name of required) {
    if (!hasOwn(props, name)) lines.push(`${inner}${propKey(name)}: unknown;`);
  }
  const extra = schema.additionalProperties;
  const noShape = Object.keys(props).length === 0 && required.size === 0;
  if (extra === true || isSchemaObject(extra) || (extra === undefined && noShape)) {
    const valueType = isSchemaObject(extra) ? printType(extra, ctx, inner) : 'unknown';
    // Declared properties must fit the index signature, so beside them it can only say `unknown`.
    lines.push(`${inner}[key: string]: ${Object.keys(props).length === 0 ? valueType : 'unknown'};`);
  }
  if (lines.length === 0) return '{}';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** JSDoc tags for a schema: title, default, deprecated, readOnly/writeOnly. */
export function docTags(schema: Schema): Array<[string, string]> {
  const tags: Array<[string, string]> = [];
  if (typeof schema.title === 'string') tags.push(['title', schema.title]);
  if ('default' in schema) tags.push(['default', JSON.stringify(schema.default) ?? 'undefined']);
  if (schema.deprecated === true) tags.push(['deprecated', '']);
  if (schema.readOnly === true) tags.push(['readonly', '']);
  if (schema.writeOnly === true) tags.push(['writeonly', '']);
  return tags;
}

function propertyDoc(prop: Schema, indent: string): string {
  return jsdoc(typeof prop.description === 'string' ? prop.description : undefined, docTags(prop), indent);
}
