#!/usr/bin/env node
/**
 * After `tsc`: makes dist/runtime/index.js (the package root) one module.
 * Node 20 pays for every ES module it resolves and links, and the root's
 * ~20 small modules cost more than their code; bundled, `import
 * 'anyresponses'` is about twice as fast (see bench/RESULTS.md, cold import).
 *
 * Class identity: the validation runtime (dist/runtime/validation/*) stays a
 * separate module, imported by the bundle and by the generated validators
 * alike, so `SpecValidationError` is one class everywhere. Nothing else
 * imports the root's internal modules at run time: generated provider
 * modules import the root itself. Packages (`anyresponses/*`, loaded lazily
 * by the client) stay imports.
 */
import { build } from 'esbuild';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist/runtime');
const entry = join(outDir, 'index.js');

const keepSeparate = {
  name: 'keep-validation-separate',
  setup(b) {
    b.onResolve({ filter: /\/validation\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      return { path: `./${relative(outDir, target).split(sep).join('/')}`, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [keepSeparate],
  legalComments: 'none',
  logLevel: 'warning',
});
