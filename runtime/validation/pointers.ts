/**
 * JSON pointers into a validated value: escaping a key, reading the value at
 * a pointer, a pointer's parent, and "is this one at or below one of those?"
 * answered in time linear in the pointers, whatever their number: each
 * ancestor pointer is visited once, not once per pair.
 */
import { issueWork } from './work.js';

/** A key as a pointer segment (`~` as `~0`, `/` as `~1`). */
export function esc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 126 || c === 47) return s.replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return s;
}

const unesc = (s: string): string => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s);

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The value at `pointer` in `root` (own properties only), or undefined. Each segment is matched
 * in place against the keys of the object it names (or read as an index), so no substring is
 * made: a fresh key string costs V8 a string-table lookup at every read by it. What that cannot
 * find (an escaped segment, a key for-in does not list) is read by a key cut from the pointer.
 */
export function valueAt(root: unknown, pointer: string): unknown {
  if (remembering) {
    if (root === lastRoot && pointer === lastPointer) return lastValue;
    lastRoot = root;
    lastPointer = pointer;
    return (lastValue = walk(root, pointer));
  }
  return walk(root, pointer);
}

/**
 * Whether valueAt keeps the last value it found: the verdict and the sentence of one finding read
 * the same spot, by the same pointer. Only within one validation (the value cannot change there),
 * which `rememberValues(false)` ends, forgetting what it held.
 */
let remembering = false;
const NOTHING = {};
let lastRoot: unknown = NOTHING;
let lastPointer = '';
let lastValue: unknown;

export function rememberValues(on: boolean): void {
  remembering = on;
  lastRoot = NOTHING;
  lastValue = undefined;
  lastPointer = '';
}

function walk(root: unknown, pointer: string): unknown {
  let node = root;
  let from = 1;
  while (from <= pointer.length) {
    if (node === null || typeof node !== 'object') return undefined;
    let to = pointer.indexOf('/', from);
    if (to === -1) to = pointer.length;
    node = Array.isArray(node) ? itemAt(node, pointer, from, to) : propertyAt(node as Record<string, unknown>, pointer, from, to);
    from = to + 1;
  }
  return node;
}

/** The item a segment names, when it is an index written plainly ('0', '17'); otherwise as any key. */
function itemAt(list: unknown[], pointer: string, from: number, to: number): unknown {
  const length = to - from;
  if (length === 0 || length > 9 || (length > 1 && pointer.charCodeAt(from) === 48)) return keyAt(list, pointer, from, to);
  let index = 0;
  for (let i = from; i < to; i++) {
    const d = pointer.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return keyAt(list, pointer, from, to);
    index = index * 10 + d;
  }
  return hasOwn.call(list, index) ? list[index] : undefined;
}

/** How many keys of an object propertyAt compares before it cuts the key instead (a large map). */
const KEYS_SCANNED = 64;

/**
 * The own property a segment names: the key among the object's first KEYS_SCANNED enumerable ones
 * equal to it, read in place. An escaped segment (`~0`, `~1`) is left to keyAt.
 */
function propertyAt(node: Record<string, unknown>, pointer: string, from: number, to: number): unknown {
  const length = to - from;
  let scanned = 0;
  keys: for (const key in node) {
    if (++scanned > KEYS_SCANNED) break;
    if (key.length !== length) continue;
    for (let i = 0; i < length; i++) {
      const c = key.charCodeAt(i);
      if (c !== pointer.charCodeAt(from + i)) continue keys;
      if (c === 126) break keys;
    }
    if (hasOwn.call(node, key)) return node[key];
    break;
  }
  return keyAt(node, pointer, from, to);
}

/** A property by a key cut from the pointer (unescaped), own properties only. */
function keyAt(node: object, pointer: string, from: number, to: number): unknown {
  const key = unesc(pointer.slice(from, to));
  return hasOwn.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

/** The pointer one level up ('' for a top-level key), or undefined for the root itself. */
export const parentOf = (pointer: string): string | undefined => (pointer === '' ? undefined : pointer.slice(0, pointer.lastIndexOf('/')));

/** True when `pointer` is `prefix` or below it. */
export function within(pointer: string, prefix: string): boolean {
  return pointer === prefix || (pointer.startsWith(prefix) && pointer.charCodeAt(prefix.length) === 47);
}

/**
 * A test "is this pointer at or below one of `prefixes`?", remembering the answer for every
 * pointer it walks through, so many questions about one subtree cost one walk up it.
 */
export function coveredBy(prefixes: Iterable<string>): (pointer: string) => boolean {
  const known = new Map<string, boolean>();
  for (const p of prefixes) known.set(p, true);
  return (pointer) => {
    const walked: string[] = [];
    let answer = false;
    for (let a: string | undefined = pointer; a !== undefined; a = parentOf(a)) {
      issueWork.steps++;
      const k = known.get(a);
      if (k !== undefined) {
        answer = k;
        break;
      }
      walked.push(a);
    }
    for (const w of walked) known.set(w, answer);
    return answer;
  };
}
