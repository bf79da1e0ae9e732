/**
 * Every schema of a spec checked for the shape of its keywords before any
 * stage works on it, so a malformed one (`type: "strnig"`, `required:
 * "id"`, `properties: []`, a `pattern` that is no regular expression) stops
 * the run with a pointer into the user's file instead of surfacing later as
 * a compiler's message about its own copy. What normalize rewrites is
 * accepted: the OpenAPI 3.0 boolean `exclusiveMinimum` / `exclusiveMaximum`
 * (which 3.1 documents use too), 2019-09's `$recursiveAnchor`, a name
 * listed twice in `required`. Keywords it does not know are left alone.
 */
import type { Schema } from '../ir/types.js';
import { escapePointerToken } from '../util/pointer.js';
import { isSchemaObject } from '../util/walk.js';
import { DocumentError } from './document-error.js';
import { Trail } from '../util/trail.js';

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);
const ONE_SCHEMA = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'];
const NUMBERS = ['minimum', 'maximum'];
const BOUNDS = ['exclusiveMinimum', 'exclusiveMaximum'];
const FLAGS = ['nullable', 'readOnly', 'writeOnly', 'deprecated', 'uniqueItems'];

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`.slice(0, 80));
const isSchema = (v: unknown) => isSchemaObject(v) || typeof v === 'boolean';

/** Checks one schema (and every schema inside it) found at `pointer`; throws a DocumentError at the first problem. */
export function checkSchema(schema: unknown, pointer: string, origin: string): void {
  const trail = new Trail(pointer);
  const fail = (at: () => string, message: string): never => {
    throw new DocumentError(origin, at(), `not a valid schema: ${message}`);
  };
  const stack: Array<[unknown, number]> = [[schema, trail.root()]];
  while (stack.length > 0) {
    const [node, index] = stack.pop()!;
    if (typeof node === 'boolean') continue;
    const at = () => trail.pointer(index);
    if (!isSchemaObject(node)) fail(at, `expected a schema (an object or a boolean), found ${kind(node)}`);
    const s = node as Schema;
    const key = (k: string | number, ...more: Array<string | number>) => () => trail.pointer(more.reduce<number>((i, m) => trail.add(i, m), trail.add(index, k)));
    const child = (k: string, more?: string | number) => (more === undefined ? trail.add(index, k) : trail.add(trail.add(index, k), more));
    if ('type' in s) {
      const t = s.type;
      const list = Array.isArray(t) ? t : [t];
      if (list.length === 0) fail(key('type'), 'expected a type name or a non-empty list of them, found an empty array');
      list.forEach((x, i) => TYPES.has(x as string) || fail(Array.isArray(t) ? key('type', i) : key('type'), `unknown type ${kind(x)}; known: ${[...TYPES].join(', ')}`));
    }
    if ('required' in s && !(Array.isArray(s.required) && s.required.every((r) => typeof r === 'string'))) fail(key('required'), `expected an array of property names, found ${kind(s.required)}`);
    if ('enum' in s && !Array.isArray(s.enum)) fail(key('enum'), `expected an array of values, found ${kind(s.enum)}`);
    for (const k of COUNTS) if (k in s && !(Number.isInteger(s[k]) && (s[k] as number) >= 0)) fail(key(k), `expected a non-negative integer, found ${kind(s[k])}`);
    for (const k of NUMBERS) if (k in s && !(typeof s[k] === 'number' && Number.isFinite(s[k]))) fail(key(k), `expected a number, found ${kind(s[k])}`);
    for (const k of BOUNDS) if (k in s && !(typeof s[k] === 'boolean' || (typeof s[k] === 'number' && Number.isFinite(s[k])))) fail(key(k), `expected a number, found ${kind(s[k])}`);
    if ('multipleOf' in s && !(typeof s.multipleOf === 'number' && s.multipleOf > 0)) fail(key('multipleOf'), `expected a number above 0, found ${kind(s.multipleOf)}`);
    for (const k of FLAGS) if (k in s && typeof s[k] !== 'boolean') fail(key(k), `expected true or false, found ${kind(s[k])}`);
    if ('format' in s && typeof s.format !== 'string') fail(key('format'), `expected a string, found ${kind(s.format)}`);
    if ('pattern' in s) {
      if (typeof s.pattern !== 'string') fail(key('pattern'), `expected a regular expression string, found ${kind(s.pattern)}`);
      try {
        new RegExp(s.pattern as string, 'u');
      } catch (e) {
        fail(key('pattern'), `${JSON.stringify(s.pattern)} is not a regular expression (${(e as Error).message})`);
      }
    }
    if ('discriminator' in s && !(isSchemaObject(s.discriminator) && typeof s.discriminator.propertyName === 'string')) fail(key('discriminator'), `expected { propertyName: string }, found ${kind(s.discriminator)}`);
    if ('dependentRequired' in s && !(isSchemaObject(s.dependentRequired) && Object.values(s.dependentRequired).every((v) => Array.isArray(v) && v.every((n) => typeof n === 'string')))) fail(key('dependentRequired'), 'expected an object of property name lists');
    for (const k of ONE_SCHEMA) {
      if (!(k in s)) continue;
      // `items` as a list is the 2019-09 tuple form.
      if (k === 'items' && Array.isArray(s.items)) s.items.forEach((c, i) => stack.push([c, child(k, i)]));
      else if (!isSchema(s[k])) fail(key(k), `expected a schema, found ${kind(s[k])}`);
      else stack.push([s[k], child(k)]);
    }
    for (const k of SCHEMA_LISTS) {
      if (!(k in s)) continue;
      const v = s[k];
      if (!Array.isArray(v) || v.length === 0) fail(key(k), `expected a non-empty array of schemas, found ${Array.isArray(v) ? 'an empty array' : kind(v)}`);
      (v as unknown[]).forEach((c, i) => stack.push([c, child(k, i)]));
    }
    for (const k of SCHEMA_MAPS) {
      if (!(k in s)) continue;
      const v = s[k];
      if (!isSchemaObject(v)) fail(key(k), `expected an object of schemas by name, found ${kind(v)}`);
      const map = child(k);
      for (const name of Object.keys(v as Schema)) stack.push([(v as Schema)[name], trail.add(map, name)]);
    }
  }
}

/** Every component schema, and every schema an operation holds inline (request bodies, responses). */
export function checkSchemas(doc: Schema, origin: string): void {
  const components = isSchemaObject(doc.components) && isSchemaObject(doc.components.schemas) ? doc.components.schemas : {};
  for (const name of Object.keys(components)) checkSchema(components[name], `/components/schemas/${escapePointerToken(name)}`, origin);
  const paths = isSchemaObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    const item = paths[path];
    if (!isSchemaObject(item)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!isSchemaObject(op)) continue;
      const at = `/paths/${escapePointerToken(path)}/${method}`;
      const content = (holder: unknown, where: string) => {
        const c = isSchemaObject(holder) && isSchemaObject(holder.content) ? holder.content : {};
        for (const type of Object.keys(c)) {
          const media = c[type];
          if (isSchemaObject(media) && 'schema' in media) checkSchema(media.schema, `${where}/content/${escapePointerToken(type)}/schema`, origin);
        }
      };
      content(op.requestBody, `${at}/requestBody`);
      const responses = isSchemaObject(op.responses) ? op.responses : {};
      for (const status of Object.keys(responses)) content(responses[status], `${at}/responses/${escapePointerToken(status)}`);
    }
  }
}
