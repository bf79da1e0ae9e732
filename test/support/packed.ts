/**
 * The packages as a user gets them: `npm pack`, installed into throwaway
 * projects under os.tmpdir(). Each test file packs once and reuses the
 * tarball. Packing uses --ignore-scripts: the suite's set-up (`npm run
 * generate`) has built both packages already, and `prepack` would rebuild
 * dist/ under the feet of the test files running beside this one.
 *
 * And the peers these tests run the package in (a Chromium, Bun): missing
 * ones skip the test, except under CI=true, where they fail it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

/** Runs npm in `cwd`; throws with npm's output when it fails. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

/** Packs the root package (`anyresponses`) or a workspace (`@anyresponses/codegen`) into `dir`; returns the tarball's path. */
export function pack(dir: string, workspace?: string): string {
  const before = new Set(readdirSync(dir));
  npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', dir, ...(workspace ? ['--workspace', workspace] : [])], repoRoot);
  const made = readdirSync(dir).filter((f) => f.endsWith('.tgz') && !before.has(f));
  if (made.length !== 1) throw new Error(`npm pack made ${made.length} tarballs in ${dir}: ${made.join(', ')}`);
  return join(dir, made[0]);
}

/** An empty ES-module project in `dir/name`. */
export function newProject(dir: string, name: string): string {
  const project = join(dir, name);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: `throwaway-${name}`, private: true, type: 'module' }));
  return project;
}

/** Installs tarballs (or names) into a project, from the local npm cache where it can. */
export function install(project: string, specs: string[], extra: string[] = []): string {
  return npm(['install', '--prefer-offline', '--no-audit', '--no-fund', ...extra, ...specs], project);
}

/** Bytes and files under a folder, by file size (what a user's disk holds, before block rounding). */
export function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const s = statSync(full);
    if (s.isDirectory()) {
      const inner = sizeOf(full);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += s.size;
      files += 1;
    }
  }
  return { bytes, files };
}

/**
 * True when a peer the test needs is here. Missing: false (the test skips),
 * or under CI=true an error (CI never skips these).
 */
export function hasPeer(name: string, found: boolean, hint: string): boolean {
  if (!found && process.env.CI === 'true') throw new Error(`${name} is missing (CI=true never skips this test): ${hint}`);
  return found;
}

/** The Chromium to drive: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

/** The Bun binary of the `bun` dev dependency, when it runs. */
export function bunPath(): string | undefined {
  const bin = join(repoRoot, 'node_modules/.bin/bun');
  if (!existsSync(bin)) return undefined;
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0 ? bin : undefined;
}

/**
 * Runs a command without blocking this process (a server in this process,
 * such as the mock server, must go on answering the child); a hung child is
 * killed after `timeoutMs`.
 */
export function run(command: string, args: string[], cwd: string, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => (clearTimeout(timer), reject(e)));
    child.once('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

/** Node with the given script as an ES module, in `cwd` (see `run`). */
export function node(script: string, cwd: string, args: string[] = []) {
  return run(process.execPath, ['--input-type=module', '-e', script, ...args], cwd);
}
