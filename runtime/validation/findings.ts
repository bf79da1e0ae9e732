/**
 * Building the issues of one validation from its raw errors, in time linear
 * in their number:
 *
 * - Two findings are one issue when their pointers and sentences are equal.
 * - Raw errors that are all missing or unknown properties (the common case of
 *   real traffic) are issues at once, duplicates found by name (`keyedIssues`).
 * - Up to FEW raw errors (most deviations of real traffic: a few missing
 *   properties, an unknown tag, a nullable union), `fewIssues` compares every
 *   new issue with the earlier ones, cheap things first (the key added, the
 *   pointer's length, the path, the family), and finds the tag enum and the
 *   unions by scans: no map, closure or chain (hashing a pointer just built
 *   costs V8 a runtime call; ajv's paths are ropes V8 flattens on first read).
 *   Its work is bounded by FEW squared.
 * - Past FEW, `Findings` indexes the issues by pointer, and the filters walk
 *   up each pointer once.
 * - Sentences are made only for what is kept or must be compared.
 * - The tag enum's own finding beside an unknown tag, and a failed union's
 *   "no shape matched" (with its branches' type mismatches at that spot)
 *   where a branch said more below it, are dropped.
 */
import type { Issue, RawError } from './issues.js';
import { esc, parentOf } from './pointers.js';
import { familyOf, requiredText, sentenceOf, tagIndexOf, unknownPropertyText, type RequiredText } from './sentences.js';
import { collapseUnions } from './unions.js';
import { issueWork } from './work.js';

/** Same family of sentence (see familyOf): the same keyword, mostly. */
const sameFamily = (a: string, b: string) => a === b || familyOf(a) === familyOf(b);

const isUnion = (keyword: string) => keyword === 'anyOf' || keyword === 'oneOf';

/** The key an issue's pointer adds to its error's instancePath, if any. */
function suffixOf(e: RawError): string | undefined {
  const p = e.params;
  switch (e.keyword) {
    case 'discriminator':
      return typeof p.tag === 'string' ? p.tag : String(p.tag);
    case 'required':
      return typeof p.missingProperty === 'string' ? p.missingProperty : String(p.missingProperty);
    case 'additionalProperties':
      return typeof p.additionalProperty === 'string' ? p.additionalProperty : String(p.additionalProperty);
    default:
      return undefined;
  }
}

/** Where a finding points: its instance path, and the property or tag it names (`suffixOf`). */
function pointerOf(e: RawError, key: string | undefined): string {
  if (e.keyword === 'required') return e.instancePath + requiredText(key!).segment;
  return key === undefined ? e.instancePath : `${e.instancePath}/${esc(key)}`;
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
 * Which union pointers have an issue strictly below them. An issue's pointer is its error's path
 * plus at most one key, so it lies strictly below a union's pointer when that path is the
 * union's or lies below it: only the paths are read (ajv shares one path among the findings at
 * one spot). With many unions, each issue's ancestors are walked up once, only as far as a
 * union pointer can be, and never twice through the same one.
 */
function unionsWithMore(issues: Issue[], from: RawError[], keys: Array<string | undefined>, unions: string[]): (pointer: string) => boolean {
  if (unions.length <= 4) {
    const more: string[] = [];
    for (let j = 0; j < issues.length; j++) {
      const path = from[j].instancePath;
      const keyed = keys[j] !== undefined;
      for (const u of unions) {
        issueWork.steps++;
        if (path.length < u.length) continue;
        if (keyed ? path === u || strictlyBelow(path, u) : strictlyBelow(path, u)) more.push(u);
      }
    }
    return (pointer) => more.length > 0 && more.some((u) => u.length === pointer.length && u === pointer);
  }
  const isUnionAt = new Set(unions);
  const more = new Set<string>();
  let shortest = Infinity;
  for (const u of unions) shortest = Math.min(shortest, u.length);
  const walked = new Set<string>();
  for (let j = 0; j < issues.length; j++) {
    const path = from[j].instancePath;
    for (let a = keys[j] !== undefined ? path : parentOf(path); a !== undefined && a.length >= shortest && !walked.has(a); a = parentOf(a)) {
      issueWork.steps++;
      walked.add(a);
      if (isUnionAt.has(a)) more.add(a);
    }
  }
  return (pointer) => more.has(pointer);
}

/** Up to how many raw errors `fewIssues` builds the issues directly. */
export const FEW = 32;

/**
 * The issues of raw errors that are all missing or unknown properties (what most deviations of
 * real traffic are: a provider leaves out what it does not use, adds what the spec lacks), or
 * undefined when another keyword is among them. Nothing to filter and no sentence to compare:
 * two such findings are one issue when they have the same keyword, name and path.
 */
export function keyedIssues(raw: readonly RawError[]): Issue[] | undefined {
  // A nullable union (`anyOf: [X, {type: 'null'}]`) whose X failed only so reports its null
  // branch's `type` and its own `anyOf` right after: noise, once a keyed finding lies below it.
  let nullable: string[] | undefined;
  for (let r = 0; r < raw.length; r++) {
    const e = raw[r];
    const k = e.keyword;
    if (k === 'required' || k === 'additionalProperties') continue;
    if (isNullablePair(raw, r)) {
      (nullable ??= []).push(e.instancePath);
      r++;
      continue;
    }
    return undefined;
  }
  if (nullable) {
    for (const at of nullable) if (!keyedBelow(raw, at)) return undefined;
  }
  const issues: Issue[] = [];
  call++;
  // Beside each raw error: the name it reports ('' for a nullable union's two), in a buffer kept
  // between calls (this runs to its end without calling out), so no array is made per validation.
  const names = KEYED_NAMES;
  next: for (let r = 0; r < raw.length; r++) {
    const e = raw[r];
    const keyword = e.keyword;
    if (keyword === 'type' || keyword === 'anyOf') {
      names[r] = '';
      continue;
    }
    const required = keyword === 'required';
    const p = e.params;
    const name = required ? p.missingProperty : p.additionalProperty;
    const key = typeof name === 'string' ? name : String(name);
    names[r] = key;
    // A missing name reported a second time in this call is the only one that can be a duplicate:
    // its text (one per name) remembers the call that last used it.
    const t = required ? requiredText(key) : undefined;
    if (t !== undefined && t.call !== -1) {
      const seen = t.call === call;
      t.call = call;
      if (!seen) {
        issues.push({ pointer: pointerAt(t, e.instancePath), keyword: 'required', message: t.message });
        continue;
      }
    }
    for (let j = 0; j < r; j++) {
      // Names are the schemas' own (one string each), so the first test rejects almost every pair.
      if (names[j] !== key) continue;
      const o = raw[j];
      if (o.keyword === keyword && samePath(o.instancePath, e.instancePath)) {
        names[r] = '';
        continue next;
      }
    }
    if (t !== undefined) issues.push({ pointer: pointerAt(t, e.instancePath), keyword: 'required', message: t.message });
    else issues.push({ pointer: `${e.instancePath}/${esc(key)}`, keyword: 'additionalProperties', message: unknownPropertyText(key) });
  }
  return issues;
}

/**
 * Whether raw[r] and raw[r + 1] are what a nullable union (`anyOf: [X, {type: 'null'}]`) whose X
 * failed reports at its own pointer: the null branch's `type`, then the union's `anyOf`.
 */
function isNullablePair(raw: readonly RawError[], r: number): boolean {
  const e = raw[r];
  const next = raw[r + 1];
  return e.keyword === 'type' && e.params.type === 'null' && next !== undefined && next.keyword === 'anyOf' && samePath(next.instancePath, e.instancePath);
}

/** Counts keyedIssues' calls (see RequiredText's `call`). */
let call = 0;

/**
 * A missing name's pointer at `path`. A name goes missing at the same path validation after
 * validation (the same string, mostly): the pointer made last time is reused, not concatenated again.
 */
function pointerAt(t: RequiredText, path: string): string {
  if (t.path === path) return t.pointer;
  t.path = path;
  return (t.pointer = path + t.segment);
}

/** keyedIssues' names by raw error (it runs for at most FEW raw errors). */
const KEYED_NAMES: string[] = new Array<string>(FEW).fill('');

/** Whether a missing or unknown property's finding lies strictly below `at` (its path is `at` or below it). */
function keyedBelow(raw: readonly RawError[], at: string): boolean {
  for (let r = 0; r < raw.length; r++) {
    const e = raw[r];
    if (e.keyword !== 'required' && e.keyword !== 'additionalProperties') continue;
    const path = e.instancePath;
    if (path.length >= at.length && (samePath(path, at) || strictlyBelow(path, at))) return true;
  }
  return false;
}

/**
 * `raw` without the findings of its nullable unions (`anyOf: [X, {type: 'null'}]` whose X failed:
 * the null branch's `type` and the union's `anyOf`, one right after the other), when that is all
 * the filters below would drop: each such union has another finding strictly below it, no other
 * finding is at a union's pointer, and no other finding is a union or a tag's. Otherwise undefined.
 * Then the issues of what is left need no filter (an enum deep inside a nullable object, the
 * usual case, is one issue built directly).
 */
function withoutNullableNoise(raw: readonly RawError[]): RawError[] | undefined {
  let unions: string[] | undefined;
  for (let r = 0; r < raw.length; r++) {
    const e = raw[r];
    const k = e.keyword;
    if (isUnion(k) || k === 'discriminator') return undefined;
    if (isNullablePair(raw, r)) {
      (unions ??= []).push(e.instancePath);
      r++;
    }
  }
  if (!unions) return undefined;
  const rest: RawError[] = [];
  for (let r = 0; r < raw.length; r++) {
    if (isNullablePair(raw, r)) r++;
    else rest.push(raw[r]);
  }
  for (const at of unions) {
    let below = false;
    for (const e of rest) {
      const key = suffixOf(e);
      const path = e.instancePath;
      if (samePath(pointerOf(e, key), at)) return undefined;
      if (!below && path.length >= at.length && (key !== undefined ? samePath(path, at) || strictlyBelow(path, at) : strictlyBelow(path, at))) below = true;
    }
    if (!below) return undefined;
  }
  return rest;
}

/** The heads of fewIssues' chains by pointer length, reused (fewIssues runs to its end without calling out). */
const LAST_OF_LENGTH = new Int32Array(32);

/**
 * The issues of at most FEW raw errors that are not all missing or unknown properties (keyedIssues
 * had no answer), built directly: every earlier issue is checked for a duplicate, with no index,
 * chain or closure. The same rules as Findings, which takes over past FEW.
 */
export function fewIssues(all: readonly RawError[], root: unknown, tolerant: boolean): Issue[] {
  return builtIssues(withoutNullableNoise(all) ?? all, root, tolerant);
}

/** fewIssues past its shortcuts. */
function builtIssues(raw: readonly RawError[], root: unknown, tolerant: boolean): Issue[] {
  // An unknown tag alone (an event type the spec does not know): the tag enum's finding is its noise.
  if (raw.length === 2 && raw[0].keyword === 'enum' && raw[1].keyword === 'discriminator' && raw[1].params.error === 'mapping') {
    const pointer = pointerOf(raw[1], suffixOf(raw[1]));
    if (samePath(raw[0].instancePath, pointer)) return [{ pointer, keyword: 'discriminator', message: sentenceOf(raw[1], pointer, root, tolerant, raw) }];
  }
  const issues: Issue[] = [];
  const from: RawError[] = [];
  const keys: Array<string | undefined> = [];
  // Candidates for a duplicate have a pointer of the same length: chains by length modulo 32 (the
  // last issue of each, and beside each issue the previous one of its chain), so no string is hashed.
  const lastOfLength = LAST_OF_LENGTH.fill(-1);
  const previous: number[] = [];
  let filter = false;
  let unsaid = false;
  next: for (let r = 0; r < raw.length; r++) {
    const e = raw[r];
    const keyword = e.keyword;
    if (keyword === 'if') continue;
    const key = suffixOf(e);
    const pointer = pointerOf(e, key);
    const length = pointer.length;
    let text = keyword === 'required' ? requiredText(key!).message : '';
    const first = lastOfLength[length & 31];
    for (let j = first; j >= 0; j = previous[j]) {
      if (keys[j] !== key || issues[j].pointer.length !== length) continue;
      const other = from[j];
      if (!samePath(other.instancePath, e.instancePath) || !sameFamily(other.keyword, keyword)) continue;
      text ||= sentenceOf(e, pointer, root, tolerant, raw);
      if (said(issues[j], other, root, tolerant, raw) === text) continue next;
    }
    lastOfLength[length & 31] = issues.length;
    previous.push(first);
    issues.push({ pointer, keyword, message: text });
    from.push(e);
    keys.push(key);
    if (text === '') unsaid = true;
    if ((keyword === 'discriminator' && e.params.error === 'mapping') || isUnion(keyword)) filter = true;
  }
  if (!filter) {
    if (unsaid) for (let j = 0; j < issues.length; j++) said(issues[j], from[j], root, tolerant, raw);
    return issues;
  }
  // The tag enum's finding beside an unknown tag; a failed union, and the type mismatches at its
  // spot, where something more is said below it.
  const kept: Issue[] = [];
  const keptFrom: RawError[] = [];
  let unions = false;
  for (let j = 0; j < issues.length; j++) {
    const { keyword, pointer } = issues[j];
    if (keyword === 'enum' || keyword === 'type' || isUnion(keyword)) {
      let noise = false;
      for (let t = 0; t < issues.length && !noise; t++) {
        const o = issues[t];
        if (o.pointer.length !== pointer.length || o.pointer !== pointer) continue;
        if (keyword === 'enum') noise = o.keyword === 'discriminator' && from[t].params.error === 'mapping';
        else if (isUnion(o.keyword)) noise = hasBelow(from, keys, from[t].instancePath);
      }
      if (noise) continue;
      if (isUnion(keyword)) unions = true;
    }
    said(issues[j], from[j], root, tolerant, raw);
    kept.push(issues[j]);
    keptFrom.push(from[j]);
  }
  return unions ? collapseUnions(kept, keptFrom, root, tolerant) : kept;
}

/** Whether a finding lies strictly below `at`: its path is `at` with a key added, or lies below it. */
function hasBelow(from: RawError[], keys: Array<string | undefined>, at: string): boolean {
  for (let j = 0; j < from.length; j++) {
    const path = from[j].instancePath;
    if (path.length < at.length) continue;
    if (keys[j] !== undefined ? path === at || strictlyBelow(path, at) : strictlyBelow(path, at)) return true;
  }
  return false;
}

/** An issue's sentence, made on first need. */
function said(issue: Issue, e: RawError, root: unknown, tolerant: boolean, raw: readonly RawError[], tagIndex?: Map<string, unknown[]>): string {
  return issue.message || (issue.message = sentenceOf(e, issue.pointer, root, tolerant, raw, tagIndex));
}

/** The issues of more than FEW raw errors: candidates for a duplicate come from a map by pointer. */
export class Findings {
  /** The issues kept so far. */
  private readonly issues: Issue[] = [];
  /** Beside each issue: its raw error, and the key its pointer adds to the error's path. */
  private readonly from: RawError[] = [];
  private readonly keys: Array<string | undefined> = [];
  /** Beside each issue: the previous issue with the same pointer, or -1; `byPointer` has the last of each. */
  private readonly prev: number[] = [];
  private readonly byPointer = new Map<string, number>();
  /** The tag enums by pointer, made on first need. */
  private tagEnums: Map<string, unknown[]> | undefined;
  private unknownTags: number[] | undefined;
  private unions = false;
  private unsaid = false;

  constructor(
    private readonly raw: readonly RawError[],
    private readonly root: unknown,
    private readonly tolerant: boolean,
  ) {}

  add(e: RawError): void {
    const keyword = e.keyword;
    if (keyword === 'if') return;
    const key = suffixOf(e);
    const pointer = pointerOf(e, key);
    let text = keyword === 'required' ? requiredText(key!).message : '';
    const { issues, from, keys, byPointer, prev } = this;
    // The same pointer and message twice is one issue: the candidates are the earlier issues at that pointer.
    issueWork.steps++;
    const first = byPointer.get(pointer) ?? -1;
    for (let j = first; j >= 0; j = prev[j]) {
      issueWork.steps++;
      if (!sameFamily(from[j].keyword, keyword)) continue;
      text ||= sentenceOf(e, pointer, this.root, this.tolerant, this.raw, this.tagIndex());
      if (this.message(j) === text) return;
    }
    const k = issues.length;
    issues.push({ pointer, keyword, message: text });
    from.push(e);
    keys.push(key);
    prev.push(first);
    byPointer.set(pointer, k);
    if (text === '') this.unsaid = true;
    if (keyword === 'discriminator') {
      if (e.params.error === 'mapping') (this.unknownTags ??= []).push(k);
    } else if (isUnion(keyword)) this.unions = true;
  }

  /** The issues, with the noise dropped and every sentence made. */
  result(): Issue[] {
    const { issues, unknownTags } = this;
    if (!unknownTags && !this.unions) {
      if (this.unsaid) for (let j = 0; j < issues.length; j++) this.message(j);
      return issues;
    }
    const tagAt = unknownTags && new Set(unknownTags.map((j) => issues[j].pointer));
    let noise: ((pointer: string) => boolean) | undefined;
    if (this.unions) {
      const unionPointers: string[] = [];
      for (const i of issues) if (isUnion(i.keyword)) unionPointers.push(i.pointer);
      noise = unionsWithMore(issues, this.from, this.keys, unionPointers);
    }
    const kept: Issue[] = [];
    const keptFrom: RawError[] = [];
    for (let j = 0; j < issues.length; j++) {
      const { keyword, pointer } = issues[j];
      if (keyword === 'enum' && tagAt?.has(pointer)) continue;
      if ((isUnion(keyword) || keyword === 'type') && noise?.(pointer)) continue;
      this.message(j);
      kept.push(issues[j]);
      keptFrom.push(this.from[j]);
    }
    return this.unions ? collapseUnions(kept, keptFrom, this.root, this.tolerant) : kept;
  }

  private message(j: number): string {
    return said(this.issues[j], this.from[j], this.root, this.tolerant, this.raw, this.tagIndex());
  }

  private tagIndex(): Map<string, unknown[]> {
    return (this.tagEnums ??= tagIndexOf(this.raw));
  }
}

/**
 * Equal paths, told apart by length and then by last character before they are compared whole:
 * the items of one array (five annotations each missing one name) have paths of one length that
 * differ at the end, and comparing two such strings whole costs V8 far more than reading a
 * character of each (once flat, a rope reads in place). The same string twice (ajv shares one among
 * the findings at one spot) passes all three at once.
 */
function samePath(p: string, q: string): boolean {
  const n = p.length;
  return n === q.length && (n === 0 || p.charCodeAt(n - 1) === q.charCodeAt(n - 1)) && p === q;
}
