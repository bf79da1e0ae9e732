/**
 * Structural comparison of two normalized schemas at the same place. It does
 * not follow `$ref`s (components are compared by name, once each); a ref
 * that points elsewhere is a type change. Because both sides are normalized
 * first, formatting-only differences (an `allOf` wrapper around a ref, a
 * one-member `oneOf`) never show up here.
 */
import type { DiscriminatorTags, Schema } from '../ir/types.js';
import { refName } from '../normalize/rule.js';
import { isSchemaObject } from '../util/walk.js';
import type { RawChange } from './rules.js';
import { hasOwn } from '../util/own.js';

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function tagsOf(s: Schema): DiscriminatorTags | undefined {
  const d = s.discriminator;
  return isSchemaObject(d) ? (d['x-tags'] as DiscriminatorTags | undefined) : undefined;
}

/** The kinds of value a schema admits, as comparable labels (`string`, `null`, `ref:Item`...). */
export function shapeOf(s: Schema): Set<string> {
  const out = new Set<string>();
  const name = refName(s.$ref);
  if (name !== undefined) return out.add(`ref:${name}`);
  if (Array.isArray(s.enum)) for (const v of s.enum) out.add(v === null ? 'null' : typeof v);
  else if ('const' in s) out.add(s.const === null ? 'null' : typeof s.const);
  else if (typeof s.type === 'string') out.add(s.type === 'integer' ? 'number' : s.type);
  else if (Array.isArray(s.type)) for (const t of s.type) out.add(t === 'integer' ? 'number' : String(t));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = s[key];
    if (Array.isArray(members)) for (const m of members) if (isSchemaObject(m)) for (const x of shapeOf(m)) out.add(x);
  }
  if (out.size === 0 && isSchemaObject(s.properties)) out.add('object');
  if (out.size === 0 && Array.isArray(s.allOf)) out.add('allOf');
  if (out.size === 0) out.add('any');
  return out;
}

const list = (xs: Iterable<string>) => [...xs].sort().join(', ');

/**
 * A reference to one member of the other side's tagged union, as a union of
 * that one member: a spec whose union has one member (OpenResponses' `Tool`
 * is `FunctionTool`) that an implementor extends (`acme:web_lookup`) gained
 * a union member, which is what the diff should say.
 */
function asUnionOf(ref: Schema, other: Schema, tags: DiscriminatorTags): [Schema, DiscriminatorTags] | undefined {
  const name = refName(ref.$ref);
  const members = (Array.isArray(other.oneOf) ? other.oneOf : other.anyOf) as Schema[] | undefined;
  const i = name === undefined || !members ? -1 : members.findIndex((m) => isSchemaObject(m) && refName(m.$ref) === name);
  if (i < 0) return undefined;
  return [{ oneOf: [members![i]] }, { propertyName: tags.propertyName, branches: [tags.branches[i]] }];
}

export function compareSchemas(a: Schema, b: Schema, path: string, out: RawChange[]): void {
  let ta = tagsOf(a);
  let tb = tagsOf(b);
  if (ta && !tb) {
    const u = asUnionOf(b, a, ta);
    if (u) [b, tb] = u;
  } else if (tb && !ta) {
    const u = asUnionOf(a, b, tb);
    if (u) [a, ta] = u;
  }
  if (ta && tb) {
    compareTags(a, b, ta, tb, path, out);
  } else {
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    const added = [...sb].filter((x) => !sa.has(x) && x !== 'any');
    const removed = [...sa].filter((x) => !sb.has(x) && x !== 'any');
    if (added.length || removed.length) {
      const direction = sa.has('any') ? 'narrowed' : sb.has('any') ? 'widened' : removed.length === 0 ? 'widened' : added.length === 0 ? 'narrowed' : 'changed';
      out.push({ kind: 'type-changed', path, direction, detail: `${list(sa)} -> ${list(sb)}`, old: list(sa), new: list(sb) });
    }
  }
  if (refName(a.$ref) !== undefined || refName(b.$ref) !== undefined) return;

  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const va = new Set(a.enum.map((v) => JSON.stringify(v)));
    const vb = new Set(b.enum.map((v) => JSON.stringify(v)));
    const added = [...vb].filter((v) => !va.has(v));
    const removed = [...va].filter((v) => !vb.has(v));
    if (added.length) out.push({ kind: 'enum-values-added', path, detail: added.join(', '), new: added.map((v) => JSON.parse(v)) });
    if (removed.length) out.push({ kind: 'enum-values-removed', path, detail: removed.join(', '), old: removed.map((v) => JSON.parse(v)) });
  }
  compareProperties(a, b, path, out);
  for (const key of ['items', 'additionalProperties'] as const) {
    if (isSchemaObject(a[key]) && isSchemaObject(b[key])) compareSchemas(a[key] as Schema, b[key] as Schema, `${path}/${key}`, out);
  }
  for (const key of ['allOf', ...(ta && tb ? [] : ['anyOf', 'oneOf'])] as const) {
    const ma = a[key];
    const mb = b[key];
    if (Array.isArray(ma) && Array.isArray(mb) && ma.length === mb.length) {
      ma.forEach((m, i) => isSchemaObject(m) && isSchemaObject(mb[i]) && compareSchemas(m, mb[i] as Schema, `${path}/${key}/${i}`, out));
    }
  }
}

function compareProperties(a: Schema, b: Schema, path: string, out: RawChange[]): void {
  const pa = isSchemaObject(a.properties) ? (a.properties as Record<string, Schema>) : undefined;
  const pb = isSchemaObject(b.properties) ? (b.properties as Record<string, Schema>) : undefined;
  if (!pa && !pb) return;
  const ra = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
  const rb = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
  const at = (k: string) => `${path}/properties/${esc(k)}`;
  for (const k of Object.keys(pa ?? {})) {
    if (!pb || !hasOwn(pb, k)) out.push({ kind: 'property-removed', path: at(k), detail: k, required: ra.has(k) });
  }
  for (const k of Object.keys(pb ?? {})) {
    if (!pa || !hasOwn(pa, k)) {
      out.push({ kind: 'property-added', path: at(k), detail: k, required: rb.has(k) });
      continue;
    }
    if (!ra.has(k) && rb.has(k)) out.push({ kind: 'property-required', path: at(k), detail: k });
    if (ra.has(k) && !rb.has(k)) out.push({ kind: 'property-optional', path: at(k), detail: k });
    compareSchemas(pa![k], pb![k], at(k), out);
  }
}

/** Union members by their tag: which tags appeared or went, and (for inline branches) what changed inside. */
function compareTags(a: Schema, b: Schema, ta: DiscriminatorTags, tb: DiscriminatorTags, path: string, out: RawChange[]): void {
  const index = (s: Schema, t: DiscriminatorTags) => {
    const members = ((Array.isArray(s.oneOf) ? s.oneOf : s.anyOf) ?? []) as Schema[];
    const byTag = new Map<string, Schema>();
    t.branches.forEach((br, i) => br.tags.forEach((tag) => byTag.set(tag + (br.secondary ? `/${br.secondary.values.join('|')}` : ''), members[i])));
    return byTag;
  };
  const ia = index(a, ta);
  const ib = index(b, tb);
  const added = [...ib.keys()].filter((k) => !ia.has(k));
  const removed = [...ia.keys()].filter((k) => !ib.has(k));
  if (added.length) out.push({ kind: 'union-members-added', path, detail: added.join(', '), new: added });
  if (removed.length) out.push({ kind: 'union-members-removed', path, detail: removed.join(', '), old: removed });
  for (const [tag, ma] of ia) {
    const mb = ib.get(tag);
    if (!mb) continue;
    const na = refName(ma.$ref);
    const nb = refName(mb.$ref);
    if (na !== undefined || nb !== undefined) {
      if (na !== nb) out.push({ kind: 'type-changed', path: `${path}/${tag}`, direction: 'changed', detail: `${na ?? 'inline'} -> ${nb ?? 'inline'}`, old: na, new: nb });
    } else compareSchemas(ma, mb, `${path}/${tag}`, out);
  }
}
