/**
 * A normalization rule: one named, single-purpose rewrite of one schema node.
 * Rules run bottom-up (children first) in the order of `RULES` in
 * `rules/index.ts`; each returns the node unchanged (the same object) when it
 * does not apply, or a new object. Rules never mutate their input.
 */
import type { Schema } from '../ir/types.js';
import { setOwn } from '../util/own.js';

export interface RuleContext {
  /** The component being normalized. */
  component: string;
  /** A component schema by name, as in the input document (not normalized). */
  lookup(name: string): Schema | undefined;
}

export interface Rule {
  name: string;
  /** One sentence: what it rewrites, and why. */
  description: string;
  apply(node: Schema, ctx: RuleContext): Schema;
}

/** Keywords that only describe: they never make a value valid or invalid. */
export function isAnnotationKeyword(key: string): boolean {
  return (
    key.startsWith('x-') ||
    key === 'description' || key === 'title' || key === 'default' || key === 'deprecated' ||
    key === 'readOnly' || key === 'writeOnly' || key === 'example' || key === 'examples' ||
    key === '$comment' || key === 'externalDocs'
  );
}

/** True when a schema holds nothing but annotations. */
export function onlyAnnotations(node: Schema): boolean {
  return Object.keys(node).every(isAnnotationKeyword);
}

export function pickAnnotations(node: Schema): Schema {
  const out: Schema = {};
  for (const key of Object.keys(node)) if (isAnnotationKeyword(key)) setOwn(out, key, node[key]);
  return out;
}

export function withoutKeys(node: Schema, keys: readonly string[]): Schema {
  const out: Schema = {};
  for (const key of Object.keys(node)) if (!keys.includes(key)) setOwn(out, key, node[key]);
  return out;
}

/** The component name of `#/$defs/Name` or `#/components/schemas/Name`. */
export function refName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^#\/(?:\$defs|components\/schemas)\/([^/]+)$/.exec(ref);
  return m ? decodeURIComponent(m[1].replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
}

/**
 * Replaces a wrapper node by its single member: the member's keywords, with
 * the wrapper's annotations layered on top (the wrapper's description wins,
 * since it is the one written for this use).
 */
export function unwrap(wrapper: Schema, keyword: string, member: Schema): Schema {
  const rest = withoutKeys(wrapper, [keyword, 'discriminator']);
  return { ...member, ...rest };
}
