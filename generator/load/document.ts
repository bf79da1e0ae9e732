/**
 * Parses an OpenAPI 3.x document into the raw (not yet normalized) parts the
 * pipeline needs: component schemas and operations. Parameters, request
 * bodies and responses given by `$ref` to `#/components/...` are resolved
 * here; schema `$ref`s are checked (every target must exist) but kept as
 * references, so cycles cost nothing.
 */
import type { HttpMethod, Schema } from '../ir/types.js';
import { escapePointerToken, getAtPointer } from '../util/pointer.js';
import { collectRefs, forEachChild, isSchemaObject } from '../util/walk.js';
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

export class DocumentError extends Error {
  constructor(origin: string, pointer: string, message: string) {
    super(`${origin}#${pointer}: ${message}`);
    this.name = 'DocumentError';
  }
}

export function parseDocument(text: string, origin: string): RawDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DocumentError(origin, '', `not valid JSON (${(e as Error).message})`);
  }
  if (!isSchemaObject(doc)) throw new DocumentError(origin, '', 'expected an OpenAPI document object');
  const openapi = doc.openapi;
  if (typeof openapi !== 'string' || !/^3\./.test(openapi)) {
    throw new DocumentError(origin, '/openapi', `expected an OpenAPI 3.x version string, found ${JSON.stringify(openapi)}`);
  }
  const info = isSchemaObject(doc.info) ? doc.info : {};
  const components = isSchemaObject(doc.components) ? doc.components : {};
  const schemas = isSchemaObject(components.schemas) ? (components.schemas as Record<string, Schema>) : {};
  checkRefs(doc, schemas, origin);
  checkNames(schemas, origin);
  return {
    openapi,
    title: String(info.title ?? ''),
    version: String(info.version ?? ''),
    schemas,
    operations: readOperations(doc, origin),
  };
}

/** Every schema `$ref` must point at an existing component schema. */
function checkRefs(doc: Schema, schemas: Record<string, Schema>, origin: string): void {
  const check = (value: unknown, where: string) => {
    for (const ref of collectRefs(value)) {
      if (!ref.startsWith('#/')) throw new DocumentError(origin, where, `external $ref '${ref}' is not supported`);
      if (getAtPointer(doc, ref) === undefined) throw new DocumentError(origin, where, `$ref '${ref}' points at nothing`);
    }
  };
  for (const name of Object.keys(schemas)) check(schemas[name], `/components/schemas/${name}`);
  check(doc.paths, '/paths');
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
