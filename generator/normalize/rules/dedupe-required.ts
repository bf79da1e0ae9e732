import type { Rule } from '../rule.js';

/** `required` lists each name once (OpenAI's ContainerResource lists four twice; the 2020-12 meta-schema forbids that). */
export const dedupeRequired: Rule = {
  name: 'dedupe-required',
  description: 'Removes repeated names from a required list.',
  apply(node) {
    const req = node.required;
    if (!Array.isArray(req) || new Set(req).size === req.length) return node;
    return { ...node, required: [...new Set(req)] };
  },
};
