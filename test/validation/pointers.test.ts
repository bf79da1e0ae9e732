/** valueAt: the value a JSON pointer names, own properties only (runtime/validation/pointers.ts). */
import { describe, expect, it } from 'vitest';
import { rememberValues, valueAt } from '../../runtime/validation/pointers.js';

const inherited = Object.create({ p: 1 }) as Record<string, unknown>;
const hidden = Object.defineProperty({}, 'h', { value: 'kept', enumerable: false });
const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
const tilde = { 'a/b': 1, 'a~b': 2, 'a~1b': 3 };

describe('valueAt', () => {
  it.each<[string, { given: [unknown, string]; want: unknown }]>([
    ['the root itself', { given: [{ a: 1 }, ''], want: { a: 1 } }],
    ['a nested property', { given: [{ a: { bc: { d: 'x' } } }, '/a/bc/d'], want: 'x' }],
    ['a key of another length is not a match', { given: [{ ab: 1 }, '/a'], want: undefined }],
    ['a key that differs in one character is not a match', { given: [{ ab: 1, ac: 2 }, '/ac'], want: 2 }],
    ['an item by index', { given: [{ a: [10, 20, 30] }, '/a/2'], want: 30 }],
    ['an index past the end', { given: [[1], '/1'], want: undefined }],
    ['an index with a leading zero names no item', { given: [[1, 2], '/01'], want: undefined }],
    ['an array property that is not an index', { given: [[1, 2], '/length'], want: 2 }],
    ['a hole in an array', { given: [[, 1], '/0'], want: undefined }],
    ['an escaped slash', { given: [tilde, '/a~1b'], want: 1 }],
    ['an escaped tilde', { given: [tilde, '/a~0b'], want: 2 }],
    ['an escaped tilde then a one', { given: [tilde, '/a~01b'], want: 3 }],
    ['an inherited property is not own', { given: [inherited, '/p'], want: undefined }],
    ['a prototype member is not own', { given: [{}, '/constructor'], want: undefined }],
    ['an own property that is not enumerable', { given: [hidden, '/h'], want: 'kept' }],
    ['a key past the keys compared in place', { given: [wide, '/k99'], want: 99 }],
    ['an object key that looks like an index', { given: [{ '0': 'zero' }, '/0'], want: 'zero' }],
    ['below a primitive', { given: [{ a: 'x' }, '/a/length'], want: undefined }],
    ['below null', { given: [{ a: null }, '/a/b'], want: undefined }],
    ['an empty key', { given: [{ '': 5 }, '/'], want: 5 }],
  ])('%s', (_name, { given, want }) => {
    expect(valueAt(...given)).toEqual(want);
  });

  it('remembers the last value only while told to, and forgets it after', () => {
    const value = { a: { b: 1 } };
    rememberValues(true);
    expect(valueAt(value, '/a/b')).toBe(1);
    value.a.b = 2;
    expect(valueAt(value, '/a/b')).toBe(1);
    rememberValues(false);
    expect(valueAt(value, '/a/b')).toBe(2);
  });
});
