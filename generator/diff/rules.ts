/**
 * The classification rules. Each raw change is classified once per side its
 * schema is used on (request, response), by a named rule; unreferenced
 * schemas are never breaking. Added/removed and required/optional rules come
 * in mirrored pairs, so diff(A, B) and diff(B, A) agree.
 */
import type { ChangeKind, Severity } from './model.js';

export type Side = 'request' | 'response' | 'unreferenced';

export interface RawChange {
  kind: ChangeKind;
  path: string;
  detail: string;
  old?: unknown;
  new?: unknown;
  /** For property-added/removed: whether the property is required where it exists. */
  required?: boolean;
  /** For type-changed: which way the set of allowed types moved. */
  direction?: 'widened' | 'narrowed' | 'changed';
}

const B_RES: Severity = 'breaking-response';
const B_REQ: Severity = 'breaking-request';
const OK: Severity = 'non-breaking';

export function classify(c: RawChange, side: Side): { severity: Severity; rule: string } {
  if (c.kind === 'type-added') return { severity: OK, rule: 'new-type' };
  if (side === 'unreferenced') return { severity: OK, rule: 'unreferenced-schema' };
  const res = side === 'response';
  switch (c.kind) {
    case 'type-removed':
      return res ? { severity: B_RES, rule: 'response-type-removed' } : { severity: B_REQ, rule: 'request-type-removed' };
    case 'property-added':
      if (res) return { severity: OK, rule: 'new-response-property' };
      return c.required ? { severity: B_REQ, rule: 'request-property-added-required' } : { severity: OK, rule: 'new-optional-property' };
    case 'property-removed':
      // Builders that set it now send an unknown property.
      return res ? { severity: B_RES, rule: 'response-property-removed' } : { severity: B_REQ, rule: 'request-property-removed' };
    case 'property-required':
      return res ? { severity: OK, rule: 'response-property-became-required' } : { severity: B_REQ, rule: 'request-property-became-required' };
    case 'property-optional':
      return res ? { severity: B_RES, rule: 'response-property-became-optional' } : { severity: OK, rule: 'request-property-became-optional' };
    case 'type-changed':
      if (c.direction === 'widened') return res ? { severity: B_RES, rule: 'response-type-widened' } : { severity: OK, rule: 'request-type-widened' };
      if (c.direction === 'narrowed') return res ? { severity: OK, rule: 'response-type-narrowed' } : { severity: B_REQ, rule: 'request-type-narrowed' };
      return res ? { severity: B_RES, rule: 'response-type-changed' } : { severity: B_REQ, rule: 'request-type-changed' };
    case 'enum-values-added':
      return { severity: OK, rule: res ? 'response-enum-widened' : 'request-enum-widened' };
    case 'enum-values-removed':
      return res ? { severity: B_RES, rule: 'response-enum-narrowed' } : { severity: B_REQ, rule: 'request-enum-narrowed' };
    case 'union-members-added':
      return { severity: OK, rule: res ? 'new-union-member-in-response' : 'new-union-member-in-request' };
    case 'union-members-removed':
      return res ? { severity: B_RES, rule: 'response-union-member-removed' } : { severity: B_REQ, rule: 'request-union-member-removed' };
    case 'operation-added':
      return { severity: OK, rule: 'new-operation' };
    case 'operation-removed':
      return { severity: B_REQ, rule: 'operation-removed' };
    case 'path-added':
      return { severity: OK, rule: 'new-path' };
    case 'path-removed':
      return { severity: B_REQ, rule: 'path-removed' };
    case 'content-type-added':
      return { severity: OK, rule: 'new-content-type' };
    case 'content-type-removed':
      return res ? { severity: B_RES, rule: 'response-content-type-removed' } : { severity: B_REQ, rule: 'request-content-type-removed' };
  }
}
