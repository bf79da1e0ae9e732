/**
 * The layout of a spec's `schemas.js`, the one copy of its schemas that it
 * ships: component `i` (of the strict-prepared defs: the components, in
 * order, then the `__open` variants a composition refers to) is the constant
 * `d<i>`, its strict schema as JSON text (guards.ts), and `open[j]` is the
 * index of the component that def `components.length + j` is the open
 * variant of. The guards read one constant each; the client's tolerant path
 * derives the tolerant form of each component from the same text
 * (runtime/validation/tolerant-schemas.ts). An open variant's text is only
 * a guard's (the tolerant form refers to the component instead), so it is
 * written inline in that guard (validators.js) and the client never loads it:
 * every constant here costs a binding and an export at import.
 */
import type { DiscriminatorTags, Schema } from '../../ir/types.js';
import { isAnnotationKeyword, refName } from '../../normalize/rule.js';
import { forEachChild, isSchemaObject } from '../../util/walk.js';
import { canDispatch } from './dispatch.js';
import type { GuardData } from './guards.js';
import { OPEN_SUFFIX, requiresProperty } from './prepare.js';

export interface SchemaDataLayout {
  /** The exported name of a component's text (undefined for an open variant: its guard holds its text). */
  nameOf(def: string): string | undefined;
  /** Every component's exported name and text, in order. */
  entries: Array<[name: string, text: string]>;
  /** Per open variant, its component's index. */
  open: number[];
}

export function schemaData(defs: Record<string, Schema>, components: readonly string[], guards: GuardData): SchemaDataLayout {
  const names = Object.keys(defs);
  const index = new Map(names.map((d, i) => [d, i]));
  const open = names.slice(components.length).map((d) => (d.endsWith(OPEN_SUFFIX) ? components.indexOf(d.slice(0, -OPEN_SUFFIX.length)) : -1));
  if (names.slice(0, components.length).some((d, i) => d !== components[i]) || open.includes(-1)) {
    throw new Error('schema data: the prepared defs are not the components followed by their open variants');
  }
  const nameOf = (def: string) => {
    const i = index.get(def);
    if (i === undefined) throw new Error(`schema data: no def ${def}`);
    return i < components.length ? `d${i}` : undefined;
  };
  return { nameOf, entries: components.map((d, i) => [`d${i}`, guards.dataOf(d)]), open };
}

/**
 * Throws for the one form whose tolerant dispatch cannot be read back from the strict data: a tag
 * (or the missing tag) that selects exactly one member, that member written inline as nothing but
 * an `anyOf`. Its strict form is then the same `{anyOf: [...]}` as that of a tag several members
 * share, which the tolerant form tries without allowing null. No spec of this repository has it;
 * `test/validation/tolerant-schemas.test.ts` checks the derivation on every component.
 */
export function checkDerivable(schemas: Record<string, Schema>): void {
  const loneUnion = (m: unknown) => isSchemaObject(m) && refName(m.$ref) === undefined && Object.keys(m).filter((k) => !isAnnotationKeyword(k) && k !== 'discriminator').join() === 'anyOf' && !dispatches(m);
  const visit = (node: Schema, where: string) => {
    const key = Array.isArray(node.oneOf) ? 'oneOf' : Array.isArray(node.anyOf) ? 'anyOf' : undefined;
    if (key !== undefined && dispatches(node)) {
      const tags = (node.discriminator as Schema)['x-tags'] as DiscriminatorTags;
      const members = (node[key] as unknown[]).filter(isSchemaObject);
      const bySet = new Map<string, number[]>();
      tags.branches.forEach((b, i) => b.tags.forEach((t) => bySet.set(t, [...(bySet.get(t) ?? []), i])));
      const single = [...new Set([...bySet.values()].map((g) => g.join()))].filter((g) => !g.includes(',')).map(Number);
      const untagged = members.map((m, i) => (requiresProperty(m, tags.propertyName, schemas) ? -1 : i)).filter((i) => i >= 0);
      if (untagged.length === 1) single.push(untagged[0]);
      if (single.some((i) => loneUnion(members[i]))) throw new Error(`schema data: ${where}: a tag selects one member written as a lone anyOf; give that member its own schema (a $ref) or a type`);
    }
    forEachChild(node, (child) => visit(child, where));
  };
  const dispatches = (node: Schema) => {
    const key = Array.isArray(node.oneOf) ? 'oneOf' : Array.isArray(node.anyOf) ? 'anyOf' : undefined;
    const tags = isSchemaObject(node.discriminator) ? (node.discriminator['x-tags'] as DiscriminatorTags | undefined) : undefined;
    return key !== undefined && canDispatch(tags, (node[key] as unknown[]).filter(isSchemaObject));
  };
  for (const [name, schema] of Object.entries(schemas)) visit(schema, name);
}
