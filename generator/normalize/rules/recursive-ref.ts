import type { Rule } from '../rule.js';
import { withoutKeys } from '../rule.js';

/** `$recursiveRef: "#"` (2019-09) becomes a plain `$ref` to the enclosing component; `$recursiveAnchor` goes. */
export const recursiveRef: Rule = {
  name: 'recursive-ref',
  description: 'Rewrites 2019-09 $recursiveRef/$recursiveAnchor (rejected by Ajv2020) into a $ref to the enclosing component.',
  apply(node, ctx) {
    if (!('$recursiveRef' in node) && !('$recursiveAnchor' in node)) return node;
    const out = withoutKeys(node, ['$recursiveRef', '$recursiveAnchor']);
    if (node.$recursiveRef === '#') out.$ref = `#/components/schemas/${ctx.component}`;
    else if (typeof node.$recursiveRef === 'string') out.$ref = node.$recursiveRef;
    return out;
  },
};
