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
import type { Issue } from './issues.js';

/** `slug:name`: a slug of letters, digits, `_`, `-` or `.`, a colon, a name without spaces. */
const NAMESPACED = /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s:][^\s]*$/;

/** Whether a type tag is an implementor's extension type (`acme:web_lookup`). */
export function isNamespacedType(tag: unknown): tag is string {
  return typeof tag === 'string' && NAMESPACED.test(tag);
}

const isTagged = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && isNamespacedType((v as { type?: unknown }).type);

/**
 * The pointer of the outermost value on the way to `pointer` in `root` (the
 * value there included) that is tagged with a namespaced `type`, or
 * undefined when there is none.
 */
export function extensionAt(root: unknown, pointer: string): string | undefined {
  let node = root;
  if (isTagged(node)) return '';
  if (pointer === '') return undefined;
  let at = '';
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    at += `/${raw}`;
    if (isTagged(node)) return at;
  }
  return undefined;
}

/** Whether the value at `pointer` in `root`, or a value on the way to it, is tagged with a namespaced `type`. */
export function withinExtension(root: unknown, pointer: string): boolean {
  return extensionAt(root, pointer) !== undefined;
}

/** Tolerant warnings with what lies inside a namespaced value left out, but for the one about its `type`. */
export function extensionWarnings(root: unknown, warnings: Issue[]): Issue[] {
  let out: Issue[] | undefined;
  for (let i = 0; i < warnings.length; i++) {
    const w = warnings[i];
    const at = extensionAt(root, w.pointer);
    const drop = at !== undefined && w.pointer !== `${at}/type`;
    if (drop) out ??= warnings.slice(0, i);
    else out?.push(w);
  }
  return out ?? warnings;
}
