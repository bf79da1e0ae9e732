/**
 * The rewrites of ajv's output run on masked code: every string literal is
 * found first, so no rewrite can read or change schema text. The literals
 * are found by a fast scan where the code allows it (only double-quoted
 * strings, divisions after names, ajv's two regular expressions) and by
 * acorn's tokenizer otherwise. Both must find the same literals, and the
 * scan must give up wherever it cannot be sure.
 */
import standaloneModule from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';
import { newAjv } from '../../generator/emit/ajv/compile.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { Literals, scannedStrings, tokenizedStrings } from '../../generator/emit/ajv/rewrite/literals.js';
import { buildIR } from '../../generator/pipeline.js';
import { hasShared } from '../support/shared.js';

const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

/** ajv's standalone code (before any rewrite) for some component schemas. */
function ajvCode(defs: Record<string, unknown>): string {
  const ajv = newAjv();
  ajv.addSchema({ $id: 'strict', $defs: defs });
  return standaloneCode(ajv, Object.fromEntries(Object.keys(defs).map((n, i) => [`s${i}`, `strict#/$defs/${encodeURIComponent(n)}`])));
}

type Case = [string, { given: string; want: 'scanned' | 'tokenizer' }];
const cases: Case[] = [
  ['double-quoted strings with escapes', { given: 'const a = "x\\"y", b = "\\\\", c = "a\\\nb";f(a + "/" + b);', want: 'scanned' }],
  ['a division after a name (multipleOf)', { given: 'if((res0 = data4/0.5, res0 !== parseInt(res0))){e("/x");}', want: 'scanned' }],
  ['a division after a property name that is a keyword', { given: 'x = a.return/2 + "s";', want: 'scanned' }],
  ["ajv's JSON-pointer escaping", { given: 'p = "/h/" + key1.replace(/~/g, "~0").replace(/\\//g, "~1");', want: 'scanned' }],
  ['a single-quoted string', { given: "const a = 'x\"y';", want: 'tokenizer' }],
  ['a template literal', { given: 'const a = `x"y`;', want: 'tokenizer' }],
  ['a line comment', { given: 'a(); // "x"\nb("y");', want: 'tokenizer' }],
  ['a block comment after a name', { given: 'a/* "x" */;b("y");', want: 'tokenizer' }],
  ['a regular expression after return', { given: 'function f(){return /"/.test(x) + "y";}', want: 'tokenizer' }],
  ['a regular expression after typeof', { given: 'x = typeof /"/ + "y";', want: 'tokenizer' }],
  ['a regular expression after a parenthesis', { given: 'if (x) /"/.test(y);', want: 'tokenizer' }],
  ['a regular expression other than ajv\'s', { given: 'x.replace(/"/g, "y");', want: 'tokenizer' }],
  ['a division after a number', { given: 'x = 1/2 + "y";', want: 'tokenizer' }],
  ['a string never closed', { given: 'x = "abc', want: 'tokenizer' }],
  ['a string broken by a raw line', { given: 'x = "a\nb";', want: 'tokenizer' }],
];

describe('finding the string literals of generated code', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const scanned = scannedStrings(given);
    if (want === 'scanned') expect(scanned).toEqual(tokenizedStrings(given));
    else expect(scanned).toBeUndefined();
  });

  it("hostile property names, enum values and patterns in ajv's code: the scan is taken and finds what the tokenizer finds", () => {
    const names = ['a"b', "a'b", 'a/b', 'a*/b', '/*', '//', 'a`b${x}', 'a\\', '\u2028', 'return /x/', '~1/~0'];
    const defs = {
      H: { type: 'object', required: names, properties: Object.fromEntries(names.map((n) => [n, { enum: [n, `${n}"`] }])), additionalProperties: { type: 'string', pattern: "^[/'\"`]+$" } },
      M: { type: 'number', multipleOf: 0.25 },
    };
    const code = ajvCode(defs);
    const scanned = scannedStrings(code);
    expect(scanned).toBeDefined();
    expect(scanned).toEqual(tokenizedStrings(code));
    const literals = new Literals();
    expect(literals.unmask(literals.mask(code))).toBe(code);
  });

  it.each(['openresponses', 'openai'])('the %s spec: the scan is taken and finds what the tokenizer finds', async (pin) => {
    if (!hasShared()) return;
    const code = ajvCode(prepareDefs((await buildIR(pin)).schemas, 'strict'));
    const scanned = scannedStrings(code);
    expect(scanned).toBeDefined();
    expect(scanned).toEqual(tokenizedStrings(code));
  });
});
