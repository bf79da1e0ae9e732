import type { Rule } from '../rule.js';
import { pickAnnotations, withoutKeys, isAnnotationKeyword } from '../rule.js';
import { setOwn } from '../../util/own.js';

/**
 * OpenAPI 3.0 `nullable: true` becomes a union with null:
 * `anyOf: [<the schema without annotations>, {type: "null"}]`, annotations
 * kept on the outer node. `nullable: false` is dropped.
 */
export const nullable: Rule = {
  name: 'nullable',
  description: 'Rewrites OpenAPI 3.0 nullable: true into an anyOf with {type: "null"}.',
  apply(node) {
    if (!('nullable' in node)) return node;
    const rest = withoutKeys(node, ['nullable']);
    if (node.nullable !== true) return rest;
    const inner: Record<string, unknown> = {};
    for (const key of Object.keys(rest)) if (!isAnnotationKeyword(key)) setOwn(inner, key, rest[key]);
    const keys = Object.keys(inner);
    const members = keys.length === 1 && Array.isArray(inner.anyOf) ? inner.anyOf : [inner];
    return { ...pickAnnotations(rest), anyOf: [...members, { type: 'null' }] };
  },
};
