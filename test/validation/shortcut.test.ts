/**
 * The tolerant shortcut (skipping the tolerant check when every strict
 * finding is warning-only) never changes a verdict: compared with running
 * the tolerant interpreter every time, on samples with targeted mutations.
 */
import { describe, expect, it } from 'vitest';
import { buildIR } from '../../generator/pipeline.js';
import { loadSpecs } from '../support/conformance.js';
import { sample, SKIP } from '../support/sampler.js';
import { hasShared } from '../support/shared.js';
import { referenceMinimum } from '../support/issues-reference.js';
import { TOLERANT_MINIMUM } from '../../runtime/validation/tolerant-minimum.js';

describe('tolerant shortcut', () => {
  it.each(['openresponses', 'openai'] as const)('%s: same verdicts as a full tolerant check', async (pin) => {
    if (!hasShared()) return;
    const spec = (await loadSpecs())[pin] as unknown as { validate: (n: string, v: unknown, o?: object) => { ok: boolean } };
    const { Interpreter } = await import('../../runtime/validation/interpret.js');
    const { prepareDefs } = await import('../../generator/emit/ajv/prepare.js');
    const ir = await buildIR(pin);
    const interp = new Interpreter(JSON.parse(JSON.stringify(prepareDefs(ir.schemas, 'tolerant'))));
    let compared = 0;
    for (const name of Object.keys(ir.schemas)) {
      const s = sample(ir.schemas[name], ir.schemas);
      if (s === SKIP || !s || typeof s !== 'object' || Array.isArray(s)) continue;
      const values: unknown[] = [];
      for (const k of Object.keys(s)) values.push({ ...s, [k]: 5 }, { ...s, [k]: 'zz' }, { ...s, [k]: null }, { ...s, [k]: [] }, { ...s, [k]: {} }, { ...s, [k]: true });
      for (const v of values) {
        const strictOk = spec.validate(name, v, { mode: 'strict' }).ok;
        // The tolerant check, and what tolerant mode still requires of a root (TOLERANT_MINIMUM).
        const full = strictOk || (interp.validator(name)(v) && referenceMinimum(TOLERANT_MINIMUM[pin][name]?.require ?? [], v).length === 0);
        expect(spec.validate(name, v).ok, `${name} ${JSON.stringify(v).slice(0, 200)}`).toBe(full);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  }, 120_000);
});
