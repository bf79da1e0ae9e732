/**
 * Error paths: ajv builds an error's instance path as `path + "/type"` at
 * each error site, and the same suffix appears hundreds of times (`"/type"`
 * 349 times in the Response closure). On the parsed minified program, a
 * string literal that starts with `/` and is the right operand of a `+`
 * becomes one module constant wherever that saves bytes. These run only
 * when an error is reported, and a bundler keeps a constant only where a
 * kept function reads it.
 */
import { applyEdits, parseModule, replacedBy, type Edit, type Node, type Program } from './edits.js';

/** Bytes a constant must save to be made. */
export const MIN_SAVING = 120;

export function hoistPaths(code: string): string {
  return applyEdits(code, hoistEdits(code, parseModule(code)));
}

/** The edits that make the constants, on a program already parsed from `code` (sites in text `earlier` edits replace do not count). */
export function hoistEdits(code: string, program: Program, earlier: readonly Edit[] = []): Edit[] {
  const sites = new Map<string, number[]>();
  const used = new Set<string>();
  const gone = replacedBy(earlier);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'Identifier') used.add(n.name as string);
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      const right = n.right as Node;
      if (right.type === 'Literal' && typeof right.value === 'string' && right.value.startsWith('/') && !gone(right.start)) {
        const raw = code.slice(right.start, right.end);
        const at = sites.get(raw);
        if (at) at.push(right.start);
        else sites.set(raw, [right.start]);
      }
    }
    for (const key of Object.keys(n)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(n[key]);
  };
  walk(program);
  let k = 0;
  const fresh = () => {
    for (;;) {
      const name = `$${(k++).toString(36)}`;
      if (!used.has(name)) return name;
    }
  };
  const edits: Edit[] = [];
  const declarations: string[] = [];
  // In order of first appearance, so the output is the same on every run.
  for (const [raw, at] of [...sites].sort((a, b) => a[1][0] - b[1][0])) {
    const name = fresh();
    // Each module constant costs a little at import: only those that save enough are made.
    if (at.length * (raw.length - name.length) - (raw.length + name.length + 2) < MIN_SAVING) continue;
    declarations.push(`${name}=${raw}`);
    for (const i of at) edits.push([i, i + raw.length, name]);
  }
  if (declarations.length === 0) return [];
  // After the imports: the constants are plain strings, declared before any function runs.
  const firstCode = program.body.find((s) => s.type !== 'ImportDeclaration');
  const insertAt = firstCode ? firstCode.start : code.length;
  edits.push([insertAt, insertAt, `const ${declarations.join(',')};`]);
  return edits;
}
