/**
 * Tag dispatch switches (`tagSwitches`) often hold many cases with the same
 * code: the tags of one group, or branches checked the same way. Before
 * minifying their code differs only in ajv's local names; after, it is the
 * same text. On the parsed minified program, cases of one switch whose
 * code is identical and ends in `break` become one body with several
 * labels (`case 1:case 2:{...}`): the switch is on a Map lookup of distinct
 * integers, so which label comes first changes nothing.
 */
import { applyEdits, parseModule, type Edit, type Node } from './edits.js';

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
 * One pass over switches that hold no other switch. Another pass can change something only
 * when this one merged cases and left an outer switch for later (`again`).
 */
function pass(code: string): { code: string; again: boolean } {
  const program = parseModule(code);
  const edits: Edit[] = [];
  let nested = false;
  for (const s of switches(program)) {
    if (s.cases.some((c) => switches(c as Node).length > 0)) {
      nested = true;
      continue;
    }
    const cases = s.cases;
    if (cases.length < 2 || !cases.every((c) => c.test === null || (c.consequent.length > 0 && endsInBreak(c)))) continue;
    const groups = new Map<string, string[]>();
    let fallback: string | undefined;
    for (const c of cases) {
      const text = code.slice(c.consequent[0].start, c.consequent[c.consequent.length - 1].end);
      if (c.test === null) fallback = text;
      else groups.set(text, [...(groups.get(text) ?? []), code.slice(c.test.start, c.test.end)]);
    }
    if (groups.size === cases.length - (fallback === undefined ? 0 : 1)) continue;
    const body = [...groups].map(([text, tests]) => `${tests.map((t) => `case ${t}:`).join('')}${text}`).join('') + (fallback === undefined ? '' : `default:${fallback}`);
    edits.push([cases[0].start, cases[cases.length - 1].end, body]);
  }
  return { code: applyEdits(code, edits), again: nested && edits.length > 0 };
}

export function mergeCases(code: string): string {
  for (let i = 0; i < 4; i++) {
    const next = pass(code);
    code = next.code;
    if (!next.again) break;
  }
  return code;
}
