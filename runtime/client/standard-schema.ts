/**
 * Standard Schema support (zod 4, valibot, arktype, ...): detect one, turn
 * it into JSON Schema for the wire, and validate a parsed value with it.
 * The Standard Schema types are written out in standard-schema-types.ts (no dependency).
 */
import { InvalidOptionError } from '../core/usage-errors.js';
import type { StandardJSONSchemaV1, StandardSchemaV1 } from './standard-schema-types.js';

export type JsonSchema = Record<string, unknown>;

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { '~standard'?: { validate?: unknown } })['~standard']?.validate === 'function'
  );
}

/**
 * JSON Schema for a Standard Schema: through the Standard JSON Schema
 * interface when the library implements it (zod 4.2+, arktype), else a
 * library's own `toJsonSchema()`/`toJSONSchema()` method.
 */
export function standardToJsonSchema(schema: StandardSchemaV1, io: 'input' | 'output' = 'output'): JsonSchema {
  const props = (schema as unknown as StandardJSONSchemaV1)['~standard'];
  let out: JsonSchema | undefined;
  if (props && typeof props.jsonSchema?.[io] === 'function') out = props.jsonSchema[io]({ target: 'draft-2020-12' });
  else {
    const own = schema as unknown as { toJsonSchema?: () => JsonSchema; toJSONSchema?: () => JsonSchema };
    out = own.toJsonSchema?.() ?? own.toJSONSchema?.();
  }
  if (!out) {
    throw new InvalidOptionError(
      `this ${props?.vendor ?? 'Standard'} schema cannot describe itself as JSON Schema: pass a JSON Schema object, or a schema that implements Standard JSON Schema`,
      io === 'input' ? 'parameters' : 'response_format',
    );
  }
  const { $schema: _drop, ...rest } = out;
  return rest;
}

export interface StandardIssue {
  message: string;
  path: string;
}

/** Validates with a Standard Schema; issues carry a JSON-pointer-like path. */
export async function standardValidate<T>(schema: StandardSchemaV1<unknown, T>, value: unknown): Promise<{ value: T } | { issues: StandardIssue[] }> {
  const result = await schema['~standard'].validate(value);
  if (!result.issues) return { value: result.value };
  return {
    issues: result.issues.map((i) => ({
      message: i.message,
      path: '/' + (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
    })),
  };
}
