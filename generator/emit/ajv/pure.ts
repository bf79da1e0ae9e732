/**
 * A generated module must be free of side effects at import, so a bundler
 * keeps only what the code that imports it uses (one guard keeps one
 * validator's closure). Its top level is imports, exports and declarations
 * only, and each module-level value that is made by a call (`__guard(s12)`,
 * `Object.freeze(...)`, `new Set(...)`) is pure by construction. esbuild's
 * whitespace minification drops `@__PURE__` comments, so they are put back
 * here, on the parsed minified program: before every call or `new` that
 * initialises a top-level declaration, directly or as an element of an
 * array or object literal. A top-level statement of any other kind is an
 * error in the generator.
 */
import { applyEdits, parseModule, type Edit, type Node, type Program } from './edits.js';

/** The short form of the mark, which esbuild, Rollup, terser and webpack read as the long one. */
const PURE = '/*#__PURE__*/';

export function markPure(code: string): string {
  return applyEdits(code, pureEdits(code, parseModule(code)));
}

/** The insertions of `@__PURE__`, on a parsed program (throws for a statement with effects). */
export function pureEdits(_code: string, program: Program): Edit[] {
  const at: number[] = [];
  const visit = (init: Node | null | undefined) => {
    if (!init) return;
    if (init.type === 'CallExpression' || init.type === 'NewExpression') at.push(init.start);
    else if (init.type === 'ArrayExpression') for (const e of init.elements as Array<Node | null>) visit(e);
    else if (init.type === 'ObjectExpression') for (const p of init.properties as Node[]) if (p.type === 'Property') visit(p.value as Node);
  };
  for (const statement of program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement;
    if (!decl) continue; // export { a as b }
    if (decl.type === 'VariableDeclaration') for (const d of decl.declarations as Node[]) visit(d.init as Node | null);
    else if (decl.type !== 'FunctionDeclaration' && decl.type !== 'ClassDeclaration' && decl.type !== 'ImportDeclaration' && decl.type !== 'ExportAllDeclaration') {
      throw new Error(`generated module has a top-level ${decl.type} at offset ${decl.start}: it must have no side effects at import`);
    }
  }
  return at.map((i): Edit => [i, i, PURE]);
}
