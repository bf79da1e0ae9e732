/**
 * Every `ts` block of README.md and of the guides in docs/ is type-checked
 * (one program, as a consumer of the built package) and run against the mock
 * server, so the docs cannot drift from the code. Running: each block is a module run by tsx in
 * a throwaway project whose node_modules links this package, with every
 * provider's base-URL variable pointed at a mock server of its flavor, the
 * README's hard-coded local URL replaced by the OpenResponses mock's, and
 * its model names (`gpt-5`, `qwen3-8b`) replaced by the mock's `echo`.
 * A block that imports vitest is type-checked, not run (it runs inside a
 * test runner; test/package/matcher-types.test.ts runs the same setup).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { repoRoot } from './support/shared.js';

/**
 * A block right after `<!-- readme-test: type-check only (why) -->` is not run (it needs a peer
 * the test does not have: a Redis client, a WebSocket server); one after `<!-- readme-test: not
 * checked (why) -->` is neither type-checked nor run here (it imports files a user generates,
 * and the test named in the reason runs the same code). The reason stays in the page.
 */
/** The README and the guides it links to in docs/: one program, one run. */
const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const text = pages.map((p) => readFileSync(join(repoRoot, p), 'utf8')).join('\n');
const all = [...text.matchAll(/(<!-- readme-test: (type-check only|not checked) \([^)]+\) -->\n)?^```ts\n([\s\S]*?)^```$/gm)].map((m, i) => ({
  name: `block-${i + 1}.ts`,
  code: m[3],
  checked: m[2] !== 'not checked',
  runs: !m[1] && !/from 'vitest'/.test(m[3]),
}));
const blocks = all.filter((b) => b.checked);

const project = mkdtempSync(join(tmpdir(), 'readme-'));
mkdirSync(join(project, 'node_modules/@types'), { recursive: true });
for (const pkg of ['zod', 'vitest', '@types/node']) symlinkSync(join(repoRoot, 'node_modules', pkg), join(project, 'node_modules', pkg), 'dir');
symlinkSync(repoRoot, join(project, 'node_modules/anyresponses'), 'dir');
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'readme-consumer', type: 'module', private: true }));
for (const b of blocks) writeFileSync(join(project, b.name), `${b.code}\nexport {};\n`);

describe('README.md and docs/', () => {
  it('has ts blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('every ts block type-checks as a consumer of the package', () => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(project, 'node_modules/@types')],
    };
    const program = ts.createProgram(blocks.map((b) => join(project, b.name)), options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(project.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });

  describe('every ts block runs against the mock server', () => {
    let openai: MockServer;
    let openresponses: MockServer;
    beforeAll(async () => {
      openai = await startMockServer({ flavor: 'openai' });
      openresponses = await startMockServer({ flavor: 'openresponses' });
    });
    afterAll(async () => {
      await openai?.close();
      await openresponses?.close();
    });

    it.each(blocks.filter((b) => b.runs).map((b) => [b.name, b] as const))('%s', async (_name, block) => {
      const code = `${block.code}\nexport {};\n`
        .replaceAll('http://localhost:1234/v1', openresponses.url)
        .replace(/'((?:[a-z-]+:)?)(gpt-5|qwen3-8b|qwen3)'/g, "'$1echo'");
      const file = join(project, `run-${block.name}`);
      writeFileSync(file, code);
      const env: Record<string, string> = { ...(process.env as Record<string, string>), OPENAI_API_KEY: 'test', OPENROUTER_API_KEY: 'test' };
      for (const v of ['OPENAI_BASE_URL', 'OPENROUTER_API_BASE']) env[v] = openai.url;
      for (const v of ['LM_STUDIO_API_BASE', 'OLLAMA_API_BASE', 'OPENRESPONSES_API_BASE']) env[v] = openresponses.url;
      // Asynchronously: the mock servers answer from this process.
      const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs'), file], { cwd: project, env, encoding: 'utf8', timeout: 120_000 }, (e, _out, stderr) =>
          resolve({ status: e ? ((e as { code?: unknown }).code as number | null) ?? null : 0, stderr }),
        );
      });
      expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr.slice(0, 2000) }).toEqual({ status: 0, stderr: '' });
    });
  });
});
