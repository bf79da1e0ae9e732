import type { Rule } from '../rule.js';
import { withoutKeys } from '../rule.js';

/**
 * A `discriminator` beside a `$ref` with no union to discriminate (the
 * OpenResponses `Annotation` and `Tool`) says nothing: it is read as the ref.
 */
export const refDiscriminator: Rule = {
  name: 'ref-discriminator',
  description: 'Drops a discriminator that sits beside a $ref with no oneOf/anyOf: the schema is just the reference.',
  apply(node) {
    if (typeof node.$ref !== 'string' || !('discriminator' in node) || 'oneOf' in node || 'anyOf' in node) return node;
    return withoutKeys(node, ['discriminator']);
  },
};
