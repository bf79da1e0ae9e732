/**
 * The sentences of issues: what was expected and what was found, with every
 * value quoted in at most VALIDATION_LIMITS.maxQuoted characters, and the
 * texts that repeat (allowed-value lists, required-property sentences) made
 * once.
 */
import { ucs2length } from './ajv-helpers.js';
import type { RawError } from './issues.js';
import { clip } from './limits.js';
import { esc, valueAt } from './pointers.js';

/**
 * `JSON.stringify` of a string: the string in quotes when no character of it needs an escape
 * (a quote, a backslash, a control character or a surrogate), which a loop over its (clipped)
 * characters tells in a fraction of what the builtin costs.
 */
function quoted(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** "number 42", "string \"abc\"", "null", "an object", ... */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${quoted(clip(value))}`;
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

/** A value as an enum sentence names it ('auto', 42, null), or a list of them (capped at LIST_MAX). */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return list(value);
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

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
 * Keywords whose sentences could be equal at one pointer share a family; sentences of two
 * families never are (they begin differently: "missing required property", "expected at least
 * N characters", "expected a string matching", ...). Only `type` and `const` ("expected null"),
 * the unions ("expected one of the allowed shapes") and an unknown property or tag ("unknown
 * property 'x'", where the tag is named `property`) can say the same thing.
 */
export function familyOf(keyword: string): string {
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
 * What a required property's name becomes in an issue: its pointer segment (with its '/'), and its sentence,
 * made once per name. The names are the schemas' own (a bounded set), so they are kept, up to
 * a bound in case a caller feeds other errors in.
 */
export type RequiredText = {
  segment: string;
  message: string;
  /** The last issue pointer made from it (`path` + segment), kept for the next one at the same path (keyedIssues). */
  path: string | undefined;
  pointer: string;
  /** The keyedIssues call that last reported this name (a name reported once in a call has no duplicate); -1 for a text not kept. */
  call: number;
};
/** A dictionary without prototype: read by the property cache V8 keeps for string keys, faster than a Map's hashing here. */
const requiredTexts = Object.create(null) as Record<string, RequiredText | undefined>;
let requiredCount = 0;
const REQUIRED_TEXTS = 10_000;

export function requiredText(name: string): RequiredText {
  let t = requiredTexts[name];
  if (t === undefined) {
    const segment = `/${esc(name)}`;
    t = { segment, message: `missing required property '${name}'`, path: undefined, pointer: segment, call: -1 };
    if (requiredCount < REQUIRED_TEXTS) {
      requiredTexts[name] = t;
      requiredCount++;
      t.call = 0;
    }
  }
  return t;
}

/** The sentence of an unknown property. */
export const unknownPropertyText = (name: string) => `unknown property '${clip(name)}'`;

/**
 * The sentence of a finding at `pointer` in `root`. An unknown-tag sentence names the known
 * tags: the last enum finding at that pointer, from `tagIndex` when given, else by a scan of `raw`.
 */
export function sentenceOf(e: RawError, pointer: string, root: unknown, tolerant: boolean, raw: readonly RawError[], tagIndex?: Map<string, unknown[]>): string {
  switch (e.keyword) {
    case 'discriminator': {
      const tag = String(e.params.tag);
      if (e.params.error !== 'mapping') return `expected the tag '${tag}' to be a string, found ${describe(valueAt(root, pointer))}`;
      const known = tagIndex ? tagIndex.get(pointer) : tagEnumIn(raw, pointer);
      return `unknown ${tag} '${clip(String(e.params.tagValue))}'${known ? `; known: ${joined(known)}` : ''}`;
    }
    case 'required':
      return `missing required property '${String(e.params.missingProperty)}'`;
    case 'additionalProperties':
      return unknownPropertyText(String(e.params.additionalProperty));
    default:
      return sentence(e, valueAt(root, pointer), tolerant);
  }
}

/** The allowed values of the tag enum at a pointer: the last enum finding there. */
function tagEnumIn(raw: readonly RawError[], pointer: string): unknown[] | undefined {
  for (let k = raw.length - 1; k >= 0; k--) {
    const e = raw[k];
    if (e.keyword === 'enum' && e.instancePath.length === pointer.length && e.instancePath === pointer) return e.params.allowedValues as unknown[];
  }
  return undefined;
}

/** The allowed values of every enum finding, by pointer (the last wins), for long lists. */
export function tagIndexOf(raw: readonly RawError[]): Map<string, unknown[]> {
  const index = new Map<string, unknown[]>();
  for (const e of raw) if (e.keyword === 'enum') index.set(e.instancePath, e.params.allowedValues as unknown[]);
  return index;
}
