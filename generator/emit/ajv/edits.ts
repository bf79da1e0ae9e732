/**
 * The passes that run on the parsed minified validators (merge-cases.ts,
 * hoist-paths.ts, pure.ts) each find places in the program and say what
 * to put there; this applies such edits to the text. Edits never overlap:
 * each replaces a whole node (a literal, a case, a case's labels) or
 * inserts at a node's start, and a later pass leaves alone what an earlier
 * one replaces.
 */
import { Parser } from 'acorn';

export type Node = { type: string; start: number; end: number; [key: string]: unknown };
export type Program = Node & { body: Node[] };
/** Replace `code.slice(from, to)` by `text` (an insertion when from === to). */
export type Edit = [from: number, to: number, text: string];

export function parseModule(code: string): Program {
  return Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as Program;
}

export function applyEdits(code: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return code;
  let out = '';
  let last = 0;
  for (const [from, to, text] of [...edits].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    if (from < last) throw new Error(`overlapping edits of generated code at offset ${from}`);
    out += code.slice(last, from) + text;
    last = to;
  }
  return out + code.slice(last);
}

/** A pass: edits from a program parsed from `code`, none inside text an earlier pass replaces (`earlier`). */
export type Pass = (code: string, program: Program, earlier: readonly Edit[]) => Edit[];

/** A test of whether an offset lies in text one of `edits` replaces or deletes (a binary search; they never overlap). */
export function replacedBy(edits: readonly Edit[]): (at: number) => boolean {
  const ranges = edits.filter(([from, to]) => from < to).sort((a, b) => a[0] - b[0]);
  return (at) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][1] <= at) lo = mid + 1;
      else if (ranges[mid][0] > at) hi = mid - 1;
      else return true;
    }
    return false;
  };
}

/** Several passes' edits on one parsed program, applied together. */
export function editProgram(code: string, program: Program, passes: readonly Pass[]): string {
  const edits: Edit[] = [];
  for (const pass of passes) edits.push(...pass(code, program, edits));
  return applyEdits(code, edits);
}

/** Several passes' edits from one parse of `code`. */
export function editOnce(code: string, ...passes: Pass[]): string {
  return editProgram(code, parseModule(code), passes);
}
