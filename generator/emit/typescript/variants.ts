/**
 * Which components need separate request and response variants: those that
 * hold a `readOnly` or `writeOnly` property, or reference (transitively) a
 * component that does.
 */
import type { Schema } from '../../ir/types.js';
import { refName } from '../../normalize/rule.js';
import { collectRefs, forEachChild, isSchemaObject } from '../../util/walk.js';

function hasDirectionalProperty(schema: Schema): boolean {
  let found = false;
  const visit = (node: Schema) => {
    if (found) return;
    if (isSchemaObject(node.properties)) {
      for (const p of Object.values(node.properties)) {
        if (isSchemaObject(p) && (p.readOnly === true || p.writeOnly === true)) found = true;
      }
    }
    forEachChild(node, visit);
  };
  visit(schema);
  return found;
}

export function componentsWithVariants(schemas: Record<string, Schema>): Set<string> {
  const out = new Set<string>();
  for (const name of Object.keys(schemas)) if (hasDirectionalProperty(schemas[name])) out.add(name);
  // Reverse edges: who references whom; then spread to every referrer.
  const referrers = new Map<string, string[]>();
  for (const name of Object.keys(schemas)) {
    for (const ref of collectRefs(schemas[name])) {
      const target = refName(ref);
      if (target !== undefined) referrers.set(target, [...(referrers.get(target) ?? []), name]);
    }
  }
  const stack = [...out];
  while (stack.length) {
    for (const r of referrers.get(stack.pop()!) ?? []) {
      if (!out.has(r)) {
        out.add(r);
        stack.push(r);
      }
    }
  }
  return out;
}

/** Components that are only a reference chain back to themselves (`A = B`, `B = A`): they can only be `unknown`. */
export function aliasCycles(schemas: Record<string, Schema>): Set<string> {
  const target = (name: string): string | undefined => {
    const s = schemas[name];
    if (!s) return undefined;
    const keys = Object.keys(s).filter((k) => k !== 'description' && k !== 'title' && !k.startsWith('x-') && k !== 'default' && k !== 'deprecated');
    return keys.length === 1 && keys[0] === '$ref' ? refName(s.$ref) : undefined;
  };
  const out = new Set<string>();
  for (const start of Object.keys(schemas)) {
    const seen = new Set<string>();
    let cur: string | undefined = start;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      cur = target(cur);
    }
    if (cur !== undefined && seen.has(cur)) out.add(start);
  }
  return out;
}
