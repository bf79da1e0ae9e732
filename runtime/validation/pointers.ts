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
