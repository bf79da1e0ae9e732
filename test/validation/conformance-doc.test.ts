/**
 * docs/conformance.md is what scripts/conformance-doc.mjs writes from the
 * recordings and the stream rules: it fails when either changed without the
 * document (run `node scripts/conformance-doc.mjs`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared } from '../support/shared.js';

describe('docs/conformance.md', () => {
  it('is what the script produces', async () => {
    if (!hasShared()) return;
    const { render, docPath } = (await import('../../scripts/conformance-doc.mjs')) as { render(): Promise<string>; docPath: string };
    const want = await render();
    expect(readFileSync(docPath, 'utf8'), 'docs/conformance.md is stale: run node scripts/conformance-doc.mjs').toBe(want);
    expect(want).toContain('| openai | openai-phase.1.chunks.txt | openai |');
  });
});
