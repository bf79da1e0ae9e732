/**
 * Which components are used on which side: reachable from a request body or
 * parameter (request), from a 2xx response, a stream event or an error body
 * (response), both, or neither.
 */
import type { IR, Schema } from '../ir/types.js';
import { closure } from '../select/index.js';
import type { Usage } from './model.js';

export function usageOf(ir: IR): Map<string, Usage> {
  const requestRoots: Schema[] = [];
  const responseRoots: Schema[] = [];
  for (const op of ir.operations) {
    requestRoots.push(...op.parameters.map((p) => p.schema));
    if (op.requestBody) requestRoots.push(...Object.values(op.requestBody.content));
    for (const byType of [...Object.values(op.responses), ...Object.values(op.errors ?? {})]) responseRoots.push(...Object.values(byType));
  }
  const req = closure(ir, requestRoots);
  const res = closure(ir, responseRoots);
  const out = new Map<string, Usage>();
  for (const name of Object.keys(ir.schemas)) out.set(name, { request: req.has(name), response: res.has(name) });
  return out;
}

export function mergeUsage(a: Usage | undefined, b: Usage | undefined): Usage {
  return { request: !!(a?.request || b?.request), response: !!(a?.response || b?.response) };
}
