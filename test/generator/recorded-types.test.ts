/**
 * Real payloads against the generated types: every `.json` success body and
 * every stream event line in ../shared/fixtures/recorded is written out as a
 * `.ts` file with `satisfies <Type>` and type-checked by tsc in one program.
 * OpenAI types for `openai` and `xai`, OpenResponses types for `lmstudio`.
 *
 * Where a real payload does not fit, the misfit is reported as recording +
 * JSON pointer + the compiler's message. The expected misfits are listed,
 * each with its explanation, in test/fixtures/recorded-type-misfits.json:
 * the test fails when a misfit appears that is not explained there, or when
 * an explained one no longer happens.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeCheck, type Misfit } from '../support/recorded-types.js';
import { hasShared, recordings, repoRoot } from '../support/shared.js';

describe('recorded provider payloads type-check against the generated types', () => {
  it('every success body and stream event fits, except the explained misfits', () => {
    if (!hasShared()) return;
    expect(existsSync(join(repoRoot, 'generated/openai/types.d.ts')), 'generated/ is missing: run `npm run generate` first').toBe(true);
    const { misfits, checked } = typeCheck();
    expect(checked).toBe(recordings().length);
    const explained = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/recorded-type-misfits.json'), 'utf8')) as Array<Misfit & { why: string }>;
    // One entry per recording file and pointer shape: a stream repeats a misfit on many lines,
    // and array indexes are folded to `*`. Explanations may use `*` in the recording name.
    const shape = (m: Misfit) => ({ recording: m.recording.replace(/ line \d+$/, ''), pointer: m.pointer.replace(/\/\d+(?=\/|$)/g, '/*') });
    const glob = (pattern: string) => new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
    const explains = (e: Misfit, m: Misfit) => e.pointer === shape(m).pointer && glob(e.recording).test(shape(m).recording);
    const unexplained = [...new Map(misfits.filter((m) => !explained.some((e) => explains(e, m))).map((m) => [JSON.stringify(shape(m)), { ...shape(m), example: m }])).values()];
    expect(unexplained, 'misfits with no explanation in test/fixtures/recorded-type-misfits.json').toEqual([]);
    const stale = explained.filter((e) => !misfits.some((m) => explains(e, m)));
    expect(stale, 'explained misfits that no longer happen').toEqual([]);
  }, 240_000);
});
