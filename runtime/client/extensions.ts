/**
 * Implementor extensions (the OpenResponses prose, "Extending Open
 * Responses"): item, tool, content and event types a provider adds MUST be
 * prefixed with its slug (`acme:web_lookup`). A client built from a spec
 * that does not list them still sends and receives them: what is found
 * inside a value tagged with a namespaced type is not the standard spec's to
 * judge. Received values go through tolerant validation, where an unknown
 * tag is a warning anyway; this module is for the strict check of requests.
 */
import type { Issue } from '../validation/issues.js';

/** `slug:name`: a slug of letters, digits, `_`, `-` or `.`, a colon, a name without spaces. */
const NAMESPACED = /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s:][^\s]*$/;

/** Whether a type tag is an implementor's extension type (`acme:web_lookup`). */
export function isNamespacedType(tag: unknown): tag is string {
  return typeof tag === 'string' && NAMESPACED.test(tag);
}

/** Whether the value at `pointer` in `root`, or a value on the way to it, is tagged with a namespaced `type`. */
export function withinExtension(root: unknown, pointer: string): boolean {
  let node = root;
  if (isTagged(node)) return true;
  if (pointer === '') return false;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (isTagged(node)) return true;
  }
  return false;
}

const isTagged = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && isNamespacedType((v as { type?: unknown }).type);

/**
 * The strict findings on a request body that stop it: everything except an
 * unknown top-level key (a provider-specific parameter, passed through on
 * purpose) and what lies inside a namespaced extension value.
 */
export function requestErrors(body: unknown, errors: readonly Issue[]): Issue[] {
  return errors.filter((e) => !(e.keyword === 'additionalProperties' && e.pointer.lastIndexOf('/') === 0) && !withinExtension(body, e.pointer));
}
