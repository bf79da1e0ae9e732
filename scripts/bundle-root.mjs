#!/usr/bin/env node
/**
 * After `tsc`: makes the two hot entry points one module each. Node 20
 * pays for every ES module it resolves and links, and a few small modules
 * cost more than their code (see bench/RESULTS.md, cold import).
 *
 * 1. The validation runtime: dist/runtime/validation/index.js becomes one
 *    module holding every validation file's exports, and each of those
 *    files a one-line re-export of it. Generated validators import index.js
 *    alone; anything importing a single file still gets the same classes.
 * 2. The package root: dist/runtime/index.js becomes one module. Its
 *    imports of the validation runtime point at validation/index.js, so
 *    `SpecValidationError` is one class everywhere. Nothing else imports the
 *    root's internal modules at run time: generated provider modules import
 *    the root itself. Packages (`anyresponses/*`, loaded lazily by the
 *    client) and the package's private imports (`#input-items/*`: the
 *    generated input item tables, which do not exist yet when this runs
 *    before `generate`) stay imports.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist/runtime');
const validationDir = join(outDir, 'validation');
const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', legalComments: 'none', logLevel: 'warning' };

// 1. The validation runtime: every module of runtime/validation/*.ts (as tsc wrote it to dist).
const MARK = '// The validation runtime, bundled by scripts/bundle-root.mjs.\n';
const STUB = "export * from './index.js';\n";
if (readFileSync(join(validationDir, 'index.js'), 'utf8').startsWith(MARK)) {
  throw new Error('dist/runtime/validation is bundled already: run `npm run build` (tsc, then this script)');
}
const files = readdirSync(join(root, 'runtime/validation'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.replace(/\.ts$/, '.js'))
  .sort();
const bundled = await build({
  ...common,
  stdin: { contents: files.map((f) => `export * from './${f}';`).join('\n'), resolveDir: validationDir, sourcefile: 'validation-runtime.js' },
  write: false,
});
writeFileSync(join(validationDir, 'index.js'), MARK + bundled.outputFiles[0].text);
for (const f of files) if (f !== 'index.js') writeFileSync(join(validationDir, f), STUB);

// 2. The package root.
const validationExternal = {
  name: 'validation-runtime-external',
  setup(b) {
    b.onResolve({ filter: /\/validation\// }, () => ({ path: './validation/index.js', external: true }));
  },
};
const privateImports = {
  name: 'private-imports-external',
  setup(b) {
    b.onResolve({ filter: /^#/ }, (args) => ({ path: args.path, external: true }));
  },
};
const entry = join(outDir, 'index.js');
await build({ ...common, entryPoints: [entry], outfile: entry, allowOverwrite: true, plugins: [validationExternal, privateImports] });
