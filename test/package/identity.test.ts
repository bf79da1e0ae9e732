/**
 * The package root is bundled into one module (scripts/bundle-root.mjs), and
 * the Node-only entries into chunks of their own; the classes must still be
 * the ones every other entry point throws, so a user's `instanceof` works
 * whichever module raised the error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { responses, SpecValidationError, UnsupportedParameterError } from 'anyresponses';
import { assertResponseResource } from 'anyresponses/openresponses';
import { groq } from 'anyresponses/providers/groq';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

/** The .js files under `dir`, relative, with `/`. */
function listJs(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base)).flatMap((f) => {
    const rel = base ? `${base}/${f}` : f;
    return statSync(join(dir, rel)).isDirectory() ? listJs(dir, rel) : rel.endsWith('.js') ? [rel] : [];
  });
}

describe('one class per error, across entry points', () => {
  it('the root imports only the validation runtime of its own files', () => {
    const code = readFileSync(join(repoRoot, 'dist/runtime/index.js'), 'utf8');
    const relative = [...code.matchAll(/\b(?:from|import)\s*"(\.[^"]+)"/g)].map((m) => m[1]);
    expect(relative.length).toBeGreaterThan(0);
    for (const path of relative) expect(path).toBe('./validation/index.js');
  });

  it('one module defines SpecValidationError: the validation runtime, which every other bundle imports', () => {
    const shipped = listJs(join(repoRoot, 'dist/runtime'));
    expect(shipped.length).toBeGreaterThan(3);
    const defining = shipped.filter((f) => /\bclass\s+SpecValidationError\d*\b|\bSpecValidationError\d*\s*=\s*class\b/.test(readFileSync(join(repoRoot, 'dist/runtime', f), 'utf8')));
    expect(defining).toEqual(['validation/index.js']);
  });

  it('SpecValidationError from the generated validators and from the client is the root export', async () => {
    let thrown: unknown;
    try {
      assertResponseResource({ id: 5 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SpecValidationError);
    const fromClient = await responses('openresponses:m', 'hi', { apiBase: 'http://127.0.0.1:9', temperature: 'hot' } as never).catch((e) => e);
    expect(fromClient).toBeInstanceOf(SpecValidationError);
  });

  it('errors from a generated provider module are the root classes', async () => {
    const err = await groq({ apiKey: 'k', apiBase: 'http://127.0.0.1:9' }).create('m', 'hi', { max_tool_calls: 2 } as never).catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedParameterError);
  });
});
