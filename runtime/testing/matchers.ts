/**
 * vitest (or jest) matchers for spec conformance:
 *
 *   import { expect } from 'vitest';
 *   import { installMatchers } from 'anyresponses/testing';
 *   await installMatchers(expect);
 *
 *   expect(body).toMatchSchema('openresponses', 'ResponseResource');
 *   expect(events).toBeValidStream('openai');
 *
 * Both are strict by default (a test assertion should be exact); pass
 * `{ mode: 'tolerant' }` to accept the deviations real providers make.
 * A failure prints every problem with its JSON pointer.
 *
 * Nothing here names vitest, so `anyresponses/testing` type-checks in a
 * project without it; the matchers' types for vitest's `expect` are in
 * `anyresponses/testing/vitest` (vitest.ts).
 */
import type { Issue, Mode } from '../validation/index.js';
import { getSpec, loadSpec } from '../validation/registry.js';
import { validateStream } from '../validation/stream.js';

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

const list = (issues: Array<Issue & { index?: number }>) =>
  issues.map((i) => `  ${i.index !== undefined ? `event ${i.index} ` : ''}${i.pointer || '/'}: ${i.message}`).join('\n');

export const matchers = {
  toMatchSchema(received: unknown, spec: string, schema: string, options: { mode?: Mode } = {}): MatcherResult {
    const r = getSpec(spec).validate(schema, received, { mode: options.mode ?? 'strict' });
    return {
      pass: r.ok,
      message: () => (r.ok ? `expected the value not to match ${spec} ${schema}, but it does` : `expected the value to match ${spec} ${schema}:\n${list(r.errors)}`),
    };
  },
  toBeValidStream(received: Iterable<unknown>, spec: string, options: { mode?: Mode; eventSchema?: string } = {}): MatcherResult {
    const r = validateStream(getSpec(spec), received, { mode: options.mode ?? 'strict', eventSchema: options.eventSchema });
    return {
      pass: r.ok,
      message: () => (r.ok ? `expected the events not to form a valid ${spec} stream, but they do` : `expected a valid ${spec} stream:\n${list(r.errors)}`),
    };
  },
};

/** Loads both specs' validators and registers the matchers with `expect.extend`. */
export async function installMatchers(expect: { extend(m: Record<string, unknown>): void }, specs: string[] = ['openresponses', 'openai']): Promise<void> {
  await Promise.all(specs.map((s) => loadSpec(s)));
  expect.extend(matchers);
}

/** The matchers as `expect(value)` has them (`R`: what an assertion returns); `anyresponses/testing/vitest` adds them to vitest's types. */
export interface SchemaMatchers<R = unknown> {
  toMatchSchema(spec: 'openai' | 'openresponses', schema: string, options?: { mode?: Mode }): R;
  toBeValidStream(spec: 'openai' | 'openresponses', options?: { mode?: Mode; eventSchema?: string }): R;
}
