/**
 * `npm install anyresponses` as a user gets it, from the packed tarball in a
 * throwaway project: one package and nothing under it, no install script
 * run (npm's script shell is a recorder here, so any lifecycle script of
 * any package would leave a line), its size on disk, every path its
 * package.json names present, no JavaScript that no entry point runs, and
 * its command. Then `@anyresponses/codegen`
 * installed beside it: `generate --check` answers from the stamp, and a
 * relative `--spec-dir` (resolved against the working directory) regenerates
 * in memory to the very files that were packed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackage, unreachableCode } from '../../scripts/package-check.mjs';
import { install, newProject, npm, pack, sizeOf } from '../support/packed.js';
import { hasShared, specsDir } from '../support/shared.js';

const work = mkdtempSync(join(tmpdir(), 'ar-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let tarball: string;
let project: string;
let installed: string;
const scriptLog = join(work, 'scripts-run.log');

beforeAll(() => {
  tarball = pack(work);
  project = newProject(work, 'app');
  // npm runs every lifecycle script through its script shell: this one records, then runs it.
  const recorder = join(work, 'record-script.sh');
  writeFileSync(recorder, `#!/bin/sh\necho "$@" >> '${scriptLog}'\nexec /bin/sh "$@"\n`);
  chmodSync(recorder, 0o755);
  install(project, [tarball], [`--script-shell=${recorder}`, '--foreground-scripts']);
  installed = join(project, 'node_modules/anyresponses');
}, 120_000);

describe('the packed anyresponses, installed in a throwaway project', () => {
  it('is one package with no dependency: npm ls --all lists anyresponses and nothing under it', () => {
    const tree = JSON.parse(npm(['ls', '--all', '--json'], project)) as { dependencies?: Record<string, { dependencies?: object }> };
    expect(Object.keys(tree.dependencies ?? {})).toEqual(['anyresponses']);
    expect(tree.dependencies!.anyresponses.dependencies ?? {}).toEqual({});
    expect(readdirSync(join(project, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['anyresponses']);
    expect(readdirSync(join(project, 'node_modules/.bin'))).toEqual(['anyresponses']);
  });

  it('runs no install script', () => {
    expect(existsSync(scriptLog) ? readFileSync(scriptLog, 'utf8') : '').toBe('');
    const scripts = (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);
  });

  it('reports its size on disk', () => {
    const size = sizeOf(join(project, 'node_modules'));
    console.log(`anyresponses installed: ${(size.bytes / 1024).toFixed(0)} KiB in ${size.files} files (tarball ${(statSync(tarball).size / 1024).toFixed(0)} KiB)`);
    expect(size.files).toBeGreaterThan(0);
    expect(existsSync(join(installed, 'dist/runtime/index.js'))).toBe(true);
  });

  it('ships every path its package.json names (main, types, bin, exports, typesVersions), and no generator', () => {
    expect(checkPackage(installed)).toEqual([]);
    expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
    expect(existsSync(join(installed, 'generator'))).toBe(false);
    expect(existsSync(join(installed, 'dist/generator'))).toBe(false);
  });

  it('ships no JavaScript that no entry point runs: the bundles, their chunks and the generated modules, no unbundled module beside them', () => {
    expect(unreachableCode(installed)).toEqual([]);
    expect(existsSync(join(installed, 'dist/runtime/client/client.js'))).toBe(false);
    expect(existsSync(join(installed, 'dist/runtime/client/client.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'dist/tsc'))).toBe(false);
  });

  it.each([
    ['validate is here', { given: ['validate', '--help-me'], want: { code: 2, stderr: /anyresponses validate: .*help-me/ } }],
    ['help lists the runtime commands', { given: ['--help'], want: { code: 0, stdout: /validate[\s\S]*replay[\s\S]*serve[\s\S]*anyresponses-codegen/ } }],
    ['generate moved', { given: ['generate'], want: { code: 2, stderr: /moved to the code generator.*`npx anyresponses-codegen generate`/ } }],
    ['diff moved', { given: ['diff', 'a', 'b'], want: { code: 2, stderr: /`npx anyresponses-codegen diff`/ } }],
    ['schemas moved', { given: ['schemas', 'update'], want: { code: 2, stderr: /`npx anyresponses-codegen schemas`/ } }],
  ])('its command: %s', (_name, { given, want }) => {
    const r = spawnSync(join(project, 'node_modules/.bin/anyresponses'), given, { cwd: project, encoding: 'utf8' });
    expect(r.status).toBe(want.code);
    if ('stderr' in want) expect(r.stderr).toMatch(want.stderr);
    if ('stdout' in want) expect(r.stdout).toMatch(want.stdout);
  });
});

describe('@anyresponses/codegen installed beside it', () => {
  let codegenProject: string;
  const codegen = (...args: string[]) => spawnSync(join(codegenProject, 'node_modules/.bin/anyresponses-codegen'), args, { cwd: codegenProject, encoding: 'utf8' });

  beforeAll(() => {
    codegenProject = newProject(work, 'with-codegen');
    install(codegenProject, [tarball, pack(work, '@anyresponses/codegen')]);
  }, 180_000);

  it('generate --check is true from the stamp (no spec needed) and names the package it checked', () => {
    const r = codegen('generate', '--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^node_modules\/anyresponses\/generated\/ is up to date \(stamp matches, \d+ ms\)/);
  });

  it('a relative --spec-dir is relative to the working directory, and regenerating in memory gives the packed files', (ctx) => {
    if (!hasShared()) return ctx.skip();
    const r = codegen('generate', '--check', '--full', '--spec-dir', relative(codegenProject, specsDir));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('compared in memory');
    expect(r.status).toBe(0);
  });

  it('the runtime commands point back to anyresponses; without an anyresponses package it says what to do', () => {
    const r = codegen('validate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`npx anyresponses validate`');
    const empty = newProject(work, 'empty');
    const bare = spawnSync(join(codegenProject, 'node_modules/.bin/anyresponses-codegen'), ['generate', '--check'], { cwd: empty, encoding: 'utf8' });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/no anyresponses package to work on: .*schemas\/sources.json does not exist.*--root DIR/);
  });
});
