/**
 * The passes that run on the parsed minified validators (merge-cases.ts,
 * hoist-paths.ts, pure.ts) each find places in the program and say what
 * to put there; this applies such edits to the text. Edits never overlap:
 * each replaces a whole node (a literal, a run of cases) or inserts at a
 * node's start.
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

/** Several passes' edits from one parse of `code`. */
export function editOnce(code: string, ...passes: Array<(code: string, program: Program) => Edit[]>): string {
  const program = parseModule(code);
  return applyEdits(code, passes.flatMap((p) => p(code, program)));
}
