/**
 * `npm test` (the README's test command, and so CI's) fails on a type
 * error anywhere: this runs `npm run typecheck` (the runtime, the generator,
 * and tsconfig.test.json: every file under test/, the type tests of
 * test/types included) and wants it silent. The first tests check that the
 * script and tsconfig.test.json still cover all of test/.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'fixtures' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [relative(repoRoot, p)] : [];
  });
}

describe('npm run typecheck', () => {
  it('runs tsc on the runtime, the generator and tsconfig.test.json', () => {
    const script: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.typecheck;
    expect(script.split(' && ')).toEqual(['tsc -p tsconfig.json --noEmit', 'tsc -p generator/tsconfig.json --noEmit', 'tsc -p tsconfig.test.json']);
  });

  it('tsconfig.test.json holds every .ts file under test/ (fixtures aside)', () => {
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.test.json', '--listFilesOnly'], { cwd: repoRoot, encoding: 'utf8' });
    const listed = new Set(r.stdout.split('\n').map((f) => relative(repoRoot, f.trim())));
    const files = tsFiles(join(repoRoot, 'test'));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('reports no type error', async () => {
    // Asynchronously, so the other test files go on meanwhile; tsc's report is on stdout.
    const r = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile('npm', ['run', '--silent', 'typecheck'], { cwd: repoRoot, encoding: 'utf8', timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (e, stdout, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out: (stdout + stderr).trim() }),
      ),
    );
    expect(r).toEqual({ code: 0, out: '' });
  });
});
