/**
 * What a spec's schemas are to the runtime, read from its operations: the
 * Responses API's create operation (`POST .../responses`) gives the request,
 * response and event schemas, its siblings give the rest. The spec index
 * writes them into `SPEC`, which the generated client and the mock server
 * read (a user's spec names its schemas as it likes). Only `$ref`ed
 * components have a role: a role is a validator's name.
 */
import type { IR, IROperation, Schema } from '../ir/types.js';
import { refName } from '../normalize/rule.js';

type Source = 'requestBody' | 'json' | 'stream';

/** Each operation the runtime knows, by method and path (the last segments; `?beta=true` variants never match), with the roles it gives. */
export const OPERATION_ROLES: ReadonlyArray<{ op: string; method: string; path: RegExp; roles: Readonly<Record<string, Source>> }> = [
  { op: 'create', method: 'post', path: /(^|\/)responses$/, roles: { request: 'requestBody', response: 'json', event: 'stream' } },
  { op: 'compact', method: 'post', path: /(^|\/)responses\/compact$/, roles: { compactRequest: 'requestBody', compact: 'json' } },
  { op: 'inputTokens', method: 'post', path: /(^|\/)responses\/input_tokens$/, roles: { tokensRequest: 'requestBody', tokens: 'json' } },
  { op: 'inputItems', method: 'get', path: /(^|\/)responses\/\{[^/}]+\}\/input_items$/, roles: { list: 'json' } },
];

export interface SpecRoles {
  /** Schema names by role (`request`, `response`, `event`, `error`, ...), in a fixed order. */
  schemas: Record<string, string>;
  /** Paths by operation (`create`: `/responses`). */
  paths: Record<string, string>;
  /** The create operation, when the spec has one. */
  create?: IROperation;
}

const firstOk = (op: IROperation) => Object.keys(op.responses).sort()[0];

function source(op: IROperation, from: Source): Schema | undefined {
  if (from === 'requestBody') return op.requestBody?.content['application/json'];
  const ok = firstOk(op);
  if (ok === undefined) return undefined;
  return op.responses[ok][from === 'json' ? 'application/json' : 'text/event-stream'];
}

export function specRoles(ir: IR): SpecRoles {
  const schemas: Record<string, string> = {};
  const paths: Record<string, string> = {};
  let create: IROperation | undefined;
  for (const { op: name, method, path, roles } of OPERATION_ROLES) {
    const op = ir.operations.find((o) => o.method === method && path.test(o.path));
    if (!op) continue;
    paths[name] = op.path;
    if (name === 'create') create = op;
    for (const [role, from] of Object.entries(roles)) {
      const ref = refName(source(op, from)?.$ref);
      if (ref !== undefined && Object.prototype.hasOwnProperty.call(ir.schemas, ref)) schemas[role] = ref;
    }
  }
  const error = ir.pin.errorSchema;
  if (error !== undefined && Object.prototype.hasOwnProperty.call(ir.schemas, error)) schemas.error = error;
  return { schemas, paths, create };
}
