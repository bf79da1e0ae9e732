/**
 * `deadTagChecks`, one of the rewrites of ajv's standalone output (see
 * index.ts). A dispatched union branch is `{properties: {tag: {enum:
 * [X]}}, allOf: [{$ref}]}` (dispatch.ts), so inside ajv's
 *
 *     const tag0 = data.type; ... if(tag0 === "X"){ ...branch... }
 *
 * the branch checks `data.type === "X"` again, which cannot fail there: the
 * check and its error site are dead code, about a twentieth of the OpenAI
 * validators. This removes them, and only them: the block must test the
 * same variable, property and literal that selected the branch. (Values are
 * parsed JSON: reading a property twice gives the same value.)
 */
import { closing, skipString } from './scan.js';

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const TAG_READ = /const (tag\d+) = (data\d*)\.(\w+);/g;

/** The dead re-check of `data.prop === literal`, exactly as ajv writes it. */
function deadCheck(data: string, prop: string, literal: string): RegExp {
  const d = data.replace(/\$/g, '\\$');
  const lit = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    String.raw`if\(${d} && typeof ${d} == "object" && !Array\.isArray\(${d}\)\)\{if\(${d}\.${prop} !== undefined\)\{if\(!\(${d}\.${prop} === ${lit}\)\)\{vErrors = __err\(vErrors, [^;]*?, "enum", \{allowedValues: [\w.[\]]+\}\);errors\+\+;\}\}\}`,
    'g',
  );
}

export function deadTagChecks(code: string): string {
  // Where each tag variable is read, by position (names repeat across functions, never within one).
  const reads: Array<{ at: number; tag: string; data: string; prop: string }> = [];
  for (const m of code.matchAll(TAG_READ)) reads.push({ at: m.index!, tag: m[1], data: m[2], prop: m[3] });
  if (reads.length === 0) return code;
  const branch = new RegExp(String.raw`if\((tag\d+) === (${STRING})\)\{`, 'g');
  // The dead blocks to cut, as [from, to): each a direct statement of its branch, so a nested
  // dispatch's blocks belong to the nested branch and no two cuts overlap.
  const cuts: Array<[number, number]> = [];
  for (const m of code.matchAll(branch)) {
    // The read must be in the branch's own function: a tag read this does not recognise
    // (`data["x-kind"]`) must never fall back to a same-named one of an earlier function.
    const fnStart = code.lastIndexOf('function validate', m.index!);
    const read = findLast(reads, (r) => r.at < m.index! && r.at > fnStart && r.tag === m[1]);
    if (!read) continue;
    const open = m.index! + m[0].length - 1;
    const body = code.slice(open + 1, closing(code, open));
    for (const d of body.matchAll(deadCheck(read.data, read.prop, m[2]))) {
      if (depthAt(body, d.index!) === 0) cuts.push([open + 1 + d.index!, open + 1 + d.index! + d[0].length]);
    }
  }
  let out = '';
  let last = 0;
  for (const [from, to] of cuts.sort((a, b) => a[0] - b[0])) {
    out += code.slice(last, from);
    last = to;
  }
  return out + code.slice(last);
}

/** Bracket depth at `i` in `code` (strings skipped). */
function depthAt(code: string, i: number): number {
  let depth = 0;
  for (let j = 0; j < i; j++) {
    const c = code[j];
    if (c === '"') j = skipString(code, j) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return depth;
}

function findLast<T>(xs: T[], pred: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i])) return xs[i];
  return undefined;
}
