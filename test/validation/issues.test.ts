/** toIssues: ajv's raw errors as issues with pointers and sentences (runtime/validation/issues.ts). */
import { describe, expect, it } from 'vitest';
import { toIssues } from '../../runtime/validation/issues.js';

type Raw = { instancePath: string; keyword: string; params: Record<string, unknown> };
const known = Array.from({ length: 60 }, (_, i) => `event.${i}`);
const unknownTag: Raw[] = [
  { instancePath: '/type', keyword: 'enum', params: { allowedValues: known } },
  { instancePath: '', keyword: 'discriminator', params: { error: 'mapping', tag: 'type', tagValue: 'event.new' } },
];

describe('toIssues', () => {
  it.each<[string, { given: Raw[]; value: unknown; want: Array<{ pointer: string; keyword: string; message?: RegExp }> }]>([
    [
      'the same pointer and message twice is one issue',
      { given: [{ instancePath: '/a', keyword: 'type', params: { type: 'string' } }, { instancePath: '/a', keyword: 'type', params: { type: 'string' } }], value: { a: 1 }, want: [{ pointer: '/a', keyword: 'type' }] },
    ],
    [
      'the same message from two keywords at one pointer is one issue',
      { given: [{ instancePath: '/a', keyword: 'anyOf', params: {} }, { instancePath: '/a', keyword: 'oneOf', params: {} }], value: { a: 1 }, want: [{ pointer: '/a', keyword: 'anyOf' }] },
    ],
    [
      'different messages at one pointer are kept, in order',
      { given: [{ instancePath: '/a', keyword: 'type', params: { type: 'string' } }, { instancePath: '/a', keyword: 'maxLength', params: { limit: 1 } }], value: { a: 1 }, want: [{ pointer: '/a', keyword: 'type' }, { pointer: '/a', keyword: 'maxLength' }] },
    ],
    [
      'a nullable union that failed only because of a finding inside it says nothing itself',
      {
        given: [{ instancePath: '/a/b', keyword: 'enum', params: { allowedValues: ['x'] } }, { instancePath: '/a', keyword: 'type', params: { type: 'null' } }, { instancePath: '/a', keyword: 'anyOf', params: {} }, { instancePath: '/c', keyword: 'type', params: { type: 'string' } }],
        value: { a: { b: 'y' }, c: 1 },
        want: [{ pointer: '/a/b', keyword: 'enum', message: /^expected one of 'x', found string "y"$/ }, { pointer: '/c', keyword: 'type', message: /^expected string, found number 1$/ }],
      },
    ],
    [
      'a string with characters JSON escapes is quoted as JSON quotes it',
      { given: [{ instancePath: '/s', keyword: 'type', params: { type: 'number' } }], value: { s: 'a"b\\c\n\ud800' }, want: [{ pointer: '/s', keyword: 'type', message: /^expected number, found string "a\\"b\\\\c\\n\\ud800"$/ }] },
    ],
    [
      'an unknown tag is one sentence listing the known ones',
      { given: unknownTag, value: { type: 'event.new' }, want: [{ pointer: '/type', keyword: 'discriminator', message: /^unknown type 'event.new'; known: event.0, event.1, .*event.59$/ }] },
    ],
  ])('%s', (_name, { given, value, want }) => {
    const got = toIssues(given, value);
    expect(got.map((i) => ({ pointer: i.pointer, keyword: i.keyword }))).toEqual(want.map(({ pointer, keyword }) => ({ pointer, keyword })));
    want.forEach((w, k) => w.message && expect(got[k].message).toMatch(w.message));
  });

  it('a missing property points at its own path, validation after validation (the pointer made last is reused only at the same path)', () => {
    const missing = (path: string, ...names: string[]): Raw[] => names.map((n) => ({ instancePath: path, keyword: 'required', params: { missingProperty: n } }));
    const pointers = (raw: Raw[]) => toIssues(raw, {}).map((i) => i.pointer);
    for (const [raw, want] of [
      [missing('/response', 'id', 'a/b'), ['/response/id', '/response/a~1b']],
      [missing('/response', 'id', 'a/b'), ['/response/id', '/response/a~1b']],
      [missing('/output/0', 'id'), ['/output/0/id']],
      [missing(`/output/${1}`, 'id'), ['/output/1/id']],
      [missing('', 'id', 'id'), ['/id']],
      [[...missing('/response', 'id'), ...missing('/response/x', 'id')], ['/response/id', '/response/x/id']],
      // One name missing at sibling items (paths of one length), and again at the first from a path built apart.
      [[...missing(`/a/${0}`, 'id', 't'), ...missing(`/a/${1}`, 'id', 't'), ...missing(['/a', '0'].join('/'), 't', 'id')], ['/a/0/id', '/a/0/t', '/a/1/id', '/a/1/t']],
      [[...missing(`/a/${10}`, 'id'), ...missing(`/b/${10}`, 'id')], ['/a/10/id', '/b/10/id']],
    ] as const) {
      expect(pointers([...raw])).toEqual(want);
    }
  });

  it('an enum sentence is the same every time its list is named (the text is made once per list)', () => {
    const raw: Raw[] = [{ instancePath: '/s', keyword: 'enum', params: { allowedValues: known } }];
    const first = toIssues(raw, { s: 'x' })[0].message;
    expect(first).toBe(`expected one of ${known.slice(0, 12).map((k) => `'${k}'`).join(', ')}, ... (60 in all), found string "x"`);
    expect(toIssues(raw, { s: 'y' })[0].message).toBe(first.replace('"x"', '"y"'));
  });
});
