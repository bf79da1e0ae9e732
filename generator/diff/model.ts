/** What the diff reports: changes, each classified by a named rule. */

export type Severity = 'breaking-response' | 'breaking-request' | 'non-breaking';

export type ChangeKind =
  | 'type-added'
  | 'type-removed'
  | 'property-added'
  | 'property-removed'
  | 'property-required'
  | 'property-optional'
  | 'type-changed'
  | 'enum-values-added'
  | 'enum-values-removed'
  | 'union-members-added'
  | 'union-members-removed'
  | 'operation-added'
  | 'operation-removed'
  | 'path-added'
  | 'path-removed'
  | 'content-type-added'
  | 'content-type-removed';

export interface Change {
  kind: ChangeKind;
  severity: Severity;
  /** The rule that classified it, e.g. `response-property-removed`. */
  rule: string;
  /** Component name, or `METHOD /path` for operation-level changes. */
  subject: string;
  /** Path inside the subject (`/properties/tools`), '' for the subject itself. */
  path: string;
  /** What changed, in a few words (names, values). */
  detail: string;
  old?: unknown;
  new?: unknown;
}

export interface DiffReport {
  old: { name: string; version: string; sha256: string };
  new: { name: string; version: string; sha256: string };
  changes: Change[];
}

/** Where a schema is used: in what clients send, in what they receive, or nowhere. */
export interface Usage {
  request: boolean;
  response: boolean;
}

export const SEVERITY_ORDER: Severity[] = ['breaking-response', 'breaking-request', 'non-breaking'];

export const SEVERITY_TITLE: Record<Severity, string> = {
  'breaking-response': 'Breaking for code that reads responses',
  'breaking-request': 'Breaking for code that builds requests',
  'non-breaking': 'Non-breaking',
};
