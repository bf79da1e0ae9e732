/**
 * What the strict request check found, as the error a caller can act on. A
 * top-level key the flavor's spec does not know is a typo or a provider
 * extra: `UnknownParameterError` names it, the provider and the nearest
 * known parameter, and points at `extra_body` (the escape hatch, merged after
 * this check). Anything else is a `SpecValidationError` with pointers.
 */
import { ConfigurationError } from '../core/errors.js';
import { SpecValidationError } from '../validation/spec-error.js';
import type { Issue } from '../validation/issues.js';
import { boundedIssues } from './boundary.js';
import { CALL_KEYS, WIRE_PARAMS } from './params.js';

/** A top-level request key the provider's spec does not have; send provider extras through `extra_body`. */
export class UnknownParameterError extends ConfigurationError {
  constructor(
    provider: string,
    /** The unknown keys, as written. */
    readonly parameters: readonly string[],
    /** The schema the request was checked against (`CreateResponse`, `CreateResponseBody`). */
    readonly schema: string,
  ) {
    const list = parameters.map((p) => `'${p}'`).join(', ');
    const near = parameters.map((p) => nearest(p)).filter((n): n is string => n !== undefined);
    super(
      `${provider}: unknown parameter${parameters.length > 1 ? 's' : ''} ${list} (not in ${schema})${near.length ? `; did you mean ${near.join(', ')}?` : ''}; send provider-specific fields in extra_body: { ${parameters[0]}: ... }`,
      { provider, param: parameters[0] },
    );
  }
}

const KNOWN: readonly string[] = [...WIRE_PARAMS, ...CALL_KEYS];

/** The known parameter within two edits of `key`, if there is one. */
function nearest(key: string): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of KNOWN) {
    const d = distance(key, k, bestD);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/** Levenshtein distance, giving up (returning `max`) once every path is at least `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) >= max) return max;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) >= max) return max;
    prev = row;
  }
  return Math.min(prev[b.length], max);
}

/** Throws for the errors of a strict request check: unknown top-level keys first, then the rest. */
export function checkRequest(errors: readonly Issue[], provider: string, flavor: string, schema: string, maxIssues: number): void {
  if (errors.length === 0) return;
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties' && e.pointer.lastIndexOf('/') === 0).map((e) => unknownKey(e));
  if (unknown.length > 0) throw new UnknownParameterError(provider, unknown, `the ${flavor} ${schema}`);
  throw new SpecValidationError(schema, boundedIssues([...errors], maxIssues), 'the request');
}

/** The unknown key an additionalProperties issue is about. */
function unknownKey(e: Issue): string {
  return e.pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
}
