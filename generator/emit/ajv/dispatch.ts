/**
 * Tag dispatch for discriminated unions, built on ajv's `discriminator`
 * keyword (a lookup on the tag, then one branch), so errors come from inside
 * the branch the tag selects, never "must match exactly one schema" for
 * every branch.
 *
 * ajv needs each branch to declare its tag values directly and every tag to
 * select one branch, which the specs do not always give (tags reached
 * through `allOf`, a `message` tag shared by several branches). So each
 * group of branches that share the same tag set becomes one synthetic
 * branch that declares those tags and holds the group: one member as is,
 * several split by their secondary property (`role`) where its values are
 * disjoint, else tried in an `anyOf`.
 *
 * Strict: the tag is required and must be known. Tolerant: a known tag
 * dispatches, an unknown or missing one passes (it is a warning), a tag that
 * is not a string fails.
 */
import type { DiscriminatorTags, Schema } from '../../ir/types.js';

export interface DispatchOptions {
  closedTags: boolean;
  /** Per branch: whether the branch lets the tag be left out (then a value without a tag is tried against those branches). */
  tagOptional?: boolean[];
}

/** Marks the enum that lists a union's known tags, for the "unknown type" message. */
export const TAG_MARKER = 'x-anyresponses-tag';

export function canDispatch(tags: DiscriminatorTags | undefined, members: unknown[] | undefined): tags is DiscriminatorTags {
  return !!tags && !!members && tags.branches.length === members.length && tags.branches.every((b) => b.tags.length > 0);
}

function group(indexes: number[], members: Schema[], tags: DiscriminatorTags, closed: boolean): Schema {
  if (indexes.length === 1) return members[indexes[0]];
  // Tolerant: an unknown secondary value (a new role) is a warning, so every member is tried.
  if (!closed) return { anyOf: indexes.map((i) => members[i]) };
  const sec = tags.branches[indexes[0]].secondary;
  const values = indexes.map((i) => tags.branches[i].secondary?.values ?? []);
  const flat = values.flat();
  const disjoint =
    sec && indexes.every((i) => tags.branches[i].secondary?.propertyName === sec.propertyName && tags.branches[i].secondary!.values.length > 0) && new Set(flat).size === flat.length;
  if (!sec || !disjoint) return { anyOf: indexes.map((i) => members[i]) };
  return {
    type: 'object',
    required: [sec.propertyName],
    discriminator: { propertyName: sec.propertyName },
    oneOf: indexes.map((i, k) => ({ properties: { [sec.propertyName]: { enum: values[k] } }, allOf: [members[i]] })),
  };
}

/** The dispatching replacement for a tagged union whose members are already prepared. */
export function dispatch(node: Schema, members: Schema[], tags: DiscriminatorTags, options: DispatchOptions): Schema {
  const { discriminator: _d, oneOf: _o, anyOf: _a, ...rest } = node;
  const prop = tags.propertyName;
  // Group the tags by the exact set of branches they select.
  const setOf = new Map<string, number[]>();
  tags.branches.forEach((b, i) => b.tags.forEach((t) => setOf.set(t, [...(setOf.get(t) ?? []), i])));
  const groups = new Map<string, { indexes: number[]; tags: string[] }>();
  for (const [tag, indexes] of setOf) {
    const key = indexes.join(',');
    const g = groups.get(key) ?? { indexes, tags: [] };
    g.tags.push(tag);
    groups.set(key, g);
  }
  const known = [...setOf.keys()];
  const oneOf = [...groups.values()].map((g) => ({ properties: { [prop]: { enum: g.tags } }, allOf: [group(g.indexes, members, tags, options.closedTags)] }));
  const switchOn: Schema = { type: 'object', required: [prop], discriminator: { propertyName: prop }, oneOf };
  const untagged = members.filter((_, i) => options.tagOptional?.[i]);
  const withoutTag: Schema | undefined = untagged.length === 0 ? undefined : untagged.length === 1 ? untagged[0] : { anyOf: untagged };
  if (options.closedTags) {
    const tagProp = { type: 'string', enum: known, [TAG_MARKER]: true };
    const properties = { ...(rest.properties as Schema | undefined), [prop]: tagProp };
    if (!withoutTag) return { ...rest, ...switchOn, properties };
    // Some branches may leave the tag out: without a tag, the value must fit one of them.
    return { ...rest, type: 'object', properties, if: { required: [prop] }, then: switchOn, else: withoutTag };
  }
  return {
    ...rest,
    type: ['object', 'null'],
    properties: { ...(rest.properties as Schema | undefined), [prop]: { type: 'string' } },
    if: { type: 'object', required: [prop], properties: { [prop]: { enum: known } } },
    then: switchOn,
    ...(withoutTag ? { else: { if: { type: 'object', required: [prop] }, else: withoutTag } } : {}),
  };
}
