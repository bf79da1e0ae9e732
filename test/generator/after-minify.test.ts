/**
 * The passes on the minified validators run as edits from one parse
 * (after-minify.ts). They must give what running them one after the other,
 * parsing between, gives: merged cases, hoisted error paths counted on the
 * merged code, pure marks. And the merged code must behave the same.
 */
import { describe, expect, it } from 'vitest';
import { afterMinify } from '../../generator/emit/ajv/after-minify.js';
import { editOnce } from '../../generator/emit/ajv/edits.js';
import { hoistEdits } from '../../generator/emit/ajv/hoist-paths.js';
import { mergeCases } from '../../generator/emit/ajv/merge-cases.js';
import { pureEdits } from '../../generator/emit/ajv/pure.js';

/** The passes one after the other, a parse before each. */
const reference = (code: string) => editOnce(editOnce(mergeCases(code), hoistEdits), pureEdits);
/** Merging is done after one pass: a second changes nothing. */
const settled = (code: string) => mergeCases(mergeCases(code)) === mergeCases(code);

const paths = (n: number, suffix: string) => Array.from({ length: n }, () => `e(p+${JSON.stringify(suffix)})`).join(';');

type Case = [string, { given: string; want: { merged: boolean; hoisted: string[] } }];
const cases: Case[] = [
  ['nothing to merge or hoist', { given: 'const t=new Map([["a",0]]);export function f(x){switch(t.get(x)){case 0:{a()}break;default:{b()}}}', want: { merged: false, hoisted: [] } }],
  [
    'identical cases merged, the default kept',
    { given: 'const t=new Map([["a",0],["b",1],["c",2]]);export function f(x){switch(t.get(x)){case 0:{a(1)}break;case 1:{b()}break;case 2:{a(1)}break;default:{c()}}}', want: { merged: true, hoisted: [] } },
  ],
  [
    'a path used often enough becomes a constant',
    { given: `export function f(p){${paths(12, '/type_of_the_item')}}`, want: { merged: false, hoisted: ['"/type_of_the_item"'] } },
  ],
  [
    'paths inside merged-away cases do not count toward a constant',
    {
      given: `export function f(x,p){switch(x){${Array.from({ length: 12 }, (_, i) => `case ${i}:{${paths(1, '/type_of_the_item')}}break;`).join('')}}}`,
      want: { merged: true, hoisted: [] },
    },
  ],
  [
    'a switch inside a case of another: the inner ones merged, the outer left alone',
    {
      given: 'export function f(x,y){switch(x){case 0:{switch(y){case 0:{a()}break;case 1:{a()}break;default:}}break;case 1:{switch(y){case 0:{a()}break;case 1:{a()}break;default:}}break;default:}}',
      want: { merged: true, hoisted: [] },
    },
  ],
];

describe('the passes after minifying, from one parse', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const out = afterMinify(given);
    expect(out).toBe(reference(given));
    expect(settled(given)).toBe(true);
    // Each case body ends in break: fewer breaks, fewer bodies.
    expect((out.match(/break/g) ?? []).length < (given.match(/break/g) ?? []).length).toBe(want.merged);
    expect([...out.matchAll(/const (\$\w+)=("[^"]*")/g)].map((m) => m[2])).toEqual(want.hoisted);
  });

  it('merged code answers as the code it came from, for every label', () => {
    const given = 'return function(x){let r=[];switch(x){case 0:{r.push("a")}break;case 1:{r.push("b")}break;case 2:{r.push("a")}break;case 3:{r.push("c")}break;case 4:{r.push("b")}break;default:{r.push("d")}}return r.join()}';
    const out = afterMinify(`export const g=function(){${given}};`).replace(/^export const g=function\(\)\{/, '').replace(/\};$/, '');
    expect(out).not.toBe(given);
    const before = new Function(given)() as (x: number) => string;
    const after = new Function(out)() as (x: number) => string;
    for (const x of [0, 1, 2, 3, 4, 5, -1]) expect(after(x)).toBe(before(x));
  });
});
