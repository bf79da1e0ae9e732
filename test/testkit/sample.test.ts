/** The mock server's JSON Schema sampler: each value is valid for its schema (checked by ajv) and the same every time. */
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sampleValue } from '../../runtime/testing/server/sample.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

const cases: Array<[string, { given: Record<string, unknown>; want?: unknown }]> = [
  ['const', { given: { const: 'fixed' }, want: 'fixed' }],
  ['the first enum value', { given: { type: 'string', enum: ['b', 'a'] }, want: 'b' }],
  ['integer bounds', { given: { type: 'integer', exclusiveMinimum: 3, maximum: 10 }, want: 4 }],
  ['multipleOf', { given: { type: 'number', minimum: 7, multipleOf: 5 }, want: 10 }],
  ['string lengths', { given: { type: 'string', minLength: 20, maxLength: 22 } }],
  ['a short maxLength', { given: { type: 'string', maxLength: 3 } }],
  ['formats', { given: { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, mail: { type: 'string', format: 'email' }, id: { type: 'string', format: 'uuid' } }, required: ['at', 'mail', 'id'] } }],
  ['nested objects with required and no extras', { given: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'boolean' } }, required: ['b'], additionalProperties: false } }, required: ['a'], additionalProperties: false } }],
  ['arrays with minItems', { given: { type: 'array', items: { type: 'integer' }, minItems: 3 } }],
  ['nullable through anyOf', { given: { anyOf: [{ type: 'null' }, { type: 'string' }] } }],
  ['a type list with null', { given: { type: ['null', 'number'] } }],
  ['allOf merges objects', { given: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] }] } }],
  ['local $refs', { given: { $defs: { city: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } }, type: 'object', properties: { home: { $ref: '#/$defs/city' } }, required: ['home'] } }],
  ['a required key with no declared schema', { given: { type: 'object', required: ['free'] } }],
];

describe('sampleValue', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const value = sampleValue(given);
    const valid = ajv.compile(given);
    expect(valid(value), JSON.stringify({ value, errors: valid.errors })).toBe(true);
    if (want !== undefined) expect(value).toEqual(want);
    expect(sampleValue(given)).toEqual(value);
  });

  it('a recursive schema stops instead of looping', () => {
    const tree = { $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' };
    expect(() => sampleValue(tree)).not.toThrow();
  });
});
