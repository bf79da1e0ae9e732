/**
 * What a package.json promises, checked against the files beside it: `main`,
 * `types`, every `bin`, every `exports` and `imports` target (a `*` pattern must match at
 * least one file, and each subpath it matches must have both its types and
 * its code, unless a `null` entry excludes it) and every `typesVersions`
 * target. Used by `prepack` (on this repository) and by the tests (on the
 * installed tarball). Returns one sentence per problem; none is good.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Files under `dir` (relative, with `/`), recursively. */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [posix.relative(base.split('\\').join('/'), full.split('\\').join('/'))];
  });
}

/** The `*` values for which `pattern` (one `*`, like `./generated/providers/*.d.ts`) names an existing file. */
function starValues(dir, pattern) {
  const [before, after] = pattern.replace(/^\.\//, '').split('*');
  const folder = posix.dirname(before + 'x');
  return listFiles(join(dir, folder))
    .map((f) => posix.join(folder, f))
    .filter((f) => f.startsWith(before) && f.endsWith(after) && f.length >= before.length + after.length)
    .map((f) => f.slice(before.length, f.length - after.length));
}

/** Every string target in an exports value, with the condition path that leads to it. */
function targets(value, path = []) {
  if (typeof value === 'string') return [{ conditions: path, target: value }];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => targets(v, [...path, k]));
  return [];
}

export function checkPackage(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const problems = [];
  const exists = (p) => existsSync(join(dir, p));
  for (const field of ['main', 'types']) if (pkg[field] !== undefined && !exists(pkg[field])) problems.push(`"${field}": ${pkg[field]} does not exist`);
  for (const [name, p] of Object.entries(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}))) {
    if (!exists(p)) problems.push(`bin "${name}": ${p} does not exist`);
  }
  // `exports` and the private `imports` (`#input-items/*`) are checked alike.
  for (const [field, map] of [['exports', pkg.exports ?? {}], ['imports', pkg.imports ?? {}]]) checkMap(field, map, dir, exists, problems);
  for (const [range, map] of Object.entries(pkg.typesVersions ?? {})) {
    for (const [subpath, list] of Object.entries(map)) {
      for (const target of list) {
        const ok = target.includes('*') ? starValues(dir, target).length > 0 : exists(target);
        if (!ok) problems.push(`typesVersions["${range}"]["${subpath}"]: ${target} ${target.includes('*') ? 'matches no file' : 'does not exist'}`);
      }
    }
  }
  return problems;
}

/** Every target of an `exports` or `imports` map exists (a `*` pattern must match a file, and each match must exist for every condition). */
function checkMap(field, map, dir, exists, problems) {
  const excluded = Object.entries(map).filter(([, v]) => v === null).map(([k]) => k);
  for (const [subpath, value] of Object.entries(map)) {
    if (value === null) continue;
    const all = targets(value);
    if (!subpath.includes('*')) {
      for (const { conditions, target } of all) if (!exists(target)) problems.push(`${field}["${subpath}"]${conditions.map((c) => `.${c}`).join('')}: ${target} does not exist`);
      continue;
    }
    // A pattern: every subpath that any of its targets matches must be served by all of them.
    const stars = new Set(all.flatMap(({ target }) => starValues(dir, target)));
    if (stars.size === 0) problems.push(`${field}["${subpath}"] matches no file`);
    for (const star of stars) {
      const concrete = subpath.replace('*', star);
      if (excluded.includes(concrete)) continue;
      for (const { conditions, target } of all) {
        const file = target.replace('*', star);
        if (!exists(file)) problems.push(`${field}["${subpath}"]${conditions.map((c) => `.${c}`).join('')} for "${concrete}": ${file} does not exist`);
      }
    }
  }
}

/** The relative specifiers a module imports (static, re-export, side-effect and dynamic imports with a literal), comments aside. */
export function relativeImports(code) {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
}

/**
 * Every .js file a package ships must be code some entry runs: an entry
 * (`main`, `bin`, an `exports` or `imports` target, patterns expanded) or a
 * module one of them imports by relative path, transitively (the bundles'
 * chunks, the generated modules). A file nothing reaches is a leftover (an
 * unbundled module a bundle already holds): one sentence each; none is good.
 */
export function unreachableCode(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entries = new Set();
  const add = (target) => {
    if (typeof target !== 'string' || !target.endsWith('.js')) return;
    if (!target.includes('*')) entries.add(posix.normalize(target.replace(/^\.\//, '')));
    else for (const star of starValues(dir, target)) entries.add(posix.normalize(target.replace(/^\.\//, '').replace('*', star)));
  };
  add(pkg.main);
  for (const p of Object.values(typeof pkg.bin === 'string' ? { bin: pkg.bin } : (pkg.bin ?? {}))) add(p);
  for (const map of [pkg.exports ?? {}, pkg.imports ?? {}]) for (const value of Object.values(map)) for (const { target } of targets(value)) add(target);
  const reached = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop();
    if (reached.has(file) || !existsSync(join(dir, file))) continue;
    reached.add(file);
    for (const spec of relativeImports(readFileSync(join(dir, file), 'utf8'))) queue.push(posix.normalize(posix.join(posix.dirname(file), spec)));
  }
  return listFiles(dir)
    .filter((f) => f.endsWith('.js') && !f.startsWith('node_modules/') && !reached.has(f))
    .sort()
    .map((f) => `${f} ships, and no entry point imports it`);
}
