/**
 * Building the issues of one validation from its raw errors, in time linear
 * in their number:
 *
 * - Two findings are one issue when their pointers and sentences are equal.
 *   Up to SCAN findings, the candidates are those whose pointers have the
 *   same length (a bit per length says when there are none; else a scan back
 *   finds the last, and each chains to the one before), checked cheap things
 *   first (the key added, the same path object, the family); past SCAN they
 *   come from a map by pointer. ajv's paths are ropes that V8 flattens on
 *   first read, and hashing a pointer just built costs a runtime call.
 * - Sentences are made only for what is kept or must be compared.
 * - The tag enum's own finding beside an unknown tag, and a failed union's
 *   "no shape matched" (with its branches' type mismatches at that spot)
 *   where a branch said more below it, are dropped.
 */
import type { Issue, RawError } from './issues.js';
import { esc, parentOf } from './pointers.js';
import { familyOf, requiredText, sentenceOf } from './sentences.js';
import { issueWork } from './work.js';

/**
 * How many issues are compared one by one (key and length first) before they are indexed by
 * pointer: hashing a pointer just built costs V8 more than a short scan (about 250 ns).
 */
const SCAN = 32;

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

export class Findings {
  /** The issues kept so far. */
  private readonly issues: Issue[] = [];
  /** Beside each issue: its raw error, and the key its pointer adds to the error's path. */
  private readonly from: RawError[] = [];
  private readonly keys: Array<string | undefined> = [];
  /**
   * Beside each issue: the previous issue whose pointer has the same length (up to SCAN issues),
   * or the same pointer (past SCAN, when `byPointer` indexes the last issue of each), or -1.
   */
  private readonly prev: number[] = [];
  private byPointer: Map<string, number> | undefined;
  private tagEnums: Map<string, unknown[]> | undefined;
  private unknownTags: number[] | undefined;
  private unions = false;
  private unsaid = false;
  /** A bit per pointer length (modulo 32) among the issues so far: most new ones share no length, and skip the scan. */
  private lengths = 0;

  constructor(
    private readonly raw: readonly RawError[],
    private readonly root: unknown,
    private readonly tolerant: boolean,
  ) {}

  add(e: RawError): void {
    const keyword = e.keyword;
    if (keyword === 'if') return;
    let pointer = e.instancePath;
    let text = '';
    const key = suffixOf(e);
    if (keyword === 'required') {
      const t = requiredText(key!);
      pointer = `${pointer}/${t.segment}`;
      text = t.message;
    } else if (key !== undefined) pointer = `${pointer}/${esc(key)}`;
    const { issues, from, keys } = this;
    // The same pointer and message twice is one issue. The candidates: the earlier issues whose
    // pointers have the same length, then (past SCAN) those at the same pointer. The key the pointer
    // adds is compared first (within a family it is of one kind), then the path, then the family.
    const { byPointer, prev } = this;
    const n = pointer.length;
    let first = -1;
    if (byPointer) first = byPointer.get(pointer) ?? -1;
    else {
      const bit = 1 << (n & 31);
      if (this.lengths & bit) {
        let j = issues.length - 1;
        while (j >= 0 && issues[j].pointer.length !== n) j--;
        issueWork.steps += issues.length - j;
        first = j;
      }
      this.lengths |= bit;
    }
    for (let j = first; j >= 0; j = prev[j]) {
      issueWork.steps++;
      const other = from[j];
      if (!byPointer && (keys[j] !== key || !samePath(other.instancePath, e.instancePath))) continue;
      if (!sameFamily(other.keyword, keyword)) continue;
      text ||= this.sentence(e, pointer);
      if (this.message(j) === text) return;
    }
    const k = issues.length;
    issues.push({ pointer, keyword, message: text });
    from.push(e);
    keys.push(key);
    if (text === '') this.unsaid = true;
    if (keyword === 'discriminator') {
      if (e.params.error === 'mapping') (this.unknownTags ??= []).push(k);
    } else if (isUnion(keyword)) this.unions = true;
    prev.push(first);
    if (byPointer) byPointer.set(pointer, k);
    else if (issues.length > SCAN) {
      // Rechain by pointer: the chains by length may be long (many siblings of one length).
      const index = (this.byPointer = new Map<string, number>());
      for (let j = 0; j < issues.length; j++) {
        const p = issues[j].pointer;
        prev[j] = index.get(p) ?? -1;
        index.set(p, j);
      }
    }
  }

  /** The issues, with the noise dropped and every sentence made. */
  result(): Issue[] {
    const { issues, unknownTags } = this;
    if (!unknownTags && !this.unions) {
      if (this.unsaid) for (let j = 0; j < issues.length; j++) this.message(j);
      return issues;
    }
    let tagAt: Set<string> | undefined;
    if (unknownTags && unknownTags.length > 4) tagAt = new Set(unknownTags.map((j) => issues[j].pointer));
    let noise: ((pointer: string) => boolean) | undefined;
    if (this.unions) {
      const unionPointers: string[] = [];
      for (const i of issues) if (isUnion(i.keyword)) unionPointers.push(i.pointer);
      noise = unionsWithMore(issues, this.from, this.keys, unionPointers);
    }
    const kept: Issue[] = [];
    for (let j = 0; j < issues.length; j++) {
      const { keyword, pointer } = issues[j];
      if (keyword === 'enum' && unknownTags && (tagAt ? tagAt.has(pointer) : unknownTags.some((t) => issues[t].pointer.length === pointer.length && issues[t].pointer === pointer))) continue;
      if ((isUnion(keyword) || keyword === 'type') && noise?.(pointer)) continue;
      this.message(j);
      kept.push(issues[j]);
    }
    return kept;
  }

  private message(j: number): string {
    const issue = this.issues[j];
    return issue.message || (issue.message = this.sentence(this.from[j], issue.pointer));
  }

  private sentence(e: RawError, pointer: string): string {
    return sentenceOf(e, pointer, this.root, this.tolerant, (p) => this.tagEnum(p));
  }

  /** The allowed values of the tag enum at a pointer: the last enum finding there (a scan back over a few findings, a map over many). */
  private tagEnum(pointer: string): unknown[] | undefined {
    const raw = this.raw;
    if (raw.length <= SCAN) {
      for (let k = raw.length - 1; k >= 0; k--) {
        const e = raw[k];
        if (e.keyword === 'enum' && e.instancePath.length === pointer.length && e.instancePath === pointer) return e.params.allowedValues as unknown[];
      }
      return undefined;
    }
    if (!this.tagEnums) {
      this.tagEnums = new Map();
      for (const e of raw) if (e.keyword === 'enum') this.tagEnums.set(e.instancePath, e.params.allowedValues as unknown[]);
    }
    return this.tagEnums.get(pointer);
  }
}

/** Equal paths: often the very same string (ajv shares one among the findings at one spot), else compared once their lengths agree. */
const samePath = (p: string, q: string) => p === q || (p.length === q.length && p === q);
