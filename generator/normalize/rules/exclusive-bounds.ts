import type { Rule } from '../rule.js';

/** OpenAPI 3.0 `exclusiveMinimum: true` beside `minimum: n` becomes 3.1 `exclusiveMinimum: n` (same for maximum). */
export const exclusiveBounds: Rule = {
  name: 'exclusive-bounds',
  description: 'Rewrites OpenAPI 3.0 boolean exclusiveMinimum/exclusiveMaximum into the numeric 3.1 form.',
  apply(node) {
    if (typeof node.exclusiveMinimum !== 'boolean' && typeof node.exclusiveMaximum !== 'boolean') return node;
    const out = { ...node };
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof out[flag] !== 'boolean') continue;
      if (out[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
    return out;
  },
};
