import type { Rule } from '../rule.js';

/** `#/components/schemas/X` becomes `#/$defs/X`, so every component lives in one JSON Schema document. */
export const componentRef: Rule = {
  name: 'component-ref',
  description: 'Rewrites OpenAPI component references into JSON Schema $defs references.',
  apply(node) {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return node;
    return { ...node, $ref: `#/$defs/${ref.slice('#/components/schemas/'.length)}` };
  },
};
