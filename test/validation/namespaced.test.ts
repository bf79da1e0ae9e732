/**
 * Implementor extensions under the standard flavor's tolerant validation:
 * a value tagged with a namespaced type (`acme:web_lookup_call`) is one
 * warning at its `type`, nothing inside it is reported, and the value is
 * valid; a bad value elsewhere is still reported; a tag that is not
 * namespaced is judged as before.
 */
import { describe, expect, it } from 'vitest';
import { isNamespacedType } from 'anyresponses';
import { validate } from 'anyresponses/openresponses';

const message = { type: 'message', id: 'm1', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'hi' }] };

describe('namespaced extension values in tolerant validation', () => {
  it.each([
    ['acme:web_lookup_call', true],
    ['acme.io:thing', true],
    ['web_lookup_call', false],
    [':thing', false],
    ['acme:', false],
    ['acme: thing', false],
    [42, false],
  ])('isNamespacedType(%j) is %s', (tag, want) => {
    expect(isNamespacedType(tag)).toBe(want);
  });

  it.each([
    ['an extension item: one warning at its type', { given: [{ type: 'acme:web_lookup_call', id: 'x', query: 1, results: 'none' }], want: { ok: true, warnings: ['/0/type'] } }],
    ['an extension item beside a standard one with an unknown field', { given: [message, { type: 'acme:thing', deep: { nested: [1, 2] } }, { ...message, extra: 1 }], want: { ok: true, warnings: ['/1/type', '/2/extra'] } }],
    ['an unknown tag that is not namespaced is judged as before', { given: [{ type: 'web_lookup_call', id: 'x', query: 1 }], want: { ok: true, warnings: ['/0/type'] } }],
  ])('%s', (_name, { given, want }) => {
    const results = given.map((item) => validate('ItemParam', item));
    expect(results.every((r) => r.ok)).toBe(want.ok);
    expect(results.flatMap((r, i) => r.warnings.map((w) => `/${i}${w.pointer}`))).toEqual(want.warnings);
  });
});
