/**
 * Select: which part of a spec is generated. `all` keeps everything; the
 * `responses` default keeps the operations whose path matches the Responses
 * pattern and every component reachable from them (about 311 of OpenAI's
 * 1,422 schemas), plus the pin's error schema and `roots` (components no
 * operation references: OpenAI's WebSocket mode messages). Pure.
 */
import type { IR, IROperation, Schema, SpecPin } from '../ir/types.js';
import type { RawDocument } from '../load/document.js';
import { refName } from '../normalize/rule.js';
import { collectRefs } from '../util/walk.js';
import { setOwn } from '../util/own.js';

export function operationSchemas(op: IROperation): Schema[] {
  const out: Schema[] = op.parameters.map((p) => p.schema);
  if (op.requestBody) out.push(...Object.values(op.requestBody.content));
  for (const byType of Object.values(op.responses)) out.push(...Object.values(byType));
  for (const byType of Object.values(op.errors)) out.push(...Object.values(byType));
  return out;
}

/** Names of every component reachable from `roots`, following `$ref`s. */
export function closure(ir: IR, roots: Schema[]): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [];
  const push = (schema: unknown) => {
    for (const ref of collectRefs(schema)) {
      const name = refName(ref);
      if (name !== undefined && !seen.has(name) && name in ir.schemas) {
        seen.add(name);
        stack.push(name);
      }
    }
  };
  roots.forEach(push);
  while (stack.length) push(ir.schemas[stack.pop()!]);
  return seen;
}

/**
 * The same selection on the raw document (before normalize), so that
 * normalize only works on what will be generated. Conservative: it keeps
 * every component reachable by `$ref` (in either form).
 */
export function preselect(doc: RawDocument, pin: SpecPin, include: 'all' | 'responses', pathPattern: string): RawDocument {
  if (include === 'all') return doc;
  const re = new RegExp(pathPattern);
  const asIR = { pin, title: doc.title, schemas: doc.schemas, operations: doc.operations } as IR;
  const operations = doc.operations.filter((op) => re.test(op.path));
  const extra = [pin.errorSchema, ...(pin.roots ?? [])].filter((n): n is string => !!n).map((n) => ({ $ref: `#/components/schemas/${n}` }));
  const keep = closure(asIR, [...operations.flatMap(operationSchemas), ...extra]);
  const schemas: Record<string, Schema> = {};
  for (const name of Object.keys(doc.schemas)) if (keep.has(name)) setOwn(schemas, name, doc.schemas[name]);
  return { ...doc, schemas, operations };
}

export function select(ir: IR, include: 'all' | 'responses', pathPattern: string): IR {
  if (include === 'all') return ir;
  const re = new RegExp(pathPattern);
  const operations = ir.operations.filter((op) => re.test(op.path));
  const extra = [ir.pin.errorSchema, ...(ir.pin.roots ?? [])].filter((n): n is string => !!n).map((n) => ({ $ref: `#/$defs/${n}` }));
  const keep = closure(ir, [...operations.flatMap(operationSchemas), ...extra]);
  const schemas: Record<string, Schema> = {};
  for (const name of Object.keys(ir.schemas)) if (keep.has(name)) setOwn(schemas, name, ir.schemas[name]);
  return { ...ir, schemas, operations };
}
