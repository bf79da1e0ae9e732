/**
 * The code generator as a user runs it: its built command
 * (`generator/dist/cli/bin.js`) in a project folder, and throwaway project
 * folders under `.scratch/` in this repository, so generated modules that
 * import `anyresponses` resolve it to this package (a package may import
 * itself by name) and share one runtime instance with the tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extendedSpec, type ExtendOptions } from './extended-spec.js';
import { repoRoot } from './shared.js';

export const codegenBin = join(repoRoot, 'generator/dist/cli/bin.js');
export const runtimeBin = join(repoRoot, 'dist/runtime/cli/bin.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `anyresponses-codegen ...args` in `cwd`. */
export function codegen(cwd: string, ...args: string[]): Ran {
  const r = spawnSync(process.execPath, [codegenBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new empty project folder below `.scratch/`. */
export function scratchProject(prefix: string): string {
  mkdirSync(join(repoRoot, '.scratch'), { recursive: true });
  return mkdtempSync(join(repoRoot, '.scratch', `${prefix}-`));
}

/** Writes the extended spec (test/support/extended-spec.ts) as `file` in `dir`; returns its text. */
export function writeExtended(dir: string, file = 'openapi.json', options: ExtendOptions = {}): string {
  const text = `${JSON.stringify(extendedSpec(options), null, 2)}\n`;
  writeFileSync(join(dir, file), text);
  return text;
}

/** Every file below `dir` (dot files too) by its relative path, with its text. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A generated file's text without its provenance header (the leading `//` lines). */
export function body(text: string): string {
  return text.replace(/^(\/\/[^\n]*\n)+/, '');
}
