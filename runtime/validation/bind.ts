/**
 * Binds a spec's generated validators (a strict and a tolerant function per
 * schema) into the public API: `validate`, `is`, `assert`.
 *
 * - strict: every deviation from the spec is an error.
 * - tolerant (the default for what a provider sends): the strict validator
 *   runs first; only when it fails does the tolerant one run. What the
 *   tolerant one still rejects (a wrong JSON type, a non-object where an
 *   object belongs, a tag that is not a string) is an error; every other
 *   strict finding is a warning.
 */
import { describe, toIssues, within, type Issue, type RawError } from './issues.js';
import { SpecValidationError } from './spec-error.js';
import { UnknownSchemaError } from './error-base.js';

export type Mode = 'strict' | 'tolerant';

export interface ValidateOptions {
  /** Default: tolerant. */
  mode?: Mode;
}

export type ValidationResult<T = unknown> =
  | { ok: true; value: T; warnings: Issue[] }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: RawError[] | null;
}

export interface SpecTable {
  spec: string;
  /** The schema of the `error` object inside an error body `{"error": {...}}`. */
  errorSchema?: string;
  names: readonly string[];
  strict: readonly CompiledValidator[];
  tolerant: readonly CompiledValidator[];
}

export interface SpecValidators {
  readonly spec: string;
  readonly names: readonly string[];
  validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult;
  is(name: string, value: unknown): boolean;
  assert(name: string, value: unknown): void;
  /** Validates a provider error body `{"error": {...}}` against the spec's error shape. */
  validateError(value: unknown, options?: ValidateOptions): ValidationResult;
}

const NONE: Issue[] = Object.freeze([]) as unknown as Issue[];

/** Strict findings that tolerant mode turns into warnings without looking further. */
const WARNING_KEYWORDS = new Set([
  'additionalProperties', 'required', 'enum', 'const', 'if', 'minLength', 'maxLength', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
  'uniqueItems', 'minProperties', 'maxProperties', 'propertyNames', 'dependentRequired',
]);

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function isWarningOnly(e: RawError, root: unknown): boolean {
  if (e.keyword === 'enum' || e.keyword === 'const') {
    // Outside a closed set is a warning, but a value of another JSON type is an error.
    const allowed = e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : [e.params.allowedValue];
    const t = jsonType(valueAt(root, e.instancePath));
    return t === 'null' || allowed.some((a) => jsonType(a) === t);
  }
  if (WARNING_KEYWORDS.has(e.keyword)) return true;
  if (e.keyword === 'discriminator') return e.params.error === 'mapping';
  return false;
}

export const DEFAULT_MODE: Mode = 'tolerant';

export function bindSpec(table: SpecTable): SpecValidators {
  const index = new Map<string, number>();
  table.names.forEach((n, i) => index.set(n, i));
  const find = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) {
      const near = table.names.filter((n) => n.toLowerCase().includes(String(name).toLowerCase())).slice(0, 8);
      throw new UnknownSchemaError(`unknown ${table.spec} schema '${name}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (${table.names.length} schemas; see schemaNames)`, table.spec, String(name));
    }
    return i;
  };

  function warningsOnly(raw: readonly RawError[] | null | undefined, root: unknown): boolean {
    if (!raw) return false;
    for (let k = 0; k < raw.length; k++) if (!isWarningOnly(raw[k], root)) return false;
    return true;
  }

  function validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult {
    const i = find(name);
    const strict = table.strict[i];
    if (strict(value)) return { ok: true, value, warnings: NONE };
    const raw = strict.errors;
    const found = toIssues(raw, value);
    if ((options?.mode ?? DEFAULT_MODE) === 'strict') return { ok: false, errors: found, warnings: NONE };
    // When every strict finding is one tolerant mode only warns about, and none could hide an
    // error (a type mismatch on a non-null value, a union with no matching branch, a bad tag),
    // the tolerant check cannot fail: skip it.
    if (warningsOnly(raw, value)) return { ok: true, value, warnings: found };
    const tolerant = table.tolerant[i];
    if (tolerant(value)) return { ok: true, value, warnings: found };
    const errors = toIssues(tolerant.errors, value, true);
    const warnings = found.filter((w) => !errors.some((e) => within(w.pointer, e.pointer)));
    return { ok: false, errors, warnings };
  }

  function validateError(value: unknown, options: ValidateOptions = {}): ValidationResult {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('error' in value)) {
      return { ok: false, errors: [{ pointer: '', keyword: 'required', message: `expected an error body {"error": {...}}, found ${describe(value)}` }], warnings: NONE };
    }
    if (!table.errorSchema) return { ok: true, value, warnings: NONE };
    const inner = validate(table.errorSchema, (value as { error: unknown }).error, options);
    const prefix = (issues: Issue[]) => issues.map((i) => ({ ...i, pointer: `/error${i.pointer}` }));
    return inner.ok ? { ok: true, value, warnings: prefix(inner.warnings) } : { ok: false, errors: prefix(inner.errors), warnings: prefix(inner.warnings) };
  }

  return {
    spec: table.spec,
    validateError,
    names: table.names,
    validate,
    is: (name, value) => table.strict[find(name)](value),
    assert(name, value) {
      const r = validate(name, value, { mode: 'strict' });
      if (!r.ok) throw new SpecValidationError(name, r.errors);
    },
  };
}
