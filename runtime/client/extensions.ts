/**
 * Implementor extensions in requests: a client built from a spec that does
 * not list an implementor's types (`acme:web_lookup`) still sends them.
 * Received values go through tolerant validation, where an unknown tag is a
 * warning (runtime/validation/namespaced.ts); this module is for the strict
 * check of requests.
 */
import type { Issue } from '../validation/issues.js';
import { withinExtension } from '../validation/namespaced.js';

export { isNamespacedType } from '../validation/namespaced.js';

/**
 * The strict findings on a request body that stop it: everything except an
 * unknown top-level key (a provider-specific parameter, passed through on
 * purpose) and what lies inside a namespaced extension value.
 */
export function requestErrors(body: unknown, errors: readonly Issue[]): Issue[] {
  return errors.filter((e) => !(e.keyword === 'additionalProperties' && e.pointer.lastIndexOf('/') === 0) && !withinExtension(body, e.pointer));
}
