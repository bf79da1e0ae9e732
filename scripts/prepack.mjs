#!/usr/bin/env node
/**
 * `prepack` of the anyresponses package (run by `npm pack` and `npm publish`):
 * builds what the package ships, or refuses. A fresh clone has no dist/ and
 * no generated/ (both git-ignored), so this builds the runtime, builds the
 * generator, regenerates generated/ when it is stale (that needs the pinned
 * specs: ../shared/specs, $ANYRESPONSES_SPEC_DIR, the cache or a download),
 * and finally checks that every path package.json names exists.
 * Any failure exits 1 with the reason, and npm packs nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage } from './package-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function refuse(message) {
  process.stderr.write(`anyresponses prepack: not packing. ${message}\n`);
  process.exit(1);
}

function step(what, command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) refuse(`${what} failed (${[command, ...args].join(' ')} exited ${r.status ?? r.signal}).`);
}

if (!existsSync(join(root, 'node_modules/typescript'))) refuse('Building needs the dev dependencies: run `npm ci` first.');
step('building the runtime', 'npm', ['run', 'build']);
step('building the generator', 'npm', ['run', 'build:codegen']);
const codegen = join(root, 'generator/dist/cli/bin.js');
const check = spawnSync(process.execPath, [codegen, 'generate', '--check', '--quiet'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
if (check.status !== 0) step('regenerating generated/', process.execPath, [codegen, 'generate', '--quiet']);
const problems = checkPackage(root);
if (problems.length > 0) refuse(`package.json names files that do not exist:\n  ${problems.join('\n  ')}`);
