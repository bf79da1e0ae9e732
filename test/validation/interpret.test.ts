/**
 * The tolerant interpreter reads own properties only: a `required` name or
 * a discriminator tag found on the prototype (`toString`, `constructor`, a
 * class's or `Object.create`'s members) is absent, as ajv's own-property
 * mode (which the generator turns on for such names) says.
 */
import { describe, expect, it } from 'vitest';
import { Interpreter, type Schema } from '../../runtime/validation/interpret.js';

const inherited = (proto: object, own: object = {}) => Object.assign(Object.create(proto), own);

const defs: Record<string, Schema> = {
  Named: { type: 'object', required: ['toString', 'name'], properties: { name: { type: 'string' } } },
  Tagged: {
    type: 'object',
    discriminator: { propertyName: 'type' },
    oneOf: [{ type: 'object', properties: { type: { enum: ['a'] }, n: { type: 'number' } } }],
  },
};

const cases: Array<[string, { given: { schema: string; value: unknown }; want: Array<{ instancePath: string; keyword: string; params: unknown }> }]> = [
  ['required: an own property passes', { given: { schema: 'Named', value: { toString: 1, name: 'x' } }, want: [] }],
  ['required: Object.prototype.toString is not the property', { given: { schema: 'Named', value: { name: 'x' } }, want: [{ instancePath: '', keyword: 'required', params: { missingProperty: 'toString' } }] }],
  ['required: a name on a custom prototype is not the property', { given: { schema: 'Named', value: inherited({ name: 'x', toString: 1 }) }, want: [
    { instancePath: '', keyword: 'required', params: { missingProperty: 'toString' } },
    { instancePath: '', keyword: 'required', params: { missingProperty: 'name' } },
  ] }],
  ['required: an own undefined counts as absent', { given: { schema: 'Named', value: { toString: undefined, name: 'x' } }, want: [{ instancePath: '', keyword: 'required', params: { missingProperty: 'toString' } }] }],
  ['discriminator: an own tag dispatches', { given: { schema: 'Tagged', value: { type: 'a', n: 'x' } }, want: [{ instancePath: '/n', keyword: 'type', params: { type: 'number' } }] }],
  ['discriminator: an inherited tag is no tag', { given: { schema: 'Tagged', value: inherited({ type: 'a' }) }, want: [{ instancePath: '', keyword: 'discriminator', params: { error: 'tag', tag: 'type', tagValue: undefined } }] }],
];

describe('tolerant interpreter: own properties only', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const v = new Interpreter(defs).validator(given.schema);
    const ok = v(given.value);
    expect(ok).toBe(want.length === 0);
    expect(v.errors ?? []).toEqual(want);
  });
});
