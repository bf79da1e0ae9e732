/**
 * Issue 13: what a user installs and bundles, against openai-node in the
 * same run. The packed `anyresponses` and `openai` (the version this repo
 * tests against) are each installed into a throwaway project from the local
 * npm cache and measured the same way (bytes of every file under
 * node_modules). Bundles are esbuild's, minified, from the installed
 * package: one guard alone (`isResponse` from `anyresponses/openai`), the
 * whole module for comparison, and an app calling the client with
 * validation on. The installed package is also split by part (the bundled
 * runtime's JavaScript and declarations, generated/, the rest). Cold import against require("openai") is in the runtime
 * bench.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ratio } from './lib.mjs';

/** The isResponse bundle issue 13 started from (minified, before validators could be imported per schema). */
const ISSUE_BASELINE_BYTES = 502 * 1024;

const repo = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'ar-bench-pkg-'));

function npm(args, cwd) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function project(name, specs) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], dir);
  return dir;
}

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    if (name === '.package-lock.json') continue;
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

/** The installed package by part: bytes and files of each, with .js and .d.ts apart for dist/runtime. */
function partsOf(pkgDir) {
  const rows = [];
  const walk = (dir, rel) => readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full, `${rel}${name}/`) : [{ path: `${rel}${name}`, bytes: statSync(full).size }];
  });
  const files = walk(pkgDir, '');
  const part = (label, test) => {
    const picked = files.filter((f) => test(f.path));
    rows.push({ label, bytes: picked.reduce((n, f) => n + f.bytes, 0), files: picked.length });
  };
  const runtime = (f) => f.startsWith('dist/runtime/');
  part('`dist/runtime` (the bundled runtime), all', runtime);
  part('&nbsp;&nbsp;of which JavaScript', (f) => runtime(f) && f.endsWith('.js'));
  part('&nbsp;&nbsp;of which declarations (.d.ts)', (f) => runtime(f) && f.endsWith('.d.ts'));
  part('`generated/` (types, validators, clients, providers)', (f) => f.startsWith('generated/'));
  part('everything else (README, LICENSE, package.json, pins, overlays, provider manifests)', (f) => !runtime(f) && !f.startsWith('generated/'));
  return rows;
}

async function bundle(dir, name, source) {
  writeFileSync(join(dir, `${name}.js`), source);
  const r = await build({ entryPoints: [join(dir, `${name}.js`)], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  const text = r.outputFiles[0].contents;
  return { bytes: text.length, gzip: gzipSync(text).length, warnings: r.warnings.length };
}

try {
  npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', work], repo);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));
  const openaiVersion = JSON.parse(readFileSync(join(repo, 'node_modules/openai/package.json'), 'utf8')).version;
  const ours = project('ours', [tarball]);
  const theirs = project('theirs', [`openai@${openaiVersion}`]);
  const oursSize = sizeOf(join(ours, 'node_modules'));
  const theirsSize = sizeOf(join(theirs, 'node_modules'));

  const parts = partsOf(join(ours, 'node_modules/anyresponses'));
  const guard = await bundle(ours, 'guard', "import { isResponse } from 'anyresponses/openai';\nconsole.log(isResponse(globalThis.value));\n");
  const whole = await bundle(ours, 'whole', "import * as openai from 'anyresponses/openai';\nconsole.log(openai);\n");
  const app = await bundle(ours, 'app', "import { responses } from 'anyresponses';\nconsole.log(await responses('openai:gpt-5', 'hi', { apiKey: 'k' }));\n");
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const warned = (b) => (b.warnings ? ` (${b.warnings} warning(s))` : '');

  process.stdout.write(`## Install and bundle size (issue 13)

| measurement | ours | comparison (same run) | ratio | target |
| --- | --- | --- | --- | --- |
| installed size: the packed \`anyresponses\` in an empty project (every file under node_modules) | ${kb(oursSize.bytes)} in ${oursSize.files} files | \`openai@${openaiVersion}\` ${kb(theirsSize.bytes)} in ${theirsSize.files} files | ${ratio(oursSize.bytes, theirsSize.bytes)} | <= 0.25 |
| bundle of an app using only \`isResponse\` from \`anyresponses/openai\` (esbuild, minified) | ${kb(guard.bytes)} (gzip ${kb(guard.gzip)})${warned(guard)} | the issue's 502 KB | ${ratio(guard.bytes, ISSUE_BASELINE_BYTES)} | <= 0.25 |
| the same against everything \`anyresponses/openai\` exports, bundled in this run | ${kb(guard.bytes)} | ${kb(whole.bytes)} (gzip ${kb(whole.gzip)})${warned(whole)} | ${ratio(guard.bytes, whole.bytes)} | |
| bundle of an app calling \`responses()\` with validation on (the client and both flavors' validators; for information) | ${kb(app.bytes)} (gzip ${kb(app.gzip)})${warned(app)} | | | |

Where the installed \`anyresponses\` is (its share of the whole install, and of \`openai@${openaiVersion}\`'s in this run):

| part | size | files | share of ours | ratio to openai's install |
| --- | --- | --- | --- | --- |
${parts.map((p) => `| ${p.label} | ${kb(p.bytes)} | ${p.files} | ${(p.bytes / oursSize.bytes).toFixed(2)} | ${ratio(p.bytes, theirsSize.bytes)} |`).join('\n')}

Both packages installed with \`npm install --prefer-offline\` into their own empty project; sizes are file bytes (no block rounding). Cold import against \`require("openai")\` is in the runtime section.
`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
