/**
 * Turns ajv's raw errors into issues a person can act on: a JSON pointer into
 * the value, the failing keyword, and a sentence saying what was expected
 * and what was found. Wrapper errors (`if`, a union's "no branch matched"
 * when a branch said more) are folded away. The work is linear in the
 * number of errors (findings.ts); the sentences are in sentences.ts.
 */
import { FEW, fewIssues, Findings } from './findings.js';

export { within } from './pointers.js';
export { describe } from './sentences.js';

export interface Issue {
  /** JSON pointer into the validated value ('' is the value itself). */
  pointer: string;
  keyword: string;
  message: string;
}

export interface RawError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Issues for the raw errors of one validation of `root` (the tolerant check's when `tolerant`). */
export function toIssues(raw: readonly RawError[] | null | undefined, root: unknown, tolerant = false): Issue[] {
  if (!raw || raw.length === 0) return [];
  if (raw.length <= FEW) return fewIssues(raw, root, tolerant);
  const findings = new Findings(raw, root, tolerant);
  for (let k = 0; k < raw.length; k++) findings.add(raw[k]);
  return findings.result();
}
