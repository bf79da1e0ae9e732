/** Type-checks in-memory TypeScript files with the real compiler (strict, no emit). */
import ts from 'typescript';

export interface Diagnostic {
  file: string;
  line: number;
  message: string;
}

export function typeCheck(files: Record<string, string>, extraRoots: string[] = []): Diagnostic[] {
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: false, types: [], noUnusedLocals: false,
  };
  const host = ts.createCompilerHost(options);
  const { readFile, fileExists, getSourceFile } = host;
  host.readFile = (f) => files[f] ?? readFile.call(host, f);
  host.fileExists = (f) => f in files || fileExists.call(host, f);
  const dirs = new Set(Object.keys(files).map((f) => f.slice(0, f.lastIndexOf('/'))));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => dirs.has(d.replace(/\/$/, '')) || (directoryExists ? directoryExists(d) : false);
  host.getSourceFile = (f, lang, ...rest) =>
    f in files ? ts.createSourceFile(f, files[f], lang, true) : getSourceFile.call(host, f, lang, ...rest);
  const program = ts.createProgram([...Object.keys(files), ...extraRoots], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file?.fileName ?? '',
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

/** The kinds of the top-level statements of a source text. */
export function statementKinds(text: string): string[] {
  const sf = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.ES2022, true);
  return sf.statements.map((s) => ts.SyntaxKind[s.kind]);
}

/** Every identifier in the code (not in strings or comments). */
export function identifiers(text: string): Set<string> {
  const sf = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.ES2022, true);
  const out = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) out.add(n.text);
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}
