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
