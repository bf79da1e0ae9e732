/**
 * Structured output: `response_format` becomes `text.format`, merged into the
 * caller's own `text` without dropping anything (verbosity stays), and the
 * reply's text is parsed into a typed `output_parsed`.
 */
import { AnyResponsesError } from '../core/errors.js';
import { InvalidOptionError } from '../core/usage-errors.js';
import type { StandardSchemaV1 } from './standard-schema-types.js';
import { isStandardSchema, standardToJsonSchema, standardValidate, type JsonSchema } from './standard-schema.js';

/** A JSON Schema object, a Standard Schema, or a ready `text.format` object (passed through unparsed). */
export type ResponseFormat = JsonSchema | StandardSchemaV1;

/** The model's reply does not parse as JSON, or does not match `response_format`. */
export class StructuredOutputError extends AnyResponsesError {
  constructor(
    message: string,
    /** The raw text the model returned. */
    readonly rawText: string,
    readonly issues: Array<{ message: string; path: string }> = [],
  ) {
    super(message);
    this.name = 'StructuredOutputError'; // explicit: a minifier renames classes
  }
}

const FORMAT_TYPES = new Set(['json_schema', 'json_object', 'text']);

function isTextFormat(value: JsonSchema): boolean {
  return typeof value.type === 'string' && FORMAT_TYPES.has(value.type) && ('schema' in value || value.type !== 'json_schema');
}

export interface PreparedFormat {
  /** The `text` parameter to send. */
  text: Record<string, unknown>;
  /** How to turn the reply's text into `output_parsed`, or undefined when nothing is parsed. */
  parse?: (text: string) => Promise<unknown>;
}

export function prepareResponseFormat(format: ResponseFormat, text: Record<string, unknown> | undefined, name = 'response'): PreparedFormat {
  if (text && 'format' in text && text.format !== undefined) {
    throw new InvalidOptionError('pass either response_format or text.format, not both: response_format sets text.format', 'response_format');
  }
  if (isStandardSchema(format)) {
    const schema = standardToJsonSchema(format);
    return {
      text: { ...text, format: { type: 'json_schema', name, schema, strict: true } },
      parse: async (raw) => {
        const value = parseJson(raw);
        const checked = await standardValidate(format, value);
        if ('issues' in checked) {
          throw new StructuredOutputError(
            `the model's reply does not match response_format: ${checked.issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; ')}`,
            raw,
            checked.issues,
          );
        }
        return checked.value;
      },
    };
  }
  if (format === null || typeof format !== 'object' || Array.isArray(format)) {
    throw new InvalidOptionError('response_format must be a JSON Schema object, a Standard Schema (zod, valibot, arktype) or a text.format object', 'response_format');
  }
  if (isTextFormat(format)) return { text: { ...text, format } };
  const schemaName = typeof format.title === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(format.title) ? format.title : name;
  return {
    text: { ...text, format: { type: 'json_schema', name: schemaName, schema: format } },
    parse: async (raw) => parseJson(raw),
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new StructuredOutputError(`the model's reply is not valid JSON (${(e as Error).message})`, raw);
  }
}
