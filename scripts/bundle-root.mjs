#!/usr/bin/env node
/**
 * After `tsc` (which writes to the staging folder dist/tsc/, never shipped):
 * writes dist/runtime/, what the package ships of the runtime, as a few
 * bundles and the declarations its public entries reach. Rerunnable: it
 * reads only dist/tsc/ and rewrites dist/runtime/ whole.
 *
 * 1. The validation runtime, dist/runtime/validation/index.js
 *    (`anyresponses/validation`), is one module holding every validation
 *    file's exports. Generated validators import it alone, and every other
 *    bundle imports it rather than copying it, so `SpecValidationError` (and
 *    every class it holds) is one class everywhere
 *    (test/package/identity.test.ts).
 * 2. The package root, dist/runtime/index.js, is one module importing only
 *    the validation runtime: Node pays for every module it resolves and
 *    links, and a few small modules cost more than their code
 *    (bench/RESULTS.md, cold import; splitting the root into shared chunks,
 *    six modules on its path, cost 9% more instructions there).
 * 3. The Node-only entries, `anyresponses/testing` (testing/index.js),
 *    `anyresponses/testing/vitest` (testing/vitest.js) and the CLI
 *    (cli/main.js, which the executable cli/bin.js runs), are one esbuild
 *    build with code splitting: code two of them share is one chunk under
 *    chunks/, never a copy, and each CLI command is a chunk loaded when run.
 *    They take the root's classes from `anyresponses` itself; the root's
 *    other modules they use (the SSE decoder, the accumulator, the bridge)
 *    are copies of the root bundle's code, about 36 KB minified: the price
 *    of a one-module root (one build splitting all five entries shipped
 *    that much less).
 * Everywhere, packages (`anyresponses/*`, loaded lazily by the client;
 * `vitest`; Node's built-ins) and the package's private imports
 * (`#input-items/*`: the generated input item tables, which do not exist yet
 * when this runs before `generate`) stay imports, and no source map is
 * written. Error class names are API (`this.name` is `new.target.name`), so
 * names must survive minifying. 3 is minified whole, with esbuild's
 * `keepNames`. 1 and 2, which every user loads (and bundles), are minified by
 * esbuild in whitespace and syntax, then terser renames their locals
 * (`BUNDLE.mangle`: functions, classes and variables holding them keep their
 * names, with no helper call; 37 KB less). esbuild's own renaming was not
 * used there: `keepNames` (its `__name` call for every
 * function) cost their cold import 10% in instructions, and without it
 * minified names would reach every user's bundle, where nothing can restore
 * them. A name esbuild changes for a collision is restored (`restoreNames`).
 * test/package/names.test.ts holds every exported class and function of the
 * shipped entries to its name.
 * 4. Declarations: the .d.ts files the public entries reach by relative
 *    imports, copied from dist/tsc/ with their JSDoc, less each non-entry
 *    module's overview comment; no others.
 */
import { build } from 'esbuild';
import { minify } from 'terser';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relativeImports } from './package-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staged = join(root, 'dist/tsc/runtime');
const outDir = join(root, 'dist/runtime');

/** Every choice of this build, in one place. */
export const BUNDLE = Object.freeze({
  /** One module each, relative to dist/runtime (without `.js`). */
  validation: 'validation/index',
  root: 'index',
  /** The Node-only entries, built together with code splitting. */
  split: ['testing/index', 'testing/vitest', 'cli/main'],
  /** Copied as tsc wrote it: the CLI's executable, a few lines importing cli/main.js. */
  copied: ['cli/bin.js'],
  /** Entries whose declarations ship (with everything they import). */
  declarations: ['index.d.ts', 'validation/index.d.ts', 'testing/index.d.ts', 'testing/vitest.d.ts'],
  chunkNames: 'chunks/[name]-[hash]',
  esbuild: Object.freeze({ bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', legalComments: 'none', logLevel: 'warning', charset: 'utf8', sourcemap: false }),
  /** What every user loads (1 and 2), then `mangle` below. */
  hot: Object.freeze({ minifyWhitespace: true, minifySyntax: true }),
  /** Terser's renaming of 1 and 2: locals only; a function's or class's name (and a variable holding one) is kept, as are pure annotations. */
  mangle: Object.freeze({ module: true, compress: false, mangle: { keep_fnames: true, keep_classnames: true }, format: { preserve_annotations: true, comments: false } }),
  /** The Node-only entries (3). */
  nodeOnly: Object.freeze({ minify: true, keepNames: true }),
});

/** The placeholder the validation runtime's imports are written as, then replaced by a path relative to each output file. */
const VALIDATION_TOKEN = '@anyresponses/validation-runtime@';

if (!existsSync(join(staged, 'index.js'))) throw new Error('dist/tsc/runtime/index.js is missing: run `npm run build` (tsc into dist/tsc, then this script)');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// The package's own specifiers stay imports too: esbuild would otherwise follow tsconfig.json's `paths`
// (`anyresponses` is runtime/index.ts there, for type-checking) and bundle a second copy of the root.
const privateImports = {
  name: 'private-imports-external',
  setup(b) {
    b.onResolve({ filter: /^(#|anyresponses(\/|$))/ }, (args) => ({ path: args.path, external: true }));
  },
};

// 1. The validation runtime: one module holding every validation file's exports (the other bundles import
//    names that only the file defining them exports, like `AnyResponsesError`; its public entry types fewer).
const validationFiles = readdirSync(join(root, 'runtime/validation'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.replace(/\.ts$/, '.js'))
  .sort();
const validation = await build({
  ...BUNDLE.esbuild,
  ...BUNDLE.hot,
  stdin: { contents: validationFiles.map((f) => `export * from './${f}';`).join('\n'), resolveDir: join(staged, 'validation'), sourcefile: 'validation-runtime.js' },
  outfile: join(outDir, `${BUNDLE.validation}.js`),
  write: false,
  plugins: [privateImports],
});
mkdirSync(join(outDir, 'validation'), { recursive: true });
writeFileSync(join(outDir, `${BUNDLE.validation}.js`), await mangled(restoreNames(validation.outputFiles[0].text)));

// 2 and 3. An import of any validation file becomes the validation module, by a path relative to the importing output.
const validationExternal = {
  name: 'validation-runtime-external',
  setup(b) {
    b.onResolve({ filter: /\/validation\/[^/]+\.js$/ }, (args) => {
      if (!join(args.resolveDir, args.path).startsWith(join(staged, 'validation'))) return undefined;
      return { path: VALIDATION_TOKEN, external: true };
    });
  },
};
/**
 * Without `keepNames`, esbuild renames a declaration whose name another module
 * of the bundle declares too (`connect` becomes `connect2`), and with it the
 * function's or class's `.name`. The export statement says which were renamed:
 * each gets its own name back, in a statement at the end of the module. The
 * statement is marked pure, so a user's bundler drops it rather than keep
 * what it names (a statement naming a function would keep that function, and
 * all it reaches, in every bundle importing the module).
 */
function restoreNames(code) {
  const exported = [...code.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(','));
  const fixes = exported
    .map((e) => /^\s*([\w$]+)\s+as\s+([\w$]+)\s*$/.exec(e))
    .filter((m) => m && m[1] !== m[2] && new RegExp(`^${m[2].replace(/\$/g, '\\$')}\\d+$`).test(m[1]))
    .filter((m) => {
      const name = m[1].replace(/\$/g, '\\$');
      return new RegExp(`(?:function\\*?|class)\\s+${name}\\b|(?<![\\w$.])${name}\\s*=\\s*(?:class|function)\\b`).test(code);
    })
    .map((m) => `/* @__PURE__ */ Object.defineProperty(${m[1]},"name",{value:${JSON.stringify(m[2])}});`);
  return fixes.length === 0 ? code : `${code}${fixes.join('')}\n`;
}

/** A hot bundle with its local names shortened (BUNDLE.mangle); every name a caller or a stack trace sees stays. */
async function mangled(code) {
  // esbuild writes a class as `var X = class ...`, whose name terser's `keep_classnames` does not keep:
  // such names are reserved. (Read from the text: a match inside a string only reserves one name more.)
  const classes = [...code.matchAll(/(?:^|[\s,;{(])([\w$]+)\s*=\s*class\b/g)].map((m) => m[1]);
  const out = await minify(code, { ...BUNDLE.mangle, mangle: { ...BUNDLE.mangle.mangle, reserved: [...new Set(classes)] } });
  if (typeof out.code !== 'string') throw new Error('terser returned no code');
  return out.code + '\n';
}

async function bundle(entries, options) {
  const result = await build({
    ...BUNDLE.esbuild,
    ...options,
    entryPoints: Object.fromEntries(entries.map((e) => [e, join(staged, `${e}.js`)])),
    outdir: outDir,
    write: false,
    plugins: [validationExternal, privateImports],
  });
  for (const file of result.outputFiles) {
    const toValidation = posix.relative(posix.dirname(relative(outDir, file.path).split('\\').join('/')), `${BUNDLE.validation}.js`);
    const spec = JSON.stringify(toValidation.startsWith('.') ? toValidation : `./${toValidation}`);
    mkdirSync(dirname(file.path), { recursive: true });
    const code = file.text.replaceAll(JSON.stringify(VALIDATION_TOKEN), spec);
    writeFileSync(file.path, options.keepNames ? code : await mangled(restoreNames(code)));
  }
}
await bundle([BUNDLE.root], BUNDLE.hot);
await bundle(BUNDLE.split, { ...BUNDLE.nodeOnly, splitting: true, chunkNames: BUNDLE.chunkNames });
for (const f of BUNDLE.copied) copyFileSync(join(staged, f), join(outDir, f));

// 4. Declarations reachable from the public entries.
const seen = new Set();
const queue = [...BUNDLE.declarations];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  // (Comments, where JSDoc examples name paths too, are not imports.)
  for (const spec of relativeImports(readFileSync(join(staged, file), 'utf8'))) {
    const target = posix.normalize(posix.join(posix.dirname(file), spec.replace(/\.js$/, '.d.ts')));
    if (!existsSync(join(staged, target))) throw new Error(`${file} imports ${spec}, and dist/tsc/runtime/${target} does not exist`);
    queue.push(target);
  }
}
for (const file of seen) {
  mkdirSync(dirname(join(outDir, file)), { recursive: true });
  const text = readFileSync(join(staged, file), 'utf8');
  writeFileSync(join(outDir, file), BUNDLE.declarations.includes(file) ? text : withoutModuleComment(text, file));
}

/**
 * A module's own comment (the maintainers' overview at the top of its source, apart from its code)
 * stays in the source: in a declaration file tsc leaves it on the first declaration, where an
 * editor would show it as that declaration's documentation. The entries keep theirs.
 */
function withoutModuleComment(text, file) {
  const source = readFileSync(join(root, 'runtime', file.replace(/\.d\.ts$/, '.ts')), 'utf8');
  // The source's first comment, when a blank line or an import follows it (a declaration's own
  // comment sits right above it).
  const lead = /^\/\*\*[\s\S]*?\*\/\n(?=\n|import[\s{*'"])/.exec(source)?.[0];
  return lead !== undefined && text.startsWith(lead) ? text.slice(lead.length) : text;
}
