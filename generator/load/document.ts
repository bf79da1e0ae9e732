/**
 * Parses an OpenAPI 3.x document into the raw (not yet normalized) parts the
 * pipeline needs: component schemas and operations. Parameters, request
 * bodies and responses given by `$ref` to `#/components/...` are resolved
 * here; schema `$ref`s are checked (every target must exist) but kept as
 * references, so cycles cost nothing.
 */
import type { HttpMethod, Schema } from '../ir/types.js';
import { escapePointerToken, getAtPointer } from '../util/pointer.js';
import { forEachChild, isSchemaObject } from '../util/walk.js';
import { parseSpecText } from './text.js';
import { DocumentError } from './document-error.js';
import { Trail } from '../util/trail.js';
import { checkSchemas } from './check-schemas.js';
import { setOwn } from '../util/own.js';

export interface RawOperation {
  id: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }>;
  requestBody?: { required: boolean; content: Record<string, Schema> };
  responses: Record<string, Record<string, Schema>>;
  /** Error (non-2xx) responses per status and content type. */
  errors: Record<string, Record<string, Schema>>;
}

export interface RawDocument {
  openapi: string;
  title: string;
  version: string;
  schemas: Record<string, Schema>;
  operations: RawOperation[];
}

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export { DocumentError };

export function parseDocument(text: string, origin: string): RawDocument {
  const doc = parseSpecText(text, origin);
  if (!isSchemaObject(doc)) throw new DocumentError(origin, '', 'expected an OpenAPI document object');
  const openapi = doc.openapi;
  if (typeof openapi !== 'string' || !/^3\./.test(openapi)) {
    const swagger = typeof doc.swagger === 'string' ? ` (this is Swagger ${doc.swagger}: convert it to OpenAPI 3 first)` : '';
    throw new DocumentError(origin, typeof doc.swagger === 'string' ? '/swagger' : '/openapi', `expected an OpenAPI 3.x version string, found ${JSON.stringify(openapi)}${swagger}`);
  }
  const info = isSchemaObject(doc.info) ? doc.info : {};
  if (doc.components !== undefined && !isSchemaObject(doc.components)) throw new DocumentError(origin, '/components', `expected an object, found ${kind(doc.components)}`);
  const components = isSchemaObject(doc.components) ? doc.components : {};
  if (components.schemas !== undefined && !isSchemaObject(components.schemas)) throw new DocumentError(origin, '/components/schemas', `expected an object of schemas, found ${kind(components.schemas)}`);
  if (doc.paths !== undefined && !isSchemaObject(doc.paths)) throw new DocumentError(origin, '/paths', `expected an object, found ${kind(doc.paths)}`);
  const schemas = componentSchemas(isSchemaObject(components.schemas) ? components.schemas : {}, origin);
  checkRefs(doc, origin);
  checkSchemas(doc, origin);
  checkNames(schemas, origin);
  return {
    openapi,
    title: String(info.title ?? ''),
    version: String(info.version ?? ''),
    schemas,
    operations: readOperations(doc, origin),
  };
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v);

/**
 * The component schemas: each an object, or a boolean schema (3.1), which
 * becomes the object that means the same (`true`: `{}`, `false`: `{not: {}}`).
 */
function componentSchemas(raw: Record<string, unknown>, origin: string): Record<string, Schema> {
  let out: Record<string, Schema> | undefined;
  for (const name of Object.keys(raw)) {
    const s = raw[name];
    if (isSchemaObject(s)) continue;
    if (typeof s !== 'boolean') throw new DocumentError(origin, `/components/schemas/${escapePointerToken(name)}`, `expected a schema (an object or a boolean), found ${kind(s)}`);
    out ??= { ...(raw as Record<string, Schema>) };
    setOwn(out, name, s ? {} : { not: {} });
  }
  return out ?? (raw as Record<string, Schema>);
}

/** Keywords whose value maps names to schemas: a `$ref` key inside one is a name, not a reference. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Every `$ref` must be a local pointer to something that exists; an error names where the `$ref` is. */
function checkRefs(doc: Schema, origin: string): void {
  const found = new Set<string>();
  const trail = new Trail();
  const root = trail.root();
  // [value, trail index, whether its keys are names (a `$ref` key among them is a name, not a reference)]
  const stack: Array<[unknown, number, boolean]> = [];
  if (isSchemaObject(doc.components)) stack.push([doc.components.schemas, trail.add(trail.add(root, 'components'), 'schemas'), true]);
  stack.push([doc.paths, trail.add(root, 'paths'), true]);
  while (stack.length > 0) {
    const [value, index, names] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (value[i] !== null && typeof value[i] === 'object') stack.push([value[i], trail.add(index, i), false]);
      continue;
    }
    if (!isSchemaObject(value)) continue;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (key === '$ref' && !names) {
        const at = () => trail.pointer(trail.add(index, key));
        if (typeof v !== 'string') throw new DocumentError(origin, at(), `expected a $ref string, found ${kind(v)}`);
        if (found.has(v)) continue;
        if (!v.startsWith('#/') && v !== '#') throw new DocumentError(origin, at(), `external $ref '${v}' is not supported: bundle the spec into one file first`);
        if (getAtPointer(doc, v) === undefined) throw new DocumentError(origin, at(), `$ref '${v}' points at nothing`);
        found.add(v);
      } else if (v !== null && typeof v === 'object' && (names || (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'example' && key !== 'examples' && !key.startsWith('x-')))) {
        stack.push([v, trail.add(index, key), !names && NAME_MAPS.has(key)]);
      }
    }
  }
}

/** A lone surrogate: text that is not well-formed Unicode (and that ajv cannot put into a URI). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A pointer as readable text: each token JSON-escaped, so a lone surrogate shows as `\ud800`. */
const shown = (tokens: Array<string | number>) => tokens.map((t) => JSON.stringify(escapePointerToken(t)).slice(1, -1)).join('/');

/** Every name a schema gives (component, property, required, tag) must be well-formed Unicode. */
function checkNames(schemas: Record<string, Schema>, origin: string): void {
  const refuse = (tokens: Array<string | number>, what: string, name: string): never => {
    const at = name.search(LONE_SURROGATE);
    throw new DocumentError(origin, `/${shown(tokens)}`, `${what} ${JSON.stringify(name)} holds a lone surrogate (U+${name.charCodeAt(at).toString(16).toUpperCase()} at index ${at}); a name must be well-formed Unicode`);
  };
  const visit = (node: Schema, tokens: Array<string | number>) => {
    const last = tokens[tokens.length - 1];
    if (typeof last === 'string' && LONE_SURROGATE.test(last)) refuse(tokens, tokens.length === 3 ? 'component name' : 'property name', last);
    if (Array.isArray(node.required)) node.required.forEach((r, i) => typeof r === 'string' && LONE_SURROGATE.test(r) && refuse([...tokens, 'required', i], 'required name', r));
    const tag = isSchemaObject(node.discriminator) ? node.discriminator.propertyName : undefined;
    if (typeof tag === 'string' && LONE_SURROGATE.test(tag)) refuse([...tokens, 'discriminator', 'propertyName'], 'discriminator property', tag);
    forEachChild(node, (child, path) => visit(child, [...tokens, ...path]));
  };
  for (const name of Object.keys(schemas)) visit(isSchemaObject(schemas[name]) ? schemas[name] : {}, ['components', 'schemas', name]);
}

function deref(doc: Schema, value: unknown, origin: string, where: string): Schema {
  let node = value;
  for (let hops = 0; isSchemaObject(node) && typeof node.$ref === 'string' && !node.$ref.startsWith('#/components/schemas/'); hops++) {
    if (hops > 16) throw new DocumentError(origin, where, 'too many $ref hops');
    node = getAtPointer(doc, node.$ref);
  }
  if (!isSchemaObject(node)) throw new DocumentError(origin, where, 'expected an object');
  return node;
}

function contentSchemas(doc: Schema, content: unknown, origin: string, where: string): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  if (!isSchemaObject(content)) return out;
  for (const type of Object.keys(content)) {
    const media = deref(doc, content[type], origin, `${where}/${type}`);
    setOwn(out, type, isSchemaObject(media.schema) ? media.schema : {});
  }
  return out;
}

function readOperations(doc: Schema, origin: string): RawOperation[] {
  const paths = isSchemaObject(doc.paths) ? doc.paths : {};
  const ops: RawOperation[] = [];
  for (const path of Object.keys(paths)) {
    const item = deref(doc, paths[path], origin, `/paths/${path}`);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      if (!isSchemaObject(item[method])) continue;
      const op = item[method] as Schema;
      const where = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;
      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p, i) => {
        const param = deref(doc, p, origin, `${where}/parameters/${i}`);
        return {
          name: String(param.name),
          in: param.in as 'path' | 'query' | 'header',
          required: param.required === true,
          schema: isSchemaObject(param.schema) ? param.schema : {},
        };
      });
      const body = op.requestBody === undefined ? undefined : deref(doc, op.requestBody, origin, `${where}/requestBody`);
      const responses: Record<string, Record<string, Schema>> = {};
      const errors: Record<string, Record<string, Schema>> = {};
      const rawResponses = isSchemaObject(op.responses) ? op.responses : {};
      for (const status of Object.keys(rawResponses)) {
        const res = deref(doc, rawResponses[status], origin, `${where}/responses/${status}`);
        const content = contentSchemas(doc, res.content, origin, `${where}/responses/${status}/content`);
        if (/^2/.test(status)) responses[status] = content;
        else if (Object.keys(content).length > 0) errors[status] = content;
      }
      ops.push({
        id: typeof op.operationId === 'string' ? op.operationId : `${method} ${path}`,
        method,
        path,
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
        parameters: params,
        ...(body ? { requestBody: { required: body.required === true, content: contentSchemas(doc, body.content, origin, `${where}/requestBody/content`) } } : {}),
        responses,
        errors,
      });
    }
  }
  return ops;
}
