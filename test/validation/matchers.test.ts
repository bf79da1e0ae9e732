/** The vitest matchers from anyresponses/testing, used the way a user would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// Through the package, as a user imports it (generated code binds to the built runtime).
import { installMatchers } from 'anyresponses/testing';
// The matchers' types on vitest's expect (it installs them too; the setup line of docs/validation.md).
import 'anyresponses/testing/vitest';
import { hasShared, recordedDir } from '../support/shared.js';

beforeAll(async () => {
  if (hasShared()) await installMatchers(expect);
});

describe('toMatchSchema / toBeValidStream', () => {
  it('pass on conforming values and fail with pointer errors otherwise', () => {
    if (!hasShared()) return;
    const body = JSON.parse(readFileSync(join(recordedDir, 'lmstudio/lmstudio-tool-call.1.json'), 'utf8'));
    expect(body).toMatchSchema('openresponses', 'ResponseResource');
    expect({ ...body, id: 5 }).not.toMatchSchema('openresponses', 'ResponseResource');
    let message = '';
    try {
      expect({ ...body, id: 5, output: 'none' }).toMatchSchema('openresponses', 'ResponseResource');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('expected the value to match openresponses ResponseResource:');
    expect(message).toContain('/id: expected string, found number 5');
    expect(message).toContain('/output: expected array, found string "none"');
  });

  it('streams: strict by default, tolerant on request', () => {
    if (!hasShared()) return;
    const events = readFileSync(join(recordedDir, 'openai/openai-image-generation-tool.1.chunks.txt'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(events).not.toBeValidStream('openai');
    expect(events).toBeValidStream('openai', { mode: 'tolerant' });
    // Out of order is broken even for tolerant checking.
    expect([...events].reverse()).not.toBeValidStream('openai', { mode: 'tolerant' });
    expect(() => expect([]).toBeValidStream('gemini' as 'openai')).toThrow(/unknown spec 'gemini'; known: openai, openresponses/);
  });
});
