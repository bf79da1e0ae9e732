/**
 * Linear-time issue building changes no verdict and no issue: the shipped `validate` (strict
 * and tolerant, with its shortcuts) and `toIssues` agree with the old straightforward
 * algorithm (test/support/issues-reference.ts) fed by `ajv.compile` and the tolerant
 * interpreter run every time, on every recorded body and event, sampled values with
 * mutations, and long lists of failing items (which take the indexed paths).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newAjv } from '../../generator/emit/ajv/compile.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { buildIR } from '../../generator/pipeline.js';
import { Interpreter } from '../../runtime/validation/interpret.js';
import { toIssues } from '../../runtime/validation/issues.js';
import { bodySchema, isErrorBody, loadSpecs, readEvents } from '../support/conformance.js';
import { referenceIssues, referenceMinimum, referenceWarnings } from '../support/issues-reference.js';
import { TOLERANT_MINIMUM } from '../../runtime/validation/tolerant-minimum.js';
import { sample, SKIP } from '../support/sampler.js';
import { flavorOf, hasShared, recordings } from '../support/shared.js';

type Raw = { instancePath: string; keyword: string; params: Record<string, unknown> };
type Result = { ok: boolean; errors?: unknown[]; warnings: unknown[] };

/** Values to compare for a schema: its sample, and the sample with each property replaced or dropped. */
function mutations(s: unknown): unknown[] {
  if (s === SKIP) return [];
  const out: unknown[] = [s, null, 7, 'x', [], {}];
  if (s && typeof s === 'object' && !Array.isArray(s)) {
    for (const k of Object.keys(s)) {
      const { [k]: _gone, ...rest } = s as Record<string, unknown>;
      out.push(rest, { ...s, [k]: 5 }, { ...s, [k]: 'zz' }, { ...s, [k]: null }, { ...s, [k]: [] }, { ...s, [k]: {} }, { ...s, [k]: [s, s] });
    }
    out.push({ ...s, extra: 1, 'a/b~c': 2 });
  }
  return out;
}

describe('issues: the linear algorithm and the reference agree', () => {
  it.each(['openresponses', 'openai'] as const)('%s: every verdict, issue and warning', async (pin) => {
    if (!hasShared()) return;
    const spec = (await loadSpecs())[pin] as unknown as { validate(n: string, v: unknown, o?: object): Result; validateError(v: unknown, o?: object): Result };
    const ir = await buildIR(pin);
    const ajv = newAjv();
    (ajv.opts as { code: { source?: boolean } }).code.source = false;
    ajv.addSchema({ $id: 'strict', $defs: prepareDefs(ir.schemas, 'strict') });
    const interp = new Interpreter(JSON.parse(JSON.stringify(prepareDefs(ir.schemas, 'tolerant'))));

    /** What validate() gave before: reference issues, the tolerant check always run. */
    function reference(name: string, value: unknown, mode: 'strict' | 'tolerant'): Result {
      const strict = ajv.getSchema(`strict#/$defs/${encodeURIComponent(name)}`)!;
      if (strict(value)) return { ok: true, warnings: [] };
      const found = referenceIssues(strict.errors as Raw[], value);
      if (mode === 'strict') return { ok: false, errors: found, warnings: [] };
      const tolerant = interp.validator(name);
      const result: Result = tolerant(value) ? { ok: true, warnings: found } : (() => {
        const errors = referenceIssues(tolerant.errors as Raw[], value, true);
        return { ok: false, errors, warnings: referenceWarnings(found, errors) };
      })();
      // What tolerant mode still requires of the root: errors first, said once.
      const minimum = referenceMinimum(TOLERANT_MINIMUM[pin][name]?.require ?? [], value);
      if (minimum.length === 0) return result;
      const other = (i: { pointer: string }) => !minimum.some((m) => m.pointer === i.pointer);
      return { ok: false, errors: [...minimum, ...((result.errors ?? []) as Array<{ pointer: string }>).filter(other)], warnings: (result.warnings as Array<{ pointer: string }>).filter(other) };
    }
    let compared = 0;
    const check = (name: string, value: unknown) => {
      for (const mode of ['strict', 'tolerant'] as const) {
        const got = spec.validate(name, value, { mode });
        const want = reference(name, value, mode);
        expect({ ok: got.ok, errors: got.ok ? undefined : got.errors, warnings: got.warnings }, `${pin} ${name} ${mode} ${JSON.stringify(value).slice(0, 300)}`).toEqual({
          ok: want.ok,
          errors: want.ok ? undefined : want.errors,
          warnings: want.warnings,
        });
        compared++;
      }
      // toIssues on the raw errors alone, both ways of reading them.
      const strict = ajv.getSchema(`strict#/$defs/${encodeURIComponent(name)}`)!;
      if (!strict(value)) expect(toIssues(strict.errors as Raw[], value)).toEqual(referenceIssues(strict.errors as Raw[], value));
      const tolerant = interp.validator(name);
      if (!tolerant(value)) expect(toIssues(tolerant.errors as Raw[], value, true)).toEqual(referenceIssues(tolerant.errors as Raw[], value, true));
    };

    // Every recorded body and event of this flavor.
    for (const r of recordings().filter((r) => flavorOf(r.provider) === pin)) {
      if (r.kind === 'chunks') for (const e of readEvents(r.file)) check('ResponseStreamEvent', e);
      else {
        const body = JSON.parse(readFileSync(r.file, 'utf8'));
        if (!isErrorBody(body)) check(bodySchema[pin], body);
      }
    }
    // Samples of every schema, mutated.
    for (const name of Object.keys(ir.schemas)) for (const v of mutations(sample(ir.schemas[name], ir.schemas))) check(name, v);
    // Long lists of failing items: past the scans, into the indexed paths.
    const body = sample(ir.schemas[bodySchema[pin]], ir.schemas) as Record<string, unknown>;
    const item = { type: 'message', role: 'assistant', id: 'm', status: 'completed', content: [{ type: 'output_text', text: 'x', annotations: [] }] };
    for (const n of [3, 9, 40, 100]) {
      check(bodySchema[pin], { ...body, output: Array.from({ length: n }, (_, i) => ({ ...item, id: i % 3 ? 7 : 'm', extra: i })) });
      check(bodySchema[pin], { ...body, output: Array.from({ length: n }, (_, i) => ({ ...item, type: i % 2 ? 'mystery' : 3 })) });
      check(bodySchema[pin], { ...body, output: Array.from({ length: n }, () => ({ ...item, content: [{ type: 'output_text', text: 5, annotations: [{}] }] })) });
      check(bodySchema[pin], { ...body, usage: {}, output: Array.from({ length: n }, () => 'str') });
      // Many failing unions (a union per item), with and without findings below them.
      const request = pin === 'openai' ? 'CreateResponse' : 'CreateResponseBody';
      for (const it of [{ type: 'function_call_output', call_id: 'c', output: [{}] }, { type: 'message', role: 'user', content: [{ type: 'input_text' }] }, { type: 'message', role: 'user', content: 5 }]) {
        check(request, { model: 'm', input: Array.from({ length: n }, () => it) });
      }
    }
    expect(compared).toBeGreaterThan(2000);
  }, 240_000);
});
