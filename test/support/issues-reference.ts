/**
 * The oracle for issue building: the straightforward algorithm that runtime/validation used
 * before it was made linear (quadratic filters, every sentence made eagerly). Tests feed the
 * same raw errors to both and require the same issues; it is never used at run time.
 * Only the bounds on quoted values (VALIDATION_LIMITS.maxQuoted) were brought over, so that
 * long hostile values compare equal too.
 */
import { clip } from '../../runtime/validation/limits.js';

type Issue = { pointer: string; keyword: string; message: string };
type RawError = { instancePath: string; keyword: string; params: Record<string, unknown> };

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function at(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(clip(value))}`;
  return `${typeof value} ${String(value)}`;
}

const list = (v: unknown[]) => v.slice(0, 12).map((x) => (typeof x === 'string' ? `'${x}'` : JSON.stringify(x))).join(', ') + (v.length > 12 ? `, ... (${v.length} in all)` : '');
const typeName = (t: unknown) => (Array.isArray(t) ? t.join(' or ') : String(t)).replace(/,/g, ' or ');

function sentence(e: RawError, value: unknown, tolerant: boolean): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type': {
      const types = String(p.type).split(',').filter((t) => !(tolerant && t === 'null'));
      return `expected ${typeName(types.join(',') || p.type)}, found ${describe(value)}`;
    }
    case 'enum':
      return `expected one of ${list(p.allowedValues as unknown[])}, found ${describe(value)}`;
    case 'const':
      return `expected ${JSON.stringify(p.allowedValue)}, found ${describe(value)}`;
    case 'minLength':
    case 'maxLength':
      return `expected ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${p.limit} characters, found ${typeof value === 'string' ? [...value].length : describe(value)}`;
    case 'minItems':
    case 'maxItems':
      return `expected ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${p.limit} items, found ${Array.isArray(value) ? value.length : describe(value)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `expected a number ${p.comparison} ${p.limit}, found ${describe(value)}`;
    case 'pattern':
      return `expected a string matching /${p.pattern}/, found ${describe(value)}`;
    case 'anyOf':
    case 'oneOf':
      return `expected one of the allowed shapes, found ${describe(value)}`;
    case 'false schema':
      return `not allowed here, found ${describe(value)}`;
    case 'maxDepth':
      return `nested more than ${p.limit} levels deep (VALIDATION_LIMITS.maxDepth), found ${describe(value)}`;
    default:
      return `failed '${e.keyword}' ${clip(JSON.stringify(p, (_k, v: unknown) => (typeof v === 'string' ? clip(v) : v)))}, found ${describe(value)}`;
  }
}

export function within(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(prefix + '/');
}

export function referenceIssues(raw: readonly RawError[] | null | undefined, root: unknown, tolerant = false): Issue[] {
  if (!raw || raw.length === 0) return [];
  const out: Issue[] = [];
  const tagEnums = new Map<string, unknown[]>();
  for (const e of raw) if (e.keyword === 'enum') tagEnums.set(e.instancePath, e.params.allowedValues as unknown[]);
  const unknownTagAt = new Set<string>();
  for (const e of raw) {
    let issue: Issue;
    if (e.keyword === 'if') continue;
    if (e.keyword === 'discriminator') {
      const tag = String(e.params.tag);
      const pointer = `${e.instancePath}/${esc(tag)}`;
      if (e.params.error === 'mapping') {
        unknownTagAt.add(pointer);
        const known = tagEnums.get(pointer);
        issue = { pointer, keyword: 'discriminator', message: `unknown ${tag} '${clip(String(e.params.tagValue))}'${known ? `; known: ${known.join(', ')}` : ''}` };
      } else {
        issue = { pointer, keyword: 'discriminator', message: `expected the tag '${tag}' to be a string, found ${describe(at(root, pointer))}` };
      }
    } else if (e.keyword === 'required') {
      const name = String(e.params.missingProperty);
      issue = { pointer: `${e.instancePath}/${esc(name)}`, keyword: 'required', message: `missing required property '${name}'` };
    } else if (e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      issue = { pointer: `${e.instancePath}/${esc(name)}`, keyword: 'additionalProperties', message: `unknown property '${clip(name)}'` };
    } else {
      issue = { pointer: e.instancePath, keyword: e.keyword, message: sentence(e, at(root, e.instancePath), tolerant) };
    }
    if (!out.some((i) => i.pointer === issue.pointer && i.message === issue.message)) out.push(issue);
  }
  const deeper = (p: string) => out.some((i) => i.pointer.length > p.length && within(i.pointer, p));
  const union = (i: Issue) => i.keyword === 'anyOf' || i.keyword === 'oneOf';
  const kept = out.filter((i) => {
    if (i.keyword === 'enum' && unknownTagAt.has(i.pointer)) return false;
    if (union(i) && deeper(i.pointer)) return false;
    if (i.keyword === 'type' && out.some((u) => union(u) && u.pointer === i.pointer) && deeper(i.pointer)) return false;
    return true;
  });
  return collapsed(kept, raw, root, tolerant);
}

/**
 * A kept union's spot said once: its `type`, `enum` and `const` findings and the union itself
 * become one issue at the first of them, "expected <values>, or <types>, found ...".
 */
function collapsed(kept: Issue[], raw: readonly RawError[], root: unknown, tolerant: boolean): Issue[] {
  const union = (k: string) => k === 'anyOf' || k === 'oneOf';
  const member = (i: Issue) => (union(i.keyword) || i.keyword === 'type' || i.keyword === 'enum' || i.keyword === 'const') && kept.some((u) => union(u.keyword) && u.pointer === i.pointer);
  const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const done = new Set<string>();
  const result: Issue[] = [];
  for (const issue of kept) {
    if (!member(issue)) {
      result.push(issue);
      continue;
    }
    if (done.has(issue.pointer)) continue;
    done.add(issue.pointer);
    const group = kept.filter((i) => i.pointer === issue.pointer && member(i));
    if (group.length < 2) {
      result.push(issue);
      continue;
    }
    // Each issue of the group stands for the first raw finding that said it.
    const types: string[] = [];
    const values: unknown[] = [];
    let keyword = issue.keyword;
    const value = at(root, issue.pointer);
    for (const g of group) {
      const e = raw.find((r) => r.instancePath === g.pointer && r.keyword === g.keyword && sentence(r, value, tolerant) === g.message)!;
      if (e.keyword === 'type') for (const t of String(e.params.type).split(',')) if (!(tolerant && t === 'null') && !types.includes(t)) types.push(t);
      if (e.keyword === 'enum') for (const v of e.params.allowedValues as unknown[]) if (!values.includes(v)) values.push(v);
      if (e.keyword === 'const' && !values.includes(e.params.allowedValue)) values.push(e.params.allowedValue);
      if (union(e.keyword)) keyword = e.keyword;
    }
    const shown = types.filter((t) => !values.some((v) => jsonType(v) === t || (t === 'integer' && Number.isInteger(v))));
    const one = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
    const said = values.length === 0 ? '' : values.length === 1 ? one(values[0]) : `one of ${list(values)}`;
    const expected = !said ? shown.join(' or ') : shown.length === 0 ? said : `${said}${values.length > 1 ? ',' : ''} or ${shown.join(' or ')}`;
    if (!expected) {
      result.push(group.find((g) => union(g.keyword)) ?? issue);
      continue;
    }
    result.push({ pointer: issue.pointer, keyword, message: `expected ${expected}, found ${describe(at(root, issue.pointer))}` });
  }
  return result;
}

/** The warnings kept beside errors: those not at or below an error's pointer. */
export function referenceWarnings(found: Issue[], errors: Issue[]): Issue[] {
  return found.filter((w) => !errors.some((e) => within(w.pointer, e.pointer)));
}

/**
 * What tolerant mode still requires of a root (`require`, from TOLERANT_MINIMUM), written out
 * plainly: each listed property missing or null is an error.
 */
export function referenceMinimum(require: readonly string[], value: unknown): Issue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: Issue[] = [];
  for (const name of require) {
    const v = Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : undefined;
    if (v === undefined) out.push({ pointer: `/${esc(name)}`, keyword: 'required', message: `missing required property '${name}' (required in tolerant mode too: TOLERANT_MINIMUM)` });
    else if (v === null) out.push({ pointer: `/${esc(name)}`, keyword: 'required', message: `expected a value, found null ('${name}' is required in tolerant mode too: TOLERANT_MINIMUM)` });
  }
  return out;
}
