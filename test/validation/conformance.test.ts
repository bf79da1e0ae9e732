/**
 * Conformance against real traffic: every recording in
 * ../shared/fixtures/recorded through the generated validators (OpenAI spec
 * for openai and xai, OpenResponses for lmstudio).
 *
 * Tolerant mode accepts every success body, error body and stream, with the
 * deviations as warnings. Strict mode lists every deviation; each must be
 * explained in test/fixtures/strict-deviations.json (spec bug, spec gap or
 * provider quirk), and every explanation must still be needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance, shapes } from '../support/conformance.js';
import { hasShared, recordings, repoRoot } from '../support/shared.js';

describe('conformance against recorded provider traffic', () => {
  it('tolerant mode accepts every recording, reporting deviations as warnings', async () => {
    if (!hasShared()) return;
    const outcomes = await runConformance('tolerant');
    expect(outcomes).toHaveLength(recordings().length);
    const rejected = outcomes.filter((o) => !o.ok).map((o) => ({ file: o.recording.name, errors: o.errors.slice(0, 5) }));
    expect(rejected).toEqual([]);
    expect(outcomes.some((o) => o.warnings.length > 0)).toBe(true);
  });

  it('strict mode finds exactly the explained deviations', async () => {
    if (!hasShared()) return;
    const found = shapes(await runConformance('strict'), 'errors');
    const explained = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/strict-deviations.json'), 'utf8')) as Array<{ recording: string; pointer: string; keyword: string; why: string }>;
    expect(explained.every((e) => e.why.length > 20)).toBe(true);
    const keys = explained.map((e) => `${e.recording}\t${e.pointer}\t${e.keyword}`).sort();
    expect(found.filter((f) => !keys.includes(f)), 'unexplained strict deviations').toEqual([]);
    expect(keys.filter((k) => !found.includes(k)), 'explanations no longer needed').toEqual([]);
  });

  it('the tolerant warnings are the strict deviations (nothing is lost between modes)', async () => {
    if (!hasShared()) return;
    const strict = shapes(await runConformance('strict'), 'errors');
    const tolerant = shapes(await runConformance('tolerant'), 'warnings');
    expect(tolerant).toEqual(strict);
  });
});
