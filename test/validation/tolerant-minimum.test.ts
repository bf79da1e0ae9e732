/**
 * What tolerant mode still requires of each root (TOLERANT_MINIMUM): missing
 * or null there is an error, not a warning; every entry asks only what the
 * strict schema requires; no recorded body or event becomes an error; the
 * table in docs/validation.md is the one the script renders from the object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specs, type Flavor } from '../support/flavor-specs.js';
import { TOLERANT_MINIMUM } from 'anyresponses';
import { bodySchema, isErrorBody, readEvents } from '../support/conformance.js';
import { flavorOf, hasShared, recordings, repoRoot } from '../support/shared.js';

type Row = [string, { given: { flavor: Flavor; schema: string; value: unknown }; want: { ok: boolean; errors: string[] } }];

describe('TOLERANT_MINIMUM', () => {
  it.each<Row>([
    ['an empty OpenAI response', { given: { flavor: 'openai', schema: 'Response', value: {} }, want: { ok: false, errors: ['/id', '/output'] } }],
    ['an OpenAI response with its id and output (the rest warned about)', { given: { flavor: 'openai', schema: 'Response', value: { id: 'resp_1', output: [] } }, want: { ok: true, errors: [] } }],
    ['an OpenAI response whose id is null', { given: { flavor: 'openai', schema: 'Response', value: { id: null, output: [] } }, want: { ok: false, errors: ['/id'] } }],
    ['an empty OpenResponses response', { given: { flavor: 'openresponses', schema: 'ResponseResource', value: {} }, want: { ok: false, errors: ['/id', '/status', '/output'] } }],
    ['an OpenResponses response without its status', { given: { flavor: 'openresponses', schema: 'ResponseResource', value: { id: 'r', output: [] } }, want: { ok: false, errors: ['/status'] } }],
    ['an OpenResponses response with all three', { given: { flavor: 'openresponses', schema: 'ResponseResource', value: { id: 'r', status: 'completed', output: [] } }, want: { ok: true, errors: [] } }],
    ['an event without a type (openai)', { given: { flavor: 'openai', schema: 'ResponseStreamEvent', value: { sequence_number: 1 } }, want: { ok: false, errors: ['/type'] } }],
    ['an event without a type (openresponses)', { given: { flavor: 'openresponses', schema: 'ResponseStreamEvent', value: {} }, want: { ok: false, errors: ['/type'] } }],
    ['an event with a type and nothing else', { given: { flavor: 'openai', schema: 'ResponseStreamEvent', value: { type: 'response.output_text.delta' } }, want: { ok: true, errors: [] } }],
    ['a wrong-typed value beside a missing minimum: both errors', { given: { flavor: 'openai', schema: 'Response', value: { output: 5 } }, want: { ok: false, errors: ['/id', '/output'] } }],
    ['an empty request (nothing required)', { given: { flavor: 'openai', schema: 'CreateResponse', value: {} }, want: { ok: true, errors: [] } }],
    ['an empty OpenResponses request', { given: { flavor: 'openresponses', schema: 'CreateResponseBody', value: {} }, want: { ok: true, errors: [] } }],
    ['a root not listed: an output item', { given: { flavor: 'openai', schema: 'ItemField', value: { type: 'message' } }, want: { ok: true, errors: [] } }],
  ])('%s', (_name, { given, want }) => {
    const r = specs[given.flavor].validate(given.schema, given.value, { mode: 'tolerant' });
    expect(r.ok).toBe(want.ok);
    expect(r.ok ? [] : r.errors.map((e) => e.pointer)).toEqual(want.errors);
    // What is an error is not a warning too.
    for (const p of want.errors) expect(r.warnings.map((w) => w.pointer)).not.toContain(p);
  });

  it('asks of each root only what its strict schema requires', () => {
    let checked = 0;
    for (const [flavor, roots] of Object.entries(TOLERANT_MINIMUM)) {
      for (const [schema, { require }] of Object.entries(roots)) {
        const spec = specs[flavor as Flavor];
        expect(spec.schemaNames, `${flavor} has ${schema}`).toContain(schema);
        const strict = spec.validate(schema, {}, { mode: 'strict' });
        const required = strict.ok ? [] : strict.errors.filter((e) => e.keyword === 'required').map((e) => e.pointer);
        for (const p of require) expect(required, `${flavor} ${schema} requires ${p} strictly`).toContain(`/${p}`);
        checked += require.length;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('no recorded body or event is an error in tolerant mode', () => {
    if (!hasShared()) return;
    let bodies = 0;
    let events = 0;
    for (const rec of recordings()) {
      const flavor = flavorOf(rec.provider);
      const spec = specs[flavor];
      const values = rec.kind === 'chunks' ? readEvents(rec.file) : [JSON.parse(readFileSync(rec.file, 'utf8'))];
      values.forEach((value, i) => {
        const r = rec.kind === 'chunks' ? spec.validate('ResponseStreamEvent', value) : isErrorBody(value) ? spec.validateError(value) : spec.validate(bodySchema[flavor], value);
        expect(r.ok ? [] : r.errors, `${rec.provider}/${rec.name}${rec.kind === 'chunks' ? ` event ${i + 1}` : ''}`).toEqual([]);
        // A response inside an event meets its root's minimum too.
        const inner = (value as { response?: unknown }).response;
        if (rec.kind === 'chunks' && inner && typeof inner === 'object') {
          const n = spec.validate(bodySchema[flavor], inner);
          expect(n.ok ? [] : n.errors, `${rec.provider}/${rec.name} event ${i + 1} /response`).toEqual([]);
        }
        if (rec.kind === 'chunks') events++;
        else bodies++;
      });
    }
    expect(bodies).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(1000);
  });

  it("docs/validation.md's table is what scripts/tolerant-minimum-doc.mjs renders from the object", async () => {
    const { render, docPath } = (await import(join(repoRoot, 'scripts', 'tolerant-minimum-doc.mjs'))) as { render(): Promise<string>; docPath: string };
    expect(readFileSync(docPath, 'utf8')).toBe(await render());
  });
});
