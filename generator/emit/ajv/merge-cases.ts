/**
 * Tag dispatch switches (`tagSwitches`) often hold many cases with the same
 * code: the tags of one group, or branches checked the same way. Before
 * minifying their code differs only in ajv's local names; after, it is the
 * same text. On the parsed minified program, cases of one switch whose
 * code is identical and ends in `break` become one body with several
 * labels (`case 1:case 2:{...}`): the switch is on a Map lookup of distinct
 * integers, so which label comes first changes nothing.
 */
import { applyEdits, parseModule, type Edit, type Node, type Program } from './edits.js';

type Case = Node & { test: Node | null; consequent: Node[] };

function switches(root: Node): Array<Node & { cases: Case[] }> {
  const out: Array<Node & { cases: Case[] }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'SwitchStatement') out.push(n as Node & { cases: Case[] });
    for (const key of Object.keys(n)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(n[key]);
  };
  walk(root);
  return out;
}

const endsInBreak = (c: Case) => {
  const last = c.consequent[c.consequent.length - 1];
  return !!last && last.type === 'BreakStatement' && !last.label;
};

/**
 * The edits, on a parsed program, for the switches that hold no other switch: in each, the first
 * case of a group of cases with the same code takes the labels of the others, which are deleted
 * (every case ends in `break`, so where each stands changes nothing). A switch holding another
 * is left alone, so one pass is the end: a second finds nothing.
 */
export function mergeEdits(code: string, program: Program): Edit[] {
  const edits: Edit[] = [];
  for (const s of switches(program)) {
    if (s.cases.some((c) => switches(c as Node).length > 0)) continue;
    const cases = s.cases;
    if (cases.length < 2 || !cases.every((c) => c.test === null || (c.consequent.length > 0 && endsInBreak(c)))) continue;
    const groups = new Map<string, Case[]>();
    for (const c of cases) {
      if (c.test === null) continue;
      const text = code.slice(c.consequent[0].start, c.consequent[c.consequent.length - 1].end);
      groups.set(text, [...(groups.get(text) ?? []), c]);
    }
    for (const [first, ...rest] of groups.values()) {
      if (rest.length === 0) continue;
      edits.push([first.start, first.consequent[0].start, [first, ...rest].map((c) => `case ${code.slice(c.test!.start, c.test!.end)}:`).join('')]);
      for (const c of rest) edits.push([c.start, c.end, '']);
    }
  }
  return edits;
}

export function mergeCases(code: string): string {
  return applyEdits(code, mergeEdits(code, parseModule(code)));
}
