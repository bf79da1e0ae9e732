import type { Rule } from '../rule.js';
import { isAnnotationKeyword, refName, withoutKeys } from '../rule.js';
import { setOwn } from '../../util/own.js';

/**
 * OpenAPI 3.0 ignored keywords beside `$ref`; 3.1 applies them. Annotation
 * siblings stay beside the ref. A `type` sibling that the target already has
 * is dropped; any other assertion sibling moves into an `allOf` with the ref,
 * so the meaning (both apply) is explicit. `nullable` is left for its own rule.
 */
export const refSiblings: Rule = {
  name: 'ref-siblings',
  description: 'Keeps annotation siblings of $ref, drops a redundant type sibling, and moves other assertion siblings into allOf.',
  apply(node, ctx) {
    if (typeof node.$ref !== 'string') return node;
    let out = node;
    if (typeof node.type === 'string') {
      const target = ctx.lookup(refName(node.$ref) ?? '');
      const targetType = target?.type ?? (target && ('oneOf' in target || 'anyOf' in target || 'properties' in target) ? 'object' : undefined);
      if (targetType === node.type) out = withoutKeys(out, ['type']);
    }
    const assertions = Object.keys(out).filter((k) => k !== '$ref' && k !== 'nullable' && !isAnnotationKeyword(k));
    if (assertions.length === 0) return out;
    const rest: Record<string, unknown> = {};
    for (const k of assertions) setOwn(rest, k, out[k]);
    const kept = withoutKeys(out, ['$ref', ...assertions]);
    return { ...kept, allOf: [{ $ref: out.$ref }, rest] };
  },
};
