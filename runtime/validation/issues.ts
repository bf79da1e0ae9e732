/**
 * Turns ajv's raw errors into issues a person can act on: a JSON pointer into
 * the value, the failing keyword, and a sentence saying what was expected
 * and what was found. Wrapper errors (`if`, a union's "no branch matched"
 * when a branch said more) are folded away. The work is linear in the
 * number of errors (findings.ts); the sentences are in sentences.ts.
 */
import { FEW, fewIssues, Findings, keyedIssues } from './findings.js';

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
  return missingOrUnknownIssues(raw) ?? otherIssues(raw, root, tolerant);
}

/**
 * The issues of raw errors that are all missing or unknown properties (with the nullable unions
 * they alone made fail), up to FEW of them, or undefined otherwise: what most deviations of real
 * traffic are, built in one pass. Tolerant mode only warns about each of them, so a strict
 * failure with such issues is a tolerant pass.
 */
export function missingOrUnknownIssues(raw: readonly RawError[] | null | undefined): Issue[] | undefined {
  return raw && raw.length > 0 && raw.length <= FEW ? keyedIssues(raw) : undefined;
}

/** toIssues for raw errors that missingOrUnknownIssues had no answer for. */
export function otherIssues(raw: readonly RawError[] | null | undefined, root: unknown, tolerant = false): Issue[] {
  if (!raw || raw.length === 0) return [];
  if (raw.length <= FEW) return fewIssues(raw, root, tolerant);
  const findings = new Findings(raw, root, tolerant);
  for (let k = 0; k < raw.length; k++) findings.add(raw[k]);
  return findings.result();
}
