/**
 * Turns ajv's raw errors into issues a person can act on: a JSON pointer into
 * the value, the failing keyword, and a sentence saying what was expected
 * and what was found. Wrapper errors (`if`, a union's "no branch matched"
 * when a branch said more) are folded away.
 */

import { ucs2length } from './ajv-helpers.js';
import { clip } from './limits.js';
import { esc, parentOf, PointerMap, valueAt } from './pointers.js';
import { issueWork } from './work.js';

export { within } from './pointers.js';

export interface Issue {
  /** JSON pointer into the validated value ('' is the value itself). */
  pointer: string;
  keyword: string;
  message: string;
}

export interface RawError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** "number 42", "string \"abc\"", "null", "an object", ... */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(clip(value))}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * Texts made from a schema's list of allowed values. The lists are the validators' own
 * constants, shared by every error that names them, so each text is made once: a stream
 * whose events all carry a tag the spec does not know would otherwise rebuild the same
 * sentence of sixty names for every event.
 */
const listTexts = new WeakMap<unknown[], string>();
const joinedTexts = new WeakMap<unknown[], string>();

/** How many allowed values an enum sentence names before it says how many there are in all. */
const LIST_MAX = 12;

/** The text `make` gives for a list, made once per list. */
function textOf(cache: WeakMap<unknown[], string>, values: unknown[], make: (values: unknown[]) => string): string {
  let text = cache.get(values);
  if (text === undefined) cache.set(values, (text = make(values)));
  return text;
}

const list = (values: unknown[]) =>
  textOf(listTexts, values, (v) => v.slice(0, LIST_MAX).map((x) => (typeof x === 'string' ? `'${x}'` : JSON.stringify(x))).join(', ') + (v.length > LIST_MAX ? `, ... (${v.length} in all)` : ''));

const joined = (values: unknown[]) => textOf(joinedTexts, values, (v) => v.join(', '));

const typeName = (t: unknown) => (Array.isArray(t) ? t.join(' or ') : String(t)).replace(/,/g, ' or ');

function sentence(e: RawError, value: unknown, tolerant: boolean): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type': {
      const type = String(p.type);
      if (!type.includes(',')) return `expected ${type}, found ${describe(value)}`;
      // Tolerant schemas admit null everywhere (null is only a warning), so it is no news in an error.
      const types = type.split(',').filter((t) => !(tolerant && t === 'null'));
      return `expected ${typeName(types.join(',') || p.type)}, found ${describe(value)}`;
    }
    case 'enum':
      return `expected one of ${list(p.allowedValues as unknown[])}, found ${describe(value)}`;
    case 'const':
      return `expected ${JSON.stringify(p.allowedValue)}, found ${describe(value)}`;
    case 'minLength':
    case 'maxLength':
      return `expected ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${p.limit} characters, found ${typeof value === 'string' ? ucs2length(value) : describe(value)}`;
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

/**
 * How many issues are compared one by one (by pointer length first) before they are indexed
 * by pointer: hashing a pointer just built costs V8 more than a short scan (about 250 ns).
 */
const SCAN = 32;
/** Up to how many findings the last one of a pointer length is found by a scan rather than a map. */
const FEW = 8;

const isUnion = (keyword: string) => keyword === 'anyOf' || keyword === 'oneOf';

/**
 * Keywords whose sentences could be equal at one pointer share a family; sentences of two
 * families never are (they begin differently: "missing required property", "expected at least
 * N characters", "expected a string matching", ...). Only `type` and `const` ("expected null"),
 * the unions ("expected one of the allowed shapes") and an unknown property or tag ("unknown
 * property 'x'", where the tag is named `property`) can say the same thing.
 */
function familyOf(keyword: string): string {
  switch (keyword) {
    case 'const':
      return 'type';
    case 'oneOf':
      return 'anyOf';
    case 'discriminator':
      return 'additionalProperties';
    default:
      return keyword;
  }
}

/**
 * True when `pointer` lies strictly below `prefix`. Compared from the end, character by character:
 * the pointers ajv builds are ropes that V8 flattens on first access, and sibling spots differ
 * near the end (`.../3/title` and `.../4/title`); `startsWith` costs a runtime call each time.
 */
function strictlyBelow(pointer: string, prefix: string): boolean {
  const n = prefix.length;
  if (pointer.length <= n || pointer.charCodeAt(n) !== 47) return false;
  for (let i = n - 1; i >= 0; i--) if (pointer.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * The union pointers that have an issue strictly below them. An issue's pointer is its error's
 * path plus at most one key, so it lies strictly below a union's pointer when that path is the
 * union's or lies below it: only the paths are read (ajv shares one path among the findings at
 * one spot). With many unions, each issue's ancestors are walked up once, only as far as a
 * union pointer can be, and never twice through the same one.
 */
function unionsWithMore(out: Found[], unions: string[]): PointerMap<true> {
  const found = new PointerMap<true>();
  if (unions.length <= 4) {
    for (const f of out) {
      const path = f.raw.instancePath;
      for (const u of unions) {
        issueWork.steps++;
        if (path.length < u.length) continue;
        if (f.key !== undefined ? path === u || strictlyBelow(path, u) : strictlyBelow(path, u)) found.set(u, true);
      }
    }
    return found;
  }
  const isUnionAt = new Set(unions);
  let shortest = Infinity;
  for (const u of unions) shortest = Math.min(shortest, u.length);
  const walked = new Set<string>();
  for (const f of out) {
    const path = f.raw.instancePath;
    for (let a = f.key !== undefined ? path : parentOf(path); a !== undefined && a.length >= shortest && !walked.has(a); a = parentOf(a)) {
      issueWork.steps++;
      walked.add(a);
      if (isUnionAt.has(a)) found.set(a, true);
    }
  }
  return found;
}

/** A finding on its way to an issue: its sentence is made when it is kept or compared. */
interface Found {
  issue: Issue;
  raw: RawError;
  /** The key the pointer adds to the raw error's path, if any. */
  key: string | undefined;
  family: string;
  /** The previous finding that may have the same pointer (same length; once indexed, same pointer), or -1. */
  prev: number;
}

/** The key an issue's pointer adds to its error's instancePath, if any. */
function suffixOf(e: RawError): string | undefined {
  switch (e.keyword) {
    case 'discriminator':
      return String(e.params.tag);
    case 'required':
      return String(e.params.missingProperty);
    case 'additionalProperties':
      return String(e.params.additionalProperty);
    default:
      return undefined;
  }
}

/**
 * Issues for the raw errors of one validation of `root`, in time linear in their number.
 *
 * Two findings are one issue when their pointers and sentences are equal. Sentences are made
 * only when they are kept or must be compared, and pointers are compared by what is cheap
 * first (family, length, the key added, the same path object): ajv's paths are ropes that cost
 * V8 a flattening on first read, and most findings a union wraps are dropped again below.
 */
export function toIssues(raw: readonly RawError[] | null | undefined, root: unknown, tolerant = false): Issue[] {
  if (!raw || raw.length === 0) return [];
  // Unknown tags: ajv reports the discriminator mapping and our tag enum; keep one sentence with the known list.
  let tagEnums: PointerMap<unknown[]> | undefined;
  for (let k = 0; k < raw.length; k++) if (raw[k].keyword === 'enum') (tagEnums ??= new PointerMap()).set(raw[k].instancePath, raw[k].params.allowedValues as unknown[]);
  const out: Found[] = [];
  const message = (f: Found): string => f.issue.message || (f.issue.message = sentenceOf(f.raw, f.issue.pointer, root, tolerant, tagEnums));
  // Candidates for "the same pointer": first by pointer length (the last finding of each length,
  // chained through `prev`), then, past SCAN findings, by pointer.
  let lastOfLength: Map<number, number> | undefined;
  let byPointer: Map<string, number> | undefined;
  let unknownTagAt: PointerMap<true> | undefined;
  let unions = false;
  for (let r = 0; r < raw.length; r++) {
    const e = raw[r];
    const keyword = e.keyword;
    if (keyword === 'if') continue;
    const key = suffixOf(e);
    const pointer = key === undefined ? e.instancePath : `${e.instancePath}/${esc(key)}`;
    if (keyword === 'discriminator' && e.params.error === 'mapping') (unknownTagAt ??= new PointerMap()).set(pointer, true);
    const f: Found = { issue: { pointer, keyword, message: '' }, raw: e, key, family: familyOf(keyword), prev: -1 };
    // `prev` chains the earlier findings that may share the pointer: of the same length, or
    // (once indexed) at that very pointer.
    if (byPointer) f.prev = byPointer.get(pointer) ?? -1;
    else if (lastOfLength) f.prev = lastOfLength.get(pointer.length) ?? -1;
    else for (let j = out.length - 1; j >= 0 && f.prev < 0; j--, issueWork.steps++) if (out[j].issue.pointer.length === pointer.length) f.prev = j;
    let dup = false;
    for (let j = f.prev; j >= 0 && !dup; j = out[j].prev) dup = sameIssue(out[j], f, message, !byPointer);
    if (dup) continue;
    const k = out.length;
    out.push(f);
    if (byPointer) byPointer.set(pointer, k);
    else if (out.length > SCAN) {
      // Rechain by pointer: the chains by length may be long (many siblings of one length).
      byPointer = new Map();
      for (let j = 0; j < out.length; j++) {
        const p = out[j].issue.pointer;
        out[j].prev = byPointer.get(p) ?? -1;
        byPointer.set(p, j);
      }
    } else if (lastOfLength) lastOfLength.set(pointer.length, k);
    else if (out.length >= FEW) {
      lastOfLength = new Map();
      for (let j = 0; j < out.length; j++) lastOfLength.set(out[j].issue.pointer.length, j);
    }
    if (isUnion(keyword)) unions = true;
  }
  const issues: Issue[] = [];
  if (unknownTagAt || unions) {
    // The tag enum's own error says the same as the unknown-tag sentence. And where a union
    // failed but one of its branches said something more precise below it, the union's own
    // "no shape matched" and the other branches' type mismatches at that spot are noise.
    const unionPointers: string[] = [];
    for (const f of out) if (isUnion(f.issue.keyword)) unionPointers.push(f.issue.pointer);
    const noise = unionPointers.length > 0 ? unionsWithMore(out, unionPointers) : undefined;
    for (const f of out) {
      const { keyword, pointer } = f.issue;
      if (keyword === 'enum' && unknownTagAt?.get(pointer)) continue;
      if ((isUnion(keyword) || keyword === 'type') && noise?.get(pointer)) continue;
      message(f);
      issues.push(f.issue);
    }
    return issues;
  }
  for (const f of out) {
    message(f);
    issues.push(f.issue);
  }
  return issues;
}

/**
 * True when `b` says what `a` says at the same pointer. `cheap`: the pointers are not known to be
 * equal yet, only their lengths; within a family the key added is of one kind, so the keys and
 * then the paths are compared (a path is often the very same string for findings at one spot).
 */
function sameIssue(a: Found, b: Found, message: (f: Found) => string, cheap: boolean): boolean {
  issueWork.steps++;
  if (a.family !== b.family) return false;
  if (cheap) {
    if (a.key !== b.key) return false;
    const p = a.raw.instancePath;
    const q = b.raw.instancePath;
    if (p !== q && (p.length !== q.length || p !== q)) return false;
  }
  return message(a) === message(b);
}

function sentenceOf(e: RawError, pointer: string, root: unknown, tolerant: boolean, tagEnums: PointerMap<unknown[]> | undefined): string {
  switch (e.keyword) {
    case 'discriminator': {
      const tag = String(e.params.tag);
      if (e.params.error !== 'mapping') return `expected the tag '${tag}' to be a string, found ${describe(valueAt(root, pointer))}`;
      const known = tagEnums?.get(pointer);
      return `unknown ${tag} '${clip(String(e.params.tagValue))}'${known ? `; known: ${joined(known)}` : ''}`;
    }
    case 'required':
      return `missing required property '${String(e.params.missingProperty)}'`;
    case 'additionalProperties':
      return `unknown property '${clip(String(e.params.additionalProperty))}'`;
    default:
      return sentence(e, valueAt(root, pointer), tolerant);
  }
}
