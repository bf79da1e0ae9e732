import type { Rule } from '../rule.js';
import { isAnnotationKeyword, unwrap } from '../rule.js';
import { isSchemaObject } from '../../util/walk.js';

/** A `oneOf`/`anyOf` with a single member and no other assertions beside it (`nullable` is handled by its own rule, later) is that member. */
export const singleMemberUnion: Rule = {
  name: 'single-member-union',
  description: 'Unwraps a oneOf/anyOf that has exactly one member (its discriminator, if any, goes with it).',
  apply(node) {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const members = node[keyword];
      if (!Array.isArray(members) || members.length !== 1 || !isSchemaObject(members[0])) continue;
      const others = Object.keys(node).filter((k) => k !== keyword && k !== 'discriminator' && k !== 'nullable' && !isAnnotationKeyword(k));
      if (others.length > 0) continue;
      return unwrap(node, keyword, members[0]);
    }
    return node;
  },
};
