/**
 * scripts/package-check.mjs's `unreachableCode`, on small packages written
 * here: a shipped .js file that no entry point reaches (main, bin, exports
 * and imports targets, patterns expanded, then relative imports, static or
 * dynamic, transitively) is named; code some entry runs is not.
 * test/package/install.test.ts runs it on the installed tarball.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unreachableCode } from '../../scripts/package-check.mjs';

const work = mkdtempSync(join(tmpdir(), 'ar-pkg-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

function packageOf(pkg: object, files: Record<string, string>): string {
  const dir = join(work, `p${n++}`);
  for (const [path, text] of Object.entries({ 'package.json': JSON.stringify(pkg), ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const EXPORTS = { exports: { '.': './dist/index.js', './providers/*': './gen/providers/*.js' }, imports: { '#items/*': './gen/*/items.js' }, bin: { x: './dist/bin.js' } };

describe('unreachableCode', () => {
  it.each([
    ['entries and what they import, statically and dynamically', {
      given: { 'dist/index.js': 'import{a}from"./chunks/a.js";export const b=()=>import("./chunks/lazy.js");', 'dist/chunks/a.js': 'export * from "../../gen/x/items.js"', 'dist/chunks/lazy.js': '', 'dist/bin.js': "import './main.js';", 'dist/main.js': '', 'gen/x/items.js': '', 'gen/providers/p.js': '' },
      want: [],
    }],
    ['an unbundled module beside the bundle', {
      given: { 'dist/index.js': '', 'dist/bin.js': '', 'dist/client/client.js': 'export class Client {}' },
      want: ['dist/client/client.js ships, and no entry point imports it'],
    }],
    ['a file only a comment names', {
      given: { 'dist/index.js': '/* import "./old.js" */\n// from "./old.js"\n', 'dist/bin.js': '', 'dist/old.js': '' },
      want: ['dist/old.js ships, and no entry point imports it'],
    }],
    ['a chunk nothing imports any more', {
      given: { 'dist/index.js': 'import "./chunks/a.js";', 'dist/bin.js': '', 'dist/chunks/a.js': '', 'dist/chunks/b.js': '' },
      want: ['dist/chunks/b.js ships, and no entry point imports it'],
    }],
  ])('%s', (_name, { given, want }) => {
    expect(unreachableCode(packageOf(EXPORTS, given))).toEqual(want);
  });
});
