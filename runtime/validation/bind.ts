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
import { overflowIssue } from './depth.js';
import { describe, missingOrUnknownIssues, otherIssues, toIssues, type Issue, type RawError } from './issues.js';
import { clip } from './limits.js';
import { coveredBy, esc, rememberValues, valueAt } from './pointers.js';
import { SpecValidationError } from './spec-error.js';
import { extensionWarnings, mayHoldExtension } from './namespaced.js';
import { minimumOf, missingMinimum } from './tolerant-minimum.js';
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
  /** The flavor the spec follows (`openresponses`, `openai`), when its name is not one: a generated spec of a user's own. */
  flavor?: string;
  /** The schema of the `error` object inside an error body `{"error": {...}}`. */
  errorSchema?: string;
  names: readonly string[];
  /**
   * The strict validators by schema index. `bindSpec` keeps them for `validate` and puts in
   * their place checks that answer false where a validator runs out of stack (a value nested
   * too deep, or one that contains itself): the generated `is*`/`assert*` read this list after
   * binding, so they never throw a RangeError either.
   */
  strict: CompiledValidator[];
  tolerant: readonly CompiledValidator[];
}

export interface SpecValidators {
  readonly spec: string;
  /** The flavor whose stream practice applies (`[DONE]`); the spec's name when not given. */
  readonly flavor?: string;
  readonly names: readonly string[];
  validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult;
  is(name: string, value: unknown): boolean;
  assert(name: string, value: unknown): void;
  /** Validates a provider error body `{"error": {...}}` against the spec's error shape. */
  validateError(value: unknown, options?: ValidateOptions): ValidationResult;
}

const NONE: Issue[] = Object.freeze([]) as unknown as Issue[];

/** Strict findings that tolerant mode turns into warnings without looking further (a switch: no hashing). */
function warningKeyword(keyword: string): boolean {
  switch (keyword) {
    case 'additionalProperties':
    case 'required':
    case 'enum':
    case 'const':
    case 'if':
    case 'minLength':
    case 'maxLength':
    case 'pattern':
    case 'format':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
    case 'minItems':
    case 'maxItems':
    case 'uniqueItems':
    case 'minProperties':
    case 'maxProperties':
    case 'propertyNames':
    case 'dependentRequired':
      return true;
    default:
      return false;
  }
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function isWarningOnly(e: RawError, root: unknown): boolean {
  if (e.keyword === 'enum' || e.keyword === 'const') {
    // Outside a closed set is a warning, but a value of another JSON type is an error.
    const allowed = e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : [e.params.allowedValue];
    const t = jsonType(valueAt(root, e.instancePath));
    return t === 'null' || allowed.some((a) => jsonType(a) === t);
  }
  if (warningKeyword(e.keyword)) return true;
  if (e.keyword === 'discriminator') return e.params.error === 'mapping';
  return false;
}

/**
 * True when `e`, an enum finding, is the tag enum of an unknown tag reported right after it:
 * the value is then that string tag (no need to read it from the value by its pointer, which
 * costs V8 a runtime lookup per key).
 */
function isTagEnum(e: RawError, next: RawError | undefined): boolean {
  if (next === undefined || next.keyword !== 'discriminator' || next.params.error !== 'mapping' || typeof next.params.tagValue !== 'string') return false;
  const path = next.instancePath;
  const tag = esc(String(next.params.tag));
  const at = e.instancePath;
  // Compared in place: building `${path}/${tag}` costs a string and its flattening per event.
  return (
    at.length === path.length + 1 + tag.length &&
    at.charCodeAt(path.length) === 47 &&
    at.endsWith(tag) &&
    at.startsWith(path) &&
    (e.params.allowedValues as unknown[]).some((a) => typeof a === 'string')
  );
}

/**
 * True when the tolerant check cannot fail, given the strict findings: every one is a finding
 * tolerant mode only warns about, or belongs to a nullable union that such findings alone made
 * fail. For a value that is not null, `anyOf: [X, ..., {type: 'null'}]` reports the findings of
 * its other branches, then the null branch's `type` and the union's `anyOf` at the union's
 * pointer, one right after the other. When every other finding is a warning, those branches
 * pass the tolerant check, and so does the union. (A `oneOf` is not read so: two branches that
 * pass once their warnings are dropped would fail it.)
 */
function tolerantCannotFail(raw: readonly RawError[] | null | undefined, root: unknown): boolean {
  if (!raw) return false;
  for (let k = 0; k < raw.length; k++) {
    const e = raw[k];
    const next = raw[k + 1];
    if (e.keyword === 'enum' && isTagEnum(e, next)) continue;
    if (isWarningOnly(e, root)) continue;
    if (e.keyword === 'type' && e.params.type === 'null' && next !== undefined && next.keyword === 'anyOf' && next.instancePath === e.instancePath) {
      k++;
      continue;
    }
    return false;
  }
  return true;
}

/** What a validator that ran out of stack returns: the caller reports `overflowIssue`. */
const OVERFLOW = 2;
let overflow: RangeError | undefined;

/**
 * Runs `check`, turning a stack overflow (a value nested too deep, or one that contains itself)
 * into OVERFLOW, with the error kept in `overflow`. A try costs nothing on V8's fast path.
 */
function guarded(check: CompiledValidator, value: unknown): boolean | typeof OVERFLOW {
  try {
    return check(value);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    overflow = e;
    return OVERFLOW;
  }
}

export const DEFAULT_MODE: Mode = 'tolerant';

export function bindSpec(table: SpecTable): SpecValidators {
  const strictList = [...table.strict];
  table.strict.forEach((check, i) => (table.strict[i] = (value: unknown) => guarded(check, value) === true));
  const flavor = table.flavor ?? table.spec;
  /** By schema index: what TOLERANT_MINIMUM lists for it, if anything. */
  const minimumAt = table.names.map((n) => minimumOf(flavor, n));
  const index = new Map<string, number>();
  table.names.forEach((n, i) => index.set(n, i));
  // The name asked for last, and its index: a stream asks for the same one at every event.
  let lastName: string | undefined;
  let lastIndex = -1;
  const find = (name: string): number => {
    if (name === lastName) return lastIndex;
    const i = index.get(name);
    if (i === undefined) {
      const near = table.names.filter((n) => n.toLowerCase().includes(String(name).toLowerCase())).slice(0, 8);
      throw new UnknownSchemaError(`unknown ${table.spec} schema '${clip(String(name))}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (${table.names.length} schemas; see schemaNames)`, table.spec, String(name));
    }
    lastName = name;
    lastIndex = i;
    return i;
  };

  function validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult {
    const i = find(name);
    const strict = strictList[i];
    const passed = guarded(strict, value);
    if (passed === true) return { ok: true, value, warnings: NONE };
    if (passed === OVERFLOW) return { ok: false, errors: [overflowIssue(value, overflow)], warnings: NONE };
    const raw = strict.errors;
    if ((options?.mode ?? DEFAULT_MODE) === 'strict') return { ok: false, errors: toIssues(raw, value), warnings: NONE };
    // Findings that are all missing or unknown properties (what most deviations of real traffic are) are
    // warnings, and their issues are built in the one pass that finds so: none is a tag or a type.
    const keyed = missingOrUnknownIssues(raw);
    const result: ValidationResult = keyed ? { ok: true, value, warnings: keyed } : tolerantOf(i, raw, value);
    // What tolerant mode still requires of a root (TOLERANT_MINIMUM): looked at only here, a value that passed strictly has it.
    const require = minimumAt[i];
    const minimum = require ? missingMinimum(require, value) : NONE;
    if (minimum.length === 0) return result;
    const said = (x: Issue) => !minimum.some((m) => m.pointer === x.pointer);
    return { ok: false, errors: result.ok ? minimum : [...minimum, ...result.errors.filter(said)], warnings: result.warnings.filter(said) };
  }

  /**
   * The tolerant verdict and issues of raw errors that are not all missing or unknown properties.
   * A finding's sentence and its verdict read the same spot: valueAt keeps the last one meanwhile.
   */
  function tolerantOf(i: number, raw: RawError[] | null | undefined, value: unknown): ValidationResult {
    rememberValues(true);
    try {
      return tolerantResult(i, raw, otherIssues(raw, value), value);
    } finally {
      rememberValues(false);
    }
  }

  /** The tolerant verdict once the strict validator of schema `i` failed with `raw` (as issues: `found`). */
  function tolerantResult(i: number, raw: RawError[] | null | undefined, found: Issue[], value: unknown): ValidationResult {
    // What lies inside an implementor's namespaced value (`acme:web_lookup`) is reported once, at its type.
    const kept = mayHoldExtension(raw, value) ? extensionWarnings(value, found) : found;
    if (tolerantCannotFail(raw, value)) return { ok: true, value, warnings: kept };
    const tolerant = table.tolerant[i];
    const tolerated = guarded(tolerant, value);
    if (tolerated === true) return { ok: true, value, warnings: kept };
    if (tolerated === OVERFLOW) return { ok: false, errors: [overflowIssue(value, overflow)], warnings: found };
    const errors = toIssues(tolerant.errors, value, true);
    // Warnings inside a spot that is an error say nothing more.
    const covered = coveredBy(errors.map((e) => e.pointer));
    const warnings = kept.filter((w) => !covered(w.pointer));
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
    ...(table.flavor === undefined ? {} : { flavor: table.flavor }),
    validateError,
    names: table.names,
    validate,
    is: (name, value) => guarded(strictList[find(name)], value) === true,
    assert(name, value) {
      const r = validate(name, value, { mode: 'strict' });
      if (!r.ok) throw new SpecValidationError(name, r.errors);
    },
  };
}
