/**
 * A team with its own OpenResponses server, start to finish, from the
 * packed packages in a throwaway project: `anyresponses` and
 * `@anyresponses/codegen` installed, an extended spec
 * (test/support/extended-spec.ts) and `anyresponses.config.json`,
 * `npx anyresponses-codegen generate` with no arguments, then
 * test/fixtures/consumer/app.ts, which narrows on the extension tags (with
 * `@ts-expect-error` where it must fail), type-checked by tsc --strict
 * (declaration files checked too) and run: it starts the mock server from
 * the generated module and streams a scripted turn with the extension item
 * and event through the generated client. Then `generate --check` exits 0,
 * and 1 once the spec changes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExtended } from '../support/codegen.js';
import { install, newProject, pack } from '../support/packed.js';
import { hasShared, repoRoot } from '../support/shared.js';

const shared = hasShared();
const work = mkdtempSync(join(tmpdir(), 'ar-consumer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let project: string;
const bin = (name: string, ...args: string[]) => spawnSync(join(project, 'node_modules/.bin', name), args, { cwd: project, encoding: 'utf8' });

beforeAll(() => {
  if (!shared) return;
  project = newProject(work, 'acme-app');
  install(project, [pack(work), pack(work, '@anyresponses/codegen')]);
  writeExtended(project);
  writeFileSync(
    join(project, 'anyresponses.config.json'),
    JSON.stringify({ spec: './openapi.json', out: './src/gen', name: 'acme', baseURL: 'https://api.acme.dev/v1', auth: { style: 'bearer', env: 'ACME_API_KEY' } }, null, 2),
  );
}, 300_000);

describe.runIf(shared)('a consumer project generating a client for its own server', () => {
  it('npx anyresponses-codegen generate (no arguments) writes the configured folder, importing only anyresponses', () => {
    const r = bin('anyresponses-codegen', 'generate');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote 13 file\(s\) to src\/gen\//);
    const js = readdirSync(join(project, 'src/gen')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(project, 'src/gen', f), 'utf8'));
    const external = new Set(js.flatMap((t) => [...t.matchAll(/\bfrom\s*["']([^"'.][^"']*)["']/g)].map((m) => m[1])));
    expect([...external].sort()).toEqual(['anyresponses', 'anyresponses/validation']);
  });

  it('tsc --strict accepts code that narrows on the extension tags and refuses what must fail (@ts-expect-error), declaration files included', () => {
    copyFileSync(join(repoRoot, 'test/fixtures/consumer/app.ts'), join(project, 'src/app.ts'));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')] },
        files: ['src/app.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs: the mock server started from the generated module streams the extension event and item, typed and validated', () => {
    const r = spawnSync(process.execPath, ['src/app.js'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { seen: string[]; traces: string[]; items: string[]; region: string; text: string; rejected: string };
    expect(out.seen.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'acme:trace_event', 'response.output_item.added']);
    expect(out.seen.at(-1)).toBe('response.completed');
    expect(out).toMatchObject({ traces: ['t-1'], items: ['lookup oslo: Oslo', 'message from assistant'], region: 'eu', text: 'Sunny.', rejected: 'SpecValidationError' });
  });

  it('generate --check exits 0, then 1 once the spec changes', () => {
    const fresh = bin('anyresponses-codegen', 'generate', '--check');
    expect([fresh.status, fresh.stdout]).toEqual([0, expect.stringMatching(/^src\/gen\/ is up to date/)]);
    writeExtended(project, 'openapi.json', { v2: true });
    const stale = bin('anyresponses-codegen', 'generate', '--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/^src\/gen\/ is stale; run `anyresponses-codegen generate`\. \d+ file\(s\):\n {2}changed {2}src\/gen\//);
  });
});
