/**
 * The bundles keep every exported class's and function's `.name`: error
 * class names are API (`this.name` is `new.target.name`), and a bundler
 * renames a declaration that collides with another module's (or minifies
 * it without `keepNames`). Each shipped entry's exports are held to the
 * same exports of the unbundled tsc output (dist/tsc/), name for name.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const load = (path: string) => import(pathToFileURL(join(repoRoot, path)).href) as Promise<Record<string, unknown>>;

/** `export name: .name` for every exported class or function. */
function names(module: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(module).filter(([, v]) => typeof v === 'function').map(([k, v]) => [k, (v as { name: string }).name]));
}

describe('exported classes and functions keep their names in the bundles', () => {
  it.each([
    ['the root', { bundle: 'dist/runtime/index.js', source: 'dist/tsc/runtime/index.js' }],
    ['the validation runtime', { bundle: 'dist/runtime/validation/index.js', source: 'dist/tsc/runtime/validation/index.js' }],
    ['anyresponses/testing', { bundle: 'dist/runtime/testing/index.js', source: 'dist/tsc/runtime/testing/index.js' }],
    ['the CLI', { bundle: 'dist/runtime/cli/main.js', source: 'dist/tsc/runtime/cli/main.js' }],
  ])('%s', async (_name, { bundle, source }) => {
    const shipped = names(await load(bundle));
    const unbundled = names(await load(source));
    expect(Object.keys(unbundled).length).toBeGreaterThan(0);
    // The validation bundle holds every validation file's exports, a superset of its index's.
    for (const [k, name] of Object.entries(unbundled)) expect([k, shipped[k]]).toEqual([k, name]);
  });

  it('an error thrown by the root names its class', async () => {
    const root = await load('dist/runtime/index.js');
    const Err = root.InvalidArgumentError as new (m: string) => Error;
    expect(new Err('x').name).toBe('InvalidArgumentError');
  });
});
