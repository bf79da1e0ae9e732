import type { Rule } from '../rule.js';
import { isAnnotationKeyword, onlyAnnotations, unwrap, withoutKeys } from '../rule.js';
import { isSchemaObject } from '../../util/walk.js';

/**
 * `allOf: [$ref, {description}]` (and `allOf: [$ref]` with the description
 * beside it) is how older specs attach a description to a reference. Members
 * holding only annotations are folded into the node; an `allOf` left with one
 * member and no other assertions beside it is replaced by that member.
 */
export const allOfAnnotationWrapper: Rule = {
  name: 'allof-annotation-wrapper',
  description: 'Folds annotation-only allOf members into the parent and unwraps a one-member allOf: the ref plus the description.',
  apply(node) {
    if (!Array.isArray(node.allOf)) return node;
    const members = node.allOf.filter(isSchemaObject);
    const annotationOnly = members.filter((m) => onlyAnnotations(m));
    const kept = members.filter((m) => !onlyAnnotations(m));
    let out: Record<string, unknown> = node;
    if (annotationOnly.length > 0) {
      const folded = Object.assign({}, ...annotationOnly);
      // The node's own annotations win over the folded ones.
      out = { ...folded, ...withoutKeys(node, ['allOf']), ...(kept.length > 0 ? { allOf: kept } : {}) };
    }
    const allOf = out.allOf as unknown[] | undefined;
    if (!allOf || allOf.length !== 1) return out;
    const others = Object.keys(out).filter((k) => k !== 'allOf' && k !== 'nullable' && !isAnnotationKeyword(k));
    if (others.length > 0) return out;
    return unwrap(out, 'allOf', allOf[0] as Record<string, unknown>);
  },
};
