/**
 * JSON pointers into a validated value: escaping a key, reading the value at
 * a pointer, and the two questions issue building asks of a set of pointers
 * ("is anything reported below this one?", "is this one at or below one of
 * those?") answered in time linear in the pointers, whatever their number:
 * each ancestor pointer is visited once, not once per pair.
 */
import { issueWork } from './work.js';

/** A key as a pointer segment (`~` as `~0`, `/` as `~1`). */
export const esc = (s: string): string => (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);

const unesc = (s: string): string => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s);

const hasOwn = Object.prototype.hasOwnProperty;

/** The value at `pointer` in `root` (own properties only), or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  let from = 1;
  while (from <= pointer.length) {
    if (node === null || typeof node !== 'object') return undefined;
    let to = pointer.indexOf('/', from);
    if (to === -1) to = pointer.length;
    const key = unesc(pointer.slice(from, to));
    if (!hasOwn.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
    from = to + 1;
  }
  return node;
}

/** The pointer one level up ('' for a top-level key), or undefined for the root itself. */
export const parentOf = (pointer: string): string | undefined => (pointer === '' ? undefined : pointer.slice(0, pointer.lastIndexOf('/')));

/** True when `pointer` is `prefix` or below it. */
export function within(pointer: string, prefix: string): boolean {
  return pointer === prefix || (pointer.startsWith(prefix) && pointer.charCodeAt(prefix.length) === 47);
}

/** Every pointer that has at least one of `pointers` strictly below it. */
export function ancestorsOf(pointers: Iterable<string>): Set<string> {
  const above = new Set<string>();
  for (const p of pointers) {
    for (let a = parentOf(p); a !== undefined && !above.has(a); a = parentOf(a)) {
      issueWork.steps++;
      above.add(a);
    }
  }
  return above;
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

/**
 * A map keyed by pointer that compares a few keys one by one (length first) and hashes only
 * past `SMALL` of them: hashing a pointer just built costs V8 about 250 ns (a flattening and a
 * runtime call), far more than comparing a handful of lengths.
 */
export class PointerMap<V> {
  static readonly SMALL = 16;
  private keys: string[] = [];
  private values: V[] = [];
  private map: Map<string, V> | undefined;

  get(pointer: string): V | undefined {
    if (this.map) return this.map.get(pointer);
    const n = pointer.length;
    for (let i = 0; i < this.keys.length; i++, issueWork.steps++) if (this.keys[i].length === n && this.keys[i] === pointer) return this.values[i];
    return undefined;
  }

  set(pointer: string, value: V): void {
    if (this.map) return void this.map.set(pointer, value);
    const n = pointer.length;
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i].length === n && this.keys[i] === pointer) return void (this.values[i] = value);
    }
    this.keys.push(pointer);
    this.values.push(value);
    if (this.keys.length > PointerMap.SMALL) {
      this.map = new Map();
      for (let i = 0; i < this.keys.length; i++) this.map.set(this.keys[i], this.values[i]);
    }
  }
}
