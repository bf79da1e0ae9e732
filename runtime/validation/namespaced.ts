/**
 * Implementor extensions (the OpenResponses prose, "Extending Open
 * Responses"): item, tool, content and event types a provider adds MUST be
 * prefixed with its slug (`acme:web_lookup`). A spec that does not list
 * them still meets them: what lies inside a value tagged with a namespaced
 * type is not that spec's to judge. Tolerant validation reports such a
 * value once, at its `type` ("unknown type 'acme:web_lookup_call'"), and
 * nothing found inside it; the strict check of a request lets it through
 * (runtime/client/extensions.ts).
 */
import type { Issue, RawError } from './issues.js';
import { valueAt } from './pointers.js';

/** `slug:name`: a slug of letters, digits, `_`, `-` or `.`, a colon, a name without spaces. */
const NAMESPACED = /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s:][^\s]*$/;

/** Whether a type tag is an implementor's extension type (`acme:web_lookup`). */
export function isNamespacedType(tag: unknown): tag is string {
  return typeof tag === 'string' && tag.indexOf(':') > 0 && NAMESPACED.test(tag);
}

/** Whether a value is an object tagged with a namespaced `type` (the colon looked for before the pattern runs). */
function isTagged(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const t = (v as { type?: unknown }).type;
  return typeof t === 'string' && t.indexOf(':') > 0 && NAMESPACED.test(t);
}

const unesc = (s: string): string => (s.indexOf('~') === -1 ? s : s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Where a walk down a pointer ended: the pointer of the first tagged value on the way, or the value reached. */
interface Walk {
  tagged: string | undefined;
  node: unknown;
}

/**
 * Walks `pointer` (up to `end`) from `root`, one segment at a time, read in place: the pointer
 * of the outermost value on the way that is tagged with a namespaced `type` (`root` and the
 * value at the end included), or the value reached.
 */
function walk(root: unknown, pointer: string, end: number): Walk {
  let node = root;
  if (isTagged(node)) return { tagged: '', node };
  for (let from = 1; from <= end; ) {
    if (node === null || typeof node !== 'object') return { tagged: undefined, node: undefined };
    let to = pointer.indexOf('/', from);
    if (to === -1 || to > end) to = end;
    node = (node as Record<string, unknown>)[unesc(pointer.slice(from, to))];
    if (isTagged(node)) return { tagged: pointer.slice(0, to), node };
    from = to + 1;
  }
  return { tagged: undefined, node };
}

/**
 * The pointer of the outermost value on the way to `pointer` in `root` (the
 * value there included) that is tagged with a namespaced `type`, or
 * undefined when there is none.
 */
export function extensionAt(root: unknown, pointer: string): string | undefined {
  return walk(root, pointer, pointer.length).tagged;
}

/** Whether the value at `pointer` in `root`, or a value on the way to it, is tagged with a namespaced `type`. */
export function withinExtension(root: unknown, pointer: string): boolean {
  return extensionAt(root, pointer) !== undefined;
}

/** Where a pointer's last segment begins (its last '/'), found from the end without a runtime call. */
function lastSlash(pointer: string): number {
  let i = pointer.length - 1;
  while (i > 0 && pointer.charCodeAt(i) !== 47) i--;
  return i;
}

/** Whether `other`'s parent is `pointer`'s first `cut` characters (both compared in place, from the end). */
function sameStart(other: string, pointer: string, cut: number): boolean {
  if (other.length <= cut || other.charCodeAt(cut) !== 47 || lastSlash(other) !== cut) return false;
  for (let i = cut - 1; i >= 0; i--) if (other.charCodeAt(i) !== pointer.charCodeAt(i)) return false;
  return true;
}

/**
 * Tolerant warnings with what lies inside a namespaced value left out, but for the one about its
 * `type`. Warnings at one spot share their parent's pointer (nine missing properties of one
 * object), so each parent is walked once: the walk of the previous warning's parent is reused
 * when the next has the same one; a missing property's own value is not looked at (there is none).
 */
export function extensionWarnings(root: unknown, warnings: Issue[]): Issue[] {
  if (warnings.length === 0 || root === null || typeof root !== 'object') return warnings;
  let out: Issue[] | undefined;
  /** The last pointer whose parent was walked (its parent is `above`'s). */
  let parent: string | undefined;
  let above: Walk = { tagged: undefined, node: undefined };
  for (let i = 0; i < warnings.length; i++) {
    const w = warnings[i];
    const pointer = w.pointer;
    let at: string | undefined;
    if (pointer === '') at = isTagged(root) ? '' : undefined;
    else {
      const cut = lastSlash(pointer);
      if (parent === undefined || !sameStart(parent, pointer, cut)) {
        parent = pointer;
        above = walk(root, pointer, cut);
      }
      at = above.tagged;
      if (at === undefined && w.keyword !== 'required') {
        const node = above.node;
        if (node !== null && typeof node === 'object' && isTagged((node as Record<string, unknown>)[unesc(pointer.slice(cut + 1))])) at = pointer;
      }
    }
    const drop = at !== undefined && w.pointer !== `${at}/type`;
    if (drop) out ??= warnings.slice(0, i);
    else out?.push(w);
  }
  return out ?? warnings;
}

/**
 * Whether strict findings can involve a namespaced value: one is an unknown tag that is
 * namespaced, or a `type` outside its enum or const that is. A value tagged `acme:web_lookup`
 * where the spec judges `type` is always reported so; only then are the warnings walked
 * (`extensionWarnings` reads every warning's pointer, which costs more than the findings).
 * Where a spec leaves `type` free (any string), a namespaced value is judged as any other.
 */
export function mayHoldExtension(raw: readonly RawError[] | null | undefined, root: unknown): boolean {
  if (!raw) return false;
  for (let k = 0; k < raw.length; k++) {
    const e = raw[k];
    const keyword = e.keyword;
    if (keyword === 'discriminator') {
      if (isNamespacedType(e.params.tagValue)) return true;
    } else if (keyword === 'enum' || keyword === 'const') {
      // A tag enum's value is the unknown tag reported right after it, read there.
      if (raw[k + 1]?.keyword === 'discriminator') continue;
      if (e.instancePath.endsWith('/type') && isNamespacedType(valueAt(root, e.instancePath))) return true;
    }
  }
  return false;
}
