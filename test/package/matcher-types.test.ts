/**
 * The vitest matchers' types, in throwaway consumer projects that install
 * the packed tarball (issue 15: they vanished when a project's first file
 * imported `anyresponses/testing`). `tsc --strict`, declaration files
 * checked too:
 *
 * - with vitest: the first file imports `anyresponses/testing`, the setup
 *   file (`import 'anyresponses/testing/vitest'`, the setup line of docs/validation.md)
 *   comes last, and the matchers are typed; without the setup file they are
 *   not (TS2339), so the line is what types them. Then vitest runs a test
 *   file in that project with the setup file: the matchers pass and fail.
 * - without vitest: `anyresponses/testing` type-checks (it never names
 *   vitest); only the vitest entry asks for vitest.
 *
 * The consumer's vitest is this repository's, linked into its node_modules
 * (as test/readme.test.ts links it): no registry needed for it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { install, newProject, pack } from '../support/packed.js';
import { repoRoot } from '../support/shared.js';

const work = mkdtempSync(join(tmpdir(), 'ar-matchers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIRST = `// The program's first file imports anyresponses/testing and nothing from vitest.
import { installMatchers, matchers, startMockServer, type SchemaMatchers } from 'anyresponses/testing';
export const helpers = { installMatchers, matchers, startMockServer };
export type Typed = SchemaMatchers<void>;
`;

const USES = `import { expect, it } from 'vitest';

const body = { id: 'resp_1' };

it('rejects what does not match, typed', () => {
  expect(body).not.toMatchSchema('openresponses', 'ResponseResource');
  expect({ ...body, id: 5 }).not.toMatchSchema('openai', 'Response', { mode: 'tolerant' });
  expect([{ type: 'response.created' }]).not.toBeValidStream('openai');
  expect({ nested: body }).toEqual({ nested: expect.not.toMatchSchema('openresponses', 'ResponseResource') });
});

it('says what failed', () => {
  expect(() => expect(body).toMatchSchema('openresponses', 'ResponseResource')).toThrow(/expected the value to match openresponses ResponseResource:\\n {2}\\/object: missing required property 'object'\\n/);
});

export function mustNotCompile() {
  // @ts-expect-error the spec is openai or openresponses
  expect(body).toMatchSchema('gemini', 'Response');
  // @ts-expect-error mode is strict or tolerant
  expect([]).toBeValidStream('openai', { mode: 'lenient' });
}
`;

const SETUP = `import 'anyresponses/testing/vitest';\n`;

const NO_VITEST = `import { installMatchers, matchers, startMockServer, type MockServer, type SchemaMatchers } from 'anyresponses/testing';

// jest, or any expect with extend(): the matchers install without vitest.
const registered: Record<string, unknown>[] = [];
await installMatchers({ extend: (m) => void registered.push(m) });
const verdict: boolean = matchers.toMatchSchema({ id: 'resp_1' }, 'openresponses', 'ResponseResource').pass;
const server: MockServer = await startMockServer();
await server.close();
export const typed: SchemaMatchers<void> | undefined = undefined;
export { verdict };
`;

const tscBin = join(repoRoot, 'node_modules/typescript/bin/tsc');

/** tsc --strict over `files` in this order (declaration files checked too); its output and status. */
function tsc(project: string, files: string[], options: Record<string, unknown> = {}): { out: string; status: number | null } {
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')], ...options },
      files,
    }),
  );
  const r = spawnSync(process.execPath, [tscBin, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
  return { out: r.stdout + r.stderr, status: r.status };
}

let withVitest: string;
let withoutVitest: string;

beforeAll(() => {
  const tarball = pack(work);
  withVitest = newProject(work, 'with-vitest');
  withoutVitest = newProject(work, 'without-vitest');
  install(withVitest, [tarball]);
  install(withoutVitest, [tarball]);
  symlinkSync(join(repoRoot, 'node_modules/vitest'), join(withVitest, 'node_modules/vitest'), 'dir');
  for (const [project, files] of [
    [withVitest, { 'a-first.ts': FIRST, 'b-uses.test.ts': USES, 'setup.ts': SETUP }],
    [withoutVitest, { 'a-first.ts': FIRST, 'no-vitest.ts': NO_VITEST, 'setup.ts': SETUP }],
  ] as const) {
    mkdirSync(join(project, 'src'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(project, 'src', name), text);
  }
}, 300_000);

describe('the matcher types in a consumer project', () => {
  it('with vitest: typed whichever file comes first, once the setup line is in the program', () => {
    expect(tsc(withVitest, ['src/a-first.ts', 'src/b-uses.test.ts', 'src/setup.ts'])).toEqual({ out: '', status: 0 });
  });

  it('with vitest, without the setup line: the matchers are not on expect (TS2339), and the @ts-expect-error lines are then unused', () => {
    const r = tsc(withVitest, ['src/a-first.ts', 'src/b-uses.test.ts']);
    expect(r.status).toBe(2);
    expect(r.out).toMatch(/src\/b-uses\.test\.ts\(\d+,\d+\): error TS2339: Property 'toMatchSchema' does not exist on type 'Assertion<\{ id: string; \}>'/);
  });

  it('with vitest: the setup file installs the matchers at run time (vitest run in the project)', () => {
    writeFileSync(join(withVitest, 'vitest.config.mjs'), `export default { test: { include: ['src/**/*.test.ts'], setupFiles: ['./src/setup.ts'] } };\n`);
    // A clean environment: not this run's vitest variables, and no colours in the report.
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !['TEST', 'NODE_ENV', 'FORCE_COLOR'].includes(k))), NO_COLOR: '1' };
    const r = spawnSync(process.execPath, [join(withVitest, 'node_modules/vitest/vitest.mjs'), 'run', '--root', withVitest], { cwd: withVitest, env, encoding: 'utf8', timeout: 120_000 });
    expect({ status: r.status, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ status: 0, out: '' });
    expect(r.stdout).toMatch(/Tests {2}2 passed \(2\)/);
  });

  // noUncheckedSideEffectImports: the strictest consumer, where even a bare `import 'vitest'` must resolve.
  it('without vitest: anyresponses/testing type-checks, and only the vitest entry asks for vitest', () => {
    const strictest = { noUncheckedSideEffectImports: true };
    expect(tsc(withoutVitest, ['src/a-first.ts', 'src/no-vitest.ts'], strictest)).toEqual({ out: '', status: 0 });
    const r = tsc(withoutVitest, ['src/a-first.ts', 'src/setup.ts'], strictest);
    expect(r.out).toMatch(/node_modules\/anyresponses\/dist\/runtime\/testing\/vitest\.d\.ts\(\d+,\d+\): error TS2307: Cannot find module 'vitest'/);
  });

  it('without vitest: anyresponses/testing runs (the matchers install in any expect with extend)', () => {
    writeFileSync(join(withoutVitest, 'src/run.mjs'), `import { installMatchers, matchers } from 'anyresponses/testing';\nconst seen = [];\nawait installMatchers({ extend: (m) => seen.push(Object.keys(m).join(',')) });\nconsole.log(seen.join(' '), matchers.toMatchSchema({ id: 'resp_1' }, 'openresponses', 'ResponseResource').pass);\n`);
    const r = spawnSync(process.execPath, ['src/run.mjs'], { cwd: withoutVitest, encoding: 'utf8', timeout: 60_000 });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: 'toMatchSchema,toBeValidStream false\n', stderr: '' });
  });
});
