/**
 * `anyresponses/testing/vitest`: the matchers installed in vitest's `expect`
 * and typed on it, in one line of a setup file (vitest's `setupFiles`) or of
 * any test file the project type-checks:
 *
 *   import 'anyresponses/testing/vitest';
 *
 * Its declaration file imports vitest itself, so the augmentation below
 * finds vitest's `Assertion` whichever file of a project is read first.
 * `anyresponses/testing` never names vitest: a project without vitest
 * imports it (and jest users call `installMatchers(expect)`) as before.
 */
// The bare import stays in the declaration file (where the named one is dropped): the augmentation needs it.
import 'vitest';
import { expect } from 'vitest';
import { installMatchers, type SchemaMatchers } from './matchers.js';

await installMatchers(expect);

declare module 'vitest' {
  interface Assertion<T = any> extends SchemaMatchers<T> {}
  interface AsymmetricMatchersContaining extends SchemaMatchers {}
}
