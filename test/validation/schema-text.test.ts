/**
 * The schema data writes its most used keywords as one letter
 * (generator/emit/ajv/short-keywords.ts) and the runtime spells them out
 * (runtime/validation/schema-text.ts). The two tables are one; a schema read
 * back is the schema written, names inside `properties` untouched.
 */
import { describe, expect, it } from 'vitest';
import { guardData } from '../../generator/emit/ajv/guards.js';
import { SHORT_FORMS } from '../../generator/emit/ajv/short-keywords.js';
import { expandSchema, parseSchemaText, SHORT_KEYWORDS } from '../../runtime/validation/schema-text.js';


const cases: Array<[string, { given: unknown; want: unknown }]> = [
  ['a lone type name, a ref number and a boolean stay', { given: ['string', 7, true], want: ['string', 7, true] }],
  ['short keywords spelt out', { given: { t: 'object', r: ['a'], a: false, e: ['x'], c: 1 }, want: { type: 'object', required: ['a'], additionalProperties: false, enum: ['x'], const: 1 } }],
  ['names inside properties are never keywords', { given: { p: { t: 'string', p: { t: 'number' }, type: { e: ['a'] } } }, want: { properties: { t: 'string', p: { type: 'number' }, type: { enum: ['a'] } } } }],
  ['lists and single subschemas', { given: { A: [{ t: 'object' }, 3], n: [{ c: 'a' }], o: ['null'], i: { t: 'integer' }, not: { e: [1] } }, want: { allOf: [{ type: 'object' }, 3], anyOf: [{ const: 'a' }], oneOf: ['null'], items: { type: 'integer' }, not: { enum: [1] } } }],
  ['a discriminator and enum values are data, not schemas', { given: { d: { propertyName: 't' }, e: [{ t: 1 }] }, want: { discriminator: { propertyName: 't' }, enum: [{ t: 1 }] } }],
  ['long keywords pass as they are', { given: { type: 'string', maxLength: 3, pattern: -1 }, want: { type: 'string', maxLength: 3, pattern: -1 } }],
];

describe('schema text', () => {
  it('the generator and the runtime share one table', () => {
    expect(Object.fromEntries([...SHORT_FORMS].map(([long, short]) => [short, long]))).toEqual(SHORT_KEYWORDS);
    // One letter each, and no letter twice.
    expect(new Set([...SHORT_FORMS.values()].filter((s) => s.length === 1)).size).toBe(SHORT_FORMS.size);
  });

  it.each(cases)('%s', (_, { given, want }) => {
    expect(expandSchema(structuredClone(given))).toEqual(want);
  });

  it('keeps keyword order, and a `__proto__` property as an own property', () => {
    const read = parseSchemaText('{"r":["b"],"t":"object","p":{"__proto__":{"t":"number"},"b":"string"}}') as Record<string, Record<string, unknown>>;
    expect(Object.keys(read)).toEqual(['required', 'type', 'properties']);
    expect(Object.getPrototypeOf(read.properties)).toBe(Object.prototype);
    expect(Object.keys(read.properties)).toEqual(['__proto__', 'b']);
    expect(Object.getOwnPropertyDescriptor(read.properties, '__proto__')?.value).toEqual({ type: 'number' });
  });

  it('what the generator writes reads back as the schema it was given (annotations and one-letter keys dropped)', () => {
    const schema = {
      type: 'object',
      description: 'dropped',
      t: 'a one-letter key is no keyword',
      properties: { t: { type: 'string', enum: ['a'] }, list: { type: 'array', items: { anyOf: [{ $ref: '#/$defs/B' }, { type: 'null' }] } } },
      required: ['t'],
      additionalProperties: false,
    };
    const data = guardData({ A: schema, B: { const: 1 } }, 'g', 'p', (d) => d);
    expect(parseSchemaText(data.dataOf('A'))).toEqual({
      type: 'object',
      properties: { t: { type: 'string', enum: ['a'] }, list: { type: 'array', items: { anyOf: [1, 'null'] } } },
      required: ['t'],
      additionalProperties: false,
    });
  });
});
