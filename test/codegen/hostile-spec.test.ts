/**
 * A user's spec is input we do not control. Malformed and hostile ones,
 * each given to `anyresponses-codegen generate --spec FILE --out gen` as a
 * user would: exit 1, one line naming the file and the JSON pointer of the
 * problem in it, nothing written. Well-formed YAML and hostile names that
 * are valid (a component called `__proto__`, an enum value that reads like
 * code) generate.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codegen, scratchProject } from '../support/codegen.js';

const project = scratchProject('hostile-spec');
afterAll(() => rmSync(project, { recursive: true, force: true }));

const doc = (schemas: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  JSON.stringify({ openapi: '3.1.0', info: { title: 'Hostile', version: '1' }, paths: {}, components: { schemas }, ...more });

let nested: unknown = { type: 'string' };
for (let i = 0; i < 300; i++) nested = { type: 'array', items: nested };

const laughs = ['a: &a ["lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)];

const cases: Array<[string, { given: { file: string; text: string }; want: RegExp }]> = [
  ['not JSON', { given: { file: 'openapi.json', text: '{"openapi": "3.1.0",' }, want: /^anyresponses-codegen generate: openapi\.json#: not valid JSON \(/ }],
  ['not YAML', { given: { file: 'openapi.yaml', text: 'openapi: 3.1.0\ninfo: [unclosed\n' }, want: /openapi\.yaml#: not valid YAML at line \d+, column \d+/ }],
  ['YAML aliases (a billion laughs)', { given: { file: 'openapi.yaml', text: `openapi: 3.1.0\nx-laughs:\n${laughs.map((l) => `  ${l}`).join('\n')}\n` }, want: /openapi\.yaml#\/x-laughs\/[a-z](\/\d+)*: a YAML alias \(a node used twice\) is not supported/ }],
  ['nesting past GENERATOR_LIMITS.maxDepth', { given: { file: 'openapi.json', text: doc({ Deep: nested }) }, want: /openapi\.json#\/components\/schemas\/Deep(\/items){197}: nested deeper than 200 levels \(GENERATOR_LIMITS\.maxDepth\)/ }],
  ['Swagger 2', { given: { file: 'openapi.json', text: JSON.stringify({ swagger: '2.0', info: {}, paths: {} }) }, want: /openapi\.json#\/swagger: .*this is Swagger 2\.0: convert it to OpenAPI 3 first/ }],
  ['components not an object', { given: { file: 'openapi.json', text: JSON.stringify({ openapi: '3.1.0', components: [] }) }, want: /openapi\.json#\/components: expected an object, found an array/ }],
  ['a misspelt type', { given: { file: 'openapi.json', text: doc({ A: { type: 'object', properties: { x: { type: 'strnig' } } } }) }, want: /openapi\.json#\/components\/schemas\/A\/properties\/x\/type: not a valid schema: unknown type string "strnig"/ }],
  ['required as a string', { given: { file: 'openapi.json', text: doc({ A: { type: 'object', required: 'id' } }) }, want: /#\/components\/schemas\/A\/required: not a valid schema: expected an array of property names/ }],
  ['a pattern that is no regular expression', { given: { file: 'openapi.json', text: doc({ 'A/B': { type: 'string', pattern: '(' } }) }, want: /#\/components\/schemas\/A~1B\/pattern: not a valid schema: "\(" is not a regular expression/ }],
  ['a super-linear pattern with a backreference', { given: { file: 'openapi.json', text: doc({ A: { type: 'string', pattern: '^(a+)+\\1$' } }) }, want: /#\/components\/schemas\/A\/pattern/ }],
  ['a dangling $ref', { given: { file: 'openapi.json', text: doc({ A: { type: 'object', properties: { b: { $ref: '#/components/schemas/Nope' } } } }) }, want: /#\/components\/schemas\/A\/properties\/b\/\$ref: \$ref '#\/components\/schemas\/Nope' points at nothing/ }],
  ['an external $ref', { given: { file: 'openapi.json', text: doc({ A: { $ref: 'https://evil.example/x.json#/A' } }) }, want: /#\/components\/schemas\/A\/\$ref: external \$ref 'https:\/\/evil\.example\/x\.json#\/A' is not supported: bundle the spec into one file first/ }],
  ['a $ref in paths pointing at nothing', { given: { file: 'openapi.json', text: doc({}, { paths: { '/responses': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } } }, responses: {} } } } }) }, want: /#\/paths\/~1responses\/post\/requestBody\/content\/application~1json\/schema\/\$ref: \$ref '#\/components\/schemas\/Gone' points at nothing/ }],
  ['a lone surrogate in a name', { given: { file: 'openapi.json', text: doc({ ['A\ud800']: { type: 'string' } }) }, want: /#\/components\/schemas\/A.*lone surrogate|not well-formed/ }],
];

describe('hostile and malformed specs stop generate with a pointer into the file, writing nothing', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const dir = join(project, `case-${cases.findIndex(([n]) => n === _name)}`);
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(join(project, given.file), given.text);
    const r = codegen(project, 'generate', '--spec', given.file, '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(want);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('well-formed specs, however odd, generate', () => {
  it.each([
    ['YAML', 'openapi.yaml', 'openapi: "3.1.0"\ninfo: { title: Odd, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      properties:\n        type: { type: string, enum: ["acme:thing"] }\n', /export type Item = \{\n\s+type\?: "acme:thing";/],
    ['hostile names', 'odd.json', doc({ ['__proto__']: { type: 'object', properties: { constructor: { type: 'string', enum: ["'); require('fs"] } } } }), /export type __proto__ = \{\n\s+constructor\?: "'\); require\('fs";/],
  ])('%s', (_name, file, text, want) => {
    const out = join(project, `ok-${file}`);
    writeFileSync(join(project, file), text);
    const r = codegen(project, 'generate', '--spec', file, '--out', out, '--quiet');
    expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/^(warning: [^\n]*\n)*$/)]);
    expect(readFileSync(join(out, 'types.d.ts'), 'utf8')).toMatch(want);
  });
});
